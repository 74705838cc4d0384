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


def events_of(client, user):
    calendar = icalendar.Calendar.from_ical(client.get(feed_url(user)).content)
    return calendar, sorted(str(event["uid"]) for event in calendar.walk("VEVENT"))


def uids(*actions):
    return sorted(f"action-{action.pk}@127.0.0.1" for action in actions)


@pytest.fixture
def owed(db):
    """An open action of a force post, of an OPCC post and of no post, each due."""
    due = datetime.date(2026, 12, 1)
    chief_executive = PostFactory(
        name="Chief Executive", abbreviation="CEx", organisation="opcc"
    )
    return {
        "force": ActionFactory(owner=PostFactory(), due_date=due),
        "opcc": ActionFactory(owner=chief_executive, due_date=due),
        "nobody": ActionFactory(owner=None, due_date=due),
    }


def test_the_pccs_feed_is_empty_until_it_holds_everything_owed(client, pcc_user, owed):
    ActionFactory(owner=owed["force"].owner, due_date=None)
    ActionFactory(
        owner=owed["force"].owner, due_date=datetime.date(2026, 1, 1), status="closed"
    )
    assert events_of(client, pcc_user)[1] == []
    client.force_login(pcc_user)

    response = client.post(
        reverse("actions:calendar_contents"), {"holds": "everything"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/reminders/#calendar-heading"
    calendar, events = events_of(client, pcc_user)
    assert events == uids(*owed.values())
    assert str(calendar["x-wr-calname"]) == "Assurance: everything owed"


@pytest.mark.parametrize(
    ("name", "value_of", "held"),
    [
        ("organisation", lambda owed: "force", ["force", "panel"]),
        ("organisation", lambda owed: "opcc", ["opcc"]),
        ("owner", lambda owed: owed["opcc"].owner.pk, ["opcc"]),
        (
            "meeting_type",
            lambda owed: owed["panel"].agenda_item.meeting.meeting_type.pk,
            ["panel"],
        ),
    ],
)
def test_everything_owed_is_narrowed_by_the_dashboards_filters(
    client, opcc_user, owed, name, value_of, held
):
    owed["panel"] = ActionFactory(
        owner=owed["force"].owner,
        due_date=datetime.date(2026, 12, 3),
        agenda_item__meeting__meeting_type__name="Police and Crime Panel",
    )
    client.force_login(opcc_user)

    client.post(
        reverse("actions:calendar_contents"),
        {"holds": "everything", name: value_of(owed)},
    )

    assert CalendarFeed.objects.get(user=opcc_user).holds == "everything"
    assert events_of(client, opcc_user)[1] == uids(*(owed[key] for key in held))


def test_the_filters_leave_my_posts_actions_alone(client, tom, owed):
    mine = ActionFactory(
        owner=PostFactory(
            name="Deputy Chief Constable", abbreviation="DCC", holders=[tom]
        ),
        due_date=datetime.date(2026, 12, 2),
    )
    client.force_login(tom)

    client.post(
        reverse("actions:calendar_contents"), {"holds": "mine", "organisation": "opcc"}
    )

    assert events_of(client, tom)[1] == uids(mine)


def test_someone_who_may_not_see_every_action_cannot_choose_everything(
    client, django_user_model, owed
):
    visitor = django_user_model.objects.create_user("visitor")
    ActionFactory(
        owner=PostFactory(
            name="Head of Estates", abbreviation="HoE", holders=[visitor]
        ),
        due_date=datetime.date(2026, 12, 2),
    )
    client.force_login(visitor)
    settings_page = client.get(reverse("actions:reminder_settings")).text
    assert "My posts’ actions" in settings_page
    assert "Everything owed" not in settings_page

    response = client.post(
        reverse("actions:calendar_contents"), {"holds": "everything"}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert CalendarFeed.objects.get(user=visitor).holds == "mine"
    # Nor their posts' actions: in no role, /actions/<id>/ refuses them those too.
    assert events_of(client, visitor)[1] == []


def test_a_role_taken_away_empties_the_feed(client, pcc_user, owed):
    mine = ActionFactory(
        owner=PostFactory(name="Commissioner", abbreviation="PCC", holders=[pcc_user]),
        due_date=datetime.date(2026, 12, 2),
    )
    CalendarFeed.objects.create(user=pcc_user, holds="everything")
    assert events_of(client, pcc_user)[1] == uids(mine, *owed.values())

    pcc_user.groups.clear()

    # /actions/<id>/ now refuses them every action, their posts' included.
    assert events_of(client, pcc_user)[1] == []


def test_a_user_in_no_role_who_holds_a_post_gets_no_action_in_the_feed(client):
    visitor = UserFactory(username="visitor")
    action = ActionFactory(
        owner=PostFactory(holders=[visitor]),
        description="Confidential plans for the night time economy.",
        due_date=datetime.date(2026, 12, 2),
    )
    client.force_login(visitor)
    assert client.get(reverse("actions:detail", args=[action.pk])).status_code == 403
    client.logout()

    response = client.get(feed_url(visitor))

    assert response.status_code == 200
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT") == []
    assert b"Confidential" not in response.content


def test_the_settings_page_labels_every_calendar_choice(client, pcc_user):
    client.force_login(pcc_user)

    page = client.get(reverse("actions:reminder_settings")).text

    assert "What your calendar holds" in page
    for field, label in [
        ("id_meeting_type", "Meeting type"),
        ("id_organisation", "Organisation"),
        ("id_owner", "Owner post"),
    ]:
        assert f'for="{field}"' in page
        assert label in page
    assert 'value="everything"' in page
    assert "Any meeting type" in page


def test_choosing_what_the_calendar_holds_needs_a_sign_in_and_a_post(client, pcc_user):
    url = reverse("actions:calendar_contents")

    response = client.post(url, {"holds": "everything"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not CalendarFeed.objects.exists()
    client.force_login(pcc_user)
    assert client.get(url).status_code == 405
