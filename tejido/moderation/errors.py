"""Domain errors of reports."""

from django.utils.translation import gettext_lazy as _

from tejido.core.errors import Conflict


class AlreadyReported(Conflict):
    code = "already_reported"
    message = _("You have already reported this. Your report is with the organisers.")


class ReportHandled(Conflict):
    code = "report_handled"
    message = _("This report has already been handled.")
