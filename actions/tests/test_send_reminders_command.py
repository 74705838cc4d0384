import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from actions.models import Reminder
from actions.tests.reminder_support import action_due, make_people

pytestmark = pytest.mark.django_db

DUE = datetime.date(2021, 9, 23)


@pytest.fixture
def overdue_action(db):
    people = make_people()
    return action_due(
        DUE,
        owner=people.cc,
        reference="2021-03/2",
        description="Revisit in 6 months to see how SOC activity is balanced",
    )


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_it_sends_and_lists_what_it_sent(overdue_action):
    output = run("--today", "2021-09-24")

    assert output.splitlines() == [
        "Sent 2 emails for 24 Sep 2021.",
        "Tom Hughes <tom@example.org>:",
        "  Overdue: 2021-03/2 Revisit in 6 months to see how SOC activity is balanced",
        "Priya Shah <priya@example.org>:",
        (
            "  Overdue (copy): 2021-03/2 Revisit in 6 months to see how SOC "
            "activity is balanced"
        ),
    ]
    assert len(mail.outbox) == 2


def test_run_again_it_sends_nothing(overdue_action):
    run("--today", "2021-09-24")

    assert run("--today", "2021-09-24").splitlines() == [
        "Sent 0 emails for 24 Sep 2021."
    ]
    assert len(mail.outbox) == 2


def test_a_dry_run_lists_what_would_go_and_writes_nothing(overdue_action):
    output = run("--today", "2021-09-24", "--dry-run")

    assert output.startswith("Would send 2 emails for 24 Sep 2021.\n")
    assert "Overdue: 2021-03/2" in output
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_it_refuses_a_date_it_cannot_read(db):
    with pytest.raises(CommandError, match="“24/09/2021” is not a date like"):
        run("--today", "24/09/2021")


def test_it_fails_when_emails_failed(overdue_action, settings):
    settings.EMAIL_BACKEND = "actions.tests.reminder_support.DownBackend"

    with pytest.raises(CommandError, match="2 emails failed"):
        run("--today", "2021-09-24")
    assert Reminder.objects.get().state == Reminder.State.PENDING
