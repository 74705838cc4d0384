"""The meeting cycle's steps that touch several models: approving minutes (and
freezing their matters arising), withdrawing an approval, agreeing minutes at a
later meeting."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Prefetch

from actions.models import Action
from boards.models import Decision, FrozenMatterArising
from meetings.models import Meeting


class Refused(Exception):
    """The step cannot be taken; the message says why, and nothing was changed."""


@dataclass
class ApprovalCheck:
    """What approving the minutes locks, and what looks unfinished."""

    meeting: Meeting
    items: list
    actions: list
    arising: list

    @property
    def items_without_discussion(self):
        return [item for item in self.items if not item.discussion.strip()]

    @property
    def actions_without_owner(self):
        return [action for action in self.actions if action.owner_id is None]

    @property
    def has_warnings(self):
        return bool(self.items_without_discussion or self.actions_without_owner)


def check_approval(meeting):
    actions = Action.objects.select_related("owner").order_by("reference")
    items = list(meeting.items.prefetch_related(Prefetch("actions", queryset=actions)))
    return ApprovalCheck(
        meeting=meeting,
        items=items,
        actions=[action for item in items for action in item.actions.all()],
        arising=list(Action.objects.arising_at(meeting)),
    )


def _refuse_unless_opcc(user):
    if not user.has_perm("meetings.change_meeting"):
        raise PermissionDenied("Only OPCC staff approve minutes.")


def _locked(meeting):
    """The meeting read again under a lock: two people approving at once are
    taken one after the other, and the second finds it approved."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _save(meeting, *, by, reason, fields):
    meeting._history_user = by
    meeting._change_reason = reason
    meeting.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def approve_minutes(meeting, *, by):
    """Approve draft minutes and record in them the matters arising as they stand."""
    _refuse_unless_opcc(by)
    meeting = _locked(meeting)
    if meeting.status != Meeting.Status.DRAFT:
        raise Refused(
            f"These minutes are already {meeting.get_status_display().lower()}: "
            "nothing was changed."
        )
    FrozenMatterArising.objects.bulk_create(
        _frozen(meeting, position, action)
        for position, action in enumerate(Action.objects.arising_at(meeting))
    )
    meeting.status = Meeting.Status.APPROVED
    _save(meeting, by=by, reason="Minutes approved", fields=["status"])
    return meeting


def _frozen(meeting, position, action):
    return FrozenMatterArising(
        meeting=meeting,
        position=position,
        action=action,
        reference=action.reference,
        description=action.description,
        raised_on=action.agenda_item.meeting.date,
        owner=str(action.owner) if action.owner else "",
        due_date=action.due_date,
        status=action.get_status_display(),
        latest_update=action.latest_update or "",
        latest_update_at=action.latest_update_at,
    )


@transaction.atomic
def withdraw_approval(meeting, *, by, reason):
    """Back to a draft, with the reason, until the minutes are published."""
    _refuse_unless_opcc(by)
    meeting = _locked(meeting)
    if meeting.status == Meeting.Status.PUBLISHED:
        raise Refused(
            "These minutes are published: an approval cannot be withdrawn after "
            "publication. Nothing was changed."
        )
    if meeting.status != Meeting.Status.APPROVED:
        raise Refused("These minutes are not approved: there is nothing to withdraw.")
    if not reason.strip():
        raise Refused("Say why the approval is withdrawn.")
    if meeting.agreed_at and meeting.agreed_at.status == Meeting.Status.PUBLISHED:
        raise Refused(
            "These minutes were agreed at a meeting whose minutes are published: "
            "the approval stands. Nothing was changed."
        )
    # Approving again records the matters arising as they stand then.
    meeting.frozen_arising.all().delete()
    meeting.status = Meeting.Status.DRAFT
    meeting.agreed_at = None
    _save(
        meeting,
        by=by,
        reason=f"Approval withdrawn: {reason.strip()}",
        fields=["status", "agreed_at"],
    )
    return meeting


@transaction.atomic
def mark_agreed(meeting, *, at, by):
    """Record that approved minutes were agreed as a true record at `at`."""
    _refuse_unless_opcc(by)
    meeting = _locked(meeting)
    if meeting.status == Meeting.Status.DRAFT:
        raise Refused("Approve the minutes before recording where they were agreed.")
    if meeting.status == Meeting.Status.PUBLISHED:
        raise Refused("These minutes are published: where they were agreed is fixed.")
    if meeting.agreed_at_id is not None:
        raise Refused(
            "These minutes are already recorded as agreed at another meeting. "
            "Nothing was changed."
        )
    at = _locked(at)
    if at.pk == meeting.pk or at.date <= meeting.date:
        raise Refused("Minutes are agreed at a later meeting.")
    if at.status == Meeting.Status.PUBLISHED or (
        at.board_id != meeting.board_id and at.pk != meeting.next_meeting_id
    ):
        raise Refused(
            "Minutes are agreed at a later meeting of the same board, or the one "
            "they name as the next, whose own minutes are not yet published."
        )
    meeting.agreed_at = at
    _save(
        meeting,
        by=by,
        reason=f"Agreed as a true record at {at.title} ({at.date:%-d %b %Y})",
        fields=["agreed_at"],
    )
    return meeting


@transaction.atomic
def record_decision(item, *, by, text, significant_public_interest=False):
    """A decision at an item, numbered "<yyyy-mm>/D<n>" after the month's last."""
    prefix = f"{item.meeting.date:%Y-%m}/D"
    for attempt in range(3):
        decision = Decision(
            number=f"{prefix}{Decision.objects.last_number(prefix) + 1}",
            agenda_item=item,
            text=text,
            significant_public_interest=significant_public_interest,
        )
        decision._history_user = by
        try:
            # Someone else may take the same number first: then take the next.
            with transaction.atomic():
                decision.save()
        except IntegrityError:
            if attempt == 2:
                raise
            continue
        return decision
    raise AssertionError("unreachable")
