"""The whole workflow table: every role, from every status, to every status."""

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actions.models import Action, ActionStatus
from actions.services import change_status
from actions.tests.factories import ActionFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2021, 9, 24, 9, 0, tzinfo=datetime.UTC)
STATUSES = [s.value for s in ActionStatus]

# Written out by hand from the design's table, so the code's table is checked
# against it rather than against itself.
ALLOWED = {
    "force owner": {
        ("open", "in_progress"),
        ("open", "completed"),
        ("in_progress", "completed"),
    },
    "force, other post": set(),
    "opcc": {
        ("open", "in_progress"),
        ("open", "completed"),
        ("in_progress", "completed"),
        ("completed", "closed"),
        ("completed", "in_progress"),
        ("open", "superseded"),
        ("in_progress", "superseded"),
        ("completed", "superseded"),
        ("closed", "in_progress"),
    },
    "pcc": {("completed", "closed"), ("completed", "in_progress")},
}


@pytest.fixture
def people(db):
    force_owner = UserFactory(username="staff-officer", role="Force")
    return {
        "force owner": force_owner,
        "force, other post": UserFactory(username="other-force", role="Force"),
        "opcc": UserFactory(username="policy-officer", role="OPCC staff"),
        "pcc": UserFactory(username="commissioner", role="PCC"),
    }


@pytest.mark.parametrize(
    ("persona", "source", "target"),
    [
        (persona, source, target)
        for persona in ALLOWED
        for source, target in itertools.permutations(STATUSES, 2)
    ],
)
def test_the_workflow_table(people, persona, source, target):
    user = people[persona]
    action = ActionFactory(
        status=source, owner=PostFactory(holders=[people["force owner"]])
    )
    history_before = action.history.count()

    def move():
        change_status(
            action,
            to=target,
            by=user,
            version=action.version,
            reason="Because.",
            now=NOW,
        )

    if (source, target) in ALLOWED[persona]:
        move()
        action.refresh_from_db()
        assert action.status == target
        latest = action.history.first()
        assert latest.history_user == user
        assert latest.history_change_reason.endswith("Because.")
        assert action.history.count() == history_before + 1
    else:
        with pytest.raises(PermissionDenied):
            move()
        action.refresh_from_db()
        assert action.status == source
        assert action.history.count() == history_before


@pytest.mark.parametrize(
    ("source", "target"),
    [("completed", "in_progress"), ("open", "superseded"), ("closed", "in_progress")],
)
def test_it_needs_a_reason_to_reject_supersede_or_reopen(people, source, target):
    action = ActionFactory(status=source)

    with pytest.raises(ValidationError, match="needs a reason"):
        change_status(
            action, to=target, by=people["opcc"], version=1, reason="  ", now=NOW
        )

    action.refresh_from_db()
    assert action.status == source


def test_it_records_when_an_action_is_closed_and_forgets_it_when_reopened(people):
    action = ActionFactory(status="completed")

    change_status(action, to="closed", by=people["pcc"], version=1, now=NOW)
    assert Action.objects.get(pk=action.pk).closed_at == NOW

    change_status(
        action,
        to="in_progress",
        by=people["opcc"],
        version=2,
        reason="New info",
        now=NOW,
    )
    assert Action.objects.get(pk=action.pk).closed_at is None
