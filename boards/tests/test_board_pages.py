from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from actions.tests.factories import PostFactory
from boards.models import Board
from meetings.tests.factories import MeetingFactory, MeetingTypeFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("boards:create")


def board_data(**changes):
    return {
        "name": "Joint Audit Committee",
        "meeting_type": MeetingTypeFactory(name="Audit Committee").pk,
        "members": [PostFactory(name="Chief Executive", abbreviation="CEx").pk],
        "chair": "Cllr Ann Smith",
        "venue": "Room 4, Police HQ",
        "minute_taker": "Charity Pearce",
        **changes,
    }


def test_opcc_staff_create_a_board_with_its_members(client, opcc_user):
    client.force_login(opcc_user)

    response = client.post(CREATE, board_data())

    board = Board.objects.get()
    assert response.url == reverse("boards:detail", args=[board.pk])
    assert [post.abbreviation for post in board.members.all()] == ["CEx"]
    page = client.get(response.url).text
    assert "Chief Executive (CEx)" in page
    assert "Room 4, Police HQ" in page


def test_a_board_needs_a_name_of_its_own(client, opcc_user):
    Board.objects.create(
        name="Joint Audit Committee", meeting_type=MeetingTypeFactory()
    )
    client.force_login(opcc_user)

    response = client.post(CREATE, board_data())

    assert response.status_code == 200
    assert "Board with this Name already exists." in response.text
    assert Board.objects.count() == 1


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
def test_only_opcc_staff_create_or_edit_boards(client, request, persona):
    board = Board.for_meeting_type(MeetingTypeFactory())
    client.force_login(request.getfixturevalue(persona))

    assert client.post(CREATE, board_data()).status_code == 403
    edit = reverse("boards:edit", args=[board.pk])
    assert client.post(edit, board_data(name="Renamed")).status_code == 403
    assert client.get(reverse("boards:detail", args=[board.pk])).status_code == 200
    assert list(Board.objects.values_list("name", flat=True)) == [board.name]


def test_the_list_shows_each_board_and_its_meetings(
    client, force_user, django_assert_max_num_queries
):
    MeetingFactory.create_batch(3)
    client.force_login(force_user)

    with django_assert_max_num_queries(8):
        page = client.get(reverse("boards:list")).text

    assert '<a href="/boards/' in page
    assert "<td>3</td>" in page


def test_someone_in_no_role_sees_no_board(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor"))

    assert client.get(reverse("boards:list")).status_code == 403


def test_the_migration_makes_one_board_per_meeting_type():
    meeting = MeetingFactory(meeting_type=MeetingTypeFactory(name="Performance Review"))
    MeetingTypeFactory(name="Audit Committee")
    migration = import_module(
        "meetings.migrations.0004_boards_agendas_papers_decisions"
    )

    migration.one_board_per_meeting_type(apps, None)

    meeting.refresh_from_db()
    assert meeting.board.name == "Performance Review"
    assert set(Board.objects.values_list("name", "meeting_type__name")) == {
        ("Performance Review", "Performance Review"),
        ("Audit Committee", "Audit Committee"),
    }
