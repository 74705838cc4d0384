import datetime

import pytest
from django.urls import reverse

from actions.tests.factories import PostFactory
from boards.models import Board
from meetings.models import Meeting
from meetings.tests.factories import AttendeeFactory, MeetingFactory, MeetingTypeFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("meetings:create")


def meeting_data(**changes):
    review = MeetingTypeFactory(name="Performance Review")
    return {
        "board": Board.for_meeting_type(review).pk,
        "meeting_type": review.pk,
        "title": "Performance Review April 2021",
        "date": "2021-04-27",
        "start_time": "14:00",
        "venue": "Virtual",
        "chair": "John Campion",
        "minute_taker": "Charity Pearce",
        **changes,
    }


def attendance_data(meeting, rows, existing=()):
    data = {
        "attendees-TOTAL_FORMS": str(len(existing) + len(rows)),
        "attendees-INITIAL_FORMS": str(len(existing)),
        "attendees-MIN_NUM_FORMS": "0",
        "attendees-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate([*existing, *rows]):
        for key, value in row.items():
            data[f"attendees-{n}-{key}"] = value
        data[f"attendees-{n}-meeting"] = meeting.pk
    return data


def test_opcc_staff_create_a_meeting(client, opcc_user):
    client.force_login(opcc_user)

    response = client.post(CREATE, meeting_data())

    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings:detail", args=[meeting.pk])
    assert (meeting.date, meeting.start_time, meeting.status) == (
        datetime.date(2021, 4, 27),
        datetime.time(14, 0),
        "draft",
    )


def test_a_meeting_takes_its_boards_usual_type_unless_given_another(client, opcc_user):
    client.force_login(opcc_user)

    client.post(CREATE, meeting_data(meeting_type=""))

    assert Meeting.objects.get().meeting_type.name == "Performance Review"


def test_a_meeting_needs_a_board(client, opcc_user):
    client.force_login(opcc_user)

    response = client.post(CREATE, meeting_data(board=""))

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Meeting.objects.exists()


def test_a_new_meeting_of_a_board_starts_from_its_usual_chair_and_venue(
    client, opcc_user
):
    board = Board.for_meeting_type(MeetingTypeFactory(name="Joint Audit Committee"))
    board.chair, board.venue = "Cllr Ann Smith", "Room 4, Police HQ"
    board.save()
    client.force_login(opcc_user)

    form = client.get(CREATE, {"board": board.pk}).context["form"]

    assert form.initial["board"] == board.pk
    assert (form.initial["chair"], form.initial["venue"]) == (
        "Cllr Ann Smith",
        "Room 4, Police HQ",
    )


def test_a_wrong_date_is_explained_and_the_rest_kept(client, opcc_user):
    client.force_login(opcc_user)

    response = client.post(CREATE, meeting_data(date="31/02/2021"))

    assert response.status_code == 200
    assert "Enter the date as a day, month and year." in response.text
    assert 'value="Performance Review April 2021"' in response.text
    assert not Meeting.objects.exists()


def test_the_next_meeting_of_a_series_starts_from_the_last(client, opcc_user):
    # A date of its own: the factory's sequence of dates could reach April 2021.
    march = MeetingFactory(
        date=datetime.date(2021, 3, 16), venue="Police HQ", chair="John Campion"
    )
    AttendeeFactory(meeting=march, name="John Campion", abbreviation="PCC")
    AttendeeFactory(meeting=march, name="Anthony Bangham", abbreviation="CC")
    client.force_login(opcc_user)

    form = client.get(CREATE, {"after": march.pk}).context["form"]
    response = client.post(
        CREATE,
        meeting_data(
            after=march.pk,
            board=march.board_id,
            meeting_type=march.meeting_type_id,
            title="Monthly Assurance Meeting April 2021",
        ),
    )

    assert form.initial["venue"] == "Police HQ"
    assert form.initial["meeting_type"] == march.meeting_type_id
    april = Meeting.objects.get(title="Monthly Assurance Meeting April 2021")
    assert response.url == reverse("meetings:detail", args=[april.pk])
    march.refresh_from_db()
    assert march.next_meeting == april
    assert list(april.attendees.values_list("name", flat=True)) == [
        "John Campion",
        "Anthony Bangham",
    ]


def test_the_next_meeting_starts_with_the_title_date_and_time_minuted(
    client, opcc_user
):
    march = MeetingFactory(
        next_meeting_title="Performance Review of the year 2021",
        next_meeting_date=datetime.date(2021, 4, 27),
        next_meeting_time=datetime.time(14, 0),
    )
    client.force_login(opcc_user)

    page = client.get(CREATE, {"after": march.pk}).text

    assert 'value="Performance Review of the year 2021"' in page
    assert 'value="2021-04-27"' in page
    assert 'value="14:00"' in page


def test_the_next_meeting_leaves_blank_what_was_not_minuted(client, opcc_user):
    march = MeetingFactory()
    client.force_login(opcc_user)

    form = client.get(CREATE, {"after": march.pk}).context["form"]

    assert form["title"].value() == ""
    assert form["date"].value() is None
    assert form["start_time"].value() is None


def test_the_attendance_is_edited_in_one_form(client, opcc_user):
    meeting = MeetingFactory()
    leaving = AttendeeFactory(meeting=meeting, name="Jack Taylor", abbreviation="SO")
    client.force_login(opcc_user)
    existing = [
        {
            "id": leaving.pk,
            "name": "Jack Taylor",
            "capacity": "Staff Officer",
            "abbreviation": "SO",
            "attendance": "present",
            "DELETE": "on",
        }
    ]
    rows = [
        {
            "name": "Geoff Wessell",
            "capacity": "Assistant Chief Constable",
            "abbreviation": "ACC",
            "attendance": "apologies",
        },
        {"name": "", "capacity": "", "abbreviation": "", "attendance": "present"},
    ]

    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        attendance_data(meeting, rows, existing),
    )

    assert response.status_code == 302
    assert list(meeting.attendees.values_list("name", "attendance")) == [
        ("Geoff Wessell", "apologies")
    ]
    history = meeting.attendees.model.history.order_by("history_id")
    assert {
        (h.name, h.history_type, h.history_user)
        for h in history.filter(history_type__in="+-")
    } >= {
        ("Jack Taylor", "-", opcc_user),
        ("Geoff Wessell", "+", opcc_user),
    }


def test_a_person_needs_a_name_and_a_capacity(client, opcc_user):
    meeting = MeetingFactory()
    client.force_login(opcc_user)

    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        attendance_data(
            meeting,
            [
                {
                    "name": "",
                    "capacity": "Chief Constable",
                    "abbreviation": "CC",
                    "attendance": "present",
                }
            ],
        ),
    )

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert 'value="Chief Constable"' in response.text
    assert not meeting.attendees.exists()


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
def test_only_opcc_staff_write_minutes(client, request, persona):
    meeting = MeetingFactory(title="As minuted")
    client.force_login(request.getfixturevalue(persona))

    attendance = reverse("meetings:attendance", args=[meeting.pk])
    responses = [
        client.post(CREATE, meeting_data()),
        client.post(reverse("meetings:edit", args=[meeting.pk]), meeting_data()),
        client.get(attendance),
        client.post(
            attendance,
            attendance_data(
                meeting,
                [{"name": "Intruder", "capacity": "CC", "attendance": "present"}],
            ),
        ),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert not meeting.attendees.exists()
    assert list(Meeting.objects.values_list("title", flat=True)) == ["As minuted"]


def test_approved_minutes_are_read_only_except_to_superusers(
    client, opcc_user, django_user_model
):
    meeting = MeetingFactory(status="approved", title="As approved")
    edit = reverse("meetings:edit", args=[meeting.pk])
    client.force_login(opcc_user)

    refused = client.post(edit, meeting_data(title="Rewritten"))
    client.force_login(
        django_user_model.objects.create_superuser("root", password="x" * 12)
    )
    allowed = client.post(edit, meeting_data(title="Corrected"))

    assert refused.status_code == 403
    assert "approved: only superusers change them now" in refused.text
    assert allowed.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Corrected"
    assert meeting.history.first().history_user.username == "root"


def test_the_attendance_form_suggests_the_known_posts(client, opcc_user):
    PostFactory(name="Deputy Chief Constable", abbreviation="DCC")
    meeting = MeetingFactory()
    client.force_login(opcc_user)

    page = client.get(reverse("meetings:attendance", args=[meeting.pk])).text

    assert '<option value="Deputy Chief Constable">' in page
    assert '<option value="DCC">Deputy Chief Constable</option>' in page


def test_save_and_add_more_people_comes_back_with_empty_rows(client, opcc_user):
    meeting = MeetingFactory()
    client.force_login(opcc_user)
    people = [
        {"name": f"Person {n}", "capacity": "Guest", "attendance": "present"}
        for n in range(1, 6)
    ]
    url = reverse("meetings:attendance", args=[meeting.pk])

    response = client.post(url, {**attendance_data(meeting, people), "more": "yes"})
    page = client.get(url).text

    assert response.url == url
    assert meeting.attendees.count() == 5
    assert 'name="attendees-TOTAL_FORMS" value="10"' in page
    assert "Name of person 10</label>" in page
    # The row "Add another person" copies, numbered by the script.
    assert "Name of person __number__</label>" in page


@pytest.mark.parametrize("status", [Meeting.Status.APPROVED, Meeting.Status.PUBLISHED])
def test_the_next_meeting_leaves_approved_minutes_as_they_were(
    client, opcc_user, status
):
    march = MeetingFactory(date=datetime.date(2021, 3, 16), status=status)
    client.force_login(opcc_user)

    response = client.post(
        CREATE, meeting_data(after=march.pk, meeting_type=march.meeting_type_id)
    )

    assert response.status_code == 302
    march.refresh_from_db()
    assert (march.next_meeting, march.next_meeting_date) == (None, None)
    assert march.history.count() == 1


@pytest.mark.parametrize("after", ["²", "1234567890123456789012", "-1", "x"])
def test_a_previous_meeting_that_cannot_be_is_a_bad_request(client, opcc_user, after):
    client.force_login(opcc_user)

    page = client.get(CREATE, {"after": after})
    posted = client.post(CREATE, meeting_data(after=after))

    assert (page.status_code, posted.status_code) == (400, 400)
    assert not Meeting.objects.exists()
