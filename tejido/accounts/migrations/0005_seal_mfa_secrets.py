"""Seal the two-factor secrets stored before they were sealed (tejido.core.sealing)."""

from collections.abc import Callable
from typing import Any

from django.db import migrations

from tejido.core.sealing import PREFIX, seal, unseal


def _rewrite(apps: Any, change: Callable[[str], str]) -> None:
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=["totp", "recovery_codes"]):
        data = dict(authenticator.data)
        for name in ("secret", "seed"):
            if name in data:
                data[name] = change(data[name])
        if "migrated_codes" in data:
            data["migrated_codes"] = [change(code) for code in data["migrated_codes"]]
        authenticator.data = data
        authenticator.save(update_fields=["data"])


def seal_all(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, lambda text: text if text.startswith(PREFIX) else seal(text))


def unseal_all(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, unseal)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_profile_name_order"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(seal_all, unseal_all)]
