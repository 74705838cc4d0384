"""What happened to an action, told to whoever listens (notifications), after the
change commits: the workflow does not know who listens, and never imports them.

One signal, `action_event`, sent with `event=ActionEvent(...)`."""

import datetime
import logging
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

logger = logging.getLogger(__name__)

action_event = Signal()

# The kinds the actions services send; other apps send kinds of their own.
RAISED = "raised"
REASSIGNED = "reassigned"
DUE_DATE_CHANGED = "due_date_changed"
PROGRESS_UPDATE = "progress_update"


@dataclass(frozen=True)
class ActionEvent:
    """One thing that happened to one action, by one user (None: the system)."""

    kind: str
    action_id: int
    by_id: int | None
    at: datetime.datetime
    # The reason, comment or update text given with it, if any.
    detail: str = ""
    # Names this event: a listener that hears it twice records it once.
    id: uuid.UUID = field(default_factory=uuid.uuid4)


def announce(kind, action, *, by, detail=""):
    """Send `action_event` once the current transaction commits (at once if none);
    nothing is said of a change that was rolled back."""
    event = ActionEvent(
        kind=kind,
        action_id=action.pk,
        by_id=getattr(by, "pk", None),
        at=timezone.now(),
        detail=detail,
    )
    transaction.on_commit(lambda: _send(event), robust=True)


def _send(event):
    # A listener that fails must not fail the request whose change has committed.
    for receiver, result in action_event.send_robust(sender=ActionEvent, event=event):
        if isinstance(result, Exception):
            logger.error(
                "%s failed on %s event %s",
                receiver,
                event.kind,
                event.id,
                exc_info=result,
            )
