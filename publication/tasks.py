from celery import shared_task

from publication.models import PublishedMeeting
from publication.pdf import make_minutes_pdf


@shared_task
def make_pdf(publication_id):
    """The published minutes' PDF, made once after publication: a few seconds'
    work that no request should wait for."""
    make_minutes_pdf(PublishedMeeting.objects.get(pk=publication_id))
