import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action
from boards.models import Board
from imports.services import record_minutes
from imports.tests import contract
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(db):
    call_command("seed_demo", force=True, stdout=None)
    return Meeting.objects.get(date="2021-03-23")


def arising_on(client, meeting):
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).text
    return page.split('id="arising-heading"')[1].split("</section>")[0]


def test_the_april_review_made_from_the_march_minutes_lists_all_three_actions(
    client, opcc_user, march
):
    client.force_login(opcc_user)
    review_board = Board.objects.get(name="Performance Review Board")

    client.post(
        reverse("meetings:create"),
        {
            "after": march.pk,
            "board": review_board.pk,
            "title": "Performance Review April 2021",
            "date": "2021-04-27",
            "start_time": "14:00",
        },
    )

    april = Meeting.objects.get(title="Performance Review April 2021")
    assert april.board == review_board
    assert april.meeting_type.name == "Performance Review"
    arising = arising_on(client, april)
    for reference in ("2021-03/1", "2021-03/2", "2021-03/3"):
        assert reference in arising


def test_a_meeting_of_another_board_not_named_as_next_lists_none_of_them(
    client, opcc_user, march
):
    client.force_login(opcc_user)
    other = Meeting.objects.create(
        board=Board.objects.get(name="Performance Review Board"),
        meeting_type=march.meeting_type,
        title="Performance Review May 2021",
        date=datetime.date(2021, 5, 25),
    )

    assert "2021-03/" not in arising_on(client, other)


def test_imported_minutes_join_the_board_of_their_type(march):
    assert march.board.name == "Police Accountability Board"
    assert Action.objects.filter(agenda_item__meeting__board=march.board).count() == 3


def test_the_april_review_imported_lists_all_three_march_actions(
    client, opcc_user, march
):
    april = record_minutes(
        minutes=contract.minutes(
            title="Performance of Review of the year 2021",
            type="Performance Review",
            date="2021-04-27",
        )
    )
    client.force_login(opcc_user)

    arising = arising_on(client, april)

    assert april.board.name == "Performance Review Board"
    for reference in ("2021-03/1", "2021-03/2", "2021-03/3"):
        assert reference in arising
