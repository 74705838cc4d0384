import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actions import tasks
from actions.models import (
    Action,
    DeliveryOutcome,
    DueSoonOptOut,
    Reminder,
    ReminderEmail,
    deliveries_of,
)
from actions.reminders import reminder_due, send_due_reminders
from actions.tests.factories import ActionUpdateFactory, PostFactory, UserFactory
from actions.tests.reminder_support import (
    LONDON,
    action_due,
    at_seven,
    emails_by_address,
    make_people,
    needs_postgresql,
)

pytestmark = pytest.mark.django_db

D = datetime.date
DUE = D(2021, 9, 23)


def sweep(today):
    return send_due_reminders(today=today, now=at_seven(today))


@pytest.fixture
def people(db):
    return make_people()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2021, 9, 15), None),
        (D(2021, 9, 16), ("due_soon", D(2021, 9, 16))),
        (D(2021, 9, 22), ("due_soon", D(2021, 9, 16))),
        (D(2021, 9, 23), ("due_today", DUE)),
        (D(2021, 9, 24), ("overdue", D(2021, 9, 24))),
        (D(2021, 9, 30), ("overdue", D(2021, 9, 24))),
        (D(2021, 10, 1), ("overdue", D(2021, 10, 1))),
        (D(2022, 9, 23), ("overdue", D(2022, 9, 23))),
    ],
)
def test_the_latest_reminder_due_is_worked_out_from_the_due_date(today, expected):
    assert reminder_due(DUE, today) == expected


def test_one_action_over_sixty_days_gets_exactly_the_expected_emails(people):
    """Due on 31 Oct 2021, the day the clocks go back; beat runs at 07:00 London."""
    cc = people.cc
    action_due(D(2021, 10, 31), owner=cc)
    sent = {}
    for offset in range(60):
        day = D(2021, 10, 14) + datetime.timedelta(days=offset)
        mail.outbox.clear()
        with time_machine.travel(at_seven(day), tick=False):
            tasks.send_due_reminders()
        if mail.outbox:
            sent[day] = sorted(
                (message.subject.split(":")[0], message.to[0].split()[0])
                for message in mail.outbox
            )

    soon = [("Due soon", "Tom")]
    today = [("Due today", "Tom")]
    overdue = [("Overdue", "Priya"), ("Overdue", "Tom")]
    escalated = [("Overdue", "Helen"), *overdue]
    assert sent == {
        D(2021, 10, 24): soon,
        D(2021, 10, 31): today,
        D(2021, 11, 1): overdue,
        D(2021, 11, 8): overdue,
        D(2021, 11, 15): overdue,
        D(2021, 11, 22): overdue,
        D(2021, 11, 29): escalated,
        D(2021, 12, 6): escalated,
    }


@pytest.mark.parametrize(
    "instant",
    [
        # 00:30 BST is still the previous day in UTC.
        datetime.datetime(2021, 3, 29, 0, 30, tzinfo=LONDON),
        datetime.datetime(2021, 10, 31, 0, 30, tzinfo=LONDON),
        # 01:30 on 31 Oct 2021 happens twice; the second is GMT.
        datetime.datetime(2021, 10, 31, 1, 30, fold=1, tzinfo=LONDON),
    ],
)
def test_today_is_the_london_date_across_the_clock_changes(people, instant, settings):
    # Reminder days that start at midnight, when London's date and UTC's differ.
    settings.REMINDER_HOUR = 0
    cc = people.cc
    action_due(instant.date(), owner=cc)

    with time_machine.travel(instant, tick=False):
        tasks.send_due_reminders()

    assert [message.subject.split(":")[0] for message in mail.outbox] == ["Due today"]


def test_a_second_sweep_the_same_day_sends_nothing(people):
    cc = people.cc
    action_due(DUE, owner=cc)
    sweep(DUE)
    sweep(DUE)

    assert len(mail.outbox) == 1
    assert Reminder.objects.get().state == Reminder.State.SENT


def test_a_sweep_after_three_days_down_sends_what_fell_due_once(people):
    cc = people.cc
    action_due(DUE, owner=cc)
    sweep(DUE - datetime.timedelta(days=7))
    mail.outbox.clear()

    # Beat was down on the due date and the two days after.
    sweep(DUE + datetime.timedelta(days=3))
    sweep(DUE + datetime.timedelta(days=4))

    assert sorted(message.to[0] for message in mail.outbox) == [
        "Priya Shah <priya@example.org>",
        "Tom Hughes <tom@example.org>",
    ]
    assert mail.outbox[0].subject.startswith("Overdue:")
    assert list(Reminder.objects.values_list("kind", "for_date")) == [
        ("overdue", D(2021, 9, 24)),
        ("due_soon", D(2021, 9, 16)),
    ]


def test_a_missed_due_soon_reminder_is_caught_up_before_the_due_date(people):
    cc = people.cc
    action_due(DUE, owner=cc)

    sweep(DUE - datetime.timedelta(days=2))

    assert [message.subject.split(":")[0] for message in mail.outbox] == ["Due soon"]


def test_a_person_gets_one_email_listing_all_their_actions(people):
    cc = people.cc
    acc = PostFactory(name="Assistant Chief Constable", abbreviation="ACC")
    acc.holders.add(people.tom)
    actions = [
        action_due(DUE + datetime.timedelta(days=3), owner=cc),
        action_due(DUE, owner=cc),
        action_due(DUE, owner=acc),
        action_due(DUE - datetime.timedelta(days=1), owner=acc),
        action_due(DUE - datetime.timedelta(days=40), owner=cc),
    ]

    sweep(DUE)

    tom_email = emails_by_address()["tom@example.org"]
    assert tom_email.subject == (
        "Reminders for 23 Sep 2021: 2 overdue, 2 due today, 1 due soon"
    )
    html = tom_email.alternatives[0][0]
    for action in actions:
        link = f"http://127.0.0.1:8000/actions/{action.pk}/"
        assert link in tom_email.body
        assert f'href="{link}"' in html
    assert len(mail.outbox) == 3  # Tom; Priya and Helen copied on the overdue


def test_the_email_says_what_and_when_and_links_the_action(people):
    cc = people.cc
    action = action_due(
        DUE,
        owner=cc,
        reference="2021-03/2",
        description="Revisit in 6 months to see how SOC activity across the 4P's "
        "is balanced",
    )

    sweep(D(2021, 9, 24))

    message = emails_by_address()["tom@example.org"]
    assert message.subject == (
        "Overdue: 2021-03/2 Revisit in 6 months to see how SOC … — due 23 Sep 2021"
    )
    assert message.to == ["Tom Hughes <tom@example.org>"]
    assert "Due 23 Sep 2021: 1 day overdue." in message.body
    assert f"http://127.0.0.1:8000/actions/{action.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "4P&#x27;s is balanced" in html
    assert "/reminders/stop/" in message.body


def test_reminders_go_to_whoever_holds_the_post_when_they_are_sent(people):
    cc = people.cc
    action_due(DUE, owner=cc)
    sarah = UserFactory(username="sarah", first_name="Sarah", last_name="Crew")
    cc.holders.set([sarah])

    sweep(DUE)

    assert [message.to for message in mail.outbox] == [
        ["Sarah Crew <sarah@example.org>"]
    ]
    [delivery] = deliveries_of(Reminder.objects.all())[Reminder.objects.get().pk]
    assert (delivery.name, delivery.address, delivery.copied) == (
        "Sarah Crew",
        sarah.email,
        False,
    )


def test_an_action_without_an_owner_reminds_the_secretariat(people):
    action_due(DUE, owner=None)

    sweep(DUE)

    (message,) = mail.outbox
    assert message.to == ["Priya Shah <priya@example.org>"]
    assert "It needs an owner. Please assign it to a post." in message.body


def test_overdue_copies_the_secretariat_and_after_28_days_the_pccs_office(people):
    cc = people.cc
    action_due(DUE, owner=cc)

    sweep(DUE + datetime.timedelta(days=22))
    assert set(emails_by_address()) == {"tom@example.org", "priya@example.org"}
    assert (
        "Copied to the OPCC secretariat"
        in emails_by_address()["priya@example.org"].body
    )
    mail.outbox.clear()

    sweep(DUE + datetime.timedelta(days=29))
    assert set(emails_by_address()) == {
        "tom@example.org",
        "priya@example.org",
        "helen@example.org",
    }
    assert "more than 28 days overdue" in emails_by_address()["helen@example.org"].body


def test_an_owner_who_opted_out_gets_no_due_soon_email_but_still_overdue(people):
    cc = people.cc
    action_due(DUE, owner=cc)
    DueSoonOptOut.objects.create(user=people.tom)

    sweep(DUE - datetime.timedelta(days=7))
    assert mail.outbox == []
    reminder = Reminder.objects.get()
    assert reminder.state == Reminder.State.SENT
    [delivery] = deliveries_of([reminder])[reminder.pk]
    assert delivery.outcome == DeliveryOutcome.OPTED_OUT

    sweep(DUE + datetime.timedelta(days=1))
    assert "tom@example.org" in emails_by_address()


def test_an_email_that_fails_is_retried_until_the_last_attempt(people, settings):
    cc = people.cc
    action_due(DUE, owner=cc)
    settings.EMAIL_BACKEND = "actions.tests.reminder_support.DownBackend"
    settings.REMINDER_MAX_ATTEMPTS = 3

    report = sweep(DUE)

    assert report.retrying == 1
    reminder = Reminder.objects.get()
    assert (reminder.state, reminder.attempts) == (Reminder.State.PENDING, 1)
    assert reminder.last_error == "Connection unexpectedly closed"
    sweep(DUE)
    report = sweep(DUE)
    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts, report.retrying) == (
        Reminder.State.FAILED,
        3,
        0,
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sweep(DUE)
    assert mail.outbox == []


def test_a_failed_email_is_sent_once_the_server_is_back(people, settings):
    cc = people.cc
    action_due(DUE, owner=cc)
    settings.EMAIL_BACKEND = "actions.tests.reminder_support.DownBackend"
    sweep(DUE)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    sweep(DUE)
    sweep(DUE)

    assert len(mail.outbox) == 1
    reminder = Reminder.objects.get()
    assert (reminder.state, reminder.last_error) == (Reminder.State.SENT, "")


def test_a_resend_goes_only_to_those_who_did_not_get_it(people, settings):
    cc = people.cc
    action_due(DUE, owner=cc)
    settings.EMAIL_BACKEND = "actions.tests.reminder_support.RefusesPriyaBackend"
    sweep(DUE + datetime.timedelta(days=1))
    assert list(emails_by_address()) == ["tom@example.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    sweep(DUE + datetime.timedelta(days=1))

    assert sorted(emails_by_address()) == ["priya@example.org", "tom@example.org"]
    assert len(mail.outbox) == 2
    assert Reminder.objects.get().state == Reminder.State.SENT


def test_a_claim_left_by_a_dead_sweep_is_taken_over_after_the_timeout(people):
    cc = people.cc
    action = action_due(DUE, owner=cc)
    now = at_seven(DUE)
    reminder = Reminder.objects.create(
        action=action,
        kind="due_today",
        for_date=DUE,
        state="sending",
        claimed_at=now - datetime.timedelta(minutes=5),
    )

    send_due_reminders(today=DUE, now=now)
    assert mail.outbox == []

    send_due_reminders(today=DUE, now=now + datetime.timedelta(minutes=11))
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT


def test_finished_actions_get_no_reminders(people):
    cc = people.cc
    for status in ["completed", "closed", "superseded"]:
        action_due(DUE, owner=cc, status=status)

    sweep(DUE + datetime.timedelta(days=1))

    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_a_waiting_reminder_is_cancelled_when_its_action_is_completed(people):
    cc = people.cc
    action = action_due(DUE, owner=cc)
    reminder = Reminder.objects.create(action=action, kind="due_today", for_date=DUE)
    action.status = "completed"
    action.save()

    report = sweep(DUE)

    assert (mail.outbox, report.cancelled) == ([], 1)
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.CANCELLED


def test_bad_data_is_reported_to_the_secretariat_and_the_sweep_goes_on(people):
    cc = people.cc
    nobody = PostFactory(name="Deputy Chief Constable", abbreviation="DCC")
    no_email = UserFactory(
        username="sam", first_name="Sam", last_name="Dunn", email="sam.dunn@"
    )
    acc = PostFactory(
        name="Assistant Chief Constable", abbreviation="ACC", holders=[no_email]
    )
    action_due(DUE, owner=nobody, reference="2021-03/1")
    action_due(DUE, owner=acc, reference="2021-03/2")
    action_due(D(1900, 1, 1), owner=cc, reference="2021-03/3")
    action_due(DUE, owner=cc, reference="2021-03/4")

    report = sweep(DUE)

    assert sorted(report.problems) == [
        (
            "2021-03/1: Nobody holds the post Deputy Chief Constable (DCC). "
            "Please add its holder."
        ),
        (
            "2021-03/2: Sam Dunn (holding Assistant Chief Constable (ACC)) has no "
            "usable email address, so was not reminded. Please correct it."
        ),
        (
            "2021-03/3: Its due date, 1 Jan 1900, is before the meeting that agreed "
            "it on 23 Mar 2021. Please correct the due date."
        ),
    ]
    emails = emails_by_address()
    assert "2021-03/4" in emails["tom@example.org"].body
    assert "2021-03/3" not in emails["tom@example.org"].body
    for reference in ["2021-03/1", "2021-03/2", "2021-03/3"]:
        assert reference in emails["priya@example.org"].body


def test_a_reminder_nobody_can_receive_is_marked_failed_with_the_reason(db):
    action_due(DUE, owner=None)

    report = sweep(DUE)

    reminder = Reminder.objects.get()
    assert reminder.state == Reminder.State.FAILED
    assert reminder.last_error.startswith("Nobody to send it to")
    assert report.unsendable == {reminder.pk: reminder.last_error}


def test_the_sweep_makes_the_same_number_of_queries_for_more_actions(people):
    cc = people.cc
    counts = []
    for size, day in [(3, DUE), (30, DUE + datetime.timedelta(days=100))]:
        Action.objects.update(status="closed")
        for _ in range(size):
            # Each with a progress update, which the emails show.
            ActionUpdateFactory(action=action_due(day, owner=cc))
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as queries:
            sweep(day + datetime.timedelta(days=1))
        counts.append(len(queries))
        assert len(mail.outbox) == 2  # Tom, and Priya copied

    assert counts[0] == counts[1]
    assert counts[0] <= 20


def test_an_email_that_cannot_be_sent_is_recorded_and_the_others_still_go(
    people, settings
):
    """Not only SMTP errors: Django refuses some addresses with a ValueError."""
    action_due(DUE, owner=people.cc)
    settings.EMAIL_BACKEND = "actions.tests.reminder_support.ChokesOnTomBackend"

    report = sweep(DUE + datetime.timedelta(days=1))

    assert list(emails_by_address()) == ["priya@example.org"]
    assert [digest.address for digest, _ in report.failed] == ["tom@example.org"]
    reminder = Reminder.objects.get()
    assert (reminder.state, reminder.last_error) == ("pending", "Invalid address")


def test_descriptions_are_escaped_in_the_html_email(people):
    action_due(
        DUE, owner=people.cc, description="Fix </title><script>alert(1)</script> & <b>"
    )

    sweep(DUE)

    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;/title&gt;&lt;script&gt;" in html
    assert message.subject.startswith("Due today: ")
    assert "<script>alert(1)</script>" in message.subject


def test_a_sweep_stops_sending_once_another_has_taken_over(people, settings):
    """As if this sweep had hung past the claim timeout: the one that took over
    sends the rest, this one nothing more."""
    action_due(DUE, owner=people.cc)
    settings.EMAIL_BACKEND = "actions.tests.reminder_support.TakenOverAfterOneBackend"

    sweep(DUE + datetime.timedelta(days=1))

    assert len(mail.outbox) == 1
    assert Reminder.objects.get().state == "sending"


def test_a_failure_to_someone_no_longer_a_recipient_does_not_hold_it_back(
    people, settings
):
    action_due(DUE, owner=people.cc)
    settings.EMAIL_BACKEND = "actions.tests.reminder_support.RefusesPriyaBackend"
    sweep(DUE + datetime.timedelta(days=1))
    people.priya.groups.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    sweep(DUE + datetime.timedelta(days=1))

    reminder = Reminder.objects.get()
    assert reminder.state == Reminder.State.SENT
    assert [
        (delivery.address, delivery.outcome)
        for delivery in deliveries_of([reminder])[reminder.pk]
    ] == [("tom@example.org", "sent")]


def test_a_name_stored_with_a_newline_still_gets_its_reminder(people):
    # Saved before names were checked, or written straight to the database.
    people.tom.first_name = "Tom\r\nBcc: someone@example.com"
    people.tom.save()
    action_due(DUE, owner=people.cc)

    sweep(DUE)

    assert [message.to[0] for message in mail.outbox] == [
        '"Tom Bcc: someone@example.com Hughes" <tom@example.org>'
    ]
    assert mail.outbox[0].bcc == []
    assert Reminder.objects.get().state == Reminder.State.SENT


def test_an_action_raised_after_the_days_first_sweep_is_reminded_by_the_next(people):
    """Later sweeps look only at what changed since the day's last sweep began."""
    seven = at_seven(DUE)
    with time_machine.travel(seven - datetime.timedelta(days=1), tick=False):
        action_due(DUE, owner=people.cc, reference="2021-03/1")
    with time_machine.travel(seven, tick=False):
        tasks.send_due_reminders()
    mail.outbox.clear()

    with time_machine.travel(seven + datetime.timedelta(hours=2), tick=False):
        action_due(DUE, owner=people.cc, reference="2021-03/2")
    with time_machine.travel(seven + datetime.timedelta(hours=2, minutes=15)):
        tasks.send_due_reminders()

    (message,) = mail.outbox
    assert "2021-03/2" in message.subject
    assert Reminder.objects.filter(state="sent").count() == 2


def test_a_sweep_with_nothing_new_to_do_costs_a_few_queries(people):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
        for _ in range(5):
            action_due(DUE, owner=people.cc)
    send_due_reminders(today=DUE, now=timezone.now())
    mail.outbox.clear()

    with CaptureQueriesContext(connection) as queries:
        send_due_reminders(today=DUE, now=timezone.now())

    assert mail.outbox == []
    assert len(queries) <= 8
    assert not [query for query in queries if '"auth_user"' in query["sql"]]


def test_each_email_is_one_row_however_many_reminders_it_carries(people):
    actions = [action_due(DUE, owner=people.cc) for _ in range(5)]

    sweep(DUE + datetime.timedelta(days=40))  # overdue and escalated: all copied

    assert sorted(ReminderEmail.objects.values_list("address", flat=True)) == [
        "helen@example.org",
        "priya@example.org",
        "tom@example.org",
    ]
    reminders = Reminder.objects.filter(action__in=actions)
    people_of = deliveries_of(reminders)
    assert len(people_of) == 5
    for deliveries in people_of.values():
        assert [(d.address, d.copied, d.outcome) for d in deliveries] == [
            ("tom@example.org", False, "sent"),
            ("helen@example.org", True, "sent"),
            ("priya@example.org", True, "sent"),
        ]


def test_a_retry_skips_whoever_an_earlier_sweeps_email_reached(people, settings):
    action_due(DUE, owner=people.cc)
    settings.EMAIL_BACKEND = "actions.tests.reminder_support.RefusesPriyaBackend"
    sweep(DUE + datetime.timedelta(days=1))
    assert set(emails_by_address()) == {"tom@example.org"}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()

    sweep(DUE + datetime.timedelta(days=1))

    assert set(emails_by_address()) == {"priya@example.org"}
    reminder = Reminder.objects.get()
    assert reminder.state == Reminder.State.SENT
    assert len(reminder.claims) == 2
    assert [(d.address, d.outcome) for d in deliveries_of([reminder])[reminder.pk]] == [
        ("tom@example.org", "sent"),
        ("priya@example.org", "sent"),
    ]


@needs_postgresql
def test_the_planner_setting_the_sweep_reads_with_ends_with_its_transaction(roles):
    people = make_people()
    action_due(DUE, owner=people.cc)

    sweep(DUE + datetime.timedelta(days=1))

    assert len(mail.outbox) == 2
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_nestloop")
        assert cursor.fetchone() == ("on",)
