"""The one source of "now", so tests can move time and code never reads the wall clock itself."""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
