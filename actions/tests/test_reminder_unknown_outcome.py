"""A real SMTP server of the test's own (aiosmtpd) that takes each message and then
answers too late or not at all (issue 12, D4): each person gets one email, and the
ledger says its outcome is unknown rather than failed."""

import asyncio
import datetime
import email
import email.policy

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from actions.models import Reminder, ReminderSweep, deliveries_of
from actions.reminders import send_due_reminders
from actions.tests.reminder_support import action_due, at_seven, make_people
from assurance.tests.processes import free_port

pytestmark = pytest.mark.django_db

DUE = datetime.date(2021, 9, 23)
TODAY = DUE + datetime.timedelta(days=1)


class Sink:
    """Keeps every message it is given, then replies after `delay` seconds with
    `reply`."""

    def __init__(self):
        self.messages = []
        self.delay = 0
        self.reply = "250 Message accepted for delivery"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        await asyncio.sleep(self.delay)
        return self.reply

    def to(self):
        return sorted(str(message["To"]) for message in self.messages)


@pytest.fixture
def smtp(settings):
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "assurance.mail.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    yield sink
    controller.stop()


@pytest.fixture
def people(db):
    return make_people()


def sweep():
    return send_due_reminders(today=TODAY, now=at_seven(TODAY))


def test_a_server_that_replies_too_late_gets_each_email_once(people, smtp):
    action = action_due(DUE, owner=people.cc)
    smtp.delay = 2

    report = sweep()
    for _ in range(3):  # beat's next sweeps
        sweep()

    assert smtp.to() == [
        "Priya Shah <priya@example.org>",
        "Tom Hughes <tom@example.org>",
    ]
    assert (len(report.unknown), report.failed, report.sent) == (2, [], [])
    reminder = Reminder.objects.get(action=action)
    assert reminder.state == "unknown"
    assert reminder.last_error.startswith("The mail server took the whole message")
    assert {d.outcome for d in deliveries_of([reminder])[reminder.pk]} == {"unknown"}
    assert sorted(ReminderSweep.objects.values_list("unknown", flat=True)) == [
        0,
        0,
        0,
        2,
    ]


def test_the_action_page_and_the_admin_show_an_unknown_outcome(client, people, smtp):
    action = action_due(DUE, owner=people.cc)
    smtp.delay = 2
    sweep()
    people.priya.is_staff = True
    people.priya.save()
    client.force_login(people.priya)

    page = client.get(reverse("actions:detail", args=[action.pk]))
    admin = client.get(reverse("admin:actions_reminder_changelist") + "?state=unknown")

    assert "Outcome unknown" in page.text
    assert "It may have arrived, so it is not sent again by itself." in page.text
    assert "Tom Hughes: outcome unknown: the mail server never confirmed it" in (
        page.text
    )
    assert f"{action.reference}" in admin.text
    assert "Outcome unknown" in admin.text


def test_a_server_that_answers_with_a_refusal_has_failed_and_is_tried_again(
    people, smtp
):
    action_due(DUE, owner=people.cc)
    smtp.reply = "554 Transaction failed"

    report = sweep()
    smtp.reply = "250 OK"
    sweep()

    assert len(report.failed) == 2
    assert report.unknown == []
    assert Reminder.objects.get().state == "sent"
    assert len(smtp.messages) == 4


def test_each_digest_carries_a_message_id_that_a_resend_repeats(people, smtp):
    action_due(DUE, owner=people.cc)
    smtp.reply = "451 Try again later"
    sweep()
    smtp.reply = "250 OK"
    sweep()

    ids = {}
    for message in smtp.messages:
        ids.setdefault(str(message["To"]), set()).add(str(message["Message-ID"]))
    assert len(ids) == 2
    assert all(len(sent) == 1 for sent in ids.values())
    (tom,) = ids["Tom Hughes <tom@example.org>"]
    (priya,) = ids["Priya Shah <priya@example.org>"]
    assert tom != priya
    assert tom.startswith("<reminders.")
    assert tom.endswith("@localhost>")
