"""The list pages' filter forms, rendered once per process ({% filter_fields %}): a cached
form must be the very form the page would have rendered, for its query string, its choices
and its language."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse

from tejido.network.factories import AreaFactory

pytestmark = pytest.mark.django_db


def _form(client, **query) -> str:
    html = client.get(reverse("aid_board"), query).content.decode()
    return re.search(r'<form method="get".*?</form>', html, re.S).group(0)


def test_a_cached_form_is_the_form_the_page_renders(login, member):
    AreaFactory(name="Lavapiés")
    client = login(member)
    caches["cards"].clear()
    fresh = _form(client, q="food", area="nowhere")
    assert _form(client, q="food", area="nowhere") == fresh
    caches["cards"].clear()
    assert _form(client, q="food", area="nowhere") == fresh


def test_each_query_string_language_and_choice_has_its_own_form(login, member, translations):
    area = AreaFactory(name="Lavapiés")
    client = login(member)
    assert 'value="sofa bed"' in _form(client, q="sofa bed")
    assert 'value="a ride"' in _form(client, q="a ride")
    assert 'value="sofa bed"' not in _form(client, q="a ride")
    # A page number is not one of the form's fields: the same form.
    assert _form(client, q="a ride", page="2") == _form(client, q="a ride")
    area.name = "Malasaña"
    area.save()
    assert "Malasaña" in _form(client)
    assert "Lavapiés" not in _form(client)
    member.language = "es"
    member.save()
    spanish = _form(client)
    member.language = "en"
    member.save()
    english = _form(client)
    assert "Any area" in english
    assert "Any area" not in spanish
