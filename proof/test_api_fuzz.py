"""API fuzzing with schemathesis against /api/v1/openapi.json, in-process (WSGI), as a vetted
member and as an organiser: every operation with a bounded number of generated requests
(derandomized, so CI is reproducible), valid and invalid. Checks: never a 5xx, the status code,
content type, headers and body conform to the document; and every operation that declares
authentication answers 401 without it."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import ApiToken
from tejido.accounts.tokens import create_token
from tejido.core.clock import now
from tejido.gatherings.factories import (
    ClaimFactory,
    EventFactory,
    FilmFactory,
    HostFactory,
    OccurrenceFactory,
    PollFactory,
    PollOptionFactory,
    RsvpFactory,
    SlotFactory,
)
from tejido.gatherings.models import Occurrence, Vote
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import Group
from tejido.membership.factories import ApplicationAnswerFactory, ApplicationFactory

pytestmark = pytest.mark.slow

SCHEMA_PATH = "/api/v1/openapi.json"
# The directory's HSDS-shaped read API: its own document, no token.
HSDS_SCHEMA_PATH = "/api/hsds/openapi.json"
# Per operation and role, on each database: with about 150 operations, 20 and 10 made these the
# suite's longest tests (two minutes each on a quiet machine), for cases that repeat each other.
POSITIVE_EXAMPLES = 12
NEGATIVE_EXAMPLES = 6
POSITIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    negative_data_rejection,
]


@contextmanager
def in_test_transaction() -> Iterator[None]:
    """Requests through the raw WSGI handler would close the test's database connection when
    they finish (Django's test client avoids this the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_people(db: Any) -> dict[str, Any]:
    """A small network for the generated requests to land on: groups whose slugs are the
    strings generation tries first, members to look at and block, applications to decide."""
    organiser = OrganiserFactory()
    member = UserFactory()
    others = UserFactory.create_batch(4)
    for slug, policy in (("0", "open"), ("a", "request"), ("00", "open"), ("A", "open")):
        group = GroupFactory(slug=slug, join_policy=policy)
        GroupMembershipFactory(group=group, user=others[0], role="organiser")
    GroupMembershipFactory(group=Group.objects.get(slug="00"), user=member)
    for _ in range(3):
        ApplicationAnswerFactory(application=ApplicationFactory(user=ApplicantFactory()))
    # Gatherings whose ids (1, 2, 3 …) generation tries first: one the organiser hosts, one the
    # member hosts, one of a group; seats held, waitlisted and confirmed.
    gatherings = [
        EventFactory(capacity=2, promotion="offer", mode="both", call_link="https://call.test/x"),
        EventFactory(needs_approval=True, recurrence="FREQ=WEEKLY;COUNT=3"),
        EventFactory(group=Group.objects.get(slug="00"), visibility="group", kind="potluck"),
    ]
    occurrences = [OccurrenceFactory(event=event) for event in gatherings]
    # The member's series' date is its second one, so that changing "this date and the
    # following ones" splits the series rather than changing all of it.
    second = gatherings[1].starts_at + timedelta(days=7)
    Occurrence.objects.filter(pk=occurrences[1].pk).update(
        original_start=second, starts_at=second, ends_at=second + timedelta(hours=2)
    )
    HostFactory(event=gatherings[0], user=organiser)
    HostFactory(event=gatherings[1], user=member)
    HostFactory(event=gatherings[2], user=others[0])
    held = now() + timedelta(hours=6)
    RsvpFactory(occurrence=occurrences[0], user=others[1])
    RsvpFactory(occurrence=occurrences[0], user=member, seat="offered", offer_expires_at=held)
    RsvpFactory(occurrence=occurrences[2], user=organiser, seat="offered", offer_expires_at=held)
    RsvpFactory(occurrence=occurrences[1], user=others[2], seat="pending")
    # Films and polls to vote in: an open network poll, a group's, and a closed one.
    films = FilmFactory.create_batch(3)
    polls = [
        PollFactory(created_by=organiser),
        PollFactory(group=Group.objects.get(slug="00")),
        PollFactory(closes_at=now() - timedelta(days=1)),
    ]
    for poll in polls:
        for film in films:
            PollOptionFactory(poll=poll, film=film)
    # The open polls have a vote each: once one is closed, its winner makes a film night.
    for poll in polls[:2]:
        Vote.objects.create(poll=poll, option=poll.options.first(), user=others[3])
    # A gathering's date with a sign-up sheet the member has a seat on: a slot to claim (id 1,
    # the first generation tries), a full one with the member's own claim (id 1) to change and
    # withdraw, and another's claim on the first for its hosts to remove.
    occurrence = OccurrenceFactory()
    RsvpFactory(occurrence=occurrence, user=member)
    slot = SlotFactory(occurrence=occurrence, wanted=50)
    ClaimFactory(slot=SlotFactory(occurrence=occurrence, wanted=1), user=member)
    ClaimFactory(slot=slot, user=others[1])
    _aid_board(organiser, member, others)
    _support_circles(organiser, member, others)
    people = {"organiser": organiser, "member": member}
    tokens = {key: create_token(actor=user, name="fuzz")[1] for key, user in people.items()}
    return {"people": people, "tokens": tokens}


def _aid_board(organiser: Any, member: Any, others: list[Any]) -> None:
    """Requests, offers and matches whose ids (1, 2, 3 …) generation tries first: another's
    open request the member offered on, the member's own request another helper offered on, a
    money request for organisers, offers of several kinds, and a fund with money in it."""
    from tejido.aid.factories import (
        AidOfferFactory,
        AidRequestFactory,
        FundFactory,
        MatchFactory,
        MoneyRequestFactory,
    )
    from tejido.aid.fund_services import record_received

    theirs = AidRequestFactory(requester=others[1])
    mine = AidRequestFactory(requester=member, category="transport")
    MoneyRequestFactory(requester=others[2])
    AidOfferFactory(helper=others[1])
    AidOfferFactory(helper=others[2], category="transport")
    AidOfferFactory(helper=member, category="food")
    MatchFactory(request=theirs, helper=member)
    MatchFactory(request=mine, helper=others[2])
    record_received(actor=organiser, fund=FundFactory(), amount="500")


def _support_circles(organiser: Any, member: Any, others: list[Any]) -> None:
    """Circles and places whose ids (1, 2, 3 …) generation tries first: one the member
    facilitates with requests waiting, one the organiser facilitates the member asked to join."""
    from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory

    theirs, organisers = CircleFactory(size_limit=2), CircleFactory()
    FacilitatorFactory(circle=theirs, user=member)
    FacilitatorFactory(circle=organisers, user=organiser)
    for person in others[:2]:
        PlaceFactory(circle=theirs, user=person, state="asked")
    PlaceFactory(circle=organisers, user=member, state="asked")


def with_client_address(app: Any) -> Any:
    """schemathesis' WSGI transport sends no REMOTE_ADDR, as no real server does: without one,
    allauth cannot tell the client's address, the token check refuses the request, and every
    operation would answer the same 404 (so the run would test nothing but that 404)."""

    def wrapped(environ: dict[str, Any], start_response: Any) -> Any:
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")
        return app(environ, start_response)

    return wrapped


def load_schema(path: str = SCHEMA_PATH) -> Any:
    with in_test_transaction():
        schema = schemathesis.openapi.from_wsgi(path, with_client_address(get_wsgi_application()))
    # The token is sent by the test, not generated; unknown query parameters are ignored, as
    # HTTP APIs do, so adding some is not invalid input.
    schema.config.generation.update(with_security_parameters=False, allow_extra_parameters=False)
    return schema


def operations(schema: Any) -> list[Any]:
    ops = []
    for result in schema.get_all_operations():
        ops.append(result.ok())
    assert ops, "the API document lists no operations"
    return ops


def fuzz(schema: Any, token: str) -> tuple[int, list[str]]:
    """Every operation, positive then negative generation. Returns the number of requests and
    the failures (one line each)."""
    headers = {"Authorization": f"Bearer {token}"}
    failures: list[str] = []
    calls = [0]

    def keep_token_alive() -> None:
        # An operation may revoke the token it is called with; later cases need it again.
        ApiToken.objects.filter(prefix=token[:12]).update(revoked_at=None)

    def runner(operation: Any, mode: GenerationMode, examples: int, checks: list[Any]) -> Any:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=examples,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            keep_token_alive()
            calls[0] += 1
            response = case.call(headers=headers)
            case.validate_response(response, checks=checks, headers=headers)

        return run

    for operation in operations(schema):
        for mode, examples, checks in (
            (GenerationMode.POSITIVE, POSITIVE_EXAMPLES, POSITIVE_CHECKS),
            (GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES, NEGATIVE_CHECKS),
        ):
            try:
                with in_test_transaction():
                    runner(operation, mode, examples, checks)()
            except Unsatisfiable:
                # Nothing to make invalid: an operation with no parameters and no body.
                assert mode == GenerationMode.NEGATIVE, operation.label
            except (Exception, BaseExceptionGroup) as error:
                first = str(error).strip().splitlines()[:12]
                failures.append(f"{operation.label} [{mode.value}]: " + " | ".join(first))
    return calls[0], failures


# Every operation with generated requests: minutes on a busy machine (see the leak sweep).
@pytest.mark.timeout(900)
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "organiser"])
def test_every_operation_survives_generated_requests(api_people: dict[str, Any], who: str) -> None:
    schema = load_schema()
    calls, failures = fuzz(schema, api_people["tokens"][who])
    print(f"\nAPI fuzz as {who}: {len(operations(schema))} operations, {calls} requests")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_operations_that_declare_authentication_refuse_requests_without_it(
    api_people: dict[str, Any],
) -> None:
    schema = load_schema()
    document = schema.raw_schema
    checked = []

    def without_token(operation: Any) -> Any:
        @given(case=operation.as_strategy())
        @settings(
            max_examples=1,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            case.headers = {
                k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"
            }
            response = case.call()
            assert response.status_code == 401, (
                f"{operation.label} without a token: {response.status_code}"
            )
            assert response.json()["code"] == "unauthenticated"

        return run

    for operation in operations(schema):
        declared = operation.definition.raw.get("security", document.get("security"))
        if not declared:
            continue
        with in_test_transaction():
            without_token(operation)()
        checked.append(operation.label)
    print(f"\n{len(checked)} operations refuse requests without a token")
    assert checked


@pytest.mark.django_db
def test_the_hsds_api_survives_generated_requests(api_people: dict[str, Any]) -> None:
    from tejido.directory.factories import ServiceAtLocationFactory, ServiceFactory, tag

    for number in range(3):
        service = tag(ServiceFactory(name=f"Servicio {number}"), "food", "free")
        ServiceAtLocationFactory(service=service)
    schema = load_schema(HSDS_SCHEMA_PATH)
    calls, failures = fuzz(schema, api_people["tokens"]["member"])
    print(f"\nHSDS API fuzz: {len(operations(schema))} operations, {calls} requests")
    assert not failures, "\n".join(failures)
