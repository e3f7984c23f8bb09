import factory

from tejido.accounts.factories import UserFactory
from tejido.groups.models import Group, GroupMembership


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_es = factory.Sequence(lambda n: f"Grupo {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")
    description_es = "Un grupo."
    description_en = "A group."


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)
