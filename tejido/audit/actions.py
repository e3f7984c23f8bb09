"""The audit vocabulary: every action an organiser can take has a code and a translated label.
Each app registers the actions its services record (`register_actions`, at import time of the
services module); recording an action nobody registered is a programming error, so no entry can
reach the audit page without a label."""

from django.utils.functional import Promise

_LABELS: dict[str, Promise] = {}


class UnknownAction(LookupError):
    pass


def register_actions(labels: dict[str, Promise]) -> None:
    for code, label in labels.items():
        if _LABELS.get(code, label) != label:
            raise ValueError(f"The audit action {code!r} is registered twice, differently.")
        _LABELS[code] = label


def action_label(code: str) -> str:
    """The action's label in the active language."""
    label = _LABELS.get(code)
    if label is None:
        raise UnknownAction(code)
    return str(label)


def registered_actions() -> dict[str, Promise]:
    return dict(_LABELS)
