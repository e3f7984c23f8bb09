"""Logged-in visitors for the load benchmark: for a sample of the generated members, a session
cookie and an API token, and what each of them may look at (members they can see, groups,
dates of gatherings to come, open aid requests, words to search the directory for, support circles).

Run by bench/load/run.py with the benchmark's database in the environment:
    python bench/load/prepare.py --viewers 40 --out viewers.json
Sessions are made directly (no login form), so no password is hashed on the way.
"""

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


# What visitors search the directory for (ASCII, as typed on a phone without accents).
SEARCH_TERMS = ("vivienda", "asesoria+juridica", "clinicas", "empleo", "castellano", "trans")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--viewers", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from tejido.access.aid import visible_requests
    from tejido.access.circles import visible_circles
    from tejido.access.events import visible_occurrences
    from tejido.access.groups import visible_groups
    from tejido.access.members import visible_members
    from tejido.accounts.models import User
    from tejido.accounts.tokens import create_token
    from tejido.core.clock import now
    from tejido.membership.selectors import needs_conduct_acceptance

    rng = random.Random(args.seed)
    candidates = list(
        User.objects.filter(state=User.State.MEMBER, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not candidates:
        raise SystemExit("no vetted members in the benchmark database")
    rng.shuffle(candidates)
    viewers: list[dict[str, object]] = []
    skipped_conduct = 0
    for pk in candidates:
        if len(viewers) >= args.viewers:
            break
        user = User.objects.get(pk=pk)
        if needs_conduct_acceptance(user=user):
            skipped_conduct += 1
            continue
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        _token, plaintext = create_token(actor=user, name="load benchmark")
        seen = list(visible_members(user).exclude(pk=user.pk).values_list("pk", flat=True))
        groups = list(visible_groups(user).values_list("slug", flat=True))
        upcoming = visible_occurrences(user).filter(ends_at__gt=now(), cancelled_at__isnull=True)
        occurrences = list(upcoming.values_list("pk", flat=True))
        requests = list(visible_requests(user).filter(state="open").values_list("pk", flat=True))
        circles = list(visible_circles(user).values_list("pk", flat=True))
        viewers.append(
            {
                "id": user.pk,
                "session": session,
                "token": plaintext,
                "members": rng.sample(seen, min(len(seen), 200)),
                "groups": rng.sample(groups, min(len(groups), 50)),
                "occurrences": rng.sample(occurrences, min(len(occurrences), 50)),
                "aid_requests": rng.sample(requests, min(len(requests), 50)),
                "terms": list(SEARCH_TERMS),
                "circles": rng.sample(circles, min(len(circles), 50)),
            }
        )
    if not viewers:
        raise SystemExit(
            f"no member can browse: {skipped_conduct} have not accepted the code of conduct"
        )
    Path(args.out).write_text(json.dumps({"viewers": viewers, "members": len(candidates)}))
    print(f"prepared {len(viewers)} logged-in viewers of {len(candidates)} members")


if __name__ == "__main__":
    main()
