from django.utils.translation import gettext_lazy as _

from tejido.core.errors import InvalidInput


class BadLinesFile(InvalidInput):
    code = "bad_lines_file"
    message = _("This is not a file of crisis lines.")
