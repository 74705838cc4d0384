import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, AttendeeFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_a_status_outside_the_workflow():
    meeting = MeetingFactory()

    with pytest.raises(IntegrityError):
        Meeting.objects.filter(pk=meeting.pk).update(status="deleted")


def test_it_refuses_the_same_sitting_twice():
    meeting = MeetingFactory()

    with pytest.raises(IntegrityError):
        MeetingFactory(
            meeting_type=meeting.meeting_type, date=meeting.date, title=meeting.title
        )


def test_it_refuses_itself_as_its_next_meeting():
    meeting = MeetingFactory()
    meeting.next_meeting = meeting

    with pytest.raises(IntegrityError):
        meeting.save()


def test_the_orm_refuses_a_date_that_is_not_a_date():
    with pytest.raises(ValidationError):
        MeetingFactory(date="23/03/2021", title="Monthly Assurance Meeting")


def test_it_gives_the_linked_next_meetings_date_before_the_minuted_one():
    april = MeetingFactory(date=datetime.date(2021, 4, 27))
    march = MeetingFactory(next_meeting_date=datetime.date(2021, 4, 20))
    assert march.next_meeting_on == datetime.date(2021, 4, 20)

    march.next_meeting = april

    assert march.next_meeting_on == datetime.date(2021, 4, 27)


def test_it_refuses_two_items_with_the_same_number_in_one_meeting():
    item = AgendaItemFactory(number="1.2")
    AgendaItemFactory(number="1.2")  # another meeting: fine

    with pytest.raises(IntegrityError):
        AgendaItemFactory(meeting=item.meeting, number="1.2")


def test_it_refuses_an_item_without_a_number():
    with pytest.raises(IntegrityError):
        AgendaItemFactory(number="")


def test_it_refuses_a_sub_item_under_another_meetings_item():
    parent = AgendaItemFactory(number="3")
    child = AgendaItemFactory(meeting=parent.meeting, number="3.1", parent=parent)
    child.full_clean()

    child.parent = AgendaItemFactory(number="4")

    with pytest.raises(ValidationError, match="same meeting"):
        child.full_clean()


def test_it_refuses_an_attendee_without_a_name_or_with_unknown_attendance():
    with pytest.raises(IntegrityError):
        AttendeeFactory(name="")


def test_it_refuses_an_unknown_attendance():
    with pytest.raises(IntegrityError):
        AttendeeFactory(attendance="maybe")


def test_it_lets_opcc_staff_edit_draft_minutes_only(opcc_user):
    meeting = MeetingFactory()
    assert meeting.is_editable_by(opcc_user)

    meeting.status = Meeting.Status.APPROVED

    assert not meeting.is_editable_by(opcc_user)


def test_it_lets_superusers_edit_approved_minutes(django_user_model):
    admin = django_user_model.objects.create_superuser("admin", password="x" * 12)

    assert MeetingFactory(status=Meeting.Status.APPROVED).is_editable_by(admin)


def test_it_does_not_let_force_or_pcc_users_edit_minutes(force_user, pcc_user):
    meeting = MeetingFactory()

    assert not meeting.is_editable_by(force_user)
    assert not meeting.is_editable_by(pcc_user)
