"""People, actions and email backends the reminder tests share."""

import datetime
import email
import email.policy
import smtplib
import time
import uuid
import zoneinfo
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection

from actions.models import Reminder, ReminderEmail
from actions.tests.factories import ActionFactory, PostFactory, UserFactory
from assurance.tests.workers import start_worker
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
MARCH_MEETING = datetime.date(2021, 3, 23)


def at_seven(day):
    """Beat's default hour, London time, on `day`."""
    return datetime.datetime.combine(day, datetime.time(7), tzinfo=LONDON)


def make_people():
    """Tom holds Chief Constable; Priya is the OPCC secretariat; Helen the PCC."""
    tom = UserFactory(
        username="tom", first_name="Tom", last_name="Hughes", role="Force"
    )
    priya = UserFactory(
        username="priya", first_name="Priya", last_name="Shah", role="OPCC staff"
    )
    helen = UserFactory(
        username="helen", first_name="Helen", last_name="Ward", role="PCC"
    )
    cc = PostFactory(holders=[tom])
    return SimpleNamespace(tom=tom, priya=priya, helen=helen, cc=cc)


def action_due(due_date, **fields):
    """An open action agreed at the March 2021 meeting."""
    meeting = Meeting.objects.filter(date=MARCH_MEETING).first() or MeetingFactory(
        date=MARCH_MEETING
    )
    return ActionFactory(
        due_date=due_date, agenda_item=AgendaItemFactory(meeting=meeting), **fields
    )


def emails_by_address():
    return {
        message.to[0].split("<")[-1].rstrip(">"): message for message in mail.outbox
    }


class DownBackend(LocmemBackend):
    """An SMTP server that is not there."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusesPriyaBackend(LocmemBackend):
    """A server that takes every message except those to priya@."""

    def send_messages(self, messages):
        for message in messages:
            if "priya@example.org" in message.to[0]:
                raise smtplib.SMTPRecipientsRefused(
                    {"priya@example.org": (550, b"Mailbox unavailable")}
                )
        return super().send_messages(messages)


class ChokesOnTomBackend(LocmemBackend):
    """As Django's SMTP backend does on an address it cannot encode."""

    def send_messages(self, messages):
        for message in messages:
            if "tom@example.org" in message.to[0]:
                raise ValueError("Invalid address")
        return super().send_messages(messages)


class TakenOverAfterOneBackend(LocmemBackend):
    """Sends one email; then another sweep claims every row."""

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        Reminder.objects.filter(state="sending").update(claim=uuid.uuid4())
        return sent


class SlowFileBackend(FileBackend):
    """Takes a second before writing each email, as a slow SMTP server would:
    a sweep killed during that second has not sent that email."""

    def send_messages(self, messages):
        time.sleep(1)
        return super().send_messages(messages)


class DownWhileFlaggedBackend(SlowFileBackend):
    """A mail server that is down while the file `down` exists in its folder."""

    def send_messages(self, messages):
        if (Path(self.file_path) / "down").exists():
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def emails_written_to(directory):
    """(To, Subject) of each email the file backend wrote under `directory`."""
    separator = b"\n" + b"-" * 79 + b"\n"
    found = []
    for path in sorted(directory.iterdir()):
        for raw in path.read_bytes().split(separator):
            if raw.strip():
                message = email.message_from_bytes(raw, policy=email.policy.default)
                found.append((str(message["To"]), str(message["Subject"]).strip()))
    return found


def database_url():
    """The test database, for a process the test starts (PostgreSQL only)."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="other processes cannot see SQLite's in-memory test database: "
    "set DATABASE_URL to a PostgreSQL server",
)


def make_four_recipients(due):
    """Three posts, each with a holder and two overdue actions; Priya copied on
    all: four emails, each taking the slow mail server a second."""
    people = make_people()
    posts = [people.cc]
    for name, abbreviation, holder in [
        ("Deputy Chief Constable", "DCC", "dana"),
        ("Assistant Chief Constable", "ACC", "ali"),
    ]:
        user = UserFactory(username=holder, role="Force")
        posts.append(PostFactory(name=name, abbreviation=abbreviation, holders=[user]))
    for post in posts:
        action_due(due, owner=post)
        action_due(due - datetime.timedelta(days=7), owner=post)
    return {
        "tom@example.org",
        "dana@example.org",
        "ali@example.org",
        "priya@example.org",
    }


def addresses(emails):
    return Counter(to.split("<")[-1].rstrip(">") for to, _ in emails)


def delivered(outcome="sent"):
    """(reminder pk, address) for each reminder each person was emailed."""
    return [
        (pk, email.address)
        for email in ReminderEmail.objects.filter(outcome=outcome)
        for first, last in [*email.reminders, *email.copies]
        for pk in range(first, last + 1)
    ]


def wait_for_first_email():
    deadline = time.monotonic() + 60
    while not ReminderEmail.objects.exists():
        assert time.monotonic() < deadline, "the sweep sent nothing within 60 s"
        time.sleep(0.05)


def start_mail_worker(mail_dir, queue="celery", database=None, **environ):
    """A worker on the test database, writing its emails under mail_dir."""
    process, _ = start_worker(
        queue,
        DATABASE_URL=database or database_url(),
        # Four slashes: an absolute path after the empty host.
        EMAIL_URL=f"filemail:///{mail_dir}",
        **environ,
    )
    return process


def wait_until_all_sent(timeout=60):
    deadline = time.monotonic() + timeout
    while (
        not Reminder.objects.exists() or Reminder.objects.exclude(state="sent").exists()
    ):
        assert time.monotonic() < deadline, f"reminders still unsent after {timeout} s"
        time.sleep(0.2)
