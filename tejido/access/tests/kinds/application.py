"""An application: the applicant's answers and the organisers' question are for the applicant
and the organisers; nobody else learns they exist."""

from django.urls import reverse

from tejido.access.applications import visible_applications
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {"answer": "the applicant's answer", "question": "the organisers' question to them"}


def _build() -> KindWorld:
    from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
    from tejido.membership.factories import ApplicationQuestionFactory
    from tejido.membership.services import ask_applicant, submit_application

    markers = {name: marker("application", name) for name in FIELDS}
    question = ApplicationQuestionFactory()
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "self": ApplicantFactory(),
        "other_applicant": ApplicantFactory(),
        "member": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    application = submit_application(
        actor=viewers["self"], answers={question.pk: markers["answer"]}
    )
    ask_applicant(actor=viewers["organiser"], application=application, question=markers["question"])

    def page(relation: str) -> str:
        if relation in ("self", "other_applicant"):
            return reverse("application_status")
        return reverse("organise_application", args=[application.pk])

    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=page,
        # Applicants hold no token: their own application is on their page only.
        api=lambda relation: None if relation == "self" else f"/applications/{application.pk}",
        extra={"application": application},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    application = visible_applications(viewer).filter(pk=world.extra["application"].pk).first()
    if application is None:
        return ""
    texts = [a.text for a in application.answers.all()]
    return " ".join([*texts, *(m.text for m in application.messages.all())])


register(
    PrivacyKind(
        name="application",
        relations={
            "anonymous": "not logged in",
            "self": "the applicant",
            "other_applicant": "someone else who applied",
            "member": "a vetted member",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={"self": frozenset(FIELDS), "organiser": frozenset(FIELDS)},
        build=_build,
        policy=_policy,
    )
)
