"""The aid board's background work, on Django's tasks framework with the database worker: a
request's or an offer's expiry, and the follow-up some days after a match. Each task checks
when it runs that its moment is still the one it was made for (an expiry moved, a match
withdrawn), so a stale one does nothing."""

from django.tasks import task


@task()
def expire_request(request_id: int, expires_at: str) -> bool:
    from tejido.aid.services import expire_request_now

    return expire_request_now(request_id=request_id, expires_at=expires_at)


@task()
def expire_offer(offer_id: int, expires_at: str) -> bool:
    from tejido.aid.services import expire_offer_now

    return expire_offer_now(offer_id=offer_id, expires_at=expires_at)


@task()
def send_follow_up(match_id: int, matched_at: str) -> int:
    """Ask both sides of a match whether the help happened. Returns how many were asked."""
    from tejido.aid.match_services import ask_follow_up

    return ask_follow_up(match_id=match_id, matched_at=matched_at)
