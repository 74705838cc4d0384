"""Requests for more time: the force asks for a later due date, OPCC staff approve
(the due date changes through actions.services, keeping the first one) or decline
with a reason. Each step is on the action's timeline and is announced through
actions.events, so the other side is notified."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from actions import events
from actions.models import Action
from actions.services import change_due_date
from actions.workflow import Role, roles_of
from extensions.models import ExtensionRequest, ExtensionState

# The kinds of actions.events.ActionEvent sent here (notifications routes them).
REQUESTED = "extension_requested"
APPROVED = "extension_approved"
DECLINED = "extension_declined"


def may_ask(action, user):
    """The force, holding the owner post, while the action is still owed."""
    return not action.is_finished and Role.FORCE_OWNER in roles_of(user, action)


def may_decide(user):
    return user.has_perm("actions.change_action")


@transaction.atomic
def ask_for_extension(action, *, by, new_due_date, reason, today):
    """A pending request for `new_due_date`; the action itself does not change."""
    action = _locked(action)
    if not may_ask(action, by):
        raise PermissionDenied(
            f"Only the force, holding the owner post, asks for more time on "
            f"{action.reference} while it is open."
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why more time is needed."})
    if new_due_date < today:
        raise ValidationError(
            {"new_due_date": f"{_day(new_due_date)} has passed: ask for a later date."}
        )
    if action.due_date and new_due_date <= action.due_date:
        raise ValidationError(
            {
                "new_due_date": f"{action.reference} is due {_day(action.due_date)}: "
                "ask for a date after that."
            }
        )
    if action.extension_requests.filter(state=ExtensionState.PENDING).exists():
        raise ValidationError(_already_waiting(action))
    try:
        with transaction.atomic():
            extension = ExtensionRequest.objects.create(
                action=action,
                requested_by=by,
                due_date=action.due_date,
                new_due_date=new_due_date,
                reason=reason,
            )
    except IntegrityError as error:
        # Another request was made in the same instant.
        raise ValidationError(_already_waiting(action)) from error
    asked = f"New due date {_day(new_due_date)}. {reason}"
    _on_timeline(action, by, f"More time asked for: {asked}")
    events.announce(REQUESTED, action, by=by, detail=_asked(extension))
    return extension


@transaction.atomic
def approve_extension(extension, *, by, comment=""):
    """The due date becomes the one asked for; the first due date is kept."""
    extension = _decided(extension, by, ExtensionState.APPROVED, comment)
    action = extension.action
    if action.due_date and extension.new_due_date <= action.due_date:
        # The due date was moved since the request: approving would bring it back.
        raise ValidationError(
            f"{action.reference} is now due {_day(action.due_date)}, later than the "
            f"{_day(extension.new_due_date)} asked for: decline the request instead."
        )
    said = f": {comment}" if comment else ""
    change_due_date(
        action,
        to=extension.new_due_date,
        reason=f"Extension approved{said}",
        by=by,
        version=action.version,
        announce_as=None,
    )
    events.announce(APPROVED, action, by=by, detail=f"{_asked(extension)}{said}")
    return extension


@transaction.atomic
def decline_extension(extension, *, by, reason):
    if not reason.strip():
        raise ValidationError({"reason": "Say why more time is not given."})
    extension = _decided(extension, by, ExtensionState.DECLINED, reason)
    action = extension.action
    _on_timeline(
        action,
        by,
        f"More time declined: the due date stays {_day(action.due_date)}. {reason}",
    )
    events.announce(DECLINED, action, by=by, detail=f"{_asked(extension)}: {reason}")
    return extension


def _decided(extension, by, state, reason):
    """Claim the pending request for this decision; a decision already taken
    (twice clicked, or by a colleague) changes nothing."""
    if not may_decide(by):
        raise PermissionDenied("Only OPCC staff approve or decline more time.")
    won = ExtensionRequest.objects.filter(
        pk=extension.pk, state=ExtensionState.PENDING
    ).update(
        state=state, decided_by=by, decided_at=timezone.now(), decision_reason=reason
    )
    current = ExtensionRequest.objects.select_related("action", "requested_by").get(
        pk=extension.pk
    )
    if not won:
        raise ValidationError(
            f"This request was already {current.get_state_display().lower()} by "
            f"{_name(current.decided_by)}; nothing was changed."
        )
    current.action = _locked(current.action)
    if current.action.is_finished:
        raise ValidationError(
            f"{current.action.reference} is "
            f"{current.action.get_status_display().lower()}: its due date no longer "
            "changes."
        )
    return current


def _locked(action):
    return (
        Action.objects.select_for_update(of=("self",))
        .select_related("owner", "agenda_item__meeting")
        .get(pk=action.pk)
    )


def _on_timeline(action, by, text):
    """A step in the action's history that changes none of its fields, so the
    timeline (actions.services.timeline) shows it with who and when: "<title>:
    <detail>", as the workflow's own steps are written."""
    Action.history.bulk_history_create(
        [action],
        update=True,
        default_user=by,
        default_change_reason=text,
        default_date=timezone.now(),
    )


def _asked(extension):
    return (
        f"{_name(extension.requested_by)} asked for {_day(extension.new_due_date)} "
        f"instead of {_day(extension.due_date)} ({extension.reason})"
    )


def _already_waiting(action):
    return (
        f"A request for more time on {action.reference} is already waiting for a "
        "decision: one at a time."
    )


def _day(date):
    return date_format(date, "j M Y") if date else "no date"


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else "someone"
