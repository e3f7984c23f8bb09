"""Data for the crash test, made in the crash test's own database (run as a script with that
database in the environment): writer members with API tokens, and many open groups for them to
join, each join a new row.

    python proof/crash_setup.py OUT.json --writers 4 --groups 10000
"""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--groups", type=int, default=10000)
    args = parser.parse_args()

    import django

    django.setup()
    from tejido.accounts.models import Profile, User
    from tejido.accounts.tokens import create_token
    from tejido.groups.models import Group

    writers = []
    for i in range(args.writers):
        user = User.objects.create_user(f"writer{i}@example.org", None, state=User.State.MEMBER)
        Profile.objects.create(user=user, chosen_name=f"Writer {i}")
        _token, plaintext = create_token(actor=user, name="crash test")
        writers.append({"id": user.pk, "token": plaintext})
    Group.objects.bulk_create(
        [
            Group(slug=f"crash-{n:05d}", name_es=f"Grupo {n}", join_policy=Group.JoinPolicy.OPEN)
            for n in range(args.groups)
        ],
        batch_size=1000,
    )
    Path(args.out).write_text(
        json.dumps({"writers": writers, "slugs": [f"crash-{n:05d}" for n in range(args.groups)]})
    )


if __name__ == "__main__":
    main()
