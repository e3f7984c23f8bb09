"""The aid board's pages: the board with its filters, search and empty states, asking for help
and offering it, a request's page with suggestions explained, offering to help and the thread,
contact details, the follow-up, the organisers' dispatch, funds, figures and areas, and the
home page's part. Missing and forbidden answer alike."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.aid.factories import (
    AidOfferFactory,
    AidRequestFactory,
    MatchFactory,
    MoneyRequestFactory,
)
from tejido.aid.match_services import answer_match, offer_help
from tejido.aid.models import (
    AidOffer,
    AidRequest,
    FollowUp,
    Fund,
    LedgerEntry,
    Match,
    MatchState,
    RequestState,
)
from tejido.aid.selectors import PER_PAGE
from tejido.core.clock import now
from tejido.network.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(make_user):
    return make_user(language="en")


def _html(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_board_lists_open_requests_most_urgent_first(login, english):
    AidRequestFactory(title="Whenever one", urgency="whenever")
    AidRequestFactory(title="This week one", urgency="week")
    AidRequestFactory(title="Today one", urgency="today")
    AidRequestFactory(title="Hidden one", visibility="organisers")
    AidRequestFactory(
        title="Matched one", state=RequestState.MATCHED, matched_at=now() + timedelta(minutes=1)
    )
    html = _html(login(english), "aid_board")
    assert html.index("Today one") < html.index("This week one") < html.index("Whenever one")
    assert "Hidden one" not in html
    assert "Matched one" not in html
    assert "3 requests." in html


def test_a_long_board_is_paged_without_counting_it(login, english):
    for number in range(PER_PAGE + 1):
        AidRequestFactory(title=f"Request {number}")
    client = login(english)
    html = _html(client, "aid_board")
    assert f"Open requests, the most urgent first, {PER_PAGE} to a page." in html
    assert "Page 1" in html
    assert "Request 20" in _html(client, "aid_board", page=2)


def test_the_board_filters_and_searches_without_accents(login, english):
    area = AreaFactory(name="Lavapiés")
    AidRequestFactory(title="Compañía al médico", category="transport", area=area, languages=["en"])
    AidRequestFactory(title="Comida", category="food")
    client = login(english)
    assert "Compañía" in _html(client, "aid_board", q="compania medico")
    assert "Comida" not in _html(client, "aid_board", q="compania")
    assert "Compañía" in _html(
        client, "aid_board", category="transport", area=area.pk, language="en"
    )
    html = _html(client, "aid_board", category="tech")
    assert "Nothing on the board matches these filters" in html
    # Wrong values are left out of the filter, never an error page.
    html = _html(client, "aid_board", category="nope", area="x", urgency="soon", page="zz")
    assert "Comida" in html


def test_the_board_narrows_to_one_urgency(login, english):
    titles = {
        "Whenever one": {"urgency": "whenever"},
        "This week one": {"urgency": "week"},
        "Today one": {"urgency": "today"},
        "Today food": {"urgency": "today", "category": "food"},
        "Today tech": {"urgency": "today", "category": "tech"},
    }
    for title, fields in titles.items():
        AidRequestFactory(title=title, **fields)
    client = login(english)

    def shown(**query) -> set[str]:
        html = _html(client, "aid_board", **query)
        found = {title for title in titles if title in html}
        assert f"{len(found)} request{'' if len(found) == 1 else 's'}." in html
        return found

    assert shown(urgency="today") == {"Today one", "Today food", "Today tech"}
    assert shown(urgency="week") == {"This week one"}
    assert shown(urgency="whenever") == {"Whenever one"}
    # With another filter, both hold.
    assert shown(urgency="today", category="tech") == {"Today tech"}
    # The form says what the board is narrowed to.
    assert '<option value="today" selected>' in _html(client, "aid_board", urgency="today")


def test_the_empty_board_says_what_to_do(login, english):
    client = login(english)
    html = _html(client, "aid_board")
    assert "There are no open requests you can see" in html
    assert reverse("aid_request_new") in html
    assert reverse("aid_dispatch") not in html
    assert "No one has offered help yet" in _html(client, "aid_offers")
    assert reverse("aid_dispatch") in _html(login(OrganiserFactory(language="en")), "aid_board")


def test_asking_for_help_through_the_form(login, english):
    area = AreaFactory()
    client = login(english)
    assert "Ask for help" in _html(client, "aid_request_new")
    day = (now() + timedelta(days=2)).date().isoformat()
    response = client.post(
        reverse("aid_request_new"),
        {
            "category": "housing",
            "title": "A sofa for three nights",
            "description": "From Friday",
            "urgency": "today",
            "visibility": "",
            "area": area.pk,
            "languages": ["en"],
            "window_1_day": day,
            "window_1_from": "18:00",
            "window_1_to": "21:00",
        },
    )
    request = AidRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("aid_request_detail", args=[request.pk])
    assert request.visibility == "organisers"
    assert len(request.windows) == 1
    html = _html(client, "aid_request_detail", request.pk)
    assert "A sofa for three nights" in html
    assert "Organisers only" in html


def test_bad_input_on_the_form_is_told_and_changes_nothing(login, english):
    client = login(english)
    response = client.post(
        reverse("aid_request_new"),
        {"category": "money", "title": "Rent", "urgency": "week", "window_1_day": "2030-01-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please correct the following" in html
    assert "Give the day, the start and the end." in html
    response = client.post(
        reverse("aid_request_new"), {"category": "money", "title": "Rent", "urgency": "week"}
    )
    assert response.status_code == 400
    assert not AidRequest.objects.exists()


def test_the_daily_limit_is_told_on_the_form(login, english):
    for n in range(3):
        AidRequestFactory(requester=english, title=f"Need {n}")
    response = login(english).post(
        reverse("aid_request_new"), {"category": "food", "title": "One more", "urgency": "week"}
    )
    assert response.status_code == 400
    assert "the most one can" in response.content.decode()


def test_offering_help_and_its_page(login, english):
    client = login(english)
    response = client.post(
        reverse("aid_offer_new"),
        {"category": "tech", "title": "I fix phones", "visibility": "members"},
    )
    offer = AidOffer.objects.get()
    assert response["Location"] == reverse("aid_offer_detail", args=[offer.pk])
    html = _html(client, "aid_offer_detail", offer.pk)
    assert "Requests your offer suits best" in html
    assert "I fix phones" in _html(client, "aid_offers")
    client.post(reverse("aid_offer_close", args=[offer.pk]))
    assert AidOffer.objects.get().state == "closed"


def test_a_requester_sees_suggested_offers_with_their_reasons(login, english):
    area = AreaFactory()
    request = AidRequestFactory(requester=english, area=area, languages=["es"])
    AidOfferFactory(title="Cooking in the same area", area=area, languages=["es"])
    AidOfferFactory(title="Tech help", category="tech")
    html = _html(login(english), "aid_request_detail", request.pk)
    assert "Helpers who may suit you" in html
    assert "Cooking in the same area" in html
    assert "Tech help" not in html
    assert "Why:" in html
    assert "Ask them to help" in html


def test_a_helper_offers_and_the_thread_opens(login, english):
    request = AidRequestFactory(title="Groceries")
    client = login(english)
    html = _html(client, "aid_request_detail", request.pk)
    assert reverse("aid_request_help", args=[request.pk]) in html
    response = client.post(reverse("aid_request_help", args=[request.pk]), {"message": "I can"})
    match = Match.objects.get()
    assert response["Location"] == reverse("aid_match_detail", args=[match.pk])
    html = _html(client, "aid_match_detail", match.pk)
    assert "I can" in html
    assert "Waiting for the other side to answer" in html
    response = client.post(reverse("aid_match_message", args=[match.pk]), {"body": "  "})
    assert response.status_code == 400


def test_agreeing_sharing_contacts_and_the_follow_up(login, english):
    requester = UserFactory(language="en")
    request = AidRequestFactory(requester=requester)
    match = offer_help(actor=english, request=request)
    asker = login(requester)
    asker.post(reverse("aid_match_answer", args=[match.pk]), {"decision": "accept"})
    assert Match.objects.get().state == MatchState.ACCEPTED
    helper = login(english)
    helper.post(reverse("aid_match_contact", args=[match.pk]), {"contact": "600 111 222"})
    assert "600 111 222" not in _html(asker, "aid_match_detail", match.pk)
    asker.post(reverse("aid_match_contact", args=[match.pk]), {"contact": "ana@signal"})
    html = _html(asker, "aid_match_detail", match.pk)
    assert "600 111 222" in html
    assert "ana@signal" in html
    follow_up = FollowUp.objects.create(match=match, user=requester, asked_at=now())
    assert reverse("aid_follow_up", args=[follow_up.pk]) in _html(asker, "home")
    response = asker.post(
        reverse("aid_follow_up", args=[follow_up.pk]), {"happened": "yes", "feedback": "Great"}
    )
    assert response.status_code == 302
    assert AidRequest.objects.get().state == RequestState.FULFILLED
    assert asker.get(reverse("aid_follow_up", args=[follow_up.pk])).status_code == 404


def test_an_anonymous_requester_stays_hidden_from_members(login, english, assert_same_answer):
    requester = UserFactory(profile__chosen_name="Hidden Person")
    request = AidRequestFactory(requester=requester, anonymous=True)
    html = _html(login(english), "aid_request_detail", request.pk)
    assert "Hidden Person" not in html
    assert "asked to stay anonymous" in html
    assert "Hidden Person" in _html(login(OrganiserFactory()), "aid_request_detail", request.pk)


def test_missing_and_forbidden_answer_alike(login, english, assert_same_answer):
    hidden = AidRequestFactory(visibility="organisers")
    client = login(english)
    missing = client.get(reverse("aid_request_detail", args=[999_999]))
    forbidden = client.get(reverse("aid_request_detail", args=[hidden.pk]))
    assert forbidden.status_code == 404
    assert_same_answer(missing, forbidden)
    blocker = AidOfferFactory()
    BlockFactory(blocker=blocker.helper, blocked=english)
    assert_same_answer(
        client.get(reverse("aid_offer_detail", args=[999_999])),
        client.get(reverse("aid_offer_detail", args=[blocker.pk])),
    )
    match = MatchFactory()
    assert_same_answer(
        client.get(reverse("aid_match_detail", args=[999_999])),
        client.get(reverse("aid_match_detail", args=[match.pk])),
    )
    for name in ("aid_dispatch", "aid_figures", "aid_funds", "aid_areas"):
        assert client.get(reverse(name)).status_code == 404, name


def test_an_organiser_dispatches_from_the_queue(login):
    organiser = OrganiserFactory(language="en")
    request = AidRequestFactory(title="A bed tonight", category="housing", visibility="organisers")
    offer = AidOfferFactory(title="Sofa bed", category="housing")
    client = login(organiser)
    html = _html(client, "aid_dispatch")
    assert "A bed tonight" in html
    assert "Sofa bed" in html
    response = client.post(reverse("aid_request_dispatch", args=[request.pk]), {"offer": offer.pk})
    match = Match.objects.get()
    assert response["Location"] == reverse("aid_match_detail", args=[match.pk])
    assert match.dispatched_by == organiser
    assert "No request is waiting for someone" in _html(client, "aid_dispatch")
    response = client.post(
        reverse("aid_request_dispatch", args=[request.pk]), {"offer": offer.pk}, follow=True
    )
    assert "This request is no longer open" in response.content.decode()
    assert Match.objects.count() == 1


def test_funds_grants_and_payments_through_the_pages(login):
    organiser = OrganiserFactory(language="en")
    client = login(organiser)
    assert "There is no fund yet" in _html(client, "aid_funds")
    response = client.post(reverse("aid_funds"), {"name": "Solidarity fund", "currency": "EUR"})
    fund = Fund.objects.get()
    assert response["Location"] == reverse("aid_fund_detail", args=[fund.pk])
    client.post(reverse("aid_fund_detail", args=[fund.pk]), {"amount": "200", "note": "Raffle"})
    request = MoneyRequestFactory(amount=Decimal("80"))
    assert "Grant this request" in _html(client, "aid_request_detail", request.pk)
    client.post(reverse("aid_request_grant", args=[request.pk]), {"fund": fund.pk, "amount": ""})
    html = _html(client, "aid_request_detail", request.pk)
    assert "Granted 80" in html
    client.post(reverse("aid_request_payment", args=[request.pk]), {"amount": ""})
    assert LedgerEntry.objects.count() == 3
    html = _html(client, "aid_fund_detail", fund.pk)
    assert "Raffle" in html
    assert "120" in html
    # Too much: told, and nothing changes.
    other = MoneyRequestFactory(amount=Decimal("500"))
    response = client.post(
        reverse("aid_request_grant", args=[other.pk]),
        {"fund": fund.pk},
        HTTP_REFERER=reverse("aid_request_detail", args=[other.pk]),
    )
    assert response.status_code == 302
    assert LedgerEntry.objects.count() == 3


def test_figures_leave_small_counts_out(login):
    for _ in range(3):
        AidRequestFactory(category="food")
    AidRequestFactory(category="tech")
    html = _html(login(OrganiserFactory(language="en")), "aid_figures")
    assert "Time to help, by kind of help" in html
    assert "fewer than 3" in html


def test_organisers_say_where_areas_lie(login):
    here, there = AreaFactory(name="Here"), AreaFactory(name="There")
    client = login(OrganiserFactory(language="en"))
    assert "Here" in _html(client, "aid_areas")
    prefix = f"area{here.pk}"
    client.post(
        reverse("aid_area_place", args=[here.pk]),
        {
            f"{prefix}-latitude": "40.4",
            f"{prefix}-longitude": "-3.7",
            f"{prefix}-neighbours": [there.pk],
        },
    )
    from tejido.aid.models import AreaNeighbour, AreaPlace

    assert AreaPlace.objects.get(area=here).latitude == 40.4
    assert AreaNeighbour.objects.filter(area=there, neighbour=here).exists()
    response = client.post(
        reverse("aid_area_place", args=[here.pk]), {f"{prefix}-latitude": "40.4"}, follow=True
    )
    assert "Give both the latitude and the longitude" in response.content.decode()


def test_the_home_page_shows_my_requests_and_those_i_could_help_with(login, english):
    AidRequestFactory(requester=english, title="My own need")
    AidRequestFactory(title="Someone else's need", category="food")
    AidRequestFactory(title="A ride to court", category="transport")
    html = _html(login(english), "home")
    assert "My own need" in html
    assert "Requests you could help with" not in html
    assert "Requests your offers could meet" not in html
    AidOfferFactory(helper=english, category="food")
    html = _html(login(english), "home")
    # The open requests of the kind the member offers, not the others, nor their own.
    assert "Requests you could help with" in html
    assert "Someone else&#x27;s need" in html
    assert "A ride to court" not in html
    assert html.count("My own need") == 1
    # Their board scores them and says why.
    assert "Requests your offers could meet" in html
    assert f'href="{reverse("aid_mine")}"' in html
    assert "Someone else&#x27;s need" in _html(login(english), "aid_mine")


def test_my_board_explains_suggestions(login, english):
    AidRequestFactory(requester=english, title="Need food")
    AidOfferFactory(title="Sunday cooking")
    answer = offer_help(actor=english, request=AidRequestFactory(title="Their need"))
    answer_match(actor=answer.request.requester, match=answer, accept=True)
    html = _html(login(english), "aid_mine")
    assert "Need food" in html
    assert "Sunday cooking" in html
    assert "Where I help" in html
    assert "Their need" in html
