"""PASSWORD_LOGIN=0: the organisation's account is the only way in."""

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from django.urls import reverse

from signin.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
OFF = "Passwords are not used here"


@pytest.fixture
def passwords_off(settings):
    """As the settings make it from PASSWORD_LOGIN=0 and OIDC_RP_CLIENT_ID=...."""
    settings.PASSWORD_LOGIN = False
    settings.OIDC_ENABLED = True
    settings.OIDC_ACCOUNT_NAME = "your Example Police account"
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "signin.oidc.OrganisationAccountBackend",
    ]


def test_the_sign_in_page_offers_only_the_organisation_account(client, passwords_off):
    response = client.get(reverse("login"), {"next": "/actions/"})

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<a class="btn btn-primary" href="/accounts/oidc/start/?next=/actions/">'
        "Sign in with your Example Police account</a>" in html
    )
    assert 'name="password"' not in html
    assert 'name="username"' not in html


def test_with_passwords_on_the_page_offers_both(client, settings):
    settings.OIDC_ENABLED = True

    html = client.get(reverse("login")).content.decode()

    assert "Sign in with your organisation account</a>" in html
    assert "Or with your password" in html
    assert 'name="password"' in html


def test_without_oidc_the_page_is_as_before(client):
    html = client.get(reverse("login")).content.decode()

    assert "/accounts/oidc/start/" not in html
    assert "Or with your password" not in html
    assert 'name="password"' in html


def test_a_password_sign_in_is_refused(passwords_off, opcc_user):
    client = Client()

    response = client.post(reverse("login"), {"username": "opcc", "password": PASSWORD})

    assert response.status_code == 403
    assert OFF in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_no_password_is_checked_anywhere(passwords_off, opcc_user, rf):
    request = rf.post("/anywhere/")

    assert authenticate(request, username="opcc", password=PASSWORD) is None


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("password_reset", {}),
        ("password_reset_done", {}),
        ("password_reset_confirm", {"uidb64": "MQ", "token": "set-password"}),
        ("password_reset_complete", {}),
        ("password_change", {}),
    ],
)
def test_the_password_pages_say_why_they_are_off(client, passwords_off, name, kwargs):
    url = reverse(name, kwargs=kwargs)

    for response in (client.get(url), client.post(url, {"email": "a@example.org"})):
        assert response.status_code == 403
        assert OFF in response.content.decode()


def test_the_admin_sign_in_page_sends_people_to_ours(client, passwords_off):
    response = client.get(reverse("admin:login"), {"next": "/admin/"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    posted = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert posted.status_code == 403


def test_a_signed_in_person_reaches_the_admin(passwords_off, superuser):
    client = Client()
    client.force_login(superuser, backend="signin.oidc.OrganisationAccountBackend")

    assert client.get(reverse("admin:index")).status_code == 200
