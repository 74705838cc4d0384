from celery import shared_task

from notifications import outbox, services


# No autoretry, as actions.tasks.send_due_reminders: beat's next run is the retry.
@shared_task
def send_notifications():
    """Beat's run, every minute: everything due is emailed, one email a person."""
    return outbox.run(services.send_notifications, what="notification emails")
