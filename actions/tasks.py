import datetime

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from actions import reminders


class SweepFailed(Exception):
    """The sweep did not finish its work. Nothing is lost: what it owes is in the
    ledger, and beat's next sweep, at most 15 minutes away, takes it over."""


# No autoretry: a retry waits in the broker as a countdown message, which a
# worker holds unacknowledged, and a Redis restart then made kombu's
# restore_unacked crash the worker (issue 12, D1); a non-persistent Redis lost the
# retry too. Beat's next sweep is the retry, and its state is the database's.
@shared_task
def send_due_reminders(today=None):
    """Beat's sweep, every 15 minutes. `today` (ISO date) defaults to the reminder
    day in Europe/London, which starts at REMINDER_HOUR.

    Fails, so that Celery's logs and monitoring count it, when an email failed or
    the database went away; the next sweep resends only what is unsent."""
    now = timezone.now()
    try:
        report = reminders.send_due_reminders(
            today=datetime.date.fromisoformat(today)
            if today
            else reminders.reminder_day(now),
            now=now,
        )
    except DatabaseError as error:
        raise SweepFailed(
            f"The database failed mid-sweep ({error}); its reminders are taken "
            "over by a later sweep once their claim times out."
        ) from error
    if report.failed:
        raise SweepFailed(
            f"{len(report.failed)} emails failed; the next sweep sends them again: "
            + "; ".join(error for _, error in report.failed)
        )
    return len(report.sent)
