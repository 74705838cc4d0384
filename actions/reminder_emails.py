"""Reminder emails: one digest per person, and the link in it that stops the
due-soon ones."""

from email.utils import formataddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from actions.models import ReminderKind

OPT_OUT_SALT = "actions.reminders.due-soon-opt-out"


def message(digest, today, mailer):
    """One email: the digest's reminders by kind, in HTML and plain text."""
    context = {
        "digest": digest,
        "today": today,
        "sections": _sections(digest),
        "opt_out_url": opt_out_url(digest.user),
        "due_soon_days": settings.REMINDER_DUE_SOON_DAYS,
    }
    context["subject"] = " ".join(
        render_to_string("emails/reminders-subject.html", context).split()
    )
    email = EmailMultiAlternatives(
        context["subject"],
        render_to_string("emails/reminders-body-text.html", context),
        to=[formataddr((digest.name, digest.address))],
        connection=mailer,
    )
    email.attach_alternative(
        render_to_string("emails/reminders-body-html.html", context), "text/html"
    )
    return email


def _sections(digest):
    """(heading, items listed, how many more, where to see them) per kind; a long
    digest lists the first REMINDER_DIGEST_LIMIT of each kind and links the rest."""
    limit = settings.REMINDER_DIGEST_LIMIT
    list_url = settings.SITE_URL + reverse("actions:list")
    sections = []
    for kind, due in [
        (ReminderKind.OVERDUE, "overdue"),
        (ReminderKind.DUE_TODAY, "soon"),
        (ReminderKind.DUE_SOON, "soon"),
    ]:
        if items := digest.items_of(kind):
            more = max(0, len(items) - limit)
            sections.append((kind.label, items[:limit], more, f"{list_url}?due={due}"))
    return sections


def opt_out_url(user):
    if user is None:
        return ""
    token = signing.dumps(user.pk, salt=OPT_OUT_SALT)
    return settings.SITE_URL + reverse("actions:opt_out", args=[token])


def user_for_opt_out(token):
    """The user an opt-out link was made for, or None if it was tampered with."""
    try:
        pk = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()
