"""Forms of the way in: the application, the applicant's reply, accepting the code of conduct.
They check shape only; the rules live in tejido.membership.services."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.membership.models import ApplicationQuestion
from tejido.membership.services import ANSWER_MAX


def answer_field_name(question_id: int) -> str:
    return f"answer_{question_id}"


class ApplicationForm(forms.Form):
    """One field per question the network asks, in the organisers' order."""

    def __init__(self, *args: Any, questions: Iterable[ApplicationQuestion], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[answer_field_name(question.pk)] = forms.CharField(
                label=question.text,
                help_text=question.help,
                required=question.required,
                max_length=ANSWER_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def answers(self) -> dict[int, str]:
        return {
            question.pk: self.cleaned_data.get(answer_field_name(question.pk), "")
            for question in self.questions
        }

    def service_fields(self) -> dict[str, str]:
        """How the service's error keys (question ids) map to this form's fields."""
        return {str(q.pk): answer_field_name(q.pk) for q in self.questions}


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the organisers read this."),
    )
