"""A report on a member: what the reporter wrote and the organisers' note are for organisers
alone. The reporter is told it was handled, never shown it again; the reported member never
sees it at all."""

from django.urls import reverse

from tejido.access.reports import visible_reports
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {"text": "what the reporter wrote", "note": "the organisers' note on it"}


def _build() -> KindWorld:
    from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
    from tejido.moderation.report_services import dismiss_report, report

    markers = {name: marker("report", name) for name in FIELDS}
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "reporter": UserFactory(),
        "reported": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    sent = report(
        actor=viewers["reporter"],
        kind="member",
        target_id=viewers["reported"].pk,
        reason="harassment",
        text=markers["text"],
    )
    dismiss_report(actor=viewers["organiser"], report_id=sent.pk, note=markers["note"])
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("organise_report", args=[sent.pk]),
        api=lambda relation: f"/organise/reports/{sent.pk}",
        extra={"report": sent},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    found = visible_reports(viewer).filter(pk=world.extra["report"].pk).first()
    return f"{found.text} {found.note}" if found is not None else ""


register(
    PrivacyKind(
        name="report",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "member": "a vetted member with no part in it",
            "reporter": "who sent the report",
            "reported": "whom the report is about",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={"organiser": frozenset(FIELDS)},
        build=_build,
        policy=_policy,
    )
)
