"""Signing in with the organisation's account (OpenID Connect).

mozilla-django-oidc runs the authorisation code flow (with PKCE and a nonce) and
checks the ID token's signature; this module decides who, if anyone, that is here.
Accounts are made by the administrators' invitations, never by the provider: the
token's verified email must be that of exactly one active account.
"""

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import Http404
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

# Read by audit.signals into the access log's entry for this sign-in or refusal.
ACCESS_LOG_DETAIL = "access_log_detail"


class Refused(Exception):
    """The provider signed someone in whom this site will not: the message
    says why, in words for the person on the sign-in page."""


def _says_true(value):
    # Some providers send the JSON string "true" rather than the boolean.
    return value is True or (isinstance(value, str) and value.lower() == "true")


def verified_email(claims, *, email_claim, trust_email_claim):
    """The email address these claims vouch for, or Refused.

    `email_verified` true vouches for `email`. Microsoft Entra ID sends no
    `email_verified`; its `email` (or `preferred_username`, the sign-in name) is
    what the tenant's administrators entered, so it is trusted only when
    `trust_email_claim` says so. The caller has checked that the token comes
    from the configured issuer (the one tenant). `email_verified` false is
    refused whatever the setting.
    """
    address = str(claims.get(email_claim) or "").strip()
    if not address or "@" not in address:
        raise Refused(
            "Your organisation account did not tell us your email address, so we "
            "cannot tell which account here is yours. Ask the administrators."
        )
    stated = claims.get("email_verified")
    if email_claim == "email" and _says_true(stated):
        return address
    if stated is None and trust_email_claim:
        return address
    raise Refused(
        f"Your organisation has not confirmed that {address} is your email address, "
        "so you cannot sign in with it here. Ask your IT team to verify it, or ask "
        "the administrators."
    )


def account_for(email):
    """The one active account whose email is `email` (in any case), or Refused."""
    accounts = list(
        get_user_model().objects.filter(email__iexact=email, is_active=True)[:2]
    )
    if not accounts:
        raise Refused(
            f"No account here uses {email}. Accounts are made by invitation: ask "
            "the administrators to invite you, using that address."
        )
    if len(accounts) > 1:
        raise Refused(
            f"More than one account here uses {email}, so we cannot tell which is "
            "yours. Ask the administrators to change one of them."
        )
    return accounts[0]


def check_issued_for_us(claims, *, issuer, client_id):
    """The provider's signing keys can be shared by every tenant (Entra ID's are):
    a valid signature alone does not say the token is from our tenant, for us."""
    if claims.get("iss") != issuer:
        raise Refused(
            "That organisation account is not one this site accepts. Sign in with "
            "your own organisation's account."
        )
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences:
        raise Refused("The sign-in was meant for another application; try again.")


class OrganisationAccountBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, matching people by verified email only."""

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce; a password sign-in never does.
        if request is None or "nonce" not in kwargs:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except Refused as refusal:
            messages.error(request, str(refusal))
            setattr(request, ACCESS_LOG_DETAIL, f"organisation account: {refusal}")
        except requests.RequestException as error:
            messages.error(
                request,
                "Your organisation's sign-in service did not answer as expected. "
                "Try again in a minute.",
            )
            setattr(
                request,
                ACCESS_LOG_DETAIL,
                f"organisation account: provider error {type(error).__name__}",
            )
        return None

    def get_userinfo(self, access_token, id_token, payload):
        # The ID token's signature is checked; the user info endpoint (Graph, for
        # Entra ID) would add a request and says no more about the email.
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        check_issued_for_us(
            claims, issuer=settings.OIDC_OP_ISSUER, client_id=self.OIDC_RP_CLIENT_ID
        )
        email = verified_email(
            claims,
            email_claim=settings.OIDC_EMAIL_CLAIM,
            trust_email_claim=settings.OIDC_TRUST_EMAIL_CLAIM,
        )
        user = account_for(email)
        setattr(self.request, ACCESS_LOG_DETAIL, f"organisation account: {email}")
        return user

    def get_user(self, user_id):
        # ModelBackend's: a deactivated account's session signs nobody in
        # (mozilla-django-oidc's own would).
        return ModelBackend.get_user(self, user_id)


class OnlyWhenConfigured:
    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404("Signing in with an organisation account is not set up.")
        return super().dispatch(request, *args, **kwargs)


class StartView(OnlyWhenConfigured, OIDCAuthenticationRequestView):
    """Sends the browser to the provider, remembering where it was going."""


class CallbackView(OnlyWhenConfigured, OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back; on failure the sign-in page
    shows the reason (set by the backend) as a message."""

    @property
    def failure_url(self):
        return reverse("login")

    def get(self, request):
        if request.GET.get("error"):
            messages.error(
                request,
                "Your organisation did not sign you in "
                f"({request.GET['error'][:100]}). Try again, or ask your IT team.",
            )
        return super().get(request)
