"""Film nights' background work: telling voters the winner when a poll closes at its time."""

from django.tasks import task

__all__ = ["announce_poll_winner"]


@task()
def announce_poll_winner(poll_id: int, closes_at: str) -> int:
    """A poll reached its closing time: tell its voters which film won, unless it was closed
    earlier by hand (then the voters were told then). Returns how many were told."""
    from tejido.gatherings.film_services import announce_winner

    return announce_winner(poll_id=poll_id, closes_at=closes_at)
