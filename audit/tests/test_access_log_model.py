import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AccessEvent, AppendOnlyError

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return AccessEvent.objects.create(
        kind=AccessEvent.Kind.SIGN_IN_FAILED, username="opcc", address="192.0.2.7"
    )


def test_an_entry_cannot_be_changed(event):
    event.username = "someone-else"

    with pytest.raises(AppendOnlyError):
        event.save()

    assert AccessEvent.objects.get().username == "opcc"


def test_an_entry_cannot_be_deleted(event):
    with pytest.raises(AppendOnlyError):
        event.delete()

    assert AccessEvent.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda events, event: events.update(username="x"),
        lambda events, event: events.delete(),
        lambda events, event: events.bulk_update([event], ["username"]),
        lambda events, event: events.update_or_create(pk=event.pk),
    ],
    ids=["update", "delete", "bulk_update", "update_or_create"],
)
def test_the_queryset_changes_nothing(event, change):
    with pytest.raises(AppendOnlyError):
        change(AccessEvent.objects.all(), event)

    assert AccessEvent.objects.get().username == "opcc"


def test_a_user_with_a_trail_cannot_be_deleted(django_user_model):
    from django.db.models import ProtectedError

    user = django_user_model.objects.create_user("leaver")
    AccessEvent.objects.create(kind=AccessEvent.Kind.SIGNED_IN, user=user)

    with pytest.raises(ProtectedError):
        user.delete()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's alone"
)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_accessevent SET username = 'x'",
        "DELETE FROM audit_accessevent",
    ],
)
def test_postgresql_refuses_to_change_or_remove_a_row_whoever_asks(event, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)

    assert AccessEvent.objects.get().username == "opcc"
