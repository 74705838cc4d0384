import base64

import segno
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AccessEvent
from audit.services import record
from signin.forms import CodeForm
from signin.services import (
    SECOND_FACTOR_DUE,
    may_use_second_factor,
    reset_requests_over_limit,
)


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "actions:home"


def _verified(request, device):
    otp_login(request, device)
    request.session.pop(SECOND_FACTOR_DUE, None)
    return redirect(_next(request))


@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of signing in: the code from the user's authenticator app."""
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            return _verified(request, device)
        record(
            AccessEvent.Kind.SIGN_IN_FAILED,
            request=request,
            detail="wrong authenticator code",
        )
        form.add_error(
            "code", "That code is not right or has expired: enter the one shown now."
        )
    return render(request, "signin/verify.html", {"form": form, "next": _next(request)})


@require_http_methods(["GET", "POST"])
def setup(request):
    """Turning on the second step: scan the code, then enter one from the app."""
    if not may_use_second_factor(request.user):
        messages.info(request, "Two-step sign-in is for OPCC staff and administrators.")
        return redirect("actions:home")
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return render(request, "signin/setup_done.html")
    # One device waiting to be confirmed: reloading the page keeps the same code.
    # Two first visits at once may make two: either will do, never a 500.
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False
    ).first() or TOTPDevice.objects.create(
        user=request.user, confirmed=False, name="Authenticator app"
    )
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            messages.success(request, "Two-step sign-in is on.")
            return _verified(request, device)
        form.add_error(
            "code", "That code is not right or has expired: enter the one shown now."
        )
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "next": _next(request),
        # segno writes the SVG itself, from the device's own address: no user text.
        "qr_svg": mark_safe(
            qr.svg_inline(scale=5, title="QR code for your authenticator app")
        ),
        "secret": base64.b32encode(device.bin_key).decode(),
    }
    return render(request, "signin/setup.html", context)


class SignInView(LoginView):
    """Django's sign-in page, with the organisation's account beside (or,
    with PASSWORD_LOGIN=0, instead of) the password form."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            oidc_enabled=settings.OIDC_ENABLED,
            oidc_account_name=settings.OIDC_ACCOUNT_NAME,
            password_login=settings.PASSWORD_LOGIN,
            **kwargs,
        )


def password_sign_in_off(request):
    """What the password pages answer with PASSWORD_LOGIN=0."""
    context = {"oidc_account_name": settings.OIDC_ACCOUNT_NAME}
    return render(request, "signin/password_off.html", context, status=403)


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset, refused (429) past an hourly number of requests
    from one address or for one email, whether or not the email is anyone's."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        over = reset_requests_over_limit(
            address=get_client_ip_address(self.request), email=email, now=timezone.now()
        )
        kind = (
            AccessEvent.Kind.PASSWORD_RESET_REFUSED
            if over
            else AccessEvent.Kind.PASSWORD_RESET_REQUESTED
        )
        record(kind, request=self.request, detail=email)
        if over:
            return render(self.request, "signin/too_many_resets.html", status=429)
        return super().form_valid(form)


@require_http_methods(["POST"])
def still_here(request):
    """Pinged by keep-alive.js while someone types into a form: typing is
    activity, so minutes written for half an hour are not lost to the idle
    limit. SessionLimitsMiddleware has noted the request by the time it comes."""
    return HttpResponse(status=204)
