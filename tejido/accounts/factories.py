"""Test and demo factories for members. A member always has a profile."""

from typing import Any

import factory

from tejido.accounts.models import Block, Profile, User


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory("tejido.accounts.factories.UserFactory", profile=None)
    chosen_name = factory.Sequence(lambda n: f"Alex {n}")
    pronouns = "they/them"


class UserFactory(factory.django.DjangoModelFactory):
    """A vetted member in good standing, with a verified email address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    state = User.State.MEMBER
    language = "es"
    profile = factory.RelatedFactory(ProfileFactory, factory_related_name="user")

    @factory.post_generation
    def password(obj: User, create: bool, extracted: str | None, **kwargs: Any) -> None:
        obj.set_password(extracted or "correct horse battery staple")
        if create:
            obj.save(update_fields=["password"])
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class OrganiserFactory(UserFactory):
    is_organiser = True


class ApplicantFactory(UserFactory):
    state = User.State.APPLICANT


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    blocker = factory.SubFactory(UserFactory)
    blocked = factory.SubFactory(UserFactory)
