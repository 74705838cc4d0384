"""Rules of signing in: who needs a second factor, when a session ends."""

import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp import user_has_device

from audit.models import AccessEvent

SIGNED_IN_AT = "signin_signed_in_at"
SEEN_AT = "signin_seen_at"
SECOND_FACTOR_DUE = "signin_second_factor_due"
# Read by base.html for its "Two-step sign-in" link.
MAY_USE_SECOND_FACTOR = "signin_may_use_second_factor"
# A session is written at most this often just to note that it is in use.
SEEN_RESOLUTION = datetime.timedelta(minutes=1)


def may_use_second_factor(user):
    """Superusers and OPCC staff may (and with REQUIRE_2FA=1 must) use a code."""
    return user.is_authenticated and (
        user.is_superuser
        or user.groups.filter(name__in=settings.SECOND_FACTOR_GROUPS).exists()
    )


def second_factor_due(user):
    """What the user must do, just signed in, before anything else: "verify",
    "set up" or None. Kept in the session (SECOND_FACTOR_DUE) until done, so
    the pages after it ask the database nothing more."""
    if not may_use_second_factor(user):
        return None
    if user_has_device(user):
        return "verify"
    return "set up" if settings.REQUIRE_2FA else None


def session_ended(session, now):
    """Why this signed-in session is over ("idle" or "max"), or None; notes use.

    1. A session without its start (signed in before this rule) starts now.
    2. Over SESSION_MAX_HOURS since sign-in, or SESSION_IDLE_MINUTES since the
       last request, it is over.
    3. Otherwise the request is noted, at most once a minute.
    """
    stamp = now.timestamp()
    started = session.setdefault(SIGNED_IN_AT, stamp)
    seen = session.get(SEEN_AT, started)
    if stamp - started > settings.SESSION_MAX_HOURS * 3600:
        return "max"
    if stamp - seen > settings.SESSION_IDLE_MINUTES * 60:
        return "idle"
    if stamp - seen >= SEEN_RESOLUTION.total_seconds():
        session[SEEN_AT] = stamp
    return None


def start_session_clock(session, now):
    session[SIGNED_IN_AT] = session[SEEN_AT] = now.timestamp()


def end_sessions_of(user):
    """Delete every session signed in as `user`.

    Sessions are not indexed by user, so the unexpired ones are read; there are
    as many as people signed in this half day, a few hundred at most.
    """
    pk = str(user.pk)
    ended = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if session.get_decoded().get("_auth_user_id") == pk
    ]
    # Through the session engine, so a cached copy goes with the database row.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in ended:
        store(session_key=key).delete()
    return len(ended)


def reset_requests_over_limit(*, address, email, now):
    """Whether a password reset asked for now, from `address` for `email`, is one
    too many: more than the hourly limit from that address or for that email.

    Counted in the access log, where each request is recorded (by the caller,
    after this check), so the limit holds across every worker and restart.
    """
    hour_ago = now - datetime.timedelta(hours=1)
    recent = AccessEvent.objects.filter(
        kind=AccessEvent.Kind.PASSWORD_RESET_REQUESTED, at__gt=hour_ago
    )
    return (
        recent.filter(address=address).count()
        >= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        or recent.filter(detail=email).count()
        >= settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    )
