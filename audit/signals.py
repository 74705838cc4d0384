from axes.signals import user_locked_out
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver

from audit.models import AccessEvent
from audit.services import record


# How the person signed in, when a sign-in view says (signin.oidc: "organisation
# account: <email>"); a password sign-in says nothing.
def _detail(request):
    return getattr(request, "access_log_detail", "")


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def _signed_in(sender, request, user, **kwargs):
    detail = _detail(request)
    record(AccessEvent.Kind.SIGNED_IN, request=request, user=user, detail=detail)


@receiver(user_logged_out, dispatch_uid="audit_signed_out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(AccessEvent.Kind.SIGNED_OUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Never the user: a name that is an account and one that is not look the same.
    record(
        AccessEvent.Kind.SIGN_IN_FAILED,
        request=request,
        username=str(credentials.get("username", ""))[:150],
        detail=_detail(request),
    )


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record(
        AccessEvent.Kind.LOCKED_OUT, request=request, username=(username or "")[:150]
    )
