"""Who the provider's claims say the person is (signin.oidc), rule by rule."""

import pytest

from actions.tests.factories import UserFactory
from signin.oidc import Refused, account_for, check_issued_for_us, verified_email

ISSUER = "https://login.microsoftonline.com/tenant-id/v2.0"


def email_of(claims, email_claim="email", trust=False):
    return verified_email(claims, email_claim=email_claim, trust_email_claim=trust)


@pytest.mark.parametrize("said", [True, "true", "True"])
def test_a_verified_email_is_the_person(said):
    assert email_of({"email": " a@x.org ", "email_verified": said}) == "a@x.org"


@pytest.mark.parametrize("trust", [False, True])
@pytest.mark.parametrize("said", [False, "false"])
def test_an_email_said_unverified_is_refused_even_when_trusted(said, trust):
    with pytest.raises(Refused, match=r"has not confirmed that a@x\.org"):
        email_of({"email": "a@x.org", "email_verified": said}, trust=trust)


def test_an_email_not_said_verified_is_trusted_only_when_set():
    with pytest.raises(Refused, match="has not confirmed"):
        email_of({"email": "a@x.org"})

    assert email_of({"email": "a@x.org"}, trust=True) == "a@x.org"


def test_email_verified_vouches_for_the_email_claim_only():
    claims = {"preferred_username": "b@x.org", "email_verified": True}

    with pytest.raises(Refused, match=r"has not confirmed that b@x\.org"):
        email_of(claims, email_claim="preferred_username")


@pytest.mark.parametrize("claims", [{}, {"email": ""}, {"email": "not-an-address"}])
def test_no_email_is_refused(claims):
    with pytest.raises(Refused, match="did not tell us your email address"):
        email_of({**claims, "email_verified": True}, trust=True)


@pytest.mark.django_db
def test_the_account_is_found_in_any_case_and_only_if_active():
    person = UserFactory(email="Ann.Other@x.org")
    UserFactory(email="ann.other@x.org", is_active=False)

    assert account_for("ANN.OTHER@X.ORG") == person


@pytest.mark.django_db
def test_two_active_accounts_are_refused():
    UserFactory(email="ann@x.org")
    UserFactory(email="Ann@x.org")

    with pytest.raises(Refused, match="More than one account"):
        account_for("ann@x.org")


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ({"iss": ISSUER, "aud": "other-app"}, "meant for another application"),
        ({"iss": ISSUER, "aud": ["other-app"]}, "meant for another application"),
        ({"iss": ISSUER.replace("tenant-id", "x"), "aud": "us"}, "not one this site"),
        ({"aud": "us"}, "not one this site"),
    ],
)
def test_a_token_for_another_tenant_or_app_is_refused(claims, message):
    with pytest.raises(Refused, match=message):
        check_issued_for_us(claims, issuer=ISSUER, client_id="us")


@pytest.mark.parametrize("audience", ["us", ["us", "graph"]])
def test_a_token_for_us_from_our_tenant_passes(audience):
    check_issued_for_us({"iss": ISSUER, "aud": audience}, issuer=ISSUER, client_id="us")
