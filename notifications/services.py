"""Notifications: who is told of each event on an action, and the sweep that
emails them, each once.

`record_event` hears actions.events.action_event after the change commits and
writes one ledger row per recipient. Beat runs `send_notifications` every minute
(notifications.tasks); it claims the rows due, as the reminder sweep claims its
own, and sends one email per person with everything waiting for them.
"""

import datetime
import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions import events
from actions.models import Action, Organisation
from actions.reminders import address_of
from assurance.text import one_line
from extensions import services as extensions
from meetings.marking import shows_text_in_email
from notifications import outbox
from notifications.models import (
    DEFAULT_DELIVERY,
    Delivery,
    EmailState,
    Notification,
    Preference,
    Topic,
)
from notifications.outbox import SendReport

BATCH_WINDOW = datetime.timedelta(minutes=10)
OWNERS, OPCC_STAFF = "owners", "opcc"


@dataclass(frozen=True)
class Route:
    topic: Topic
    audience: str
    # What happened, as the email says it: "<headline> by <who>".
    headline: str


# Kinds nobody is told of (started, superseded, reopened) have no route.
ROUTES = {
    events.RAISED: Route(Topic.ASSIGNED, OWNERS, "Raised for your post"),
    events.REASSIGNED: Route(Topic.ASSIGNED, OWNERS, "Reassigned to your post"),
    "completed": Route(Topic.COMPLETED, OPCC_STAFF, "Marked completed"),
    "signed_off": Route(Topic.SIGNED_OFF, OWNERS, "Signed off"),
    "not_accepted": Route(Topic.SIGNED_OFF, OWNERS, "Not accepted"),
    events.DUE_DATE_CHANGED: Route(Topic.DUE_DATE, OWNERS, "Due date changed"),
    events.PROGRESS_UPDATE: Route(Topic.PROGRESS, OPCC_STAFF, "Progress update"),
    extensions.REQUESTED: Route(Topic.MORE_TIME_ASKED, OPCC_STAFF, "More time asked"),
    extensions.APPROVED: Route(Topic.MORE_TIME_DECIDED, OWNERS, "More time approved"),
    extensions.DECLINED: Route(Topic.MORE_TIME_DECIDED, OWNERS, "More time declined"),
}


def record_event(event):
    """A pending ledger row for each person to tell of `event`, as they chose;
    the same event heard again adds nothing."""
    route = ROUTES.get(event.kind)
    if route is None:
        return []
    action = Action.objects.select_related("owner", "agenda_item").get(
        pk=event.action_id
    )
    # The force's updates are read on the dashboard and in the reminders; only an
    # OPCC post's action's update is news to OPCC staff.
    if event.kind == events.PROGRESS_UPDATE and not _owned_by_opcc(action):
        return []
    people = [
        user
        for user in _audience(route.audience, action)
        if user.pk != event.by_id and address_of(user) and action.is_visible_to(user)
    ]
    chosen = deliveries(people, route.topic)
    rows = [
        Notification(
            event_id=event.id,
            kind=event.kind,
            action=action,
            actor_id=event.by_id,
            detail=event.detail,
            happened_at=event.at,
            recipient=user,
            delivery=chosen[user.pk],
            send_after=send_after(chosen[user.pk], event.at),
        )
        for user in people
        if chosen[user.pk] != Delivery.NEVER
    ]
    return Notification.objects.bulk_create(rows, ignore_conflicts=True)


def _owned_by_opcc(action):
    return action.owner is not None and action.owner.organisation == Organisation.OPCC


def _audience(audience, action):
    User = get_user_model()
    active = User.objects.filter(is_active=True).order_by("pk")
    if audience == OPCC_STAFF:
        return list(active.filter(groups__name=settings.REMINDER_SECRETARIAT_GROUP))
    if action.owner_id is None:
        return []
    return list(active.filter(posts=action.owner_id))


def deliveries(users, topic):
    """{user pk: Delivery} for `topic`: each person's choice, or the default."""
    chosen = dict(
        Preference.objects.filter(user__in=users, topic=topic).values_list(
            "user_id", "delivery"
        )
    )
    return {user.pk: chosen.get(user.pk, DEFAULT_DELIVERY[topic]) for user in users}


def send_after(delivery, at):
    """When a notification may go: ten minutes on, so what follows within them
    goes in the same email; or the next morning's email, at REMINDER_HOUR in
    Europe/London."""
    if delivery == Delivery.AT_ONCE:
        return at + BATCH_WINDOW
    local = timezone.localtime(at)
    morning = local.replace(
        hour=settings.REMINDER_HOUR, minute=0, second=0, microsecond=0
    )
    if morning <= local:
        # Wall-clock arithmetic: 07:00 stays 07:00 across the clock changes.
        morning = timezone.make_aware(
            morning.replace(tzinfo=None) + datetime.timedelta(days=1)
        )
    return morning


def send_notifications(*, now) -> SendReport:
    """Email everyone whose notifications are due, once.

    1. Claim, with one conditional UPDATE, every waiting row of each person who
       has one due (at once: everything else waiting goes with it; morning
       rows once the morning has come), and rows of a sweep that died holding
       them past the timeout.
    2. Cancel those whose action the person may no longer see.
    3. Send one email per person; sent and unknown outcomes are settled at once
       (unknown is never resent: it may have arrived); a failed email waits
       longer each time, up to NOTIFICATION_MAX_ATTEMPTS, then stays failed.
    """
    report = SendReport()
    token = claim_notifications(now=now)
    rows = _claimed(token)
    by_person = defaultdict(list)
    for row in rows:
        by_person[row.recipient].append(row)
    mailer = get_connection()
    try:
        for person, items in by_person.items():
            items = _still_visible(person, items, now, report)
            if items and _still_holds(token, person):
                _send(person, items, token, now, mailer, report)
    finally:
        mailer.close()
    return report


def claim_notifications(*, now) -> uuid.UUID:
    due_people = Notification.objects.filter(
        state=EmailState.PENDING, send_after__lte=now
    ).values("recipient")
    due = Q(Q(delivery=Delivery.AT_ONCE) | Q(send_after__lte=now)) & Q(
        recipient__in=due_people
    )
    return outbox.claim(Notification, due, now=now)


def _claimed(token):
    return list(
        Notification.objects.filter(claim=token, state=EmailState.SENDING)
        .select_related("action__owner", "action__agenda_item", "actor", "recipient")
        .order_by("recipient", "happened_at", "pk")
    )


def _still_visible(person, items, now, report):
    gone = [
        item.pk
        for item in items
        if not person.is_active
        or not address_of(person)
        or not item.action.is_visible_to(person)
    ]
    if gone:
        Notification.objects.filter(pk__in=gone).update(
            state=EmailState.CANCELLED, finished_at=now
        )
        report.cancelled += len(gone)
    return [item for item in items if item.pk not in gone]


def _still_holds(token, person):
    """Whether this sweep still holds the person's rows (not taken over)."""
    return Notification.objects.filter(claim=token, recipient=person).exists()


def _send(person, items, token, now, mailer, report):
    address = address_of(person)
    mine = Notification.objects.filter(
        claim=token, recipient=person, state=EmailState.SENDING
    )
    outbox.send(
        lambda: message(person, address, items, mailer),
        mine,
        address=address,
        now=now,
        report=report,
    )


@dataclass
class Item:
    """One notification as its email shows it."""

    row: Notification

    @property
    def action(self):
        return self.row.action

    @property
    def headline(self):
        route = ROUTES.get(self.row.kind)
        return route.headline if route else self.row.kind

    @property
    def by(self):
        actor = self.row.actor
        return _name(actor) if actor else "Assurance"

    @property
    def marking(self):
        if self.action.is_sensitive:
            return Action.Marking.OFFICIAL_SENSITIVE.label
        return self.action.get_marking_display()

    @property
    def shows_text(self):
        return shows_text_in_email(self.action)

    @property
    def url(self):
        return settings.SITE_URL + reverse("actions:detail", args=[self.action.pk])


def message(person, address, rows, mailer):
    items = [Item(row) for row in rows]
    context = {
        "name": _name(person),
        "items": items,
        "preferences_url": settings.SITE_URL + reverse("notifications:preferences"),
    }
    context["subject"] = " ".join(
        render_to_string("emails/notifications-subject.html", context).split()
    )
    email = EmailMultiAlternatives(
        context["subject"],
        render_to_string("emails/notifications-body-text.html", context),
        to=[formataddr((_name(person), address))],
        connection=mailer,
        headers={"Message-ID": _message_id(rows, address)},
    )
    email.attach_alternative(
        render_to_string("emails/notifications-body-html.html", context), "text/html"
    )
    return email


def _message_id(rows, address):
    """The same for every attempt at the same email, so a resend is known as one."""
    pks = ",".join(str(pk) for pk in sorted(row.pk for row in rows))
    key = hashlib.sha256(f"{pks}|{address}".encode()).hexdigest()
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    return f"<notifications.{key[:32]}@{domain or 'localhost'}>"


def _name(user):
    # One line whatever is stored: a line break in an email header fails the send.
    return one_line(user.get_full_name()) or user.get_username()
