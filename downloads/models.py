import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class DownloadState(models.TextChoices):
    WAITING = "waiting", "Waiting to start"
    BUILDING = "building", "Being built"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class DownloadQuerySet(models.QuerySet):
    def stalled(self, now):
        """Not finished, and no word from a worker for DOWNLOAD_STALLED_MINUTES:
        its task was lost or its worker died."""
        quiet = datetime.timedelta(minutes=settings.DOWNLOAD_STALLED_MINUTES)
        return self.filter(
            state__in=[DownloadState.WAITING, DownloadState.BUILDING],
            progress_at__lt=now - quiet,
        )

    def expired(self, now):
        """Finished more than DOWNLOAD_KEEP_DAYS ago."""
        return self.filter(
            finished_at__lt=now - datetime.timedelta(days=settings.DOWNLOAD_KEEP_DAYS)
        )


class Download(models.Model):
    """A spreadsheet of actions too long to build in a request, built by a Celery
    worker for the person who asked, and only for them."""

    State = DownloadState

    # In the address of its page and file: not guessable, though the owner is
    # checked as well.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="downloads"
    )
    file_type = models.CharField(max_length=4)
    # The actions list's filters, as its query string.
    query = models.TextField(blank=True)
    name = models.CharField(max_length=200)
    state = models.CharField(
        max_length=20, choices=State.choices, default=State.WAITING
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="downloads/", blank=True, max_length=200)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When a worker last said how far it had got (or the asking, before any did).
    progress_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = DownloadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=DownloadState.values),
                name="download_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(file_type__in=["csv", "xlsx"]),
                name="download_file_type_valid",
            ),
        ]

    def __str__(self):
        return f"{self.filename} for {self.user}"

    @property
    def filename(self):
        return f"{self.name}.{self.file_type}"

    @property
    def kept_until(self):
        return self.finished_at + datetime.timedelta(days=settings.DOWNLOAD_KEEP_DAYS)

    @property
    def percent_done(self):
        return 100 * self.rows_done // self.rows_total if self.rows_total else 0
