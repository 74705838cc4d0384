import datetime
from unittest import mock

import pytest
import time_machine
from django.urls import reverse

from actions import admin as actions_admin
from actions.models import DueSoonOptOut, Reminder
from actions.reminder_emails import opt_out_url
from actions.reminders import send_due_reminders
from actions.tests.reminder_support import LONDON, action_due, at_seven, make_people

pytestmark = pytest.mark.django_db

DUE = datetime.date(2021, 9, 23)


@pytest.fixture
def people(db):
    return make_people()


def test_a_user_turns_due_soon_emails_off_and_on(client, people):
    client.force_login(people.tom)
    url = reverse("actions:reminder_settings")

    page = client.get(url)
    assert 'type="checkbox" name="due_soon"' in page.text
    assert "checked" in page.text
    assert "Email me before an action I own is due" in page.text
    assert "tom@example.org" in page.text

    response = client.post(url, {})
    assert response.status_code == 302
    assert DueSoonOptOut.objects.filter(user=people.tom).exists()
    assert "no longer be emailed" in client.get(url).text

    client.post(url, {"due_soon": "on"})
    assert not DueSoonOptOut.objects.exists()


def test_the_settings_page_warns_a_user_without_an_email_address(client, people):
    people.tom.email = ""
    people.tom.save()
    client.force_login(people.tom)

    page = client.get(reverse("actions:reminder_settings"))

    assert "Your account has no email address" in page.text


def test_the_settings_page_needs_a_sign_in(client):
    response = client.get(reverse("actions:reminder_settings"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_link_in_an_email_asks_before_it_opts_out(client, people):
    url = opt_out_url(people.tom).removeprefix("http://127.0.0.1:8000")

    page = client.get(url)
    assert page.status_code == 200
    assert "Stop the emails sent to you 7 days before" in page.text
    assert not DueSoonOptOut.objects.exists()

    done = client.post(url)
    assert "Done: you will no longer be emailed 7 days" in done.text
    assert DueSoonOptOut.objects.get().user == people.tom


def test_the_link_in_an_email_names_nobody(client, people):
    # Whoever has the link (a forwarded email, a mail scanner) learns no name.
    url = opt_out_url(people.tom).removeprefix("http://127.0.0.1:8000")

    for response in (client.get(url), client.post(url)):
        assert "Tom" not in response.text
        assert "Hughes" not in response.text
        assert "tom@example.org" not in response.text


def test_the_link_in_an_email_expires_after_60_days(client, people):
    with time_machine.travel(datetime.datetime(2021, 9, 1, 7, tzinfo=LONDON)):
        url = opt_out_url(people.tom).removeprefix("http://127.0.0.1:8000")
    with time_machine.travel(datetime.datetime(2021, 10, 30, 7, tzinfo=LONDON)):
        assert client.get(url).status_code == 200

    with time_machine.travel(datetime.datetime(2021, 11, 1, 7, tzinfo=LONDON)):
        page = client.get(url)
        posted = client.post(url)

    assert (page.status_code, posted.status_code) == (410, 410)
    assert "This link has expired" in page.text
    assert not DueSoonOptOut.objects.exists()


def test_a_link_that_was_tampered_with_is_not_found(client, people):
    url = opt_out_url(people.tom).removeprefix("http://127.0.0.1:8000")

    assert client.post(url.replace("/stop/", "/stop/x")).status_code == 404
    assert client.get(reverse("actions:opt_out", args=["2"])).status_code == 404
    assert not DueSoonOptOut.objects.exists()


def test_the_action_page_shows_who_each_reminder_went_to(
    client, people, django_assert_max_num_queries
):
    action = action_due(DUE, owner=people.cc)
    send_due_reminders(today=DUE, now=at_seven(DUE))
    send_due_reminders(today=DUE + datetime.timedelta(days=1), now=at_seven(DUE))
    client.force_login(people.helen)

    with django_assert_max_num_queries(16):
        page = client.get(reverse("actions:detail", args=[action.pk]))

    assert "Reminder emails" in page.text
    assert "Overdue, 24 Sep 2021" in page.text
    assert "Due today, 23 Sep 2021" in page.text
    assert "Priya Shah (copy)" in page.text
    # Once as the owner post's holder, twice among the reminders.
    assert "Held now by Tom Hughes" in page.text
    assert page.text.split("Reminder emails")[1].count("Tom Hughes") == 2


def test_the_action_page_says_when_a_reminder_is_waiting_to_be_resent(
    client, people, settings
):
    action = action_due(DUE, owner=people.cc)
    settings.EMAIL_BACKEND = "actions.tests.reminder_support.DownBackend"
    send_due_reminders(today=DUE, now=at_seven(DUE))
    client.force_login(people.priya)

    page = client.get(reverse("actions:detail", args=[action.pk]))

    assert "Waiting to be sent" in page.text
    assert "Connection unexpectedly closed (tried 1 time; trying again)" in page.text


def test_opcc_staff_send_failed_reminders_again_from_the_admin(
    client, people, django_capture_on_commit_callbacks
):
    people.priya.is_staff = True
    people.priya.save()
    client.force_login(people.priya)
    action = action_due(DUE, owner=people.cc)
    failed = Reminder.objects.create(
        action=action, kind="due_today", for_date=DUE, state="failed", attempts=5
    )

    with (
        mock.patch.object(actions_admin.send_due_reminders, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("admin:actions_reminder_changelist"),
            {"action": "send_again", "_selected_action": [failed.pk]},
            follow=True,
        )

    assert "1 reminder queued to be sent again." in response.text
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == ("pending", 0)
    delay.assert_called_once_with()


def test_the_admin_ledger_cannot_be_edited_or_deleted(client, people):
    people.priya.is_staff = True
    people.priya.save()
    client.force_login(people.priya)
    reminder = Reminder.objects.create(
        action=action_due(DUE, owner=people.cc), kind="due_today", for_date=DUE
    )

    page = client.get(reverse("admin:actions_reminder_change", args=[reminder.pk]))

    assert page.status_code == 200
    assert 'name="state"' not in page.text
    assert (
        client.get(
            reverse("admin:actions_reminder_delete", args=[reminder.pk])
        ).status_code
        == 403
    )
