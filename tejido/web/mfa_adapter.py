"""How allauth's two-factor authentication fits Tejido: its secrets are stored sealed."""

from allauth.mfa.adapter import DefaultMFAAdapter

from tejido.core.sealing import seal, unseal


class TejidoMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return seal(text)

    def decrypt(self, encrypted_text: str) -> str:
        return unseal(encrypted_text)
