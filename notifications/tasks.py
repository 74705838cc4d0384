from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from notifications import services


class SendFailed(Exception):
    """Some notifications were not sent. Nothing is lost: they wait in the ledger
    and a later run, a minute or more away, sends them."""


# No autoretry, as actions.tasks.send_due_reminders: beat's next run is the retry.
@shared_task
def send_notifications():
    """Beat's run, every minute: everything due is emailed, one email a person."""
    try:
        report = services.send_notifications(now=timezone.now())
    except DatabaseError as error:
        raise SendFailed(
            f"The database failed while sending notifications ({error}); a later "
            "run takes them over once their claim times out."
        ) from error
    if report.failed:
        raise SendFailed(
            f"{len(report.failed)} notification emails failed; they are tried "
            "again later: " + "; ".join(error for _, error in report.failed)
        )
    return len(report.sent)
