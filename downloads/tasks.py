from celery import shared_task
from django.utils import timezone

from downloads import services
from downloads.models import Download


@shared_task
def build_download(download_id):
    services.build_download(
        Download.objects.get(pk=download_id), today=timezone.localdate()
    )


@shared_task
def tidy_downloads():
    failed, deleted = services.tidy_downloads(timezone.now())
    return f"{failed} stalled downloads failed, {deleted} old ones deleted"
