"""A user's actions as an iCalendar feed, for Outlook and phone calendars."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from actions.models import Action, CalendarFeed
from meetings.marking import marking_label, shows_text_in_email


def holds_everything(feed):
    """Everything owed, if the user chose it and may still see every action."""
    return feed.holds == CalendarFeed.Holds.EVERYTHING and feed.user.has_perm(
        "actions.view_action"
    )


def feed_actions(feed):
    """The open actions with a due date that `feed` holds: those of the user's
    posts, or everything owed within the dashboard's filters it keeps."""
    actions = Action.objects.visible_to(feed.user).open().filter(due_date__isnull=False)
    # Asked on every fetch, as /actions/<id>/ asks: a role taken away, or never
    # given, leaves the feed empty, whatever posts the user holds.
    if not feed.user.has_perm("actions.view_action"):
        return actions.none()
    if not holds_everything(feed):
        return actions.owned_by(feed.user)
    if feed.meeting_type_id:
        actions = actions.filter(
            agenda_item__meeting__meeting_type=feed.meeting_type_id
        )
    if feed.organisation:
        actions = actions.filter(owner__organisation=feed.organisation)
    if feed.owner_id:
        actions = actions.filter(owner=feed.owner_id)
    return actions


def calendar_for(feed):
    """One all-day event on the due date of each action the feed holds; an action
    without a due date has nowhere to go."""
    calendar = Calendar()
    calendar.add("prodid", "-//Assurance//Actions//EN")
    calendar.add("version", "2.0")
    calendar.add(
        "x-wr-calname",
        "Assurance: everything owed"
        if holds_everything(feed)
        else f"Assurance: actions of {_name(feed.user)}",
    )
    # Outlook and phones read this as how often to fetch the feed again.
    calendar.add(
        "refresh-interval",
        datetime.timedelta(hours=6),
        parameters={"VALUE": "DURATION"},
    )
    calendar.add("x-published-ttl", "PT6H")
    stamp = timezone.now()
    actions = (
        feed_actions(feed)
        .select_related("owner", "agenda_item__meeting")
        .order_by("due_date", "reference")
    )
    for action in actions:
        calendar.add_component(_event(action, stamp))
    return calendar.to_ical()


def _event(action, stamp):
    event = Event()
    event.add("uid", f"action-{action.pk}@{urlsplit(settings.SITE_URL).hostname}")
    event.add("dtstamp", stamp)
    event.add("dtstart", action.due_date)
    event.add("dtend", action.due_date + datetime.timedelta(days=1))
    url = settings.SITE_URL + reverse("actions:detail", args=[action.pk])
    if shows_text_in_email(action):
        event.add("summary", f"Due: {action.reference} {action.description[:80]}")
        meeting = action.agenda_item.meeting
        event.add(
            "description",
            f"{action.description}\n\nOwner: {action.owner}. Status: "
            f"{action.get_status_display()}. Agreed at {meeting.title}, "
            f"{meeting.date:%d %b %Y}, item {action.agenda_item.number}.",
        )
    else:
        # Whoever has the feed's address reads it: the reference, the marking and
        # the link, and the words only behind the sign-in.
        marking = marking_label(action)
        event.add("summary", f"Due: {action.reference} ({marking})")
        event.add("description", f"{marking}. See {action.reference} at {url}")
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def _name(user):
    return user.get_full_name() or user.get_username()
