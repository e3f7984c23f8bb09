"""The notifications page: newest first, paginated, unread marked in words, opening one marks
it read and follows its link, "mark all as read", an empty state, and the query count."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tejido.core.testing import FRAME_QUERIES
from tejido.notifications import kinds
from tejido.notifications.models import Notice
from tejido.notifications.services import mark_read, notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(make_user):
    """The member (and so `member_client`) reads Tejido in English: the texts asserted below
    are the English ones."""
    return make_user(language="en")


@pytest.fixture
def kind():
    registered = kinds.register("test.ping", subject=_("Ping %(n)s"), text=_("Ping number %(n)s"))
    yield registered
    kinds.KINDS.pop("test.ping", None)


def make_notices(user, count, *, start=0):
    return [
        notify(user=user, about=user, kind="test.ping", params={"n": start + i}, url="/about/")
        for i in range(count)
    ]


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("notice_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_applicants_get_the_not_found_page(make_user, login):
    response = login(make_user("applicant")).get(reverse("notice_list"))
    assert response.status_code == 404


def test_empty_state_says_what_to_do_next(member_client):
    response = member_client.get(reverse("notice_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "You have no notifications yet" in html
    assert reverse("group_list") in html
    assert "Mark all as read" not in html


def test_newest_first_with_unread_marked_in_words(member, member_client, kind):
    old, _new = make_notices(member, 2)
    mark_read(actor=member, notice_id=old.pk)
    html = member_client.get(reverse("notice_list")).content.decode()
    assert html.index("Ping number 1") < html.index("Ping number 0")
    items = re.findall(r'<li class="notice[^"]*">.*?</li>', html, re.S)
    assert len(items) == 2
    assert ">New</span>" in items[0]
    assert "notice-unread" in items[0]
    assert ">New</span>" not in items[1]
    assert "You have 1 unread notification." in html


def test_only_my_own_notices_are_listed(make_user, member, member_client, kind):
    make_notices(make_user(), 1, start=99)
    html = member_client.get(reverse("notice_list")).content.decode()
    assert "Ping number 99" not in html


def test_unknown_kind_renders_a_generic_text(member, member_client):
    Notice.objects.create(user=member, kind="gone.away", params={"secret": "S3CR3T"})
    response = member_client.get(reverse("notice_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Something new is waiting for you." in html
    assert "S3CR3T" not in html


def test_params_are_escaped(member, member_client, kind):
    Notice.objects.create(user=member, kind="test.ping", params={"n": "<script>x()</script>"})
    html = member_client.get(reverse("notice_list")).content.decode()
    assert "<script>x()" not in html
    assert "&lt;script&gt;x()" in html


def test_pagination(member, member_client, kind):
    make_notices(member, 25)
    first = member_client.get(reverse("notice_list")).content.decode()
    second = member_client.get(reverse("notice_list") + "?page=2").content.decode()
    assert first.count('class="notice-open"') == 20
    assert second.count('class="notice-open"') == 5
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in second
    assert "Ping number 24" in first
    assert "Ping number 0" in second
    # A page number out of range or nonsense shows a page rather than failing.
    assert member_client.get(reverse("notice_list") + "?page=99").status_code == 200
    assert member_client.get(reverse("notice_list") + "?page=x").status_code == 200


def test_opening_a_notice_marks_it_read_and_follows_its_link(member, member_client, kind):
    [notice] = make_notices(member, 1)
    response = member_client.post(reverse("notice_open", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_opening_a_notice_without_a_link_returns_to_the_list(member, member_client, kind):
    notice = Notice.objects.create(user=member, kind="test.ping", params={"n": 1})
    response = member_client.post(reverse("notice_open", args=[notice.pk]))
    assert response["Location"] == reverse("notice_list")


def test_opening_someone_elses_notice_is_not_found_and_changes_nothing(
    make_user, member_client, kind, assert_same_answer
):
    [theirs] = make_notices(make_user(), 1)
    missing = member_client.post(reverse("notice_open", args=[theirs.pk + 1000]))
    forbidden = member_client.post(reverse("notice_open", args=[theirs.pk]))
    assert forbidden.status_code == 404
    assert_same_answer(forbidden, missing)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_needs_a_post(member, member_client, kind):
    [notice] = make_notices(member, 1)
    assert member_client.get(reverse("notice_open", args=[notice.pk])).status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_as_read(make_user, member, member_client, kind):
    make_notices(member, 3)
    [theirs] = make_notices(make_user(), 1)
    html = member_client.get(reverse("notice_list")).content.decode()
    assert "Mark all as read" in html
    response = member_client.post(reverse("notice_read_all"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("notice_list")
    assert not Notice.objects.filter(user=member, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "All notifications are marked as read." in response.content.decode()


def test_unread_count_in_the_header(member, member_client, kind):
    make_notices(member, 3)
    html = member_client.get(reverse("home")).content.decode()
    assert re.search(r'class="badge">3<span class="visually-hidden"> unread</span>', html)


def test_created_time_is_shown_in_the_members_time_zone_and_language(
    make_user, kind, login, translations
):
    user = make_user(language="es", time_zone="America/Mexico_City")
    notice = make_notices(user, 1)[0]
    Notice.objects.filter(pk=notice.pk).update(
        created_at=dt.datetime(2026, 3, 5, 18, 30, tzinfo=dt.UTC)
    )
    html = login(user).get(reverse("notice_list")).content.decode()
    # 18:30 UTC is 12:30 in Mexico City; Spanish month name and order.
    assert "5 de marzo de 2026 a las 12:30" in html
    assert 'datetime="2026-03-05T12:30:00-06:00"' in html


@pytest.mark.parametrize("size", [3, 40])
def test_query_count_does_not_grow_with_notices(
    member, member_client, kind, size, django_assert_num_queries
):
    make_notices(member, size)
    member_client.get(reverse("notice_list"))  # warm up the session and settings row
    with django_assert_num_queries(QUERIES):
        response = member_client.get(reverse("notice_list"))
    assert response.status_code == 200


# The frame's queries, then the count and the page of notices.
QUERIES = FRAME_QUERIES + 2
