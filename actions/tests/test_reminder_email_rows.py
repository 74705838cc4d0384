"""Reminder emails as rows: the runs of pks they store, and migration 0018, which
moved the rows per reminder and address into them and back."""

import datetime
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from actions.models import among, in_runs, runs_of
from actions.tests.reminder_support import action_due

AT = datetime.datetime(2021, 9, 24, 7, tzinfo=datetime.UTC)
LATER = AT + datetime.timedelta(days=7)


def test_runs_of_consecutive_pks():
    assert runs_of([7, 3, 1, 2, 9, 8]) == [[1, 3], [7, 9]]
    assert runs_of([]) == []
    runs = runs_of([1, 2, 3, 7, 8, 9, 20])
    assert [pk for pk in range(25) if in_runs(pk, runs)] == [1, 2, 3, 7, 8, 9, 20]
    assert list(among([0, 2, 5, 8, 20, 21], runs)) == [2, 8, 20]


@pytest.mark.django_db(transaction=True)
def test_migration_0018_moves_deliveries_into_emails_and_back(roles):
    action = action_due(datetime.date(2021, 9, 23))
    apps = migrate_to("0017_need_to_know_index")
    Reminder = apps.get_model("actions", "Reminder")
    claim = uuid.uuid4()
    first, second, third = (
        Reminder.objects.create(
            action_id=action.pk, kind="overdue", for_date=day, state=state, claim=claim
        )
        for day, state in [
            ("2021-09-24", "sent"),
            ("2021-10-01", "unknown"),
            ("2021-10-08", "pending"),
        ]
    )
    Delivery = apps.get_model("actions", "ReminderDelivery")
    for reminder, address, copied, outcome, at in [
        (first, "tom@example.org", False, "sent", AT),
        (first, "priya@example.org", True, "sent", AT),
        (second, "priya@example.org", True, "unknown", LATER),
        (third, "tom@example.org", False, "failed", LATER),
    ]:
        Delivery.objects.create(
            reminder=reminder,
            name=address.split("@")[0].title(),
            address=address,
            copied=copied,
            outcome=outcome,
            at=at,
        )

    try:
        apps = migrate_to("0018_reminder_emails")
        from actions.models import Reminder as Now
        from actions.models import deliveries_of

        shown = deliveries_of(Now.objects.order_by("for_date"))
        assert {
            pk: [(d.name, d.copied, d.outcome, d.at) for d in deliveries]
            for pk, deliveries in shown.items()
        } == {
            first.pk: [("Tom", False, "sent", AT), ("Priya", True, "sent", AT)],
            second.pk: [("Priya", True, "unknown", LATER)],
            # Its failure shows until a sweep claims it again.
            third.pk: [("Tom", False, "failed", LATER)],
        }
        Email = apps.get_model("actions", "ReminderEmail")
        # Tom at AT carried the first; Priya at AT the first, later the second; Tom,
        # later, failed with the third.
        assert Email.objects.count() == 4

        apps = migrate_to("0017_need_to_know_index")
        Delivery = apps.get_model("actions", "ReminderDelivery")
        assert sorted(
            Delivery.objects.values_list(
                "reminder_id", "address", "copied", "outcome", "at"
            )
        ) == sorted(
            [
                (first.pk, "tom@example.org", False, "sent", AT),
                (first.pk, "priya@example.org", True, "sent", AT),
                (second.pk, "priya@example.org", True, "unknown", LATER),
                (third.pk, "tom@example.org", False, "failed", LATER),
            ]
        )
    finally:
        call_command("migrate", verbosity=0)


def migrate_to(name):
    executor = MigrationExecutor(connection)
    executor.migrate([("actions", name)])
    executor.loader.build_graph()
    return executor.loader.project_state([("actions", name)]).apps


@pytest.mark.django_db(transaction=True)
def test_an_email_recorded_again_after_a_database_cut_is_one_row(roles):
    from actions.models import ReminderEmail
    from actions.reminders import Digest, _record_email

    token = uuid.uuid4()
    digest = Digest("Tom Hughes", "tom@example.org")
    for _ in range(2):
        _record_email(token, digest, outcome="sent", at=AT)

    assert ReminderEmail.objects.filter(claim=token).count() == 1
