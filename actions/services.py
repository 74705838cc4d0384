import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from actions import events, workflow
from actions.models import Action, ActionStatus, ActionUpdate, Attachment, Post


class ActionChanged(Exception):
    """Someone saved the action after the user loaded it; nothing was changed."""

    def __init__(self, current):
        self.current = current
        latest = current.history.select_related("history_user").first()
        who = latest.history_user if latest and latest.history_user else "someone"
        when = timezone.localtime(latest.history_date) if latest else current.updated_at
        super().__init__(
            f"This action was changed by {who} at {when:%-d %b %Y, %H:%M} while you "
            "were working on it. Here is the current version; your text is kept below."
        )


@transaction.atomic
def change_status(action, *, to, by, version, reason="", now):
    """Move `action` along the workflow, as `by`, if the table allows it."""
    # A page loaded before someone else's change is told so, whatever it asks.
    _refuse_stale(action, version)
    step = workflow.transition(action, to, by)
    if step is None:
        raise PermissionDenied(
            f"You cannot move {action.reference} from "
            f"“{action.get_status_display()}” to “{ActionStatus(to).label}”."
        )
    if step.needs_reason and not reason.strip():
        raise ValidationError({"reason": f"Say why: “{step.label}” needs a reason."})
    _claim(action, version)
    action.status = to
    action.closed_at = now if to == ActionStatus.CLOSED else None
    _save(action, by=by, reason=f"{step.label}: {reason}" if reason else step.label)
    events.announce(step.event, action, by=by, detail=reason)
    return action


@transaction.atomic
def add_update(action, *, by, text, files=()):
    """A progress note, with its evidence, by a user allowed to report on it."""
    # Locked and read again, so an action closed meanwhile takes no more updates.
    action = (
        Action.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=action.pk)
    )
    if not action.can_be_updated_by(by):
        raise PermissionDenied(f"You cannot add updates to {action.reference}.")
    latest_change = action.history.aggregate(at=Max("history_date"))["at"]
    update = ActionUpdate.objects.create(
        action=action,
        author=by,
        text=text,
        created_at=_strictly_after(latest_change, timezone.now()),
    )
    for upload in files:
        Attachment.objects.create(
            update=update,
            file=upload,
            name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
        )
    events.announce(events.PROGRESS_UPDATE, action, by=by, detail=text)
    return update


@transaction.atomic
def change_due_date(
    action, *, to, reason, by, version, announce_as=events.DUE_DATE_CHANGED
):
    """Extend or bring forward the due date, keeping the first one agreed.
    `announce_as` None: the caller announces the change as something else (an
    extension approved)."""
    if not action.is_editable_by(by):
        raise PermissionDenied("Only OPCC staff change due dates.")
    _refuse_finished(action)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the due date changes."})
    _claim(action, version)
    was = action.due_date
    if action.original_due_date is None:
        action.original_due_date = was
    action.due_date = to
    _save(
        action,
        by=by,
        reason=f"Due date changed from {_day(was)} to {_day(to)}: {reason}",
    )
    if announce_as:
        detail = f"From {_day(was)} to {_day(to)}: {reason}"
        events.announce(announce_as, action, by=by, detail=detail)
    return action


@transaction.atomic
def edit_action(action, *, by, version, description, owner):
    """Reword or reassign an action of draft minutes."""
    if not action.is_editable_by(by):
        raise PermissionDenied("Only OPCC staff edit an action's wording and owner.")
    if action.wording_is_locked:
        raise PermissionDenied(wording_locked(action))
    _refuse_finished(action)
    _claim(action, version)
    reassigned = _reassigns(action, owner)
    action.description = description
    action.owner = owner
    _save(action, by=by, reason="Edited")
    if reassigned:
        events.announce(events.REASSIGNED, action, by=by)
    return action


@transaction.atomic
def correct_action(action, *, by, version, description, owner, reason):
    """Correct an action as its approved minutes recorded it; the history keeps
    the reason, and the timeline shows it. Whatever its status: the record must
    be right even after sign-off."""
    if not action.is_editable_by(by):
        raise PermissionDenied("Only OPCC staff correct an action.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the wording is corrected."})
    _claim(action, version)
    reassigned = _reassigns(action, owner)
    action.description = description
    action.owner = owner
    _save(action, by=by, reason=f"Correction: {reason}")
    if reassigned:
        events.announce(events.REASSIGNED, action, by=by, detail=reason)
    return action


def _reassigns(action, owner):
    """Whether giving `action` to `owner` hands it to a post it was not with."""
    return owner is not None and owner.pk != action.owner_id


def wording_locked(action):
    minutes = action.agenda_item.meeting.get_status_display().lower()
    return (
        f"The minutes that raised {action.reference} are {minutes}: its wording and "
        "owner are corrected, with a reason, instead."
    )


@transaction.atomic
def reassign_open_actions(*, from_post, to_post, by):
    """Hand every open action of one post to another, e.g. when an ACC retires."""
    actions = list(Action.objects.open().filter(owner=from_post).select_for_update())
    for action in actions:
        action.owner = to_post
        action.version += 1
        _save(action, by=by, reason=f"Reassigned from {from_post} to {to_post}")
        events.announce(
            events.REASSIGNED, action, by=by, detail=f"Reassigned from {from_post}."
        )
    return len(actions)


def _refuse_stale(action, version):
    if version != action.version:
        raise ActionChanged(Action.objects.select_related("owner").get(pk=action.pk))


def _refuse_finished(action):
    if action.is_finished:
        raise PermissionDenied(
            f"{action.reference} is {action.get_status_display().lower()}: reopen it "
            "before changing it."
        )


def _claim(action, version):
    """Take the next version, or fail if someone else already has."""
    won = Action.objects.filter(pk=action.pk, version=version).update(
        version=version + 1
    )
    if not won:
        raise ActionChanged(Action.objects.select_related("owner").get(pk=action.pk))
    action.version = version + 1


def _save(action, *, by, reason):
    # simple-history stores these with the historical row it writes on save().
    action._history_user = by
    action._change_reason = reason
    latest_update = action.updates.aggregate(at=Max("created_at"))["at"]
    action._history_date = _strictly_after(latest_update, timezone.now())
    action.save()


def _strictly_after(previous, now):
    """`now`, or a microsecond after `previous` if the clock has not moved past it:
    the timeline, which merges changes and updates by time, then shows each step
    in the order it was taken."""
    if previous is not None and now <= previous:
        return previous + datetime.timedelta(microseconds=1)
    return now


def _day(date):
    return f"{date:%-d %b %Y}" if date else "none"


@dataclass
class Event:
    """One entry of an action's timeline: a change to it or a progress update."""

    at: datetime.datetime
    by: object
    title: str
    detail: str = ""
    changes: list = field(default_factory=list)
    attachments: list = field(default_factory=list)


TIMELINE_FIELDS = ["description", "owner", "due_date", "due_phrase", "status"]


def timeline(action):
    """Everything that happened to the action, oldest first, with who and when."""
    records = list(action.history.select_related("history_user").order_by("history_id"))
    posts = {post.pk: post for post in Post.objects.all()}
    events = []
    for previous, record in zip([None, *records], records, strict=False):
        events.append(_history_event(previous, record, posts))
    updates = action.updates.select_related("author").prefetch_related("attachments")
    events += [
        Event(
            at=update.created_at,
            by=update.author,
            title="Progress update",
            detail=update.text,
            attachments=list(update.attachments.all()),
        )
        for update in updates
    ]
    return sorted(events, key=lambda event: event.at)


def _history_event(previous, record, posts):
    if previous is None:
        # Imported actions say so, with the status and progress the minutes gave.
        title, _, detail = (record.history_change_reason or "Recorded").partition(": ")
        return Event(
            at=record.history_date, by=record.history_user, title=title, detail=detail
        )
    title, _, detail = (record.history_change_reason or "Changed").partition(": ")
    delta = record.diff_against(previous, included_fields=TIMELINE_FIELDS)
    changes = [
        (
            Action._meta.get_field(change.field).verbose_name.capitalize(),
            _shown(change.field, change.old, posts),
            _shown(change.field, change.new, posts),
        )
        for change in delta.changes
    ]
    return Event(
        at=record.history_date,
        by=record.history_user,
        title=title,
        detail=detail,
        changes=changes,
    )


def _shown(field_name, value, posts):
    if value in (None, ""):
        return "none"
    if field_name == "status":
        return ActionStatus(value).label
    if field_name == "owner":
        return str(posts.get(value, value))
    if field_name == "due_date":
        return _day(value)
    return str(value)


@transaction.atomic
def raise_action(item, *, by, description, owner, due_date, due_phrase):
    """A new action at an item, numbered "<yyyy-mm>/<n>" after the month's last."""
    prefix = f"{item.meeting.date:%Y-%m}/"
    for attempt in range(3):
        number = Action.objects.last_reference_number(prefix) + 1
        action = Action(
            reference=f"{prefix}{number}",
            agenda_item=item,
            description=description,
            owner=owner,
            due_date=due_date,
            due_phrase=due_phrase,
        )
        action._history_user = by
        try:
            # Someone else may take the same number first: then take the next.
            with transaction.atomic():
                action.save()
        except IntegrityError:
            if attempt == 2:
                raise
            continue
        if owner is not None:
            events.announce(events.RAISED, action, by=by)
        return action
    raise AssertionError("unreachable")
