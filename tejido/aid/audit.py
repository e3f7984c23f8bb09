"""The organiser actions the aid board records in the audit log, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "aid.dispatch": _("Dispatched a request for help to a helper"),
        "aid.match_withdrawn": _("Undid a match on a request for help"),
        "aid.request_closed": _("Closed a member's request for help"),
        "aid.request_fulfilled": _("Marked a member's request for help as fulfilled"),
        "aid.offer_closed": _("Closed a member's offer of help"),
        "aid.fund_created": _("Opened a microgrant fund"),
        "aid.fund_received": _("Recorded money received by a microgrant fund"),
        "aid.grant": _("Granted a microgrant"),
        "aid.paid": _("Recorded the payment of a microgrant"),
        "aid.area_place": _("Said where an area lies, for matching"),
    }
)
