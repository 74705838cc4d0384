from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from boards import agenda
from notifications.tasks import SendFailed


# No autoretry: beat's next run, a minute away, is the retry.
@shared_task
def send_agenda_emails():
    """After an issue, and beat's run every minute: every agenda email due."""
    try:
        report = agenda.send_agenda_emails(now=timezone.now())
    except DatabaseError as error:
        raise SendFailed(
            f"The database failed while sending agenda emails ({error}); a later "
            "run takes them over once their claim times out."
        ) from error
    if report.failed:
        raise SendFailed(
            f"{len(report.failed)} agenda emails failed; they are tried again "
            "later: " + "; ".join(error for _, error in report.failed)
        )
    return len(report.sent)
