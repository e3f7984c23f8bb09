from django.utils.translation import gettext_lazy as _

from tejido.core.errors import Conflict


class AlreadyThere(Conflict):
    code = "already_there"
    message = _("The listing is already so.")
