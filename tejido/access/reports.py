"""Reports: who may report what, which reports organisers see and handle, and who may be told
about one.

A report is for organisers. The reported person never sees it (nor who sent it), and neither
does an organiser who is in a block with the reporter or the reported person: those reports
are left to the other organisers, as managed_people leaves such people to them. The reporter
is only ever told that their report was handled, never the outcome."""

from django.db.models import Model, Q, QuerySet

from tejido.access.base import AnyUser, is_vetted, register_audience
from tejido.access.members import managed_people, network_organisers, not_in_a_block_with
from tejido.access.network import can_manage_network
from tejido.access.reportables import kind_of
from tejido.accounts.models import User
from tejido.moderation.models import MemberWarning, Report


def can_report(actor: AnyUser | None, target: Model) -> bool:
    """A vetted member may report anything they may see, except what is their own."""
    if not is_vetted(actor):
        return False
    assert actor is not None
    kind = kind_of(target)
    owner = kind.owner(target)
    if owner is not None and owner.pk == actor.pk:
        return False
    return kind.visible(actor).filter(pk=target.pk).exists()


def visible_reports(viewer: AnyUser | None) -> QuerySet[Report]:
    """Network organisers see every report except those about themselves and those whose
    reporter or reported person is in a block with them (a report about a thing no member
    answers for has only a reporter)."""
    if not can_manage_network(viewer):
        return Report.objects.none()
    assert viewer is not None
    people = managed_people(viewer)
    return Report.objects.filter(
        Q(reported__in=people) | Q(reported__isnull=True), reporter__in=people
    ).exclude(reported=viewer.pk)


def can_handle_report(actor: AnyUser | None, report: Report) -> bool:
    """An open report the actor may see can be dismissed, or its member warned or suspended."""
    return report.is_open and visible_reports(actor).filter(pk=report.pk).exists()


def organisers_of_report(report: Report) -> QuerySet[User]:
    """The organisers who see `report` in their queue (see visible_reports)."""
    organisers = network_organisers().filter(not_in_a_block_with(User(pk=report.reporter_id)))
    if report.reported_id is None:
        return organisers
    return organisers.exclude(pk=report.reported_id).filter(
        not_in_a_block_with(User(pk=report.reported_id))
    )


@register_audience(Report)
def audience_of_report(report: Report) -> QuerySet[User]:
    """The organisers who may handle it, and the reporter (told only that it was handled)."""
    organisers = organisers_of_report(report)
    return User.objects.filter(Q(pk=report.reporter_id) | Q(pk__in=organisers.values("pk")))


def own_warnings(viewer: AnyUser | None) -> QuerySet[MemberWarning]:
    """A member reads the warnings they were sent, and nobody else's."""
    if viewer is None or not viewer.is_authenticated:
        return MemberWarning.objects.none()
    return MemberWarning.objects.filter(member=viewer.pk)
