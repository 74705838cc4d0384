import datetime

import icalendar
import pytest
from django.urls import reverse

from actions.models import CalendarFeed
from actions.tests.factories import ActionFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tom(db):
    return UserFactory(
        username="tom", first_name="Tom", last_name="Hughes", role="Force"
    )


def feed_url(user):
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return reverse("actions:calendar_feed", args=[feed.token])


def test_the_feed_lists_exactly_the_users_open_actions_with_due_dates(client, tom):
    cc = PostFactory(holders=[tom])
    acc = PostFactory(name="Assistant Chief Constable", abbreviation="ACC")
    acc.holders.add(tom)
    wanted = [
        ActionFactory(owner=cc, due_date=datetime.date(2021, 9, 23)),
        ActionFactory(
            owner=acc, due_date=datetime.date(2021, 10, 31), status="completed"
        ),
    ]
    ActionFactory(owner=cc, due_date=datetime.date(2021, 9, 1), status="closed")
    ActionFactory(owner=cc, due_date=None)
    ActionFactory(
        owner=PostFactory(name="Police and Crime Commissioner", abbreviation="PCC"),
        due_date=datetime.date(2021, 9, 23),
    )

    response = client.get(feed_url(tom))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert sorted(str(event["uid"]) for event in events) == sorted(
        f"action-{action.pk}@127.0.0.1" for action in wanted
    )
    first = events[0]
    assert first.decoded("dtstart") == datetime.date(2021, 9, 23)
    assert str(first["summary"]).startswith(f"Due: {wanted[0].reference} Provide plans")
    assert str(first["url"]) == f"http://127.0.0.1:8000/actions/{wanted[0].pk}/"
    assert str(calendar["x-wr-calname"]) == "Assurance: actions of Tom Hughes"


def test_an_unknown_address_is_not_found_and_says_nothing(client, tom):
    response = client.get(reverse("actions:calendar_feed", args=["not-a-token"]))

    assert response.status_code == 404
    assert b"token" not in response.content


def test_a_new_address_kills_the_old_one(client, tom):
    old = feed_url(tom)
    client.force_login(tom)

    response = client.post(reverse("actions:new_calendar_address"))

    assert response.status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    new = feed_url(tom)
    assert new != old
    assert client.get(new).status_code == 200


def test_the_address_of_someone_who_left_stops_working(client, tom):
    url = feed_url(tom)
    tom.is_active = False
    tom.save()

    assert client.get(url).status_code == 404


def test_the_settings_page_makes_and_shows_the_address(client, tom):
    client.force_login(tom)
    settings_page = reverse("actions:reminder_settings")
    assert "Make my calendar address" in client.get(settings_page).text

    client.post(reverse("actions:new_calendar_address"))

    page = client.get(settings_page).text
    token = CalendarFeed.objects.get(user=tom).token
    assert f'value="http://127.0.0.1:8000/calendar/{token}.ics"' in page
    assert '<label class="form-label" for="calendar-address">' in page
    assert "Make a new address" in page


def test_making_an_address_needs_a_sign_in_and_a_post(client, tom):
    url = reverse("actions:new_calendar_address")

    assert client.post(url).status_code == 302
    assert not CalendarFeed.objects.exists()
    client.force_login(tom)
    assert client.get(url).status_code == 405
