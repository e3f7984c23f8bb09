import pytest

from tejido.accounts.factories import ApplicantFactory, BlockFactory, UserFactory
from tejido.accounts.models import Block, User
from tejido.accounts.services import CannotBlockSelf, block_member, unblock_member
from tejido.audit.models import AuditEntry
from tejido.core.errors import NotAllowed, NotFound
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def test_block_is_idempotent_and_leaves_no_trace_for_the_blocked():
    me, other = UserFactory(), UserFactory()
    first = block_member(actor=me, target=other)
    again = block_member(actor=me, target=other)
    assert first.pk == again.pk
    assert Block.objects.count() == 1
    assert not Notice.objects.filter(user=other).exists()
    assert not AuditEntry.objects.exists()


def test_nobody_blocks_themselves():
    me = UserFactory()
    with pytest.raises(CannotBlockSelf):
        block_member(actor=me, target=me)
    assert not Block.objects.exists()


def test_someone_the_actor_cannot_see_is_not_found():
    me = UserFactory()
    for target in (ApplicantFactory(), UserFactory(state=User.State.SUSPENDED)):
        with pytest.raises(NotFound):
            block_member(actor=me, target=target)
    # Someone who blocked me looks the same as someone who does not exist.
    blocker = UserFactory()
    BlockFactory(blocker=blocker, blocked=me)
    with pytest.raises(NotFound):
        block_member(actor=me, target=blocker)


def test_only_vetted_members_block_and_unblock():
    target = UserFactory()
    for actor in (ApplicantFactory(), UserFactory(state=User.State.SUSPENDED)):
        with pytest.raises(NotAllowed):
            block_member(actor=actor, target=target)
        with pytest.raises(NotAllowed):
            unblock_member(actor=actor, target=target)


def test_unblock_lifts_only_ones_own_block_and_is_idempotent():
    me, other = UserFactory(), UserFactory()
    block_member(actor=me, target=other)
    BlockFactory(blocker=other, blocked=me)
    unblock_member(actor=me, target=other)
    unblock_member(actor=me, target=other)
    assert list(Block.objects.values_list("blocker", "blocked")) == [(other.pk, me.pk)]
