"""What every ledger of emails does the same way (notifications, agenda emails):
claim the rows due before sending them, so two runs never send one twice and a
run that died is taken over, and try a failed email again later.

A ledger model is a notifications.models.EmailLedger.
"""

import datetime
import logging
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError
from django.db.models import F, Q
from django.utils import timezone

from actions.reminders import through_outages
from assurance.mail import OutcomeUnknown
from notifications.models import EmailState

logger = logging.getLogger(__name__)


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
        Q(due, state=EmailState.PENDING)
        | Q(state=EmailState.SENDING, claimed_at__lt=now - timeout)
    ).update(state=EmailState.SENDING, claim=token, claimed_at=now)
    return token


def retry_later(rows, *, now, error):
    """Back to waiting, later each time (1, 2, 4… minutes, at most an hour); failed
    for good after NOTIFICATION_MAX_ATTEMPTS."""
    last = settings.NOTIFICATION_MAX_ATTEMPTS - 1
    rows.filter(attempts__gte=last).update(
        state=EmailState.FAILED,
        attempts=F("attempts") + 1,
        finished_at=now,
        last_error=error,
    )
    for row in rows.filter(attempts__lt=last):
        wait = datetime.timedelta(minutes=min(2**row.attempts, 60))
        rows.model.objects.filter(pk=row.pk).update(
            state=EmailState.PENDING,
            attempts=row.attempts + 1,
            send_after=now + wait,
            last_error=error,
        )


def send(build, rows, *, address, now, report):
    """Send the email `build()` makes and settle `rows`, the ledger rows it
    carries: sent; outcome unknown, never sent again (it may have arrived); or,
    whatever else stops it (SMTP down, an address refused), waiting to be tried
    again, while the other emails still go."""
    try:
        build().send()
    except OutcomeUnknown as error:
        logger.warning("Email to %s: outcome unknown", address)
        report.unknown.append((address, str(error)))
        through_outages(
            rows.update,
            state=EmailState.UNKNOWN,
            finished_at=timezone.now(),
            last_error=str(error),
        )
    except Exception as error:
        logger.exception("Email to %s failed", address)
        text = str(error) or repr(error)
        report.failed.append((address, text))
        through_outages(retry_later, rows, now=now, error=text)
    else:
        report.sent.append(address)
        through_outages(rows.update, state=EmailState.SENT, finished_at=timezone.now())


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
