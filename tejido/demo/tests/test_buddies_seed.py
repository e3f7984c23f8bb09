"""The demo network's peer buddies and check-ins are alive, in both languages: a pair with a
few messages, someone looking for a buddy, a check-in team member who sees a member due."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tejido.accounts.models import User
from tejido.buddies.models import BuddyPair, BuddyProfile, PairState, ThreadMessage
from tejido.checkins.models import CheckinChoice, TeamMember
from tejido.demo import content

pytestmark = pytest.mark.django_db


def test_buddies_and_check_ins_are_alive():
    call_command("seed_demo", stdout=StringIO())
    pair = BuddyPair.objects.get(state=PairState.ACTIVE)
    assert ThreadMessage.objects.filter(thread=pair.thread).count() == 3
    assert BuddyProfile.objects.filter(seeking=True).count() == 2
    assert TeamMember.objects.count() == 1
    assert CheckinChoice.objects.filter(due_since__isnull=False).count() == 1
    member = User.objects.get(email=content.MEMBER_EMAIL)
    client = Client()
    client.force_login(member)
    html = client.get("/support/buddies/", HTTP_ACCEPT_LANGUAGE="es", follow=True).content.decode()
    assert "Aitana" in html
    rosa = TeamMember.objects.get().user
    client.force_login(rosa)
    assert "Paco" in client.get("/support/check-ins/", follow=True).content.decode()
