"""`manage.py create_organiser` makes the first organiser of a new network, asked for or given
with flags, and `createsuperuser` refuses and names it."""

import getpass
import io
from collections.abc import Iterator

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tejido.accounts.factories import UserFactory
from tejido.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a long and quiet river"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def answers(monkeypatch):
    """`answers(inputs, passwords)`: what the operator types at the prompts, in order. Gives
    the list of the prompts asked."""

    def feed(inputs: list[str], passwords: list[str]) -> list[str]:
        typed = iter(inputs)
        secret = iter(passwords)
        asked: list[str] = []

        def ask(prompt: str = "") -> str:
            asked.append(prompt)
            return next(typed)

        monkeypatch.setattr("builtins.input", ask)
        monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(secret))
        return asked

    return feed


def run(*args: str, stdin: str = "") -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("create_organiser", *args, stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return out.getvalue(), err.getvalue()


def assert_is_a_full_organiser(email: str, name: str, pronouns: str, language: str) -> User:
    user = User.objects.get(email=email)
    assert user.state == User.State.MEMBER
    assert user.is_organiser
    assert not user.is_superuser
    assert user.language == language
    assert user.check_password(PASSWORD)
    assert (user.profile.chosen_name, user.profile.pronouns) == (name, pronouns)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (email, True, True)
    return user


def test_interactive_asks_for_everything_and_makes_the_organiser(answers):
    answers(["ana@example.org", "Ana", "ella", "es"], [PASSWORD, PASSWORD])

    out, _err = run()

    assert "ana@example.org" in out
    assert_is_a_full_organiser("ana@example.org", "Ana", "ella", "es")


def test_interactive_asks_again_for_a_bad_address_a_weak_password_and_a_mismatch(answers):
    answers(
        ["not an address", "Ana", "", "en", "ana@example.org"],
        ["short", "short", "one long password", "another long one", PASSWORD, PASSWORD],
    )

    _out, err = run()

    assert "Email address: Enter a valid email address." in err
    assert "Password: This password is too short." in err
    assert "The two passwords are not the same." in err
    assert_is_a_full_organiser("ana@example.org", "Ana", "", "en")


def test_interactive_takes_a_taken_address_as_an_error_and_asks_again(answers):
    UserFactory(email="taken@example.org")
    answers(["taken@example.org", "Ana", "", "", "ana@example.org"], [PASSWORD, PASSWORD])

    _out, err = run()

    assert "This address already has an account." in err
    assert_is_a_full_organiser("ana@example.org", "Ana", "", "es")


def test_flags_and_standard_input_make_the_organiser_without_asking(monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt="": pytest.fail("asked something"))
    args = ["--no-input", "--email", "Bea@Example.org", "--name", "Bea", "--pronouns", "elle"]

    run(*args, "--language", "en", "--password-stdin", stdin=f"{PASSWORD}\n")

    assert_is_a_full_organiser("bea@example.org", "Bea", "elle", "en")


def test_the_password_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("TEJIDO_ORGANISER_PASSWORD", PASSWORD)

    run("--no-input", "--email", "cris@example.org", "--name", "Cris")

    assert_is_a_full_organiser("cris@example.org", "Cris", "", "es")


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("not an address", PASSWORD, "Email address: Enter a valid email address."),
        ("ana@example.org", "12345", "Password: This password is too short."),
        ("taken@example.org", PASSWORD, "Email address: This address already has an account."),
    ],
)
def test_without_input_an_error_is_a_clear_message_and_nothing_is_made(email, password, message):
    UserFactory(email="taken@example.org")
    before = User.objects.count()

    with pytest.raises(CommandError) as error:
        run("--no-input", "--email", email, "--name", "Ana", "--password-stdin", stdin=password)

    assert message in str(error.value)
    assert User.objects.count() == before


def test_without_input_the_password_is_required(monkeypatch):
    monkeypatch.delenv("TEJIDO_ORGANISER_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="TEJIDO_ORGANISER_PASSWORD"):
        run("--no-input", "--email", "ana@example.org", "--name", "Ana")

    assert not User.objects.exists()


def test_the_organiser_logs_in_through_the_login_page_and_sees_the_organiser_home():
    run(
        "--no-input",
        "--email",
        "ana@example.org",
        "--name",
        "Ana Organiza",
        "--password-stdin",
        stdin=PASSWORD,
    )
    client = Client()

    response = client.post(
        "/accounts/login/", {"login": "ana@example.org", "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Ana Organiza" in response.text
    assert reverse("organise_home") in response.text
    assert client.get(reverse("organise_home")).status_code == 200


def test_createsuperuser_refuses_and_names_the_command():
    with pytest.raises(CommandError, match="create_organiser"):
        call_command("createsuperuser", "--no-input", "--email", "root@example.org")

    assert not User.objects.exists()


def test_the_manager_makes_no_superuser_either():
    with pytest.raises(NotImplementedError, match="create_organiser"):
        User.objects.create_superuser("root@example.org", PASSWORD)

    assert not User.objects.exists()


def test_the_questions_and_errors_are_translated(translations, answers):
    UserFactory(email="taken@example.org")
    asked = answers(
        ["taken@example.org", "Ana", "", "", "ana@example.org"],
        [PASSWORD, "other", PASSWORD, PASSWORD],
    )

    with translation.override("es"):
        _out, err = run()

    assert asked[0] == "Dirección de correo: "
    assert "Las dos contraseñas no coinciden." in err
    assert "Dirección de correo electrónico: Esta dirección ya tiene una cuenta." in err
