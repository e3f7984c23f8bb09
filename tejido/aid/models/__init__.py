"""The aid board's models, one module per part: the board (requests and offers), matches with
their threads and follow-ups, microgrant funds, and where areas lie for matching."""

from tejido.aid.models.board import (
    FINISHED,
    OFFER_SEARCH,
    OFFER_VISIBILITIES,
    REQUEST_SEARCH,
    SENSITIVE,
    UNDER_WAY,
    AidOffer,
    AidRequest,
    Category,
    OfferState,
    RequestState,
    Urgency,
    Visibility,
    default_visibility,
)
from tejido.aid.models.funds import EntryKind, Fund, LedgerEntry
from tejido.aid.models.geography import AreaNeighbour, AreaPlace
from tejido.aid.models.matches import (
    FOLLOW_UP_DAYS,
    LIVE_MATCHES,
    FollowUp,
    Match,
    MatchState,
    Message,
    ProposedBy,
)

__all__ = [
    "FINISHED",
    "FOLLOW_UP_DAYS",
    "LIVE_MATCHES",
    "OFFER_SEARCH",
    "OFFER_VISIBILITIES",
    "REQUEST_SEARCH",
    "SENSITIVE",
    "UNDER_WAY",
    "AidOffer",
    "AidRequest",
    "AreaNeighbour",
    "AreaPlace",
    "Category",
    "EntryKind",
    "FollowUp",
    "Fund",
    "LedgerEntry",
    "Match",
    "MatchState",
    "Message",
    "OfferState",
    "ProposedBy",
    "RequestState",
    "Urgency",
    "Visibility",
    "default_visibility",
]
