import pytest
from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery staple"


def sign_in(username, password=PASSWORD, address="192.0.2.7", client=None):
    client = client or Client(REMOTE_ADDR=address)
    response = client.post(
        reverse("login"), {"username": username, "password": password}
    )
    return client, response


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "root", "root@example.org", PASSWORD
    )


# The people the test provider knows, as its tokens describe them.
PROVIDER_PASSWORD = "provider password"
PROVIDER_PEOPLE = {
    # Verified, and in another case than the account's: matched all the same.
    "pat": {"email": "PAT.PCC@example.org", "email_verified": True},
    "frank": {"email": "frank.force@example.org", "email_verified": True},
    "olive": {"email": "olive.opcc@example.org", "email_verified": True},
    "stranger": {"email": "stranger@example.org", "email_verified": True},
    "unverified": {"email": "frank.force@example.org", "email_verified": False},
    # As Microsoft Entra ID says it: an email, and nothing on whether it is checked.
    "entra": {"email": "frank.force@example.org", "preferred_username": "ff@x.org"},
}
CLIENT = {"client_id": "assurance-test", "client_secret": "assurance-test-secret"}


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    """A real OpenID Connect provider (django-oauth-toolkit) in its own process on
    a loopback port, signing with an RSA key made for this run; its discovery
    document, as the site's settings would be filled from it."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    import requests
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    folder = tmp_path_factory.mktemp("oidc-provider")
    people = {
        username: {"password": PROVIDER_PASSWORD, "claims": claims}
        for username, claims in PROVIDER_PEOPLE.items()
    }
    client = {**CLIENT, "redirect_uri": f"{live_server.url}/accounts/oidc/callback/"}
    env = {
        "PATH": os.environ["PATH"],
        "PROVIDER_DATABASE": str(folder / "provider.sqlite3"),
        "PROVIDER_SIGNING_KEY": pem,
        "PROVIDER_PEOPLE": json.dumps(people),
        "PROVIDER_CLIENT": json.dumps(client),
    }
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "signin.tests.oidc_provider.serve"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        port = process.stdout.readline().strip()
        assert port, f"the provider did not start; see {log.name}"
        discovery = requests.get(
            f"http://127.0.0.1:{port}/o/.well-known/openid-configuration/", timeout=10
        )
        discovery.raise_for_status()
        yield discovery.json()
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        log.close()


@pytest.fixture
def oidc(settings, oidc_provider):
    """The site configured for the test provider, as the OIDC_ variables would."""
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT["client_id"]
    settings.OIDC_RP_CLIENT_SECRET = CLIENT["client_secret"]
    settings.OIDC_OP_ISSUER = oidc_provider["issuer"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = oidc_provider["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = oidc_provider["token_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = oidc_provider["jwks_uri"]
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
        "signin.oidc.OrganisationAccountBackend",
    ]
    return oidc_provider
