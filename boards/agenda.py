"""Issuing a meeting's agenda to its board: one email to each member, with the
papers' links and an iCalendar invitation; a changed agenda goes again as a
revision that says what changed."""

import datetime
from email.mime.text import MIMEText
from email.utils import formataddr
from itertools import groupby
from operator import attrgetter
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from icalendar import Calendar, Event, vCalAddress, vText

from boards.models import AgendaEmail, AgendaIssue, Paper
from boards.services import Refused
from meetings.marking import marking_label, shows_text_in_email
from meetings.models import Meeting
from notifications import outbox
from notifications.outbox import SendReport

LONDON = ZoneInfo("Europe/London")
# Minutes give a start time and seldom an end: invitations hold two hours.
MEETING_LENGTH = datetime.timedelta(hours=2)


def agenda_contents(meeting):
    """The agenda as it stands, in a form kept with each issue and compared."""
    items = meeting.items.select_related("presenter").prefetch_related("papers")
    return {
        "date": meeting.date.isoformat(),
        "time": meeting.start_time.strftime("%H:%M") if meeting.start_time else "",
        "venue": meeting.venue,
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "presenter": str(item.presenter) if item.presenter else "",
                "papers": [
                    {"id": str(paper.pk), "name": paper.name}
                    for paper in item.papers.all()
                ],
            }
            for item in items
        ],
    }


def changes_between(before, after):
    """What changed from one issue of the agenda to the next, in words."""
    changes = []
    for key, label in (("date", "Date"), ("time", "Start time"), ("venue", "Venue")):
        was, now = before[key] or "none", after[key] or "none"
        if was != now:
            changes.append(f"{label} changed from {was} to {now}")
    was = {item["number"]: item for item in before["items"]}
    now = {item["number"]: item for item in after["items"]}
    for number, item in now.items():
        if number not in was:
            changes.append(f"Item {number} added: {item['title']}")
        else:
            changes += _item_changes(number, was[number], item)
    changes += [
        f"Item {number} removed: {item['title']}"
        for number, item in was.items()
        if number not in now
    ]
    return changes


def _item_changes(number, was, now):
    changes = []
    if was["title"] != now["title"]:
        changes.append(f"Item {number} retitled: {now['title']} (was {was['title']})")
    if was["presenter"] != now["presenter"]:
        changes.append(
            f"Item {number} now presented by {now['presenter'] or 'nobody named'}"
        )
    old_papers = {paper["id"]: paper["name"] for paper in was["papers"]}
    new_papers = {paper["id"]: paper["name"] for paper in now["papers"]}
    changes += [
        f"Item {number}: paper added, {name}"
        for pk, name in new_papers.items()
        if pk not in old_papers
    ]
    changes += [
        f"Item {number}: paper withdrawn, {name}"
        for pk, name in old_papers.items()
        if pk not in new_papers
    ]
    return changes


def recipients(board):
    """Whoever holds a member post and has an email address, each once."""
    return list(
        get_user_model()
        .objects.filter(posts__boards=board, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


@transaction.atomic
def issue_agenda(meeting, *, by, now):
    """Issue the agenda, or a revision of it, to the board's members.

    1. Refuse an agenda with no items, a board with no members (or none with an
       email address) and an agenda unchanged since its last issue.
    2. Record the issue, with the agenda as sent and what changed, and an email
       to each member waiting to be sent.
    3. After the commit, ask a worker to send them (send_agenda_emails); beat's
       run every minute sends whatever that misses, and tries failures again.
    """
    meeting = (
        Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    )
    if not by.has_perm("meetings.change_meeting"):
        raise Refused("Only OPCC staff issue agendas.")
    contents = agenda_contents(meeting)
    if not contents["items"]:
        raise Refused("The agenda has no items: add them before issuing it.")
    if not meeting.board.members.exists():
        raise Refused(
            f"The {meeting.board} has no members: add its members before issuing "
            "the agenda."
        )
    people = recipients(meeting.board)
    if not people:
        raise Refused(
            f"Nobody who holds a post on the {meeting.board} has an email address."
        )
    previous = meeting.agenda_issues.order_by("revision").last()
    if previous and previous.contents == contents:
        raise Refused(
            f"The agenda has not changed since it was issued on "
            f"{previous.issued_at:%-d %b %Y}: there is nothing to issue again."
        )
    issue = AgendaIssue.objects.create(
        meeting=meeting,
        revision=previous.revision + 1 if previous else 1,
        issued_at=now,
        issued_by=by,
        contents=contents,
        changes=changes_between(previous.contents, contents) if previous else [],
    )
    AgendaEmail.objects.bulk_create(
        AgendaEmail(
            issue=issue,
            recipient=person,
            name=person.get_full_name() or person.username,
            address=person.email,
            send_after=now,
        )
        for person in people
    )
    from boards.tasks import send_agenda_emails

    # A broker that is down loses nothing: beat's next run sends them.
    transaction.on_commit(send_agenda_emails.delay, robust=True)
    return issue


def send_agenda_emails(*, now) -> SendReport:
    """Send every agenda email that is due, each once (notifications.outbox)."""
    report = SendReport()
    token = outbox.claim(AgendaEmail, Q(send_after__lte=now), now=now)
    claimed = (
        AgendaEmail.objects.filter(claim=token, state=AgendaEmail.State.SENDING)
        .select_related("issue__meeting__board", "recipient")
        .order_by("issue", "pk")
    )
    mailer = get_connection()
    try:
        for issue, emails in groupby(claimed, key=attrgetter("issue")):
            parts = _email_parts(issue)
            for email in emails:
                _send_one(email, parts, token, now, mailer, report)
    finally:
        mailer.close()
    return report


def _send_one(email, parts, token, now, mailer, report):
    mine = AgendaEmail.objects.filter(pk=email.pk, claim=token)
    if not mine.exists():
        return  # taken over by another run
    person = email.recipient
    if person is None or not person.is_active:
        mine.update(state=AgendaEmail.State.CANCELLED, finished_at=now)
        report.cancelled += 1
        return
    outbox.send(
        lambda: _message(*parts, email, mailer),
        mine,
        address=email.address,
        now=now,
        report=report,
    )


def _email_parts(issue):
    """(subject, context, invitation): what every member's email of `issue` shares."""
    papers = {
        str(paper.pk): paper
        for paper in Paper.objects.filter(
            agenda_item__meeting=issue.meeting
        ).select_related("agenda_item")
    }
    withheld = _withheld_items(issue.meeting)
    context = {
        "issue": issue,
        "meeting": issue.meeting,
        "items": [
            {
                **_as_emailed(item, withheld),
                "papers": [
                    {
                        "name": paper["name"]
                        if shows_text_in_email(papers[paper["id"]])
                        else marking_label(papers[paper["id"]]),
                        "url": settings.SITE_URL
                        + reverse("boards:paper", args=[paper["id"]]),
                    }
                    for paper in item["papers"]
                    if paper["id"] in papers
                ],
            }
            for item in issue.contents["items"]
        ],
        "changes": _changes_as_emailed(issue.changes, withheld),
        "agenda_url": settings.SITE_URL
        + reverse("boards:agenda", args=[issue.meeting.pk]),
    }
    subject = " ".join(render_to_string("emails/agenda-subject.html", context).split())
    return subject, context, invitation_for(issue, list(issue.emails.all()))


def _withheld_items(meeting):
    """{number: marking} of the items whose words an email may not carry: those
    marked OFFICIAL-SENSITIVE, or every one when EMAIL_SHOWS_TEXT is off."""
    return {
        item.number: marking_label(item)
        for item in meeting.items.all()
        if not shows_text_in_email(item)
    }


def _as_emailed(item, withheld):
    """An item of the issue's contents as an email and invitation carry it: a
    withheld one by its number, marking and the agenda's link alone."""
    if item["number"] not in withheld:
        return item
    return {
        **item,
        "title": f"{withheld[item['number']]}: see the agenda in Assurance",
        "presenter": "",
    }


def _changes_as_emailed(changes, withheld):
    """What changed, without the words of withheld items (each change names its
    item first: "Item 3 added: …")."""
    return [
        next(
            (
                f"Item {number} changed ({marking})"
                for number, marking in withheld.items()
                if change.startswith((f"Item {number} ", f"Item {number}:"))
            ),
            change,
        )
        for change in changes
    ]


def _message(subject, context, invitation, email, connection):
    context = {**context, "name": email.name}
    host = urlsplit(settings.SITE_URL).hostname
    message = EmailMultiAlternatives(
        subject,
        render_to_string("emails/agenda-body-text.html", context),
        to=[formataddr((email.name, email.address))],
        connection=connection,
        # The same for every attempt: a mail system that got it twice shows it once.
        headers={"Message-ID": f"<agenda-{email.pk}@{host}>"},
    )
    message.attach_alternative(
        render_to_string("emails/agenda-body-html.html", context), "text/html"
    )
    part = MIMEText(invitation.decode(), "calendar", "utf-8")
    part.set_param("method", "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="invitation.ics")
    message.attach(part)
    return message


def invitation_for(issue, emails):
    """An iCalendar REQUEST for the meeting; a revision updates the same event."""
    meeting = issue.meeting
    calendar = Calendar()
    calendar.add("prodid", "-//Assurance//Agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    host = urlsplit(settings.SITE_URL).hostname
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    # Calendars replace the event they hold with one of a higher sequence.
    event.add("sequence", issue.revision - 1)
    event.add("dtstamp", issue.issued_at)
    if meeting.start_time:
        start = datetime.datetime.combine(meeting.date, meeting.start_time, LONDON)
        event.add("dtstart", start)
        event.add("dtend", start + MEETING_LENGTH)
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + datetime.timedelta(days=1))
    event.add("summary", f"{meeting.title} ({issue.title.lower()})")
    event.add("location", meeting.venue or "Not given")
    withheld = _withheld_items(meeting)
    event.add(
        "description",
        "\n".join(
            f"{item['number']} {_as_emailed(item, withheld)['title']}"
            for item in issue.contents["items"]
        ),
    )
    organiser = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organiser.params["cn"] = vText("Office of the Police and Crime Commissioner")
    event.add("organizer", organiser)
    for email in emails:
        attendee = vCalAddress(f"mailto:{email.address}")
        attendee.params["cn"] = vText(email.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
