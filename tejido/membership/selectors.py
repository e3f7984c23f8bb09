from tejido.accounts.models import User
from tejido.membership.models import CodeOfConduct, ConductAcceptance


def current_conduct() -> CodeOfConduct | None:
    return CodeOfConduct.objects.order_by("-version").first()


def needs_conduct_acceptance(*, user: User) -> bool:
    """True when a code of conduct exists and the member has not accepted its newest version."""
    code = current_conduct()
    if code is None:
        return False
    return not ConductAcceptance.objects.filter(user=user, code=code).exists()
