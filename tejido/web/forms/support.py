"""The forms of support circles. They check shape only; the rules live in tejido.support
(rules.py and the services)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.accounts.choices import LANGUAGE_CHOICES
from tejido.support import rules
from tejido.support.models import CircleIntake, CircleKind, CircleTheme
from tejido.support.models.circles import DEFAULT_RETENTION_DAYS


def _text(label: Any, max_length: int, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class CircleForm(forms.Form):
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=rules.NAME_MAX, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=rules.NAME_MAX, required=False)
    description_es = _text(_("Description in Spanish (optional)"), rules.DESCRIPTION_MAX)
    description_en = _text(_("Description in English (optional)"), rules.DESCRIPTION_MAX)
    theme = forms.ChoiceField(label=_("Theme"), choices=CircleTheme.choices)
    kind = forms.ChoiceField(
        label=_("Peer support or group therapy"),
        choices=CircleKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Group therapy is run by a verified professional."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    size_limit = forms.IntegerField(
        label=_("Places"), min_value=rules.MIN_PLACES, max_value=rules.MAX_PLACES
    )
    is_listed = forms.BooleanField(
        label=_("Listed for every vetted member"),
        required=False,
        help_text=_(
            "When this is off, only its facilitators, its members and the organisers know the "
            "circle exists."
        ),
    )
    show_names_to_members = forms.BooleanField(
        label=_("Members see each other's chosen names"), required=False
    )
    retention_days = forms.IntegerField(
        label=_("Days facilitator notes are kept"),
        min_value=rules.MIN_RETENTION_DAYS,
        max_value=rules.MAX_RETENTION_DAYS,
        initial=DEFAULT_RETENTION_DAYS,
        help_text=_("Each note is deleted this many days after it was written."),
    )

    @classmethod
    def initial_for(cls, circle: Any) -> dict[str, Any]:
        return {name: getattr(circle, name) for name in cls.base_fields}


class NewCircleForm(CircleForm):
    facilitator = forms.IntegerField(
        label=_("Member number of its first facilitator"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_(
            "The number in the address of their profile. Required for group therapy, who must "
            "be a verified professional."
        ),
    )


class MemberNumberForm(forms.Form):
    member = forms.IntegerField(
        label=_("Member number"),
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("The number in the address of their profile."),
    )


class KeepApartForm(forms.Form):
    first = forms.IntegerField(label=_("Member number of one"), min_value=1, max_value=2**63 - 1)
    second = forms.IntegerField(
        label=_("Member number of the other"), min_value=1, max_value=2**63 - 1
    )


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


class IntakeForm(forms.Form):
    questions_es = _text(
        _("Questions in Spanish, one a line"),
        rules.MAX_QUESTIONS * (rules.QUESTION_MAX + 2),
        help_text=_("The first line in English translates the first line in Spanish, and so on."),
    )
    questions_en = _text(
        _("Questions in English, one a line"), rules.MAX_QUESTIONS * (rules.QUESTION_MAX + 2)
    )
    agreement_es = _text(_("Confidentiality agreement in Spanish"), rules.AGREEMENT_MAX, 8)
    agreement_en = _text(_("Confidentiality agreement in English"), rules.AGREEMENT_MAX, 8)

    @classmethod
    def initial_for(cls, intake: CircleIntake) -> dict[str, str]:
        return {
            "questions_es": "\n".join(q.get("es", "") for q in intake.questions),
            "questions_en": "\n".join(q.get("en", "") for q in intake.questions),
            "agreement_es": intake.agreement_es,
            "agreement_en": intake.agreement_en,
        }

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "questions_es": _lines(data["questions_es"]),
            "questions_en": _lines(data["questions_en"]),
            "agreement_es": data["agreement_es"],
            "agreement_en": data["agreement_en"],
        }


class AskForm(forms.Form):
    """One answer to each intake question, and the agreement."""

    def __init__(self, *args: Any, questions: tuple[str, ...], agreement: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for index, question in enumerate(questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question,
                max_length=rules.ANSWER_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        if agreement:
            self.fields["agreed"] = forms.BooleanField(
                label=_("I accept the confidentiality agreement above"),
                error_messages={"required": _("Please accept the agreement to ask for a place.")},
            )
        self.count = len(questions)

    def service_fields(self) -> dict[str, Any]:
        return {
            "answers": [self.cleaned_data[f"answer_{index}"] for index in range(self.count)],
            "agreed": bool(self.cleaned_data.get("agreed", True)),
        }
