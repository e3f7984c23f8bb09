"""The audit log: one entry per organiser action. Organisers read it; nobody edits it.

An entry names its action by a code with a translated label (tejido.audit.actions) and its
target by model and id, so the page describes both in the reader's language; `target_name`
keeps how the target was called at the time, for when it no longer exists (a deleted area)."""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=60)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # "app_label.model" of what the action was about, besides the member it concerned.
    target_kind = models.CharField(max_length=60, blank=True)
    target_id = models.BigIntegerField(null=True, blank=True)
    # The target's key as text, whatever its type (an HSDS record's UUID too): what a
    # listing's history is read by.
    target_key = models.CharField(max_length=40, blank=True, default="")
    target_name = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["target_kind", "target_key"], name="audit_by_target")]

    def __str__(self) -> str:
        return f"{self.action} #{self.pk}"
