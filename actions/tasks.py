import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from actions import reminders


class RemindersNotSent(Exception):
    """Some reminder emails failed; Celery retries the sweep, which resends them."""


@shared_task(
    autoretry_for=(RemindersNotSent,),
    # 5, 10, 20, 40 minutes: a mail server down for an hour or so loses nothing.
    retry_backoff=5 * 60,
    retry_backoff_max=60 * 60,
    retry_jitter=False,
    max_retries=settings.REMINDER_MAX_ATTEMPTS - 1,
)
def send_due_reminders(today=None):
    """Beat's morning sweep. `today` (ISO date) defaults to today in Europe/London.

    A retry runs the whole sweep again: it only sends what is still unsent."""
    report = reminders.send_due_reminders(
        today=datetime.date.fromisoformat(today) if today else timezone.localdate(),
        now=timezone.now(),
    )
    if report.retrying:
        raise RemindersNotSent(
            f"{report.retrying} reminders wait to be sent again: "
            + "; ".join(error for _, error in report.failed)
        )
    return len(report.sent)
