from allauth.account.adapter import DefaultAccountAdapter


class TejidoAccountAdapter(DefaultAccountAdapter):
    """Stub: the accounts helper fills this in."""
