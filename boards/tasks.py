from celery import shared_task

from boards import agenda
from notifications import outbox


@shared_task
def send_agenda_emails():
    """After an issue, and beat's run every minute: every agenda email due."""
    return outbox.run(agenda.send_agenda_emails, what="agenda emails")
