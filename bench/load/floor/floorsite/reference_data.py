"""Fills the reference pages' database (FLOOR_DATABASE) and prints a signed-in session key.
bench/load/run.py runs it in bench/load/floor as `python -m floorsite.reference_data`."""

import django


def main() -> None:
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    from floorsite.reference import LISTED

    call_command("migrate", verbosity=0, interactive=False)
    User.objects.bulk_create(User(username=f"person-{n:02}") for n in range(LISTED))
    viewer = User.objects.create_user("viewer")
    client = Client()
    # mypy checks with Tejido's settings, whose user model is Tejido's own.
    client.force_login(viewer)  # type: ignore[arg-type]
    print(client.cookies["sessionid"].value)


if __name__ == "__main__":
    main()
