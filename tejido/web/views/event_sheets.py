"""A gathering's sign-up sheet, written to from the occurrence's page: hosts add, change and
remove slots; members with a seat claim one, change what they bring or withdraw; hosts may
remove any claim. Every form comes back to the occurrence's page with a message; a service's
refusal (a slot already full, say) is answered by tejido.web.middleware: its messages, back on
the page the form was on."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tejido.access.sheets import can_manage_slots
from tejido.core.errors import NotFound
from tejido.gatherings.models import Claim, Slot
from tejido.gatherings.selectors import get_occurrence
from tejido.gatherings.sheet_selectors import get_claim, get_slot
from tejido.gatherings.sheet_services import (
    add_slot,
    claim_slot,
    remove_slot,
    update_claim,
    update_slot,
    withdraw_claim,
)
from tejido.web.forms.event_sheets import ClaimForm, SlotChangeForm, SlotForm, form_problems
from tejido.web.views.members import me, vetted_only


def _back(occurrence_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("occurrence_detail", args=[occurrence_id]) + "#sheet")


def _slot(request: HttpRequest, occurrence_id: int, slot_id: int, *, run: bool = False) -> Slot:
    """The slot, under that date, seen by the member (and run by them, when `run`)."""
    slot = get_slot(viewer=request.user, slot_id=slot_id)
    if slot.occurrence_id != occurrence_id or (
        run and not can_manage_slots(request.user, slot.occurrence)
    ):
        raise NotFound()
    return slot


def _claim(request: HttpRequest, occurrence_id: int, claim_id: int) -> Claim:
    claim = get_claim(viewer=request.user, claim_id=claim_id)
    if claim.slot.occurrence_id != occurrence_id:
        raise NotFound()
    return claim


def _invalid(request: HttpRequest, form: ClaimForm | SlotForm | SlotChangeForm) -> None:
    for problem in form_problems(form):
        messages.error(request, problem)


@require_POST
@vetted_only
def sheet_slot_add(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    occurrence = get_occurrence(viewer=request.user, occurrence_id=occurrence_id)
    if not can_manage_slots(request.user, occurrence):
        raise NotFound()
    form = SlotForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(occurrence_id)
    add_slot(actor=me(request), occurrence=occurrence, **form.cleaned_data)
    messages.success(request, _("The slot is on the sheet."))
    return _back(occurrence_id)


@require_POST
@vetted_only
def sheet_slot_change(request: HttpRequest, occurrence_id: int, slot_id: int) -> HttpResponse:
    slot = _slot(request, occurrence_id, slot_id, run=True)
    form = SlotChangeForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(occurrence_id)
    update_slot(actor=me(request), slot=slot, **form.cleaned_data)
    messages.success(request, _("The slot was changed."))
    return _back(occurrence_id)


@require_POST
@vetted_only
def sheet_slot_remove(request: HttpRequest, occurrence_id: int, slot_id: int) -> HttpResponse:
    remove_slot(actor=me(request), slot=_slot(request, occurrence_id, slot_id, run=True))
    messages.success(request, _("The slot and its sign-ups were removed."))
    return _back(occurrence_id)


@require_POST
@vetted_only
def sheet_claim(request: HttpRequest, occurrence_id: int, slot_id: int) -> HttpResponse:
    slot = _slot(request, occurrence_id, slot_id)
    form = ClaimForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(occurrence_id)
    claim = claim_slot(actor=me(request), slot=slot, **form.changes())
    messages.success(
        request, _("Thank you! You signed up to bring %(dish)s.") % {"dish": claim.dish}
    )
    return _back(occurrence_id)


@require_POST
@vetted_only
def sheet_claim_change(request: HttpRequest, occurrence_id: int, claim_id: int) -> HttpResponse:
    claim = _claim(request, occurrence_id, claim_id)
    form = ClaimForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(occurrence_id)
    update_claim(actor=me(request), claim=claim, **form.changes())
    messages.success(request, _("What you bring was changed."))
    return _back(occurrence_id)


@require_POST
@vetted_only
def sheet_claim_withdraw(request: HttpRequest, occurrence_id: int, claim_id: int) -> HttpResponse:
    claim = _claim(request, occurrence_id, claim_id)
    mine = claim.user_id == request.user.pk
    withdraw_claim(actor=me(request), claim=claim)
    if mine:
        messages.success(request, _("You withdrew from that slot. Someone else can take it now."))
    else:
        messages.success(request, _("The sign-up was removed."))
    return _back(occurrence_id)


urlpatterns = [
    path(
        "events/<int:occurrence_id>/sheet/slots/",
        sheet_slot_add,
        name="sheet_slot_add",
    ),
    path(
        "events/<int:occurrence_id>/sheet/slots/<int:slot_id>/change/",
        sheet_slot_change,
        name="sheet_slot_change",
    ),
    path(
        "events/<int:occurrence_id>/sheet/slots/<int:slot_id>/remove/",
        sheet_slot_remove,
        name="sheet_slot_remove",
    ),
    path(
        "events/<int:occurrence_id>/sheet/slots/<int:slot_id>/claim/",
        sheet_claim,
        name="sheet_claim",
    ),
    path(
        "events/<int:occurrence_id>/sheet/claims/<int:claim_id>/change/",
        sheet_claim_change,
        name="sheet_claim_change",
    ),
    path(
        "events/<int:occurrence_id>/sheet/claims/<int:claim_id>/withdraw/",
        sheet_claim_withdraw,
        name="sheet_claim_withdraw",
    ),
]
