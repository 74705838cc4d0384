"""The action workflow: one table saying who may move an action from what to what.

The views, the forms and the access tests all read `TRANSITIONS`; nothing else
decides whether a status change is allowed.
"""

from dataclasses import dataclass
from enum import StrEnum

from actions.models import ActionStatus, Organisation

OPEN, IN_PROGRESS, COMPLETED, CLOSED, SUPERSEDED = (
    ActionStatus.OPEN,
    ActionStatus.IN_PROGRESS,
    ActionStatus.COMPLETED,
    ActionStatus.CLOSED,
    ActionStatus.SUPERSEDED,
)


class Role(StrEnum):
    FORCE_OWNER = "force user holding the owner post"
    OPCC = "OPCC staff"
    PCC = "PCC"


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset
    target: ActionStatus
    roles: frozenset
    # The question a reason answers; None when no reason is needed.
    reason_prompt: str | None = None
    # What an optional comment is asked as; None when none is asked for.
    comment_prompt: str | None = None
    # The kind of actions.events.ActionEvent the step sends.
    event: str = "status_changed"

    @property
    def needs_reason(self):
        return self.reason_prompt is not None

    @property
    def prompt(self):
        return self.reason_prompt or self.comment_prompt


TRANSITIONS = (
    Transition(
        "Start work",
        frozenset({OPEN}),
        IN_PROGRESS,
        frozenset({Role.FORCE_OWNER, Role.OPCC}),
        event="started",
    ),
    Transition(
        "Mark completed",
        frozenset({OPEN, IN_PROGRESS}),
        COMPLETED,
        frozenset({Role.FORCE_OWNER, Role.OPCC}),
        event="completed",
    ),
    Transition(
        "Sign off",
        frozenset({COMPLETED}),
        CLOSED,
        frozenset({Role.OPCC, Role.PCC}),
        comment_prompt="Comment (optional)",
        event="signed_off",
    ),
    Transition(
        "Not accepted",
        frozenset({COMPLETED}),
        IN_PROGRESS,
        frozenset({Role.OPCC, Role.PCC}),
        reason_prompt="Why is it not accepted?",
        event="not_accepted",
    ),
    Transition(
        "Supersede",
        frozenset({OPEN, IN_PROGRESS, COMPLETED}),
        SUPERSEDED,
        frozenset({Role.OPCC}),
        reason_prompt="What supersedes it?",
        event="superseded",
    ),
    Transition(
        "Reopen",
        frozenset({CLOSED}),
        IN_PROGRESS,
        frozenset({Role.OPCC}),
        reason_prompt="Why is it reopened?",
        event="reopened",
    ),
)


def roles_of(user, action):
    """The workflow roles `user` plays for `action`."""
    roles = set()
    if user.has_perm("actions.change_action"):
        roles.add(Role.OPCC)
    if user.has_perm("actions.sign_off_action"):
        roles.add(Role.PCC)
    if (
        user.has_perm("actions.change_action_status")
        and action.owner is not None
        and action.owner.organisation == Organisation.FORCE
        and action.owner.is_held_by(user)
    ):
        roles.add(Role.FORCE_OWNER)
    return roles


def transition(action, target, user):
    """The transition that lets `user` move `action` to `target`, or None."""
    roles = roles_of(user, action)
    for candidate in TRANSITIONS:
        if (
            action.status in candidate.sources
            and candidate.target == target
            and candidate.roles & roles
        ):
            return candidate
    return None


def available_transitions(action, user):
    roles = roles_of(user, action)
    return [t for t in TRANSITIONS if action.status in t.sources and t.roles & roles]
