import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

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


def test_it_warns_which_address_the_links_use_when_site_url_is_not_set(
    overdue_action, monkeypatch, settings
):
    monkeypatch.delenv("SITE_URL")
    settings.SITE_URL = "http://127.0.0.1:8000"
    err = io.StringIO()

    call_command(
        "send_reminders", "--today", "2021-09-24", stdout=io.StringIO(), stderr=err
    )

    assert err.getvalue().splitlines() == [
        (
            "SITE_URL is not set, so links in the emails start with "
            "http://127.0.0.1:8000. If Assurance is served elsewhere, set it to that "
            "address, e.g. SITE_URL=http://127.0.0.1:8001 .venv/bin/python manage.py "
            "send_reminders, or in .env."
        )
    ]
    assert "http://127.0.0.1:8000/actions/" in mail.outbox[0].body


def test_it_does_not_warn_when_site_url_is_set(overdue_action, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://assurance.opcc.example")
    err = io.StringIO()

    call_command("send_reminders", "--dry-run", stdout=io.StringIO(), stderr=err)

    assert err.getvalue() == ""


def test_it_says_what_a_stopped_sweep_still_holds_and_when_it_is_taken_over(
    overdue_action,
):
    claimed = timezone.now() - datetime.timedelta(minutes=5)
    Reminder.objects.create(
        action=overdue_action,
        kind="overdue",
        for_date=datetime.date(2021, 9, 24),
        state="sending",
        claimed_at=claimed,
    )
    out, err = io.StringIO(), io.StringIO()

    call_command("send_reminders", "--today", "2021-09-24", stdout=out, stderr=err)

    assert out.getvalue().startswith("Sent 0 emails for 24 Sep 2021.")
    since = timezone.localtime(claimed)
    free = since + datetime.timedelta(minutes=15)
    assert (
        f"1 reminders are held by another sweep since {since:%H:%M:%S}. If that "
        f"sweep has stopped, the first sweep after {free:%H:%M:%S} sends them"
        in err.getvalue()
    )
    assert mail.outbox == []
