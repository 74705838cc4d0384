from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from signin.services import SECOND_FACTOR_DUE, session_ended
from signin.views import password_sign_in_off

# With PASSWORD_LOGIN=0: pages that take a password when posted to, and pages
# that are about passwords at all.
PASSWORD_FORMS = {"login", "admin:login"}
PASSWORD_PAGES = {
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
# Pages a user whose second factor is due may still open.
SECOND_FACTOR_PAGES = {"signin:verify", "signin:setup", "logout"}


def _to(view_name, request, **extra):
    query = urlencode({"next": request.get_full_path(), **extra})
    return redirect(f"{reverse(view_name)}?{query}")


class SessionLimitsMiddleware:
    """Signs out a session idle for SESSION_IDLE_MINUTES or older than
    SESSION_MAX_HOURS, and says why on the sign-in page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = session_ended(request.session, timezone.now())
            if reason:
                logout(request)
                return _to("login", request, ended=reason)
        return self.get_response(request)


class SecondFactorMiddleware:
    """After OTPMiddleware: superusers and OPCC staff with an authenticator app
    enter its code before anything else; with REQUIRE_2FA=1, those without one
    set it up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        due = request.session.get(SECOND_FACTOR_DUE)
        if due and _view_name(request) not in SECOND_FACTOR_PAGES:
            return _to("signin:verify" if due == "verify" else "signin:setup", request)
        return self.get_response(request)


def _view_name(request):
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


class PasswordSignInMiddleware:
    """With PASSWORD_LOGIN=0, a password is asked for and taken nowhere: the
    sign-in forms refuse a post (403) and the password pages say why. No
    password would be checked anyway (ModelBackend is not in
    AUTHENTICATION_BACKENDS); this says so to the person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PASSWORD_LOGIN:
            name = _view_name(request)
            if name == "admin:login" and request.method == "GET":
                # The admin's own sign-in page would show the password form.
                return _to("login", request)
            if name in PASSWORD_PAGES or (
                name in PASSWORD_FORMS and request.method == "POST"
            ):
                return password_sign_in_off(request)
        return self.get_response(request)
