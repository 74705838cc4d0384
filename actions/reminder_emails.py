"""Reminder emails: one digest per person, and the link in it that stops the
due-soon ones."""

import dataclasses
import datetime
import hashlib
import json
from email.utils import formataddr, parseaddr
from types import SimpleNamespace
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from actions.models import Action, Post, ReminderKind
from meetings.marking import SEE_SENSITIVE, Marking, shows_text_in_email

OPT_OUT_SALT = "actions.reminders.due-soon-opt-out"
# Long enough for an email read late; a link forwarded years on no longer works.
OPT_OUT_LINK_LIFETIME = datetime.timedelta(days=60)


class LinkExpired(Exception):
    """An opt-out link older than OPT_OUT_LINK_LIFETIME."""


class Update(NamedTuple):
    """An action's newest progress note, as the digest shows it."""

    text: str
    at: datetime.datetime


class Listed(NamedTuple):
    """What the sweep's emails need to know of the actions they list, read once
    for the whole sweep (latest_updates)."""

    # {action pk: Update}
    updates: dict
    # The OFFICIAL-SENSITIVE actions (marked, or raised at an item so marked).
    sensitive: set
    # Of the recipients: those who see everything marked, and (user, post) held.
    sees_all: set
    holds: set

    def get(self, action_pk):
        return self.updates.get(action_pk)

    def may_see(self, user, reminder):
        return (
            reminder.action_id not in self.sensitive
            or user.pk in self.sees_all
            or (user.pk, reminder.owner_id) in self.holds
        )

    def shown_to(self, digest):
        """The digest with only the items its recipient may see."""
        if not self.sensitive:
            return digest
        return dataclasses.replace(
            digest,
            items=[
                item
                for item in digest.items
                if self.may_see(digest.user, item.reminder)
            ],
        )

    def marking(self, reminder):
        """ "" where the email may carry the action's words; else its marking, which
        it carries with the reference and link instead."""
        sensitive = reminder.action_id in self.sensitive
        if shows_text_in_email(SimpleNamespace(is_sensitive=sensitive)):
            return ""
        return (Marking.OFFICIAL_SENSITIVE if sensitive else Marking.OFFICIAL).label


def message(digest, today, mailer, updates):
    """One email: the digest's reminders by kind, in HTML and plain text.
    `updates` is latest_updates() of the sweep's digests.

    An OFFICIAL-SENSITIVE action is left out for a recipient who may not see it
    (the copies go to groups that may, unless the settings name others); an email
    left with nothing has no recipient and is not sent."""
    digest = updates.shown_to(digest)
    if not digest.items:
        return EmailMultiAlternatives(connection=mailer)
    context = {
        "digest": digest,
        "today": today,
        "sections": _sections(digest, updates),
        "subject_marking": updates.marking(digest.items[0].reminder),
        # Copied readers (secretariat, PCC's office) are told what they can do
        # about an action that is not theirs to update.
        "copied_any": any(item.copied for item in digest.items),
        "copied_only": all(item.copied for item in digest.items),
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
        headers={"Message-ID": message_id(digest)},
    )
    email.attach_alternative(
        render_to_string("emails/reminders-body-html.html", context), "text/html"
    )
    return email


def message_id(digest):
    """The same for every attempt at the same digest (its ledger rows and address),
    so a resend is recognisable as one, by people and by mail systems."""
    rows = json.dumps(digest.runs)
    digest_key = hashlib.sha256(f"{rows}|{digest.address}".encode()).hexdigest()
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    return f"<reminders.{digest_key[:32]}@{domain or 'localhost'}>"


def _sections(digest, updates):
    """(heading, [(item, latest Update or None)], how many more, where to see them)
    per kind; a long digest lists the first REMINDER_DIGEST_LIMIT of each kind and
    links the rest."""
    list_url = settings.SITE_URL + reverse("actions:list")
    return [
        (
            kind.label,
            [
                (
                    item,
                    updates.get(item.reminder.action_id),
                    updates.marking(item.reminder),
                )
                for item in listed
            ],
            more,
            f"{list_url}?due={due}",
        )
        for kind, due, listed, more in _kinds(digest)
    ]


def _kinds(digest):
    """(kind, due filter, items listed, how many more) for each kind it holds."""
    limit = settings.REMINDER_DIGEST_LIMIT
    return [
        (kind, due, items[:limit], max(0, len(items) - limit))
        for kind, due in [
            (ReminderKind.OVERDUE, "overdue"),
            (ReminderKind.DUE_TODAY, "soon"),
            (ReminderKind.DUE_SOON, "soon"),
        ]
        if (items := digest.items_of(kind))
    ]


def latest_updates(digests, reminders):
    """Listed: which of the digests' actions are OFFICIAL-SENSITIVE (each
    reminder says) and, if any is, who of the recipients may see them; and the
    newest update of each action an email lists. A query for the whole sweep, and
    two more if any is marked: its query count grows with neither the actions nor
    the emails. A long digest lists only the first REMINDER_DIGEST_LIMIT of each
    kind, so a first sweep over 100,000 actions reads a few thousand updates.
    `reminders`: those the sweep sends, the digests' among them."""
    sensitive = {
        reminder.action_id
        for reminder in reminders
        if Marking.OFFICIAL_SENSITIVE in (reminder.marking, reminder.item_marking)
    }
    sees_all, holds = set(), set()
    if sensitive:
        users = {digest.user.pk for digest in digests}
        sees_all, holds = _need_to_know(users)
    listed = Listed({}, sensitive, sees_all, holds)
    action_ids = {
        item.reminder.action_id
        for digest in digests
        for _, _, items, _ in _kinds(listed.shown_to(digest))
        for item in items
    }
    rows = (
        Action.objects.filter(pk__in=action_ids)
        .with_latest_update()
        .values_list("pk", "latest_update", "latest_update_at")
    )
    listed.updates.update(
        (pk, Update(text, at)) for pk, text, at in rows if text is not None
    )
    return listed


def _need_to_know(users):
    """Of `users`: those who see everything marked, and the (user, post) held."""
    app_label, codename = SEE_SENSITIVE.split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    )
    sees_all = set(
        get_user_model()
        .objects.filter(pk__in=users, is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission)
        )
        .values_list("pk", flat=True)
    )
    holds = set(
        Post.holders.through.objects.filter(user_id__in=users).values_list(
            "user_id", "post_id"
        )
    )
    return sees_all, holds


def opt_out_url(user):
    if user is None:
        return ""
    token = signing.dumps(user.pk, salt=OPT_OUT_SALT)
    return settings.SITE_URL + reverse("actions:opt_out", args=[token])


def user_for_opt_out(token):
    """The user an opt-out link was made for, or None if it was tampered with;
    LinkExpired if it is too old."""
    try:
        pk = signing.loads(token, salt=OPT_OUT_SALT, max_age=OPT_OUT_LINK_LIFETIME)
    except signing.SignatureExpired as expired:
        raise LinkExpired from expired
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()
