"""Peer buddies' and check-ins' part of the sweep's world (proof/world.py): private threads
whose messages hold markers.

- A pair: `member` looked for a buddy and `shared` accepted to be theirs; each wrote a marker
  in the pair's thread (for the two of them only: organisers do not see pairs).
- Across a block: `blocked` looks for a buddy and `blocker` offers to be one: neither may be
  suggested to the other (their chosen names are markers already).
- A check-in: the organiser named `facilitator` to the check-in team; `shared` asked for
  check-ins and is due; `facilitator` reached out (a marker) and `shared` replied (a marker),
  for the two of them only.
Messages are sealed at rest."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from tejido.accounts.models import User

Add = Callable[..., str]


def plant_buddies(
    *, people: dict[str, User], add: Add, mk: Callable[[str], str], capture: Callable[..., Any]
) -> dict[str, list[int]]:
    """Plant the pair, the block and the check-in; returns the ids of pairs and check-ins for
    the sweep's addresses."""
    from tejido.buddies import services as buddies
    from tejido.buddies.models import BuddyPair
    from tejido.checkins import services as checkins
    from tejido.checkins.models import CheckIn, CheckinChoice
    from tejido.core.clock import now

    pair_sides = frozenset({"member", "shared"})
    with capture(execute=True):
        for key, seeking in (("member", True), ("shared", False), ("blocked", True)):
            buddies.opt_in(
                actor=people[key],
                seeking=seeking,
                offering=not seeking,
                languages=["es"],
                topics=["family"],
            )
        buddies.opt_in(actor=people["blocker"], seeking=False, offering=True, languages=["es"])
        pair = buddies.propose(actor=people["member"], other_id=people["shared"].pk, role="seeker")
        buddies.answer(actor=people["shared"], pair=pair, accept=True)
        for key in ("member", "shared"):
            buddies.post_message(
                actor=people[key],
                pair=pair,
                body=add(
                    mk(f"buddymsg{key}"),
                    "buddy message",
                    f"{key}'s buddy message",
                    viewers=pair_sides,
                ),
            )

        two = frozenset({"facilitator", "shared"})
        checkins.add_to_team(actor=people["organiser"], member_id=people["facilitator"].pk)
        checkins.opt_in(actor=people["shared"], weeks=2)
        CheckinChoice.objects.filter(user=people["shared"]).update(
            last_seen_on=checkins.today() - timedelta(weeks=3), due_since=now()
        )
        checkin = checkins.take(
            actor=people["facilitator"],
            member_id=people["shared"].pk,
            body=add(mk("checkinmsg"), "check-in message", "a check-in's words", viewers=two),
        )
        checkins.write_in(
            actor=people["shared"],
            checkin=checkin,
            body=add(mk("checkinreply"), "check-in message", "a reply to a check-in", viewers=two),
        )
    return {
        "pair": [*BuddyPair.objects.order_by("pk").values_list("pk", flat=True), 999_999],
        "checkin": [*CheckIn.objects.order_by("pk").values_list("pk", flat=True), 999_999],
    }
