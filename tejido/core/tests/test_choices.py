"""A choice's label: what Django's get_FOO_display gives, in the reader's language."""

from django.utils import translation

from tejido.aid.models import AidRequest, Category
from tejido.core.choices import label
from tejido.groups.models import Group


def test_every_choice_reads_as_django_shows_it_in_both_languages() -> None:
    for language in ("es", "en"):
        with translation.override(language):
            for value, _shown in Category.choices:
                request = AidRequest(category=value)
                assert label(request, "category") == request.get_category_display()


def test_the_label_follows_the_active_language() -> None:
    group = Group(join_policy=Group.JoinPolicy.INVITATION)
    with translation.override("en"):
        assert group.join_policy_label == "Invitation only"
    with translation.override("es"):
        assert group.join_policy_label not in ("", "Invitation only", "invitation")


def test_a_value_outside_the_choices_is_shown_as_it_is() -> None:
    assert label(AidRequest(category="unheard-of"), "category") == "unheard-of"
