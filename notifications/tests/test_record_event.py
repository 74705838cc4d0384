"""Who is told of what: each event to the right people, never to whoever did it."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from actions import events
from actions.models import ActionStatus, Post
from actions.services import (
    add_update,
    change_due_date,
    change_status,
    raise_action,
    reassign_open_actions,
)
from notifications.models import Delivery, Notification, Preference, Topic
from notifications.services import record_event
from notifications.tests.conftest import T0

pytestmark = pytest.mark.django_db


def told(kind):
    return set(
        Notification.objects.filter(kind=kind).values_list(
            "recipient__username", flat=True
        )
    )


def event(kind, action, by, detail=""):
    return events.ActionEvent(kind, action.pk, by.pk if by else None, T0, detail)


def test_completed_is_told_to_opcc_staff(
    action, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change_status(
            action, to=ActionStatus.COMPLETED, by=people["cc"], version=1, now=T0
        )

    assert told("completed") == {"opcc", "opcc2"}


def test_it_never_tells_whoever_did_it(
    action, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change_status(
            action, to=ActionStatus.COMPLETED, by=people["opcc"], version=1, now=T0
        )

    assert told("completed") == {"opcc2"}


def test_sign_off_and_not_accepted_are_told_to_the_owner_post(
    action, people, django_capture_on_commit_callbacks
):
    action.status = ActionStatus.COMPLETED
    action.save()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(
            action,
            to=ActionStatus.IN_PROGRESS,
            by=people["pcc"],
            version=1,
            reason="No evidence attached.",
            now=T0,
        )

    row = Notification.objects.get(kind="not_accepted")
    assert row.recipient == people["cc"]
    assert row.detail == "No evidence attached."
    assert row.actor == people["pcc"]


def test_a_rolled_back_change_tells_nobody(
    action, people, django_capture_on_commit_callbacks
):
    def change_then_fail():
        with transaction.atomic():
            change_status(
                action, to=ActionStatus.COMPLETED, by=people["cc"], version=1, now=T0
            )
            raise RuntimeError

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
    ):
        change_then_fail()

    assert not Notification.objects.exists()


def test_due_date_changes_are_told_to_the_owner_post(
    action, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change_due_date(
            action,
            to=datetime.date(2026, 6, 30),
            reason="Waiting for the audit",
            by=people["opcc"],
            version=1,
        )

    row = Notification.objects.get()
    assert (row.kind, row.recipient) == ("due_date_changed", people["cc"])
    assert row.detail == "From 30 Apr 2026 to 30 Jun 2026: Waiting for the audit"


def test_raising_and_reassigning_tell_the_new_post(
    action, people, django_capture_on_commit_callbacks
):
    acc = Post.objects.get(abbreviation="ACC")
    with django_capture_on_commit_callbacks(execute=True):
        raise_action(
            action.agenda_item,
            by=people["opcc"],
            description="Report on the 101 service.",
            owner=acc,
            due_date=None,
            due_phrase="",
        )
        reassign_open_actions(from_post=action.owner, to_post=acc, by=people["opcc"])

    assert told("raised") == {"acc"}
    assert told("reassigned") == {"acc"}


def test_progress_updates_tell_opcc_staff_only_of_opcc_posts_actions(
    action, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_update(action, by=people["cc"], text="Plans drafted.")
    assert not Notification.objects.exists()

    action.owner = Post.objects.create(
        name="Policy Officer", abbreviation="PO", organisation="opcc"
    )
    action.save()
    with django_capture_on_commit_callbacks(execute=True):
        add_update(action, by=people["opcc"], text="Plans drafted.")

    assert told("progress_update") == {"opcc2"}


def test_the_same_event_heard_twice_is_recorded_once(action, people):
    heard = event("completed", action, people["cc"])

    record_event(heard)
    record_event(heard)

    assert Notification.objects.count() == 2


def test_kinds_nobody_needs_are_not_recorded(action, people):
    record_event(event("started", action, people["cc"]))

    assert not Notification.objects.exists()


def test_people_without_an_email_address_are_not_recorded(action, people):
    people["opcc2"].email = ""
    people["opcc2"].save()

    record_event(event("completed", action, people["cc"]))

    assert told("completed") == {"opcc"}


def test_each_person_chooses_per_topic(action, people):
    Preference.objects.create(
        user=people["opcc"], topic=Topic.COMPLETED, delivery=Delivery.NEVER
    )
    Preference.objects.create(
        user=people["opcc2"], topic=Topic.COMPLETED, delivery=Delivery.DIGEST
    )

    record_event(event("completed", action, people["cc"]))

    row = Notification.objects.get()
    assert row.recipient == people["opcc2"]
    assert row.delivery == Delivery.DIGEST
    # The next morning's email, at 07:00 in London.
    assert timezone.localtime(row.send_after) == timezone.make_aware(
        datetime.datetime(2026, 3, 11, 7, 0)
    )


def test_at_once_waits_ten_minutes_for_more(action, people):
    record_event(event("completed", action, people["cc"]))

    row = Notification.objects.first()
    assert row.send_after == T0 + datetime.timedelta(minutes=10)
