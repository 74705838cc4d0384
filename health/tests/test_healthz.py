import datetime
from unittest import mock

import pytest
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
        "reminders": {"failed": 0, "unknown": 0},
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


def test_it_counts_reminders_failed_or_of_unknown_outcome(client, no_broker):
    sweep_finished(datetime.timedelta(minutes=10))
    for state in ["failed", "unknown", "unknown", "sent"]:
        Reminder.objects.create(
            action=action_due(datetime.date(2021, 9, 23)),
            kind="overdue",
            for_date=datetime.date(2021, 9, 24),
            state=state,
        )

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["reminders"] == {"failed": 1, "unknown": 2}


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
