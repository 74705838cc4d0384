import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection
from django.db.models import ProtectedError

from actions.models import Action, ActionUpdate, Organisation
from actions.tests.factories import (
    ActionFactory,
    ActionUpdateFactory,
    PostFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2021, 9, 24)


def test_it_refuses_a_duplicate_reference():
    ActionFactory(reference="2021-03/2")

    with pytest.raises(IntegrityError):
        ActionFactory(reference="2021-03/2")


def test_it_refuses_an_empty_description():
    with pytest.raises(IntegrityError):
        ActionFactory(description="")


def test_it_refuses_a_status_outside_the_workflow():
    action = ActionFactory()

    with pytest.raises(IntegrityError):
        Action.objects.filter(pk=action.pk).update(status="done")


def test_the_orm_refuses_a_due_date_that_is_not_a_date():
    with pytest.raises(ValidationError):
        ActionFactory(due_date="in 6 months")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no date type; there only the ORM refuses a non-date",
)
def test_the_database_refuses_a_due_date_that_is_not_a_date():
    action = ActionFactory()

    with pytest.raises(DataError), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE actions_action SET due_date = %s WHERE id = %s",
            ["in 6 months", action.pk],
        )


def test_it_allows_an_action_without_an_owner_and_flags_it():
    action = ActionFactory(owner=None)

    assert action.needs_owner
    assert action.owner_id is None


def test_it_refuses_an_update_without_an_author():
    with pytest.raises(IntegrityError):
        ActionUpdate.objects.create(action=ActionFactory(), author=None, text="Done.")


def test_it_refuses_an_update_without_a_time():
    with pytest.raises(IntegrityError):
        ActionUpdateFactory(created_at=None)


def test_it_refuses_an_empty_update():
    with pytest.raises(IntegrityError):
        ActionUpdateFactory(text="")


def test_it_refuses_to_delete_a_meeting_that_has_actions():
    action = ActionFactory()

    with pytest.raises(ProtectedError):
        action.agenda_item.meeting.delete()

    assert Action.objects.filter(pk=action.pk).exists()


def test_it_refuses_to_delete_a_post_that_owns_actions():
    action = ActionFactory()

    with pytest.raises(ProtectedError):
        action.owner.delete()


def test_it_lists_open_and_overdue_actions():
    overdue = ActionFactory(due_date=datetime.date(2021, 9, 23))
    ActionFactory(due_date=TODAY)
    ActionFactory(due_date=datetime.date(2021, 9, 1), status=Action.Status.CLOSED)
    ActionFactory(due_date=datetime.date(2021, 9, 1), status=Action.Status.SUPERSEDED)
    waiting = ActionFactory(
        due_date=datetime.date(2021, 9, 1), status=Action.Status.COMPLETED
    )

    assert set(Action.objects.open().overdue(TODAY)) == {overdue, waiting}


def test_it_lists_the_actions_of_the_posts_a_user_holds():
    holder = UserFactory()
    mine = ActionFactory(owner=PostFactory(holders=[holder]))
    ActionFactory(owner=PostFactory(name="Police and Crime Commissioner"))

    assert list(Action.objects.owned_by(holder)) == [mine]


def test_it_numbers_references_after_the_highest_of_the_month():
    ActionFactory(reference="2021-03/2")
    ActionFactory(reference="2021-03/10")
    ActionFactory(reference="2021-04/11")

    assert Action.objects.last_reference_number("2021-03/") == 10
    assert Action.objects.last_reference_number("2021-05/") == 0


def test_it_keeps_the_post_when_its_holder_changes():
    old, new = UserFactory(), UserFactory()
    post = PostFactory(name="Assistant Chief Constable", abbreviation="ACC")
    post.holders.add(old)
    action = ActionFactory(owner=post)

    post.holders.set([new])

    assert list(Action.objects.owned_by(new)) == [action]
    assert not Action.objects.owned_by(old).exists()
    assert post.organisation == Organisation.FORCE
