"""Work that must run at a set moment (a reminder, the end of a seat offer), on Django's tasks
framework: the database worker holds a task until its `run_after`."""

import logging
from datetime import datetime
from typing import Any

from django.tasks import Task

from tejido.core.clock import now

logger = logging.getLogger(__name__)


def run_at(task: Task[Any, Any], moment: datetime, *args: Any) -> None:
    """Enqueue `task(*args)` to run at `moment`, or at once if that has passed. A backend that
    cannot wait (the immediate one the tests use) runs what is due and leaves the rest: each
    such task checks when it runs that its moment is still the one it was made for, so the
    tests call it at that moment instead."""
    if moment <= now():
        task.enqueue(*args)
    elif task.get_backend().supports_defer:
        task.using(run_after=moment).enqueue(*args)
    else:
        logger.debug("%s is due later and this task backend cannot wait.", task.name)
