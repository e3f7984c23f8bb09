"""How every Django form on Tejido's pages draws a field: Django's own templates, except that a
checkbox comes inside its label, before the words and without a trailing colon, so the box and
its words are one large tap target. Named in settings.FORM_RENDERER."""

from django.forms.renderers import DjangoTemplates


class TejidoFormRenderer(DjangoTemplates):
    field_template_name = "forms/field.html"
