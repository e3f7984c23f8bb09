from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tejido.demo import content
from tejido.demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Fill the database with a made-up demo network (Red Arcoíris): people, groups, "
        "applications, notices. Running it again adds nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--password",
            default=content.DEFAULT_PASSWORD,
            help="the password of every demo account (default: %(default)s)",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="seed even with TEJIDO_ENV=production (never on a real network's database)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False) and not options["allow_production"]:
            raise CommandError(
                "Refusing to add made-up people to a production database. "
                "Use --allow-production only for a throwaway demo server."
            )
        result = seed_demo(password=options["password"])
        name = content.NETWORK["name"]
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Created the demo network {name}."))
        else:
            self.stdout.write(f"The demo network {name} is already there: nothing added.")
        self.stdout.write(
            f"{result.members} members, {result.applicants} applicants waiting for review, "
            f"{result.groups} groups.\n"
            "\n"
            f"Log in at {settings.SITE_URL}/accounts/login/ as\n"
            f"  an organiser:  {content.ORGANISER_EMAIL}\n"
            f"  a member:      {content.MEMBER_EMAIL}\n"
            f"  password:      {options['password']}  (the same for every demo account)\n"
        )
