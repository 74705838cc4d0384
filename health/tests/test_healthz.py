import datetime
from unittest import mock

import pytest
import time_machine
from django.utils import timezone
from health_check.contrib.celery import Ping

from actions.models import Reminder, ReminderSweep
from actions.tests.reminder_support import action_due

pytestmark = pytest.mark.django_db


def sweep_finished(ago):
    now = timezone.now()
    ReminderSweep.objects.create(
        for_date=now.date(),
        started_at=now - ago,
        finished_at=now - ago,
        reminders=0,
        sent=0,
        failed=0,
        unknown=0,
    )


@pytest.fixture
def no_broker(settings):
    """The embedded broker: no Redis to ping, no worker to ask."""
    settings.CELERY_BROKER_URL = "filesystem://"


def test_it_is_green_and_needs_no_sign_in(client, no_broker):
    sweep_finished(datetime.timedelta(minutes=10))

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "reminder_sweep": "ok"},
    }


def test_a_sweep_older_than_26_hours_turns_it_red(client, no_broker):
    sweep_finished(datetime.timedelta(hours=27))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    assert response.json()["checks"]["reminder_sweep"] == (
        "Unavailable: The last reminder sweep finished 27 hours ago"
    )


def test_no_sweep_at_all_is_red(client, no_broker):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["reminder_sweep"] == (
        "Unavailable: No reminder sweep has finished yet"
    )


def reminders_needing_a_person():
    sweep_finished(datetime.timedelta(minutes=10))
    for state in ["failed", "unknown", "unknown", "sent"]:
        Reminder.objects.create(
            action=action_due(datetime.date(2021, 9, 23)),
            kind="overdue",
            for_date=datetime.date(2021, 9, 24),
            state=state,
        )


def test_a_monitor_with_the_token_reads_how_many_reminders_need_a_person(
    client, no_broker, settings
):
    settings.HEALTHZ_TOKEN = "monitor-token"
    reminders_needing_a_person()

    response = client.get("/healthz", headers={"Authorization": "Bearer monitor-token"})

    assert response.status_code == 200
    assert response.json()["reminders"] == {"failed": 1, "unknown": 2}


def test_a_superuser_reads_the_counts_too(client, no_broker, django_user_model):
    reminders_needing_a_person()
    client.force_login(django_user_model.objects.create_superuser("root"))

    assert client.get("/healthz").json()["reminders"] == {"failed": 1, "unknown": 2}


@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_anyone_else_reads_no_counts(client, no_broker, settings, token):
    settings.HEALTHZ_TOKEN = "monitor-token"
    reminders_needing_a_person()

    response = client.get("/healthz", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert "reminders" not in response.json()


def test_a_flood_of_requests_asks_the_workers_once_per_interval(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    sweep_finished(datetime.timedelta(minutes=10))
    with mock.patch.object(Ping, "run") as ping:
        answers = {client.get("/healthz").status_code for _ in range(20)}
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=11)):
            client.get("/healthz")

    assert answers == {503}  # no Redis on port 1
    assert ping.call_count == 2


def test_with_redis_it_asks_redis_and_a_worker_and_says_nothing_of_either(
    client, settings
):
    settings.CELERY_BROKER_URL = "redis://:secret@127.0.0.1:1/0"
    sweep_finished(datetime.timedelta(minutes=10))
    with mock.patch.object(Ping, "run", side_effect=OSError("no route to host")):
        response = client.get("/healthz")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert set(checks) == {"database", "reminder_sweep", "redis", "worker"}
    assert checks["worker"] == "Unknown Error: unknown error"
    assert checks["redis"] != "ok"
    assert "127.0.0.1" not in response.text
    assert "secret" not in response.text


def test_monitors_may_ask_over_plain_http_when_https_is_enforced(
    client, no_broker, settings
):
    settings.SECURE_SSL_REDIRECT = True
    sweep_finished(datetime.timedelta(minutes=10))

    assert client.get("/healthz").status_code == 200
    assert client.get("/accounts/login/").status_code == 301
