"""Every write about welcoming businesses: organisers list, edit and verify them and act on
incident reports (warn the business, suspend or revoke its listing, list it again); members
vouch for them. Acting on a business closes its open reports (the reporters are told they
were handled, never how). A business's opening hours are checked as a service's are
(tejido.directory.listing_services.clean_hours)."""

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction

from tejido.access.base import AnyUser, is_vetted
from tejido.access.directory import can_manage_directory, can_vouch_for, visible_businesses
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.errors import NotAllowed, NotFound
from tejido.core.text import TextRule
from tejido.directory.cleaning import (
    LONG_TEXT,
    NAME,
    OPTIONAL_NAME,
    Cleaner,
    apply_changes,
)
from tejido.directory.errors import AlreadyVouched, SameStanding
from tejido.directory.indexing import index_business
from tejido.directory.listing_services import Hours, clean_hours
from tejido.directory.models import (
    STALE_AFTER_DAYS,
    Business,
    BusinessHours,
    BusinessKind,
    Standing,
    Visibility,
    Vouch,
)
from tejido.directory.moments import today
from tejido.directory.reports import KIND
from tejido.membership.checks import require_organiser
from tejido.moderation.report_services import close_reports_about
from tejido.network.models import Area

BUSINESS_TEXTS = {
    "name": NAME,
    "description": LONG_TEXT,
    "address": TextRule.of_column(Business, "address"),
    "directions": LONG_TEXT,
    "hours_note": LONG_TEXT,
    "phone": TextRule.of_column(Business, "phone"),
    "fitting_rooms": LONG_TEXT,
    "names_used": LONG_TEXT,
    "staff_trained": LONG_TEXT,
}
BUSINESS_TRANSLATED = {
    "name": OPTIONAL_NAME,
    "description": LONG_TEXT,
    "directions": LONG_TEXT,
    "hours_note": LONG_TEXT,
    "fitting_rooms": LONG_TEXT,
    "names_used": LONG_TEXT,
    "staff_trained": LONG_TEXT,
}
NOTE = TextRule(2000, multiline=True)


def _organiser(actor: AnyUser) -> User:
    if not can_manage_directory(actor):
        raise NotFound()
    return require_organiser(actor)


def _locked(business_id: int) -> Business:
    found = Business.objects.select_for_update().filter(pk=business_id).first()
    if found is None:
        raise NotFound()
    return found


@transaction.atomic
def save_business(
    *,
    actor: AnyUser,
    business_id: int | None = None,
    area_id: int | None = None,
    hours: Iterable[Hours] | None = None,
    **fields: Any,
) -> Business:
    """List a business (no id) or change one: the texts above (and their <field>_<lang>
    translations), kind, website, visibility, pledge_accepted_on and visited_on (dates; an
    organiser's visit is theirs), and its opening hours, which replace the ones it had
    (None leaves them as they are)."""
    organiser = _organiser(actor)
    business = _locked(business_id) if business_id is not None else Business(created_by=organiser)
    created = business_id is None
    cleaner = Cleaner()
    cleaner.texts({"name": "", **fields} if created else fields, BUSINESS_TEXTS)
    cleaner.choice(fields, "kind", BusinessKind)
    cleaner.choice(fields, "visibility", Visibility)
    cleaner.url(fields, "website")
    cleaner.day(fields, "pledge_accepted_on")
    cleaner.day(fields, "visited_on")
    cleaner.translations(fields, BUSINESS_TRANSLATED, kept=business.translations)
    values = cleaner.done()
    lines = clean_hours(hours) if hours is not None else None
    if values.get("visited_on") and values["visited_on"] != business.visited_on:
        values["visited_by"] = organiser
    area = Area.objects.filter(pk=area_id).first() if area_id is not None else None
    changed = apply_changes(business, {**values, "area": area})
    business.save()
    if lines is not None and _replace_hours(business, lines):
        changed.append("hours")
    index_business(business)
    if created:
        record_action(actor=organiser, action="directory.business_create", target=business)
    else:
        record_action(
            actor=organiser,
            action="directory.business_update",
            target=business,
            detail={"changed": changed},
        )
    return business


def _replace_hours(business: Business, lines: list[Hours]) -> bool:
    """Give the business these lines of opening hours; whether they differ from its own."""
    wanted = [
        (",".join(line.days), line.opens_at, line.closes_at)
        for line in lines
        if line.opens_at is not None and line.closes_at is not None  # as clean_hours left them
    ]
    kept = BusinessHours.objects.filter(business=business)
    if list(kept.values_list("byday", "opens_at", "closes_at")) == wanted:
        return False
    kept.delete()
    BusinessHours.objects.bulk_create(
        BusinessHours(business=business, position=n, byday=days, opens_at=opens, closes_at=closes)
        for n, (days, opens, closes) in enumerate(wanted)
    )
    return True


@transaction.atomic
def verify_business(*, actor: AnyUser, business_id: int) -> Business:
    """Checked today; to be checked again in six months."""
    organiser = _organiser(actor)
    business = _locked(business_id)
    business.verified_on = today()
    business.verified_by = organiser
    business.reverify_on = business.verified_on + timedelta(days=STALE_AFTER_DAYS)
    business.save(update_fields=["verified_on", "verified_by", "reverify_on", "updated_at"])
    record_action(actor=organiser, action="directory.business_verify", target=business)
    return business


STANDING_ACTIONS = {
    Standing.WARNED: "directory.business_warn",
    Standing.SUSPENDED: "directory.business_suspend",
    Standing.REVOKED: "directory.business_revoke",
    Standing.LISTED: "directory.business_reinstate",
}


@transaction.atomic
def set_business_standing(
    *, actor: AnyUser, business_id: int, standing: str, note: str = ""
) -> Business:
    """Warn a business (it stays listed), suspend or revoke its listing (it leaves everyone's
    directory but the organisers'), or list it again. The note (what the business was told)
    stays with organisers. The business's open reports are closed."""
    organiser = _organiser(actor)
    if standing not in Standing.values:
        raise NotAllowed()
    kept = NOTE.clean(note, field="note")
    business = _locked(business_id)
    if business.standing == standing:
        raise SameStanding()
    business.standing = standing
    business.standing_note = kept
    business.save(update_fields=["standing", "standing_note", "updated_at"])
    closed = close_reports_about(actor=organiser, kind=KIND, target_id=business.pk)
    record_action(
        actor=organiser,
        action=STANDING_ACTIONS[Standing(standing)],
        target=business,
        detail={"reports_closed": closed},
    )
    return business


@transaction.atomic
def vouch_for(*, actor: AnyUser, business_id: int) -> Vouch:
    """A vetted member says the business treated them well. Organisers see who vouched;
    everyone who sees the business sees how many did."""
    business = visible_businesses(actor).filter(pk=business_id).first()
    if business is None or not is_vetted(actor):
        raise NotFound()
    assert isinstance(actor, User)
    if not can_vouch_for(actor, business):
        raise AlreadyVouched()
    try:
        with transaction.atomic():
            return Vouch.objects.create(business=business, member=actor)
    except IntegrityError as error:
        raise AlreadyVouched() from error


@transaction.atomic
def withdraw_vouch(*, actor: AnyUser, business_id: int) -> None:
    if not isinstance(actor, User):
        raise NotFound()
    deleted, _ = Vouch.objects.filter(business=business_id, member=actor).delete()
    if not deleted:
        raise NotFound()
