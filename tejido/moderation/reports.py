"""The reportable kinds the moderation app itself brings: members."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tejido.access.members import visible_members
from tejido.access.reportables import ReportableKind, register
from tejido.accounts.models import User


def _chosen_name(member: User) -> str:
    profile = getattr(member, "profile", None)
    return str(profile.chosen_name) if profile is not None else f"#{member.pk}"


MEMBER = register(
    ReportableKind(
        name="member",
        label=_("Member"),
        model=User,
        visible=visible_members,
        owner=lambda member: member,
        describe=_chosen_name,
        url=lambda member: reverse("member_detail", args=[member.pk]),
        related=("profile",),
    )
)
