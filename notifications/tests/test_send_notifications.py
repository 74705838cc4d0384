"""The sweep: one email per person for what happened within ten minutes, each
notification sent once, whatever fails or runs twice."""

import datetime
import smtplib

import pytest
import time_machine
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from actions import events
from actions.models import Action
from actions.services import change_due_date
from assurance.mail import OutcomeUnknown
from notifications.models import Delivery, Notification, Preference, Topic
from notifications.services import record_event, send_notifications
from notifications.tests.conftest import T0

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def happen(kind, action, by, detail="", at=T0):
    record_event(events.ActionEvent(kind, action.pk, by.pk, at, detail))


def signed_off(action, people, at=T0, detail="Good work."):
    happen("signed_off", action, people["pcc"], detail, at)


def test_ten_events_in_five_minutes_make_one_email(
    action, people, mail, django_capture_on_commit_callbacks
):
    with time_machine.travel(T0, tick=False) as clock:
        for day in range(1, 11):
            with django_capture_on_commit_callbacks(execute=True):
                change_due_date(
                    action,
                    to=datetime.date(2026, 5, day),
                    reason="Waiting for the audit",
                    by=people["opcc"],
                    version=action.version,
                )
            clock.shift(30)
        assert send_notifications(now=timezone.now()).sent == []
        clock.move_to(T0 + 10 * MINUTE)
        report = send_notifications(now=timezone.now())

    assert report.sent == ["cc@example.org"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("10 things happened to actions")
    assert mail.outbox[0].body.count("Due date changed by Priya Shah") == 10
    assert "From 9 May 2026 to 10 May 2026" in mail.outbox[0].body


def test_an_email_says_what_happened_by_whom_with_a_link(action, people, mail):
    signed_off(action, people)

    send_notifications(now=T0 + 10 * MINUTE)

    (email,) = mail.outbox
    assert email.to == ["Tom Hughes <cc@example.org>"]
    assert email.subject == "2021-03/1: signed off by Helen Ward"
    assert action.description in email.body
    assert "“Good work.”" in email.body
    assert f"http://127.0.0.1:8000/actions/{action.pk}/" in email.body
    assert "<q>Good work.</q>" in email.alternatives[0][0]


@pytest.mark.parametrize("sensitive", ["marking", "setting"])
def test_sensitive_actions_are_told_by_reference_marking_and_link_only(
    action, people, mail, settings, sensitive
):
    if sensitive == "marking":
        Action.objects.filter(pk=action.pk).update(
            marking="official_sensitive", publication="withhold", exemption="s31"
        )
    else:
        settings.EMAIL_SHOWS_TEXT = False
    signed_off(action, people, detail="The night time economy plan is weak.")

    send_notifications(now=T0 + 10 * MINUTE)

    (email,) = mail.outbox
    for body in (email.body, email.alternatives[0][0]):
        assert "night time economy" not in body
        assert "2021-03/1" in body
        assert f"/actions/{action.pk}/" in body
    marking = "OFFICIAL-SENSITIVE" if sensitive == "marking" else "OFFICIAL"
    assert f"({marking})" in email.body


def test_running_again_sends_nothing_more(action, people, mail):
    signed_off(action, people)

    send_notifications(now=T0 + 10 * MINUTE)
    send_notifications(now=T0 + 11 * MINUTE)

    assert len(mail.outbox) == 1
    assert Notification.objects.get().state == "sent"


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class UnknownBackend(EmailBackend):
    def send_messages(self, messages):
        raise OutcomeUnknown("The mail server took the whole message…")


def test_an_smtp_failure_delays_the_email_and_then_sends_it_once(
    action, people, mail, settings
):
    signed_off(action, people)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"

    report = send_notifications(now=T0 + 10 * MINUTE)

    assert report.failed == [("cc@example.org", "Connection unexpectedly closed")]
    row = Notification.objects.get()
    assert (row.state, row.attempts) == ("pending", 1)
    assert row.last_error == "Connection unexpectedly closed"
    assert row.send_after == T0 + 11 * MINUTE

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_notifications(now=T0 + 11 * MINUTE)
    send_notifications(now=T0 + 12 * MINUTE)

    assert len(mail.outbox) == 1
    assert Notification.objects.get().state == "sent"


def test_it_gives_up_only_after_the_last_attempt(action, people, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    signed_off(action, people)

    send_notifications(now=T0 + 10 * MINUTE)
    send_notifications(now=T0 + 20 * MINUTE)

    row = Notification.objects.get()
    assert (row.state, row.attempts) == ("failed", 2)


def test_an_unknown_outcome_is_not_sent_again(action, people, mail, settings):
    settings.EMAIL_BACKEND = f"{__name__}.UnknownBackend"
    signed_off(action, people)

    assert len(send_notifications(now=T0 + 10 * MINUTE).unknown) == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_notifications(now=T0 + 60 * MINUTE)

    assert mail.outbox == []
    assert Notification.objects.get().state == "unknown"


def test_a_claim_held_by_a_live_sweep_is_left_alone(action, people, mail):
    signed_off(action, people)
    Notification.objects.update(state="sending", claimed_at=T0 + 10 * MINUTE)

    send_notifications(now=T0 + 11 * MINUTE)
    assert mail.outbox == []

    # A sweep that died: its claim is taken over once it times out.
    send_notifications(now=T0 + 26 * MINUTE)
    assert len(mail.outbox) == 1


def test_morning_choices_wait_for_the_morning_and_take_the_rest_along(
    action, people, mail
):
    Preference.objects.create(
        user=people["cc"], topic=Topic.SIGNED_OFF, delivery=Delivery.DIGEST
    )
    signed_off(action, people)

    send_notifications(now=T0 + 60 * MINUTE)
    assert mail.outbox == []

    next_morning = datetime.datetime(2026, 3, 11, 7, 0, tzinfo=datetime.UTC)
    happen("due_date_changed", action, people["opcc"], at=next_morning - 5 * MINUTE)
    send_notifications(now=next_morning)

    (email,) = mail.outbox
    assert "Signed off by Helen Ward" in email.body
    assert "Due date changed by Priya Shah" in email.body


def test_someone_who_may_no_longer_see_the_action_is_not_told(action, people, mail):
    signed_off(action, people)
    action.owner.holders.remove(people["cc"])
    Action.objects.filter(pk=action.pk).update(
        marking="official_sensitive", publication="withhold", exemption="s31"
    )

    report = send_notifications(now=T0 + 10 * MINUTE)

    assert mail.outbox == []
    assert report.cancelled == 1
    assert Notification.objects.get().state == "cancelled"


def test_one_email_each_for_several_people(
    action, people, mail, django_assert_max_num_queries
):
    happen("completed", action, people["cc"])
    happen("extension_requested", action, people["cc"], "More time please")

    with django_assert_max_num_queries(12):
        send_notifications(now=T0 + 10 * MINUTE)

    assert sorted(email.to[0].split("<")[1] for email in mail.outbox) == [
        "opcc2@example.org>",
        "opcc@example.org>",
    ]
    for email in mail.outbox:
        assert "Marked completed by Tom Hughes" in email.body
        assert "More time asked by Tom Hughes" in email.body
