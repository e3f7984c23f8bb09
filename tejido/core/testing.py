"""What tests in every app count on: the cost of the page frame, in SQL queries, and a way to
run actions at the same moment to prove a limit holds under concurrency."""

import random
import threading
import time
from collections.abc import Callable

from django.db import OperationalError, close_old_connections, connection

# Every logged-in page costs these queries before its own: the session and the user. The
# network's settings and the code of conduct come from the cache, the member's acceptance of it
# from the session (after their first page) and the unread badge from their own row.
FRAME_QUERIES = 2
MAX_CONNECTIONS = 40


def retrying(action: Callable[[], object], *, refused: type[Exception]) -> str:
    """Run `action` as a request would: "done", or "refused" when it raises `refused`.

    The test database is SQLite in memory with a shared cache, where a connection that finds
    another's write lock gets "table is locked" at once instead of waiting as the file
    database (timeout=20) and PostgreSQL (the row lock) do. Retrying here is that wait: the
    transaction was rolled back whole, so it starts again from nothing."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            action()
        except refused:
            return "refused"
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            # Spread the retries out, so that many waiting threads do not wake in step.
            time.sleep(random.uniform(0.01, 0.1))  # noqa: S311
        else:
            return "done"
    return "gave up"


def at_once(*actions: Callable[[], object], refused: type[Exception]) -> list[str]:
    """Run the actions at the same moment, each in its own thread and database connection,
    and return their outcomes (see `retrying`), sorted."""
    start, lock, outcomes = threading.Barrier(len(actions)), threading.Lock(), []
    # At most this many hold a database connection at once, as a server's pool of workers
    # would: PostgreSQL refuses connections past its max_connections (100 by default).
    pool = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def run(action: Callable[[], object]) -> None:
        try:
            start.wait()
            with pool:
                try:
                    outcome = retrying(action, refused=refused)
                finally:
                    close_old_connections()
                    connection.close()
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)
