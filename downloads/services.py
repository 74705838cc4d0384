import datetime
import logging
import tempfile

from django.core.files import File
from django.http import QueryDict
from django.utils import timezone

from actions.exports import csv_lines, write_xlsx
from actions.filters import ActionFilter
from actions.models import Action
from downloads.models import Download

logger = logging.getLogger(__name__)


def request_download(*, user, file_type: str, query: str, name: str) -> Download:
    """Record what was asked for and have a worker build it after the commit."""
    from downloads.tasks import build_download

    download = Download.objects.create(
        user=user, file_type=file_type, query=query, name=name
    )
    build_download.delay_on_commit(str(download.pk))
    return download


def build_download(download: Download, *, today: datetime.date) -> None:
    """Write the file a chunk of actions at a time, saying how far it has got.

    The filters are applied again as the worker starts: the file holds the
    actions as they are then. A failure is recorded on the download and raised."""
    # Only what the person who asked may see, as they would be shown it now.
    actions = ActionFilter(
        QueryDict(download.query),
        queryset=Action.objects.visible_to(download.user),
    )
    chosen = actions.qs.order_by("due_date", "reference")
    Download.objects.filter(pk=download.pk).update(
        state=Download.State.BUILDING,
        rows_total=chosen.count(),
        rows_done=0,
        progress_at=timezone.now(),
    )

    def progress(rows):
        Download.objects.filter(pk=download.pk).update(
            rows_done=rows, progress_at=timezone.now()
        )

    try:
        with tempfile.TemporaryFile() as file:
            if download.file_type == "csv":
                for line in csv_lines(chosen, today=today, progress=progress):
                    file.write(line.encode())
            else:
                write_xlsx(chosen, file, today=today, progress=progress)
            file.seek(0)
            download.file.save(
                f"{download.pk}.{download.file_type}", File(file), save=False
            )
    except Exception as error:
        logger.exception("Download %s failed", download.pk)
        Download.objects.filter(pk=download.pk).update(
            state=Download.State.FAILED, error=str(error), finished_at=timezone.now()
        )
        raise
    Download.objects.filter(pk=download.pk).update(
        state=Download.State.READY, file=download.file.name, finished_at=timezone.now()
    )


STALLED = "No worker was building it any more (it stopped or its task was lost)."


def tidy_downloads(now: datetime.datetime) -> tuple[int, int]:
    """Fail the downloads no worker is building, so nobody waits for ever, and
    delete those kept past DOWNLOAD_KEEP_DAYS with their files.

    Returns (failed, deleted)."""
    failed = Download.objects.stalled(now).update(
        state=Download.State.FAILED, error=STALLED, finished_at=now
    )
    deleted = 0
    for download in Download.objects.expired(now).iterator():
        if download.file:
            download.file.delete(save=False)
        download.delete()
        deleted += 1
    return failed, deleted
