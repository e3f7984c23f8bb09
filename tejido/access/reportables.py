"""The kinds of thing a member can report. Each kind registers itself once, from a `reports.py`
module in its app (the moderation app imports every installed app's `reports` module when
Django starts, as notifications does for `notices.py`):

    register(ReportableKind(name="event", label=_("Event"), model=Event,
                            visible=visible_events, owner=lambda e: e.organiser, ...))

A report stores the kind's name and the target's id; everything else about the target is asked
of its kind, so the queue, the report form (`report_form`: /report/<kind>/<id>/, which the
kind's pages link to) and the API (`POST /reports` with the kind's name) need no change for a
new kind."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise

from tejido.access.base import AnyUser
from tejido.accounts.models import User
from tejido.core.errors import NotFound


@dataclass(frozen=True)
class ReportableKind:
    """One kind of reportable thing.

    - `name`: stored on each report ("member"); `label`: what people read (translatable).
    - `visible(viewer)`: the things of this kind the viewer may see (from tejido.access), so
      that a missing and a hidden target are the same NotFound.
    - `owner(target)`: the member a warning or a suspension applies to; None for a thing no
      member answers for (a welcoming business), which organisers act on where it is shown
      (`moderation.report_services.close_reports_about` then closes its reports).
    - `describe(target)`: a short description (a name), in the active language, for organisers
      and for the member reporting it: only what anyone who may see the target may see.
    - `url(target)`: the path where the thing is shown.
    - `related`: what `describe` reads alongside the target (`select_related`)."""

    name: str
    label: Promise | str
    model: type[Model]
    visible: Callable[[AnyUser | None], QuerySet[Any]]
    owner: Callable[[Any], User | None]
    describe: Callable[[Any], str]
    url: Callable[[Any], str]
    # What `describe` reads alongside the target, fetched in the same query.
    related: tuple[str, ...] = ()

    def find(self, viewer: AnyUser | None, target_id: int) -> Any:
        """The target as the viewer may see it; NotFound alike for missing and hidden."""
        target = self.visible(viewer).filter(pk=target_id).first()
        if target is None:
            raise NotFound()
        return target

    def fetch(self, target_ids: Iterable[int]) -> dict[int, Any]:
        """The targets by id whoever may see them, for organisers handling reports (one may be
        hidden from them since, or gone: then it is missing here)."""
        targets = self.model._default_manager.all()
        if self.related:
            targets = targets.select_related(*self.related)
        return {target.pk: target for target in targets.filter(pk__in=list(target_ids))}


_KINDS: dict[str, ReportableKind] = {}


def register(kind: ReportableKind) -> ReportableKind:
    _KINDS[kind.name] = kind
    return kind


def kind_named(name: str) -> ReportableKind:
    """The kind of that name; an unknown one is NotFound, as a missing target is."""
    kind = _KINDS.get(name)
    if kind is None:
        raise NotFound()
    return kind


def kind_of(target: Model) -> ReportableKind:
    for kind in _KINDS.values():
        if isinstance(target, kind.model):
            return kind
    raise LookupError(f"{type(target).__name__} is not a reportable kind.")
