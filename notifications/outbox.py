"""What every ledger of emails does the same way (notifications, agenda emails):
claim the rows due before sending them, so two runs never send one twice and a
run that died is taken over, and try a failed email again later.

A ledger model has `state` ("pending", "sending" and its own finished states),
`claim`, `claimed_at`, `attempts`, `send_after`, `finished_at` and `last_error`.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError
from django.db.models import F, Q
from django.utils import timezone

PENDING, SENDING, FAILED = "pending", "sending", "failed"


@dataclass
class SendReport:
    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)
    cancelled: int = 0


def claim(model, due, *, now) -> uuid.UUID:
    """Mark as this run's, with one conditional UPDATE, the waiting rows that `due`
    selects and the rows a run that died left sending past the claim timeout."""
    token = uuid.uuid4()
    timeout = datetime.timedelta(minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES)
    model.objects.filter(
        Q(due, state=PENDING) | Q(state=SENDING, claimed_at__lt=now - timeout)
    ).update(state=SENDING, claim=token, claimed_at=now)
    return token


def retry_later(rows, *, now, error):
    """Back to waiting, later each time (1, 2, 4… minutes, at most an hour); failed
    for good after NOTIFICATION_MAX_ATTEMPTS."""
    last = settings.NOTIFICATION_MAX_ATTEMPTS - 1
    rows.filter(attempts__gte=last).update(
        state=FAILED, attempts=F("attempts") + 1, finished_at=now, last_error=error
    )
    for row in rows.filter(attempts__lt=last):
        wait = datetime.timedelta(minutes=min(2**row.attempts, 60))
        rows.model.objects.filter(pk=row.pk).update(
            state=PENDING,
            attempts=row.attempts + 1,
            send_after=now + wait,
            last_error=error,
        )


class SendFailed(Exception):
    """Some emails were not sent. Nothing is lost: they wait in the ledger and a
    later run, a minute or more away, sends them."""


def run(send, *, what):
    """A task's run of `send(now=…)`: a failed email or a database cut fails the
    task in Celery's eyes (no autoretry: beat's next run is the retry)."""
    try:
        report = send(now=timezone.now())
    except DatabaseError as error:
        raise SendFailed(
            f"The database failed while sending {what} ({error}); a later run "
            "takes them over once their claim times out."
        ) from error
    if report.failed:
        raise SendFailed(
            f"{len(report.failed)} {what} failed; they are tried again later: "
            + "; ".join(error for _, error in report.failed)
        )
    return len(report.sent)
