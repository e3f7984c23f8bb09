"""The errors of circles' sessions and notes."""

from django.utils.translation import gettext_lazy as _

from tejido.core.errors import DomainError, InvalidInput


class AttendanceNotYet(DomainError):
    code = "attendance_not_yet"
    message = _("Attendance can be recorded once the session has started.")
    status = 409


class BadFrequency(InvalidInput):
    code = "bad_frequency"
    message = _("Choose every week or every two weeks.")
