"""The OIDC_ and PASSWORD_LOGIN variables, read by the settings in a fresh process."""

from assurance.tests.test_settings import load_settings

PRINT = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.OIDC_OP_ISSUER, s.OIDC_OP_AUTHORIZATION_ENDPOINT, "
    "s.OIDC_OP_TOKEN_ENDPOINT, s.OIDC_OP_JWKS_ENDPOINT, s.OIDC_RP_SCOPES, sep='\\n'); "
    "print(*s.AUTHENTICATION_BACKENDS)"
)
ENTRA = {
    "DEBUG": "1",
    "OIDC_RP_CLIENT_ID": "0d6c-app",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_ENTRA_TENANT": "72f9-tenant",
}
TENANT = "https://login.microsoftonline.com/72f9-tenant"


def test_an_entra_tenant_fills_in_its_addresses():
    result = load_settings(PRINT, **ENTRA)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{TENANT}/v2.0",
        f"{TENANT}/oauth2/v2.0/authorize",
        f"{TENANT}/oauth2/v2.0/token",
        f"{TENANT}/discovery/v2.0/keys",
        "openid email profile",
        (
            "axes.backends.AxesStandaloneBackend "
            "django.contrib.auth.backends.ModelBackend "
            "signin.oidc.OrganisationAccountBackend"
        ),
    ]


def test_each_address_can_be_given_instead():
    result = load_settings(
        PRINT, **ENTRA, OIDC_OP_ISSUER="https://idp.example/", OIDC_RP_SCOPES="openid"
    )

    assert result.stdout.splitlines()[0] == "https://idp.example/"
    assert result.stdout.splitlines()[4] == "openid"


def test_without_a_client_id_there_is_no_organisation_sign_in():
    result = load_settings(PRINT, DEBUG="1")

    assert result.stdout.splitlines()[-1] == (
        "axes.backends.AxesStandaloneBackend django.contrib.auth.backends.ModelBackend"
    )


def test_a_client_id_without_the_rest_is_refused():
    result = load_settings(PRINT, DEBUG="1", OIDC_RP_CLIENT_ID="app")

    assert result.returncode != 0
    assert (
        "OIDC_RP_CLIENT_ID is set, so OIDC_RP_CLIENT_SECRET, OIDC_OP_ISSUER, "
        "OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_JWKS_ENDPOINT "
        "must be too"
    ) in result.stderr


def test_passwords_off_leaves_no_password_backend():
    result = load_settings(PRINT, **ENTRA, PASSWORD_LOGIN="0")

    assert result.stdout.splitlines()[-1] == (
        "axes.backends.AxesStandaloneBackend signin.oidc.OrganisationAccountBackend"
    )


def test_passwords_off_without_oidc_is_refused():
    result = load_settings(PRINT, DEBUG="1", PASSWORD_LOGIN="0")

    assert result.returncode != 0
    assert "PASSWORD_LOGIN=0 needs OIDC_RP_CLIENT_ID" in result.stderr
