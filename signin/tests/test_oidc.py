"""Signing in with the organisation's account, end to end: real HTTP requests
through the live server and a real OpenID Connect provider (conftest)."""

import re
from html import unescape

import pytest
import requests
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from actions.tests.factories import UserFactory
from audit.models import AccessEvent
from signin.tests.conftest import PROVIDER_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
DASHBOARD = "What is owed: open actions of every post"


def form_fields(html):
    """The hidden fields and the action of the page's one form."""
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', html))
    return {name: unescape(value) for name, value in fields.items()}


def sign_in_with_provider(live_server, username, *, browser=None, next_url=""):
    """Start at the site's "Sign in with" link, sign in at the provider as
    `username`, and follow every redirect back; the last answer."""
    browser = browser or requests.Session()
    start = f"{live_server.url}/accounts/oidc/start/"
    at_provider = browser.get(start, params={"next": next_url} if next_url else None)
    assert "Example Police sign-in" in at_provider.text, at_provider.text
    fields = form_fields(at_provider.text)
    return browser.post(
        at_provider.url,
        data={**fields, "username": username, "password": PROVIDER_PASSWORD},
        timeout=30,
    )


def messages_in(response):
    return [
        unescape(text) for text in re.findall(r'role="alert">([^<]*)<', response.text)
    ]


@pytest.fixture
def people(roles):
    return {
        "pcc": UserFactory(username="pcc", email="pat.pcc@example.org", role="PCC"),
        "force": UserFactory(
            username="force", email="frank.force@example.org", role="Force"
        ),
        "opcc": UserFactory(
            username="opcc", email="olive.opcc@example.org", role="OPCC staff"
        ),
    }


def test_the_pcc_signs_in_through_the_provider_and_lands_on_the_dashboard(
    live_server, oidc, people
):
    accounts = get_user_model().objects.count()

    response = sign_in_with_provider(live_server, "pat")

    assert response.status_code == 200
    assert response.url == f"{live_server.url}/"
    assert DASHBOARD in response.text
    assert "Signed in as" in response.text
    assert get_user_model().objects.count() == accounts
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.SIGNED_IN)
    assert event.user == people["pcc"]
    assert event.detail == "organisation account: PAT.PCC@example.org"


def test_a_force_user_lands_on_home_and_next_is_kept(live_server, oidc, people):
    browser = requests.Session()

    response = sign_in_with_provider(
        live_server, "frank", browser=browser, next_url="/actions/"
    )

    assert response.url == f"{live_server.url}/actions/"
    home = browser.get(f"{live_server.url}/")
    assert '<h1 class="h2 mb-3">Home</h1>' in home.text


def test_an_email_of_no_account_is_refused_with_a_message(live_server, oidc, people):
    accounts = get_user_model().objects.count()
    browser = requests.Session()

    response = sign_in_with_provider(live_server, "stranger", browser=browser)

    assert response.url == f"{live_server.url}/accounts/login/"
    assert messages_in(response) == [
        (
            "No account here uses stranger@example.org. Accounts are made by "
            "invitation: ask the administrators to invite you, using that address."
        )
    ]
    assert get_user_model().objects.count() == accounts
    assert "/accounts/login/" in browser.get(f"{live_server.url}/").url
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.SIGN_IN_FAILED)
    assert event.user is None
    assert "stranger@example.org" in event.detail
    # It counts towards the pause for the address, as a wrong password would.
    assert AccessAttempt.objects.get(ip_address="127.0.0.1").failures_since_start == 1


def test_an_unverified_email_is_refused(live_server, oidc, people):
    response = sign_in_with_provider(live_server, "unverified")

    assert response.url == f"{live_server.url}/accounts/login/"
    assert messages_in(response) == [
        (
            "Your organisation has not confirmed that frank.force@example.org is your "
            "email address, so you cannot sign in with it here. Ask your IT team to "
            "verify it, or ask the administrators."
        )
    ]
    assert not AccessEvent.objects.filter(kind=AccessEvent.Kind.SIGNED_IN).exists()


def test_an_email_not_said_to_be_verified_is_refused_unless_trusted(
    live_server, oidc, people, settings
):
    refused = sign_in_with_provider(live_server, "entra")
    assert "has not confirmed that frank.force@example.org" in messages_in(refused)[0]

    settings.OIDC_TRUST_EMAIL_CLAIM = True
    response = sign_in_with_provider(live_server, "entra")

    assert '<h1 class="h2 mb-3">Home</h1>' in response.text


def test_the_sign_in_name_can_be_the_trusted_claim(live_server, oidc, settings):
    UserFactory(username="ff", email="FF@x.org")
    settings.OIDC_TRUST_EMAIL_CLAIM = True
    settings.OIDC_EMAIL_CLAIM = "preferred_username"

    response = sign_in_with_provider(live_server, "entra")

    assert AccessEvent.objects.get(kind=AccessEvent.Kind.SIGNED_IN).username == "ff"
    assert response.url == f"{live_server.url}/"


def test_an_email_of_two_accounts_is_refused(live_server, oidc, people):
    UserFactory(username="force2", email="Frank.Force@example.org")

    response = sign_in_with_provider(live_server, "frank")

    assert messages_in(response) == [
        (
            "More than one account here uses frank.force@example.org, so we cannot "
            "tell which is yours. Ask the administrators to change one of them."
        )
    ]


def test_a_deactivated_account_is_no_account(live_server, oidc, people):
    people["force"].is_active = False
    people["force"].save()

    response = sign_in_with_provider(live_server, "frank")

    assert messages_in(response)[0].startswith(
        "No account here uses frank.force@example.org."
    )


def test_a_token_from_another_issuer_is_refused(live_server, oidc, people, settings):
    # Entra ID signs every tenant's tokens with the same keys.
    settings.OIDC_OP_ISSUER = "https://login.microsoftonline.com/other-tenant/v2.0"

    response = sign_in_with_provider(live_server, "frank")

    assert messages_in(response) == [
        (
            "That organisation account is not one this site accepts. Sign in with your "
            "own organisation's account."
        )
    ]


def test_opcc_staff_with_an_authenticator_still_enter_its_code(
    live_server, oidc, people
):
    TOTPDevice.objects.create(user=people["opcc"], confirmed=True, name="Phone")

    response = sign_in_with_provider(live_server, "olive")

    assert response.url.startswith(f"{live_server.url}/accounts/two-step/code/")
    assert "Code from your authenticator app" in response.text


def test_a_locked_out_address_cannot_sign_in_with_the_provider_either(
    live_server, oidc, people, settings
):
    settings.AXES_FAILURE_LIMIT = 2
    browser = requests.Session()
    for attempt in range(2):
        page = browser.get(f"{live_server.url}/accounts/login/")
        browser.post(
            page.url,
            data={
                **form_fields(page.text),
                "username": f"guess{attempt}",
                "password": "wrong",
            },
        )

    response = sign_in_with_provider(live_server, "frank", browser=browser)

    assert response.status_code == 429
    assert "Signing in is paused" in response.text
    assert not AccessEvent.objects.filter(kind=AccessEvent.Kind.SIGNED_IN).exists()


def test_a_refusal_by_the_provider_is_said(live_server, oidc):
    response = requests.get(
        f"{live_server.url}/accounts/oidc/callback/",
        params={"error": "access_denied", "state": "x"},
        timeout=10,
    )

    assert response.url == f"{live_server.url}/accounts/login/"
    assert messages_in(response) == [
        (
            "Your organisation did not sign you in (access_denied). Try again, or ask "
            "your IT team."
        )
    ]


def test_the_addresses_answer_every_role_alike_when_configured(oidc, people):
    signed_in = Client()
    signed_in.force_login(people["force"])
    for client in (Client(), signed_in):
        start = client.get(reverse("signin:oidc_start"))
        assert start.status_code == 302
        assert start["Location"].startswith(oidc["authorization_endpoint"] + "?")
        back = client.get(reverse("signin:oidc_callback"))
        assert (back.status_code, back["Location"]) == (302, reverse("login"))
        for name in ("signin:oidc_start", "signin:oidc_callback"):
            assert client.post(reverse(name)).status_code == 405


def test_a_provider_that_does_not_answer_is_said(live_server, oidc, people, settings):
    # Nothing listens on port 9 of loopback: the code cannot be exchanged.
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/o/token/"

    response = sign_in_with_provider(live_server, "frank")

    assert response.url == f"{live_server.url}/accounts/login/"
    assert messages_in(response) == [
        (
            "Your organisation's sign-in service did not answer as expected. Try again "
            "in a minute."
        )
    ]
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.SIGN_IN_FAILED)
    assert event.detail == "organisation account: provider error ConnectionError"
