"""A seeded generator of a large network for benchmarks: members with profiles, groups,
memberships, blocks and applicants, gatherings with their dates, hosts and RSVPs, the aid
board's requests and offers (bench/generate_aid.py), support circles
(bench/generate_support.py) and, when asked, the directory's services
(bench/generate_directory.py), on the configured database (SQLite, or PostgreSQL with
TEJIDO_DATABASE_URL).

    .venv/bin/python bench/generate.py                    # 10,000 members, seed 1
    .venv/bin/python bench/generate.py --members 50000 --seed 7 --reset --migrate
    .venv/bin/python bench/generate.py --services 100000  # and a directory of 100,000

Everyone shares one precomputed password hash (BENCH_PASSWORD) and an address at
@bench.tejido.test; rows are written with bulk_create, so 10,000 members take seconds.
The same seed gives the same network.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

BENCH_DOMAIN = "bench.tejido.test"
BENCH_PASSWORD = "bench-password-not-secret"
GROUP_PREFIX = "bench-"
EVENT_PREFIX = "Bench gathering"

FIRST_NAMES = (
    "Alex",
    "Ana",
    "Andrea",
    "Ángel",
    "Ari",
    "Bea",
    "Carmen",
    "Chris",
    "Dani",
    "Elena",
    "Emma",
    "Eri",
    "Fátima",
    "Gabriel",
    "Hugo",
    "Iker",
    "Inés",
    "Irene",
    "Jamie",
    "Jordan",
    "Joaquín",
    "Kai",
    "Lara",
    "Lola",
    "Lucía",
    "Luz",
    "Marco",
    "Mar",
    "Mateo",
    "Noa",
    "Nico",
    "Oksana",
    "Pau",
    "Paco",
    "Priya",
    "Río",
    "Robin",
    "Rosa",
    "Sam",
    "Sara",
    "Sol",
    "Taylor",
    "Tomás",
    "Valentina",
    "Xián",
    "Yeray",
    "Zoe",
)
PRONOUNS = (
    "ella / she/her",
    "él / he/him",
    "elle / they/them",
    "cualquier pronombre / any pronouns",
    "pregúntame / ask me",
    "",
)
LANGUAGE_SETS = (("es",), ("es", "en"), ("en",), ("en", "es"), ("es", "ca"), ("ar", "es"))
AUDIENCES = ("only_me", "organisers", "shared_group", "members")


@dataclass(frozen=True)
class Generated:
    members: int
    applicants: int
    groups: int
    memberships: int
    blocks: int
    areas: int
    events: int
    rsvps: int
    aid_requests: int
    aid_offers: int
    services: int
    circles: int
    seconds: float


class AlreadyGenerated(Exception):
    pass


def _chunks(size: int, batch: int) -> list[range]:
    return [range(start, min(start + batch, size)) for start in range(0, size, batch)]


def reset() -> None:
    """Delete everything an earlier run generated (and nothing else)."""
    from bench.generate_directory import BENCH_ORGANIZATION
    from bench.generate_support import CIRCLE_PREFIX
    from tejido.accounts.models import User
    from tejido.directory.models import Organization
    from tejido.gatherings.models import Event
    from tejido.groups.models import Group
    from tejido.support.models import Circle

    Event.objects.filter(title_en__startswith=EVENT_PREFIX).delete()
    Organization.objects.filter(name__startswith=BENCH_ORGANIZATION).delete()
    Circle.objects.filter(name_en__startswith=CIRCLE_PREFIX).delete()
    Group.objects.filter(slug__startswith=GROUP_PREFIX).delete()
    User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()


def generate(
    *,
    members: int = 10_000,
    seed: int = 1,
    replace: bool = False,
    batch_size: int = 2_000,
    events: int | None = None,
    rsvps: int | None = None,
    aid_requests: int | None = None,
    aid_offers: int | None = None,
    services: int = 0,
    circles: int | None = None,
    blocks: int | None = None,
) -> Generated:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from tejido.accounts.models import Block, Profile, User
    from tejido.groups.models import Group, GroupMembership
    from tejido.membership.models import (
        Application,
        ApplicationAnswer,
        ApplicationQuestion,
        CodeOfConduct,
        ConductAcceptance,
    )
    from tejido.network.models import Area

    started = time.perf_counter()
    from bench.generate_aid import generate_aid
    from bench.generate_directory import generate_directory
    from bench.generate_support import generate_support

    rng = random.Random(seed)
    if User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").exists():
        if not replace:
            raise AlreadyGenerated("This database already holds a generated network: use --reset.")
        reset()

    applicant_count = max(1, members // 20)
    group_count = max(5, members // 100)

    with transaction.atomic():
        area_names = [f"Bench area {n:02d}" for n in range(1, 21)]
        Area.objects.bulk_create(
            [Area(name=name, position=100 + n) for n, name in enumerate(area_names)],
            ignore_conflicts=True,
        )
        areas = list(Area.objects.filter(name__in=area_names).order_by("name"))

        code = CodeOfConduct.objects.order_by("-version").first()
        if code is None:
            code = CodeOfConduct.objects.create(
                version=1, text_es="Código de prueba.", text_en="Benchmark code of conduct."
            )
        questions = list(ApplicationQuestion.objects.filter(active=True))
        if not questions:
            questions = ApplicationQuestion.objects.bulk_create(
                [
                    ApplicationQuestion(
                        text_es=f"Pregunta {n}", text_en=f"Question {n}", position=n
                    )
                    for n in range(3)
                ]
            )

        groups = Group.objects.bulk_create(
            [
                Group(
                    slug=f"{GROUP_PREFIX}{n:05d}",
                    name_es=f"Grupo {n}",
                    name_en=f"Group {n}",
                    description_es="Un grupo generado.",
                    description_en="A generated group.",
                    kind=Group.Kind.LOCAL if n % 4 == 0 else Group.Kind.THEMED,
                    join_policy=Group.JoinPolicy.REQUEST if n % 5 == 0 else Group.JoinPolicy.OPEN,
                    area=areas[n % len(areas)] if n % 4 == 0 else None,
                )
                for n in range(group_count)
            ],
            batch_size=batch_size,
        )

        # One hash for everyone: hashing is deliberately slow, and this is not about logins.
        hashed = make_password(BENCH_PASSWORD)
        total = members + applicant_count
        users: list[User] = []
        for chunk in _chunks(total, batch_size):
            users += User.objects.bulk_create(
                [
                    User(
                        email=f"person{n:07d}@{BENCH_DOMAIN}",
                        password=hashed,
                        state=User.State.MEMBER if n < members else User.State.APPLICANT,
                        is_organiser=n < members and n % 100 == 0,
                        is_facilitator=n < members and n % 20 == 7,
                        language="en" if rng.random() < 0.3 else "es",
                        discreet_mode=rng.random() < 0.1,
                    )
                    for n in chunk
                ]
            )
        vetted, applicants = users[:members], users[members:]

        Profile.objects.bulk_create(
            [
                Profile(
                    user=user,
                    chosen_name=(name := f"{rng.choice(FIRST_NAMES)} {n}"),
                    sort_name=Profile.sort_name_for(name),
                    pronouns=rng.choice(PRONOUNS),
                    languages=list(rng.choice(LANGUAGE_SETS)),
                    area=rng.choice(areas) if rng.random() < 0.8 else None,
                    bio="Generated member." if rng.random() < 0.5 else "",
                    pronouns_audience=rng.choice(AUDIENCES),
                    languages_audience=rng.choice(AUDIENCES),
                    area_audience=rng.choice(AUDIENCES),
                    bio_audience=rng.choice(AUDIENCES),
                )
                for n, user in enumerate(users)
            ],
            batch_size=batch_size,
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
            batch_size=batch_size,
        )
        ConductAcceptance.objects.bulk_create(
            [ConductAcceptance(user=u, code=code) for u in users], batch_size=batch_size
        )

        # Memberships: most people in one to three groups, a few in many; each group has an
        # organiser; a few pending requests in by-request groups.
        memberships: dict[tuple[int, int], GroupMembership] = {}
        for group in groups:
            organiser = rng.choice(vetted)
            memberships[(group.pk, organiser.pk)] = GroupMembership(
                group=group, user=organiser, role=GroupMembership.Role.ORGANISER
            )
        for user in vetted:
            count = rng.choices((0, 1, 2, 3, 8), weights=(15, 35, 30, 15, 5))[0]
            for group in rng.sample(groups, min(count, len(groups))):
                if (group.pk, user.pk) in memberships:
                    continue
                requested = group.join_policy == Group.JoinPolicy.REQUEST and rng.random() < 0.1
                memberships[(group.pk, user.pk)] = GroupMembership(
                    group=group,
                    user=user,
                    state=(
                        GroupMembership.State.REQUESTED
                        if requested
                        else GroupMembership.State.ACTIVE
                    ),
                )
        GroupMembership.objects.bulk_create(list(memberships.values()), batch_size=batch_size)

        pairs: set[tuple[int, int]] = set()
        block_count = min(members // 50 if blocks is None else blocks, members * (members - 1))
        while len(pairs) < block_count and members > 1:
            blocker, blocked = rng.sample(vetted, 2)
            pairs.add((blocker.pk, blocked.pk))
        Block.objects.bulk_create(
            [Block(blocker_id=a, blocked_id=b) for a, b in sorted(pairs)], batch_size=batch_size
        )

        applications = Application.objects.bulk_create(
            [
                Application(
                    user=user,
                    status=(
                        Application.Status.QUESTION
                        if rng.random() < 0.2
                        else Application.Status.PENDING
                    ),
                )
                for user in applicants
            ],
            batch_size=batch_size,
        )
        ApplicationAnswer.objects.bulk_create(
            [
                ApplicationAnswer(application=application, question=question, text="Generated.")
                for application in applications
                for question in questions
            ],
            batch_size=batch_size,
        )

        event_count, rsvp_count = _gatherings(
            rng,
            vetted,
            groups,
            areas,
            events=members // 5 if events is None else events,
            rsvps=members * 5 if rsvps is None else rsvps,
            batch_size=batch_size,
        )
        request_count, offer_count = generate_aid(
            rng,
            vetted,
            areas,
            requests=members * 2 if aid_requests is None else aid_requests,
            offers=members * 2 if aid_offers is None else aid_offers,
            batch_size=batch_size,
        )
        service_count = generate_directory(rng, areas, services=services, batch_size=batch_size)
        circle_count = generate_support(
            rng,
            vetted,
            circles=members // 20 if circles is None else circles,
            batch_size=batch_size,
        )

    return Generated(
        members=len(vetted),
        applicants=len(applicants),
        groups=len(groups),
        memberships=len(memberships),
        blocks=len(pairs),
        areas=len(areas),
        events=event_count,
        rsvps=rsvp_count,
        aid_requests=request_count,
        aid_offers=offer_count,
        services=service_count,
        circles=circle_count,
        seconds=round(time.perf_counter() - started, 2),
    )


def _gatherings(
    rng: random.Random,
    vetted: list[Any],
    groups: list[Any],
    areas: list[Any],
    *,
    events: int,
    rsvps: int,
    batch_size: int,
) -> tuple[int, int]:
    """Gatherings over the next three months (and a few past): one date each, most for the
    whole network, some for a group; a host each; RSVPs spread over them, seats taken up to
    each capacity and the rest on the waitlist."""
    from datetime import timedelta

    from django.utils import timezone

    from tejido.gatherings.models import Event, Host, Occurrence, Rsvp

    if not events or not vetted:
        return 0, 0
    start_of_today = timezone.now().replace(minute=0, second=0, microsecond=0)
    kinds = list(Event.Kind.values)
    made = Event.objects.bulk_create(
        [
            Event(
                kind=kinds[n % len(kinds)],
                title_es=f"Encuentro de prueba {n}",
                title_en=f"{EVENT_PREFIX} {n}",
                description_es="Un encuentro generado.",
                description_en="A generated gathering.",
                group=groups[n % len(groups)] if n % 4 == 0 else None,
                visibility=Event.Visibility.GROUP if n % 8 == 0 else Event.Visibility.NETWORK,
                starts_at=(begins := start_of_today + timedelta(hours=rng.randint(-240, 2160))),
                ends_at=begins + timedelta(hours=2),
                area=rng.choice(areas),
                capacity=rng.choice((None, 10, 20, 40)),
                languages=["es"] if n % 3 else ["es", "en"],
                step_free=n % 2 == 0,
                address=f"Calle de prueba {n}",
            )
            for n in range(events)
        ],
        batch_size=batch_size,
    )
    dates = Occurrence.objects.bulk_create(
        [
            Occurrence(
                event=e, original_start=e.starts_at, starts_at=e.starts_at, ends_at=e.ends_at
            )
            for e in made
        ],
        batch_size=batch_size,
    )
    Host.objects.bulk_create(
        [Host(event=e, user=rng.choice(vetted)) for e in made], batch_size=batch_size
    )
    answers: dict[tuple[int, int], Rsvp] = {}
    taken: dict[int, int] = {}
    now = timezone.now()
    while len(answers) < rsvps and len(answers) < len(dates) * len(vetted):
        date, person = rng.choice(dates), rng.choice(vetted)
        if (date.pk, person.pk) in answers:
            continue
        answer = rng.choices(Rsvp.Answer.values, weights=(70, 20, 10))[0]
        seat = Rsvp.Seat.NONE
        if answer == Rsvp.Answer.GOING:
            capacity = date.event.capacity
            full = capacity is not None and taken.get(date.pk, 0) >= capacity
            seat = Rsvp.Seat.WAITLISTED if full else Rsvp.Seat.CONFIRMED
            taken[date.pk] = taken.get(date.pk, 0) + (not full)
        answers[(date.pk, person.pk)] = Rsvp(
            occurrence=date, user=person, answer=answer, seat=seat, queued_at=now
        )
    Rsvp.objects.bulk_create(list(answers.values()), batch_size=batch_size)
    return len(made), len(answers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a large Tejido network.")
    parser.add_argument("--members", type=int, default=10_000, help="default: %(default)s")
    parser.add_argument("--seed", type=int, default=1, help="default: %(default)s")
    parser.add_argument("--batch-size", type=int, default=2_000, help="default: %(default)s")
    parser.add_argument("--events", type=int, default=None, help="default: members / 5")
    parser.add_argument("--rsvps", type=int, default=None, help="default: members x 5")
    parser.add_argument("--aid-requests", type=int, default=None, help="default: members x 2")
    parser.add_argument("--aid-offers", type=int, default=None, help="default: members x 2")
    parser.add_argument("--services", type=int, default=0, help="directory services (default 0)")
    parser.add_argument("--circles", type=int, default=None, help="default: members / 20")
    parser.add_argument("--blocks", type=int, default=None, help="default: members / 50")
    parser.add_argument("--reset", action="store_true", help="replace a network generated earlier")
    parser.add_argument("--migrate", action="store_true", help="run migrate first")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tejido.core.statistics import analyze_database

    if args.migrate:
        call_command("migrate", verbosity=0)
    try:
        result = generate(
            members=args.members,
            seed=args.seed,
            replace=args.reset,
            batch_size=args.batch_size,
            events=args.events,
            rsvps=args.rsvps,
            aid_requests=args.aid_requests,
            aid_offers=args.aid_offers,
            services=args.services,
            circles=args.circles,
            blocks=args.blocks,
        )
    except AlreadyGenerated as error:
        print(error, file=sys.stderr)
        return 1
    # Fresh statistics for the planner, as a network keeps them (tejido.core.statistics).
    analyze_database()
    counts: dict[str, Any] = asdict(result)
    seconds = counts.pop("seconds")
    print(f"Generated on {connection.vendor} in {seconds:.1f} s (seed {args.seed}):")
    for name, value in counts.items():
        print(f"  {name:<12} {value:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
