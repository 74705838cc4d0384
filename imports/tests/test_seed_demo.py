import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from actions.models import Action, Post
from meetings.models import AgendaItem, Attendee, Meeting
from people.models import Tenure

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (get_user_model(), Post, Meeting, Attendee, AgendaItem, Action)
    }


def test_it_creates_the_march_2021_meeting_and_its_three_actions():
    call_command("seed_demo", force=True, stdout=None)

    meeting = Meeting.objects.get()
    assert meeting.title == "Monthly Assurance Meeting March 2021"
    assert meeting.date == datetime.date(2021, 3, 23)
    assert meeting.start_time == datetime.time(10, 30)
    assert (meeting.chair, meeting.venue) == ("John Campion", "Virtual")
    assert meeting.next_meeting_date == datetime.date(2021, 4, 27)
    assert list(meeting.attendees.values_list("abbreviation", flat=True)) == [
        "PCC",
        "PO",
        "PA",
        "CC",
        "ACC",
        "SO",
    ]
    actions = Action.objects.order_by("reference")
    assert [
        (a.reference, a.agenda_item.number, a.owner and a.owner.abbreviation)
        for a in actions
    ] == [
        ("2021-03/1", "2", "CC"),
        ("2021-03/2", "1.2", None),
        ("2021-03/3", "1.2", "PCC"),
    ]
    assert actions[1].due_date == datetime.date(2021, 9, 23)
    assert actions[1].due_phrase == "in 6 months"
    assert AgendaItem.objects.get(number="1.2").parent.number == "3"


def test_it_creates_one_user_per_role_holding_posts():
    call_command("seed_demo", force=True)

    users = {u.username: u for u in get_user_model().objects.all()}
    assert users["opcc"].groups.get().name == "OPCC staff"
    assert users["force"].groups.get().name == "Force"
    assert users["pcc"].groups.get().name == "PCC"
    assert users["admin"].is_superuser
    assert users["admin"].groups.get().name == "Administrators"
    assert users["force"].check_password("assurance-demo")
    assert set(users["force"].posts.values_list("abbreviation", flat=True)) == {
        "CC",
        "ACC",
    }
    assert Post.objects.get(abbreviation="PCC").is_held_by(users["pcc"])
    # Each holder's time in the post is recorded, from a day nobody knows.
    assert sorted(
        Tenure.objects.values_list("post__abbreviation", "user__username", "started_on")
    ) == [
        ("ACC", "force", None),
        ("CC", "force", None),
        ("PCC", "pcc", None),
        ("PO", "opcc", None),
    ]


def test_it_changes_nothing_when_run_again():
    call_command("seed_demo", force=True)
    before = row_counts()

    call_command("seed_demo", force=True)

    assert row_counts() == before


def test_it_leaves_existing_accounts_alone(django_user_model):
    django_user_model.objects.create_user("admin", password="a-real-admin-password")

    call_command("seed_demo", force=True)

    admin = django_user_model.objects.get(username="admin")
    assert admin.check_password("a-real-admin-password")
    assert not admin.is_superuser
    assert not admin.is_staff
    assert django_user_model.objects.get(username="opcc").check_password(
        "assurance-demo"
    )


def test_it_refuses_to_run_when_debug_is_off_without_force(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")

    assert not get_user_model().objects.exists()


def test_it_prints_the_password(capsys):
    call_command("seed_demo", force=True, password="another-password")

    assert "another-password" in capsys.readouterr().out
    assert (
        get_user_model().objects.get(username="pcc").check_password("another-password")
    )
