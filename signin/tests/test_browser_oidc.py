"""Signing in with the organisation's account in Chromium, through the real
test provider (conftest), and the pages it changes, checked with axe."""

import pytest
from playwright.sync_api import expect

from actions.tests.factories import UserFactory
from signin.tests.conftest import PROVIDER_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_at_provider(page, username):
    page.get_by_role("link", name="Sign in with your organisation account").click()
    expect(page.get_by_role("heading", name="Example Police sign-in")).to_be_visible()
    page.get_by_label("Work account").fill(username)
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_force_user_signs_in_with_the_organisation_account(
    page, live_server, oidc, roles, audit_accessibility
):
    UserFactory(
        username="force",
        first_name="Frank",
        last_name="Force",
        email="frank.force@example.org",
        role="Force",
    )
    page.goto(live_server.url)
    expect(page.get_by_role("heading", name="Or with your password")).to_be_visible()
    audit_accessibility("sign-in-with-organisation-account")

    sign_in_at_provider(page, "frank")

    expect(page.get_by_role("heading", name="Home", exact=True)).to_be_visible()
    expect(page.get_by_text("Signed in as Frank Force")).to_be_visible()


def test_an_unknown_person_is_told_why_not(
    page, live_server, oidc, roles, audit_accessibility
):
    page.goto(live_server.url)

    sign_in_at_provider(page, "stranger")

    expect(page.get_by_role("alert")).to_contain_text(
        "No account here uses stranger@example.org."
    )
    expect(page.get_by_role("heading", name="Sign in to Assurance")).to_be_visible()
    audit_accessibility("sign-in-refused")


def test_with_passwords_off_only_the_organisation_account_is_offered(
    page, live_server, oidc, settings, audit_accessibility
):
    settings.PASSWORD_LOGIN = False
    page.goto(live_server.url)

    expect(
        page.get_by_role("link", name="Sign in with your organisation account")
    ).to_be_visible()
    expect(page.get_by_label("Password")).to_have_count(0)
    audit_accessibility("sign-in-organisation-account-only")
    page.goto(f"{live_server.url}/accounts/password_reset/")
    expect(
        page.get_by_role("heading", name="Passwords are not used here")
    ).to_be_visible()
    audit_accessibility("passwords-not-used-here")
