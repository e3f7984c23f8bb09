"""Where a form shows a domain error: the one helper every form view uses."""

from django import forms

from tejido.core.errors import DomainError, InvalidInput, NotAllowed, NotFound


def add_domain_error(
    form: forms.BaseForm, error: DomainError, *, fields: dict[str, str] | None = None
) -> None:
    """Put a service's error on the form: each InvalidInput detail on the field it names
    (renamed through `fields` where the service and the form call it differently), anything
    else, and an error without detail, at the top of the form. A thing not found or not
    allowed is no form error: it goes on to the 404 page (tejido.web.middleware), as a
    missing address does."""
    if isinstance(error, NotFound | NotAllowed):
        raise error
    fields = fields or {}
    if isinstance(error, InvalidInput) and error.detail:
        for key, message in error.detail.items():
            name = fields.get(str(key), str(key))
            form.add_error(name if name in form.fields else None, str(message))
        return
    form.add_error(None, str(error.message))
