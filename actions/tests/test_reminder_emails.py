"""What a reminder email says: to the owner, and to those copied on it."""

import datetime

import pytest
from django.core import mail

from actions.reminders import send_due_reminders
from actions.tests.factories import ActionUpdateFactory
from actions.tests.reminder_support import (
    LONDON,
    action_due,
    at_seven,
    emails_by_address,
    make_people,
)

pytestmark = pytest.mark.django_db

DUE = datetime.date(2021, 9, 23)
# 29 days late: the owner, the OPCC secretariat and the PCC's office are emailed.
ESCALATED = DUE + datetime.timedelta(days=29)


def sweep(today):
    return send_due_reminders(today=today, now=at_seven(today))


@pytest.fixture
def people(db):
    return make_people()


def html_of(message):
    return message.alternatives[0][0]


def test_the_copied_readers_are_told_what_they_can_do(people):
    action_due(DUE, owner=people.cc)

    sweep(ESCALATED)

    emails = emails_by_address()
    for address in ["priya@example.org", "helen@example.org"]:
        for text in [emails[address].body, html_of(emails[address])]:
            assert "An action you are copied on is not yet completed." in text
            assert "An action needs your attention." not in text
            assert (
                "The owner has not reported any progress: you may want to raise it "
                "at the next meeting." in text
            )
            assert "the owner has been reminded too" in text
    owner_email = emails["tom@example.org"]
    assert "An action needs your attention." in owner_email.body
    assert "raise it at the next meeting" not in owner_email.body
    assert "Please add a progress update" in owner_email.body


def test_a_copied_reader_of_several_actions_is_told_how_many(people):
    action_due(DUE, owner=people.cc)
    action_due(DUE - datetime.timedelta(days=3), owner=people.cc)

    sweep(ESCALATED)

    body = emails_by_address()["helen@example.org"].body
    assert "2 actions you are copied on are not yet completed." in body
    assert body.count("you may want to raise it at the next meeting") == 2


def test_each_action_shows_its_latest_progress_update(people):
    action = action_due(DUE, owner=people.cc)
    for day, text in [(2, "Plans drafted."), (9, "Plans went to the Executive.")]:
        ActionUpdateFactory(
            action=action,
            text=text,
            created_at=datetime.datetime(2021, 9, day, 10, tzinfo=LONDON),
        )
    action_due(DUE, owner=people.cc)

    sweep(ESCALATED)

    for address, message in emails_by_address().items():
        for text in [message.body, html_of(message)]:
            assert "Latest update, 9 Sep 2021: Plans went to the Executive." in text
            assert "Plans drafted." not in text
            assert "No progress update yet." in text, address
    copied = emails_by_address()["helen@example.org"].body
    assert (
        "Not completed since then: you may want to raise it at the next meeting."
        in copied
    )
    assert "The owner has not reported any progress: you may" in copied


def test_a_long_update_is_cut_short_and_escaped_in_the_html(people):
    action = action_due(DUE, owner=people.cc)
    ActionUpdateFactory(action=action, text="<b>Slow</b> " + "word " * 100)

    sweep(DUE)

    (message,) = mail.outbox
    assert "&lt;b&gt;Slow&lt;/b&gt;" in html_of(message)
    # Sixty words, "<b>Slow</b>" the first; the page has the rest.
    assert "<b>Slow</b> " + "word " * 59 + "…\n" in message.body
