import datetime

import pytest
from django.urls import reverse

from actions.tests.factories import ActionFactory
from meetings.tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MeetingTypeFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("actions:meeting_list")


@pytest.fixture
def meetings():
    review = MeetingTypeFactory(name="Performance Review")
    march = MeetingFactory(date=datetime.date(2021, 3, 23))
    item = AgendaItemFactory(meeting=march)
    ActionFactory.create_batch(2, agenda_item=item)
    ActionFactory(agenda_item=item, status="closed")
    MeetingFactory(meeting_type=review, date=datetime.date(2021, 4, 27))
    MeetingFactory(date=datetime.date(2020, 11, 24))


def titles(client, **query):
    response = client.get(LIST, query)
    assert response.status_code == 200
    return [(m.date.isoformat(), m.open_actions) for m in response.context["page"]]


def test_it_lists_meetings_newest_first_with_open_actions(client, pcc_user, meetings):
    client.force_login(pcc_user)

    assert titles(client) == [("2021-04-27", 0), ("2021-03-23", 2), ("2020-11-24", 0)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"year": "2020"}, ["2020-11-24"]),
        ({"q": "performance"}, ["2021-04-27"]),
        ({"q": "MARCH 2021"}, ["2021-03-23"]),
    ],
)
def test_it_filters(client, pcc_user, meetings, query, expected):
    client.force_login(pcc_user)

    assert [date for date, _ in titles(client, **query)] == expected


def test_it_says_so_when_a_filter_value_is_wrong(client, pcc_user, meetings):
    client.force_login(pcc_user)

    response = client.get(LIST, {"year": "last year", "meeting_type": "99"})

    assert response.status_code == 200
    assert "Enter a whole number." in response.text
    assert "Select a valid choice" in response.text


def test_it_refuses_a_user_in_no_role(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor"))

    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize(
    ("year", "said"),
    [
        ("-1", "Ensure this value is greater than or equal to 1."),
        ("0", "Ensure this value is greater than or equal to 1."),
        ("1e9", "Enter a whole number."),
        ("1234567890123456789012", "Ensure this value is less than or equal to 9999."),
        ("2020.5", "Enter a whole number."),
    ],
)
def test_a_year_that_cannot_be_is_said_so(client, pcc_user, meetings, year, said):
    client.force_login(pcc_user)

    response = client.get(LIST, {"year": year})

    assert response.status_code == 200
    assert said in response.text
