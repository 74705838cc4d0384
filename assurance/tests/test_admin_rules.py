"""The admin is not a back door: it does what the pages allow and nothing more.

Every model registered in the admin is driven through its add and change views as
OPCC staff; the workflow's rules are then checked for a superuser too.
"""

import uuid

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from actions.models import (
    Action,
    ActionUpdate,
    Attachment,
    Post,
    Reminder,
)
from actions.tests.factories import ActionFactory, ActionUpdateFactory, UserFactory
from meetings.models import AgendaItem, Attendee, Meeting, MeetingType
from meetings.tests.factories import (
    AgendaItemFactory,
    AttendeeFactory,
    MeetingFactory,
    MeetingTypeFactory,
)
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def opcc_admin(client, opcc_user):
    # As seed_demo makes them: OPCC staff may use the admin.
    opcc_user.is_staff = True
    opcc_user.save()
    client.force_login(opcc_user)
    return client


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def _existing(model):
    """One row of `model` for its change view."""
    if model is Meeting:
        return MeetingFactory()
    if model is MeetingType:
        return MeetingTypeFactory()
    if model is Attendee:
        return AttendeeFactory()
    if model is AgendaItem:
        return AgendaItemFactory()
    if model is Action:
        return ActionFactory()
    if model is ActionUpdate:
        return ActionUpdateFactory()
    if model is Post:
        return Post.objects.create(
            name="Policy Officer", abbreviation="PO", organisation="opcc"
        )
    if model is Attachment:
        return Attachment.objects.create(
            update=ActionUpdateFactory(),
            file="attachments/x",
            name="x.pdf",
            content_type="application/pdf",
            size=1,
        )
    if model is Reminder:
        return Reminder.objects.create(
            action=ActionFactory(), kind="overdue", for_date=timezone.localdate()
        )
    if model is Notification:
        return Notification.objects.create(
            event_id=uuid.uuid4(),
            kind="signed_off",
            action=ActionFactory(),
            happened_at=timezone.now(),
            recipient=UserFactory(),
            delivery="at_once",
            send_after=timezone.now(),
        )
    if model is Group:
        return Group.objects.create(name="Someone's group")
    if model is get_user_model():
        return UserFactory()
    if model is AccessAttempt:
        return AccessAttempt.objects.create(
            username="opcc", ip_address="192.0.2.7", failures_since_start=3
        )
    if model in (AccessFailureLog, AccessLog):
        return model.objects.create(username="opcc", ip_address="192.0.2.7")
    if model is TOTPDevice:
        return TOTPDevice.objects.create(user=UserFactory(), name="Phone")
    raise AssertionError(f"No row for {model.__name__}: add one to _existing().")


# What OPCC staff may do in the admin, model by model: "edit" (add and change),
# "view" (look, never change) or "none" (not even look). Posts and meeting types
# have no pages of their own yet; everything else is changed on its own pages,
# where the rules are. (The reminder ledger's list still sends a failed reminder
# again.)
OPCC_ADMIN = {
    MeetingType: "edit",
    Post: "edit",
    Meeting: "view",
    Attendee: "view",
    AgendaItem: "view",
    Action: "view",
    ActionUpdate: "view",
    Attachment: "none",
    Reminder: "view",
    # The notification ledger: the superusers' to look into.
    Notification: "none",
    Group: "none",
    get_user_model(): "none",
    # Sign-in lockouts and second-factor devices are the superusers' to manage.
    AccessAttempt: "none",
    AccessFailureLog: "none",
    AccessLog: "none",
    TOTPDevice: "none",
}


def test_every_registered_model_says_what_opcc_staff_may_do_there():
    assert set(admin.site._registry) == set(OPCC_ADMIN)


@pytest.mark.parametrize("model", list(OPCC_ADMIN), ids=lambda model: model._meta.label)
def test_opcc_staff_in_the_admin(opcc_admin, model):
    row = _existing(model)
    info = (model._meta.app_label, model._meta.model_name)
    add_url = reverse("admin:{}_{}_add".format(*info))
    change_url = reverse("admin:{}_{}_change".format(*info), args=[row.pk])
    before = model.objects.count()
    may = OPCC_ADMIN[model]

    add_page = opcc_admin.get(add_url)
    add_post = opcc_admin.post(add_url, {})
    change_page = opcc_admin.get(change_url)
    change_post = opcc_admin.post(change_url, {})

    if may == "edit":
        assert add_page.status_code == 200
        # An empty form comes back with its errors: nothing is saved.
        assert add_post.status_code == 200
        assert 'name="_save"' in change_page.text
    else:
        assert add_page.status_code == 403
        assert add_post.status_code == 403
        if may == "none":
            assert change_page.status_code == 403
            assert change_post.status_code == 403
        else:
            assert change_page.status_code == 200
            assert 'name="_save"' not in change_page.text
            assert change_post.status_code == 403
    assert model.objects.count() == before


def test_opcc_staff_cannot_add_an_item_or_attendee_to_published_minutes(opcc_admin):
    published = MeetingFactory(status=Meeting.Status.PUBLISHED)

    item = opcc_admin.post(
        reverse("admin:meetings_agendaitem_add"),
        {"meeting": published.pk, "number": "9", "title": "Added", "position": 9},
    )
    person = opcc_admin.post(
        reverse("admin:meetings_attendee_add"),
        {
            "meeting": published.pk,
            "name": "Added",
            "capacity": "Chief Constable",
            "attendance": "present",
            "position": 0,
        },
    )

    assert (item.status_code, person.status_code) == (403, 403)
    assert not published.items.exists()
    assert not published.attendees.exists()


def test_opcc_staff_cannot_move_a_draft_item_into_published_minutes(opcc_admin):
    item = AgendaItemFactory(number="4", title="Draft item")
    published = MeetingFactory(status=Meeting.Status.PUBLISHED)

    response = opcc_admin.post(
        reverse("admin:meetings_agendaitem_change", args=[item.pk]),
        {"meeting": published.pk, "number": "4", "title": "Draft item", "position": 0},
    )

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.meeting != published


def test_opcc_staff_cannot_publish_a_draft_in_the_admin(opcc_admin):
    meeting = MeetingFactory()

    opcc_admin.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        {
            "meeting_type": meeting.meeting_type_id,
            "title": meeting.title,
            "date": meeting.date,
            "status": "published",
        },
    )

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


# The workflow's rules hold for a superuser as well.


def test_no_admin_form_has_a_status_or_reference_field(superuser_client):
    meeting = MeetingFactory()
    action = ActionFactory()
    pages = [
        reverse("admin:meetings_meeting_add"),
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        reverse("admin:actions_action_change", args=[action.pk]),
    ]

    for url in pages:
        text = superuser_client.get(url).text
        assert 'name="status"' not in text, url
        assert 'name="reference"' not in text, url


def test_a_superuser_cannot_set_a_meetings_status_in_the_admin(superuser_client):
    meeting = MeetingFactory(title="Monthly Assurance Meeting")

    response = superuser_client.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        {
            "board": meeting.board_id,
            "meeting_type": meeting.meeting_type_id,
            "title": "Monthly Assurance Meeting",
            "date": meeting.date,
            "status": "published",
            **_empty_inlines(),
        },
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_a_superuser_cannot_add_an_action_outside_the_workflow(superuser_client):
    item = AgendaItemFactory()

    page = superuser_client.get(reverse("admin:actions_action_add"))
    response = superuser_client.post(
        reverse("admin:actions_action_add"),
        {
            "reference": "2021-03/99",
            "agenda_item": item.pk,
            "description": "Closed already",
            "status": "closed",
        },
    )

    assert (page.status_code, response.status_code) == (403, 403)
    assert not Action.objects.exists()


def test_a_superuser_cannot_add_an_update_outside_the_action_page(superuser_client):
    action = ActionFactory()

    response = superuser_client.post(
        reverse("admin:actions_actionupdate_add"),
        {"action": action.pk, "text": "Done."},
    )

    assert response.status_code == 403
    assert not ActionUpdate.objects.exists()


def test_a_superuser_cannot_move_an_item_or_attendee_to_other_minutes(
    superuser_client,
):
    item = AgendaItemFactory(number="4", title="Item")
    person = AttendeeFactory(meeting=item.meeting, name="Someone")
    other = MeetingFactory(status=Meeting.Status.PUBLISHED)

    superuser_client.post(
        reverse("admin:meetings_agendaitem_change", args=[item.pk]),
        {"meeting": other.pk, "number": "4", "title": "Item", "position": 0},
    )
    superuser_client.post(
        reverse("admin:meetings_attendee_change", args=[person.pk]),
        {
            "meeting": other.pk,
            "name": "Someone",
            "capacity": "Chief Constable",
            "attendance": "present",
            "position": 0,
        },
    )

    item.refresh_from_db()
    person.refresh_from_db()
    assert item.meeting != other
    assert person.meeting != other


@pytest.mark.parametrize("factory", [AgendaItemFactory, AttendeeFactory])
def test_an_item_or_attendee_stays_in_its_minutes_whoever_saves_it(factory):
    row = type(factory()).objects.get()
    row.meeting = MeetingFactory()

    with pytest.raises(ValidationError) as refused:
        row.full_clean()

    assert "meeting" in refused.value.message_dict


def _empty_inlines():
    return {
        f"{prefix}-{field}": value
        for prefix in ("attendees", "items")
        for field, value in [
            ("TOTAL_FORMS", 0),
            ("INITIAL_FORMS", 0),
            ("MIN_NUM_FORMS", 0),
            ("MAX_NUM_FORMS", 1000),
        ]
    }


@pytest.mark.parametrize(
    "query",
    [
        "date__year=1234567890123456789012",
        "date__year=-1",
        "date__year=1e9",
        "date__year=2021&date__month=99999999999999999999999",
    ],
)
def test_a_date_that_cannot_be_is_no_server_error(superuser_client, query):
    MeetingFactory()
    superuser_client.raise_request_exception = False

    meetings = superuser_client.get(
        f"{reverse('admin:meetings_meeting_changelist')}?{query}"
    )
    reminders = superuser_client.get(
        f"{reverse('admin:actions_reminder_changelist')}?"
        + query.replace("date__", "for_date__")
    )

    assert meetings.status_code in (200, 302)
    assert reminders.status_code in (200, 302)
