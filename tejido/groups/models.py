from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tejido.core.choices import label
from tejido.core.models import TimeStamped, in_language


class Group(TimeStamped):
    class Kind(models.TextChoices):
        LOCAL = "local", _("Local")
        THEMED = "themed", _("Themed")

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Open to every member")
        REQUEST = "request", _("By request")
        INVITATION = "invitation", _("Invitation only")

    slug = models.SlugField(unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.THEMED)
    join_policy = models.CharField(
        _("who can join"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    area = models.ForeignKey(
        "network.Area", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("area")
    )
    # A hidden group is known only to its members, those asked to join or invited, and
    # network organisers; to anyone else it answers as if it did not exist.
    listed = models.BooleanField(_("listed for every member"), default=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["name_es"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["local", "themed"]), name="group_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(join_policy__in=["open", "request", "invitation"]),
                name="group_join_policy_known",
            ),
            models.CheckConstraint(condition=~models.Q(name_es=""), name="group_has_a_name"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="group_has_a_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def description(self) -> str:
        return in_language(self, "description")

    @property
    def kind_label(self) -> str:
        return label(self, "kind")

    @property
    def join_policy_label(self) -> str:
        return label(self, "join_policy")

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def audit_label(self) -> str:
        return self.name


class GroupMembership(TimeStamped):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ORGANISER = "organiser", _("Group organiser")

    class State(models.TextChoices):
        ACTIVE = "active", _("Member")
        REQUESTED = "requested", _("Asked to join")
        # Asked by a group organiser to join an invitation-only group; not yet accepted.
        INVITED = "invited", _("Invited")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group"),
            models.CheckConstraint(
                condition=models.Q(role__in=["member", "organiser"]), name="membership_role_known"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["active", "requested", "invited"]),
                name="membership_state_known",
            ),
            # Only someone in the group runs it.
            models.CheckConstraint(
                condition=~models.Q(role="organiser") | models.Q(state="active"),
                name="group_organiser_is_active",
            ),
        ]
        indexes = [models.Index(fields=["user", "state"])]
