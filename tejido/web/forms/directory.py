"""The directory's forms for everyone: the search with its filters (a value that is not one
of the choices is left out of the filter, never an error page), a suggested edit or an
out-of-date note, and a recommendation. They check shape only; the rules live in
tejido.directory's services."""

from typing import Any
from uuid import UUID

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.access.directory_cards import TermCard
from tejido.accounts.choices import LANGUAGE_CHOICES
from tejido.directory.business_selectors import BusinessFilters
from tejido.directory.community_services import RECOMMENDATION_NOTE, SUGGESTION_TEXT
from tejido.directory.models import BusinessKind, SuggestionKind
from tejido.directory.selectors import MAX_QUERY_LENGTH, Category, ServiceFilters


def choose(form: forms.Form, name: str, choices: Any) -> None:
    """Set the choices of one of the form's choice fields."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _search_box() -> forms.CharField:
    return forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


def _uuid_or_none(value: str) -> UUID | None:
    try:
        return UUID(value) if value else None
    except ValueError:
        return None


def _number_or_none(value: str) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


class DirectorySearchForm(forms.Form):
    q = _search_box()
    category = forms.ChoiceField(label=_("Category"), required=False)
    attribute = forms.ChoiceField(label=_("Who it is for or run by"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *LANGUAGE_CHOICES]
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    cost = forms.ChoiceField(
        label=_("Cost"),
        required=False,
        choices=[("", _("Any cost")), ("free", _("Free")), ("paid", _("With a cost"))],
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)

    def __init__(
        self,
        *args: Any,
        categories: list[Category],
        attributes: list[TermCard],
        areas: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [("", str(_("Any category")))]
        for category in categories:
            choices.append((str(category.term.id), category.term.name))
            choices += [(str(child.id), f"— {child.name}") for child in category.children]
        choose(self, "category", choices)
        choose(
            self,
            "attribute",
            [
                ("", _("Anyone")),
                *((str(term.id), term.name) for term in attributes),
            ],
        )
        choose(
            self,
            "area",
            [
                ("", _("Any area")),
                *((str(pk), name) for pk, name in areas),
            ],
        )

    def filters(self) -> ServiceFilters:
        """What was asked for, each wrong value left out."""
        self.is_valid()
        data = self.cleaned_data
        return ServiceFilters(
            q=data.get("q") or "",
            category=_uuid_or_none(data.get("category") or ""),
            attribute=_uuid_or_none(data.get("attribute") or ""),
            language=data.get("language") or "",
            area=_number_or_none(data.get("area") or ""),
            cost=data.get("cost") or "",
            open_now=bool(data.get("open_now")),
        )


class BusinessSearchForm(forms.Form):
    q = _search_box()
    kind = forms.ChoiceField(
        label=_("Kind of business"),
        required=False,
        choices=[("", _("Any kind")), *BusinessKind.choices],
    )
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, *args: Any, areas: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(
            self,
            "area",
            [
                ("", _("Any area")),
                *((str(pk), name) for pk, name in areas),
            ],
        )

    def filters(self) -> BusinessFilters:
        self.is_valid()
        data = self.cleaned_data
        return BusinessFilters(
            q=data.get("q") or "",
            kind=data.get("kind") or "",
            area=_number_or_none(data.get("area") or ""),
        )


class SuggestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it about?"),
        choices=[
            (SuggestionKind.OUTDATED, _("Something here is out of date")),
            (SuggestionKind.EDIT, _("I suggest a change")),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("What should change"),
        max_length=SUGGESTION_TEXT.max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only the organisers read it, with your name, to check the listing."),
    )


class RecommendationForm(forms.Form):
    note = forms.CharField(
        label=_("Why do you recommend it?"),
        max_length=RECOMMENDATION_NOTE.max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A few words for other members (at most 280 characters). Organisers read it first; "
            "once they approve it, members see it with your name."
        ),
    )
