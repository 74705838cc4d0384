"""Asking for more time, and the OPCC's answer, through the pages."""

import datetime

import pytest
from django.urls import reverse

from actions.models import Action
from actions.services import timeline
from actions.tests.factories import ActionFactory, PostFactory, UserFactory
from extensions.models import ExtensionRequest

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 10)
DUE = datetime.date(2026, 4, 30)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 10, 10, 0, tzinfo=datetime.UTC))


@pytest.fixture
def force(db):
    return UserFactory(username="cc", role="Force")


@pytest.fixture
def opcc(db):
    return UserFactory(username="opcc", role="OPCC staff")


@pytest.fixture
def action(force):
    owner = PostFactory(name="Chief Constable", abbreviation="CC")
    owner.holders.add(force)
    return ActionFactory(owner=owner, due_date=DUE)


def ask(client, user, action, new_due_date="2026-06-30", reason="Audit delayed."):
    client.force_login(user)
    return client.post(
        reverse("extensions:ask", args=[action.pk]),
        {"new_due_date": new_due_date, "reason": reason},
    )


def decide(client, user, action, decision, reason="", extension=None):
    client.force_login(user)
    extension = extension or ExtensionRequest.objects.get(action=action)
    return client.post(
        reverse("extensions:decide", args=[action.pk]),
        {"extension": extension.pk, "decision": decision, "reason": reason},
    )


def test_the_force_asks_and_the_action_page_shows_it(client, force, action):
    response = ask(client, force, action)

    assert response.status_code == 302
    extension = ExtensionRequest.objects.get()
    assert (extension.due_date, extension.new_due_date) == (
        DUE,
        datetime.date(2026, 6, 30),
    )
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "Waiting for the OPCC" in page
    assert "Audit delayed." in page
    # Nothing about the action changes until the OPCC approves.
    action.refresh_from_db()
    assert action.due_date == DUE
    assert [e.title for e in timeline(action)][-1] == "More time asked for"


@pytest.mark.parametrize(
    ("new_due_date", "message"),
    [
        ("2026-03-09", "9 Mar 2026 has passed"),
        ("2026-04-30", "is due 30 Apr 2026: ask for a date after that"),
        ("2026-04-01", "is due 30 Apr 2026: ask for a date after that"),
        ("soon", "Enter a valid date"),
    ],
)
def test_bad_dates_are_refused_with_a_reason(
    client, force, action, new_due_date, message
):
    response = ask(client, force, action, new_due_date=new_due_date)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ExtensionRequest.objects.exists()


def test_a_reason_is_needed(client, force, action):
    response = ask(client, force, action, reason="")

    assert response.status_code == 400
    assert not ExtensionRequest.objects.exists()


def test_a_second_request_waits_for_the_first(client, force, action):
    ask(client, force, action)

    response = ask(client, force, action, new_due_date="2026-07-31")

    assert response.status_code == 400
    assert "already waiting for a decision" in response.content.decode()
    assert ExtensionRequest.objects.count() == 1


def test_only_the_owner_posts_force_asks(client, opcc, action):
    other = UserFactory(username="acc", role="Force")

    assert ask(client, other, action).status_code == 403
    assert ask(client, opcc, action).status_code == 403
    assert not ExtensionRequest.objects.exists()


def test_approval_changes_the_due_date_and_keeps_the_first(client, force, opcc, action):
    ask(client, force, action)

    response = decide(client, opcc, action, "approve", "Agreed at the board.")

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.due_date == datetime.date(2026, 6, 30)
    assert action.original_due_date == DUE
    extension = ExtensionRequest.objects.get()
    assert (extension.state, extension.decided_by) == ("approved", opcc)
    last = timeline(action)[-1]
    assert last.title == "Due date changed from 30 Apr 2026 to 30 Jun 2026"
    assert last.detail == "Extension approved: Agreed at the board."


def test_approving_twice_changes_nothing_more(client, force, opcc, action):
    ask(client, force, action)
    decide(client, opcc, action, "approve")
    version = Action.objects.get().version

    response = decide(client, opcc, action, "approve")

    assert response.status_code == 400
    assert "already approved by" in response.content.decode()
    assert Action.objects.get().version == version


def test_declining_needs_a_reason_and_keeps_the_due_date(client, force, opcc, action):
    ask(client, force, action)

    assert decide(client, opcc, action, "decline").status_code == 400
    assert ExtensionRequest.objects.get().state == "pending"

    decide(client, opcc, action, "decline", "The board wants it by April.")

    action.refresh_from_db()
    assert action.due_date == DUE
    assert ExtensionRequest.objects.get().state == "declined"
    last = timeline(action)[-1]
    assert last.title == "More time declined"
    assert "The board wants it by April." in last.detail


def test_only_opcc_staff_decide(client, force, action):
    ask(client, force, action)

    assert decide(client, force, action, "approve").status_code == 403
    assert ExtensionRequest.objects.get().state == "pending"


def test_both_sides_are_notified(
    client, force, opcc, action, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        ask(client, force, action)
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, opcc, action, "approve")

    rows = Notification.objects.values_list("kind", "recipient__username")
    assert sorted(rows) == [
        ("extension_approved", "cc"),
        ("extension_requested", "opcc"),
    ]


def test_approval_never_brings_a_moved_due_date_back(client, force, opcc, action):
    ask(client, force, action)
    Action.objects.filter(pk=action.pk).update(due_date=datetime.date(2026, 8, 31))

    response = decide(client, opcc, action, "approve")

    assert response.status_code == 400
    assert "later than the 30 Jun 2026 asked for" in response.content.decode()
    assert ExtensionRequest.objects.get().state == "pending"
    assert Action.objects.get().due_date == datetime.date(2026, 8, 31)
