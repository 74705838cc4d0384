import datetime

import pytest
from django.urls import reverse

from actions.models import Action
from actions.tests.factories import ActionFactory, PostFactory
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    meeting = MeetingFactory(
        date=datetime.date(2021, 3, 23), next_meeting_date=datetime.date(2021, 4, 27)
    )
    return AgendaItemFactory(meeting=meeting, number="1.2")


def raise_at(client, item, **data):
    return client.post(
        reverse("actions:raise", args=[item.pk]),
        {
            "description": "Revisit SOC 4P balance.",
            "owner": "",
            "due_date": "",
            "due_phrase": "",
            **data,
        },
    )


def test_a_due_phrase_becomes_a_date_and_both_are_kept(client, opcc_user, item):
    client.force_login(opcc_user)

    response = raise_at(client, item, due_phrase="in 6 months")

    action = Action.objects.get()
    assert response.status_code == 302
    assert (action.reference, action.due_date, action.due_phrase) == (
        "2021-03/1",
        datetime.date(2021, 9, 23),
        "in 6 months",
    )
    assert action.owner is None
    assert action.history.first().history_user == opcc_user


def test_by_next_meeting_takes_its_date(client, opcc_user, item):
    client.force_login(opcc_user)

    raise_at(client, item, due_phrase="by the next meeting", owner=PostFactory().pk)

    assert Action.objects.get().due_date == datetime.date(2021, 4, 27)


def test_references_continue_the_months_numbers(client, opcc_user, item):
    ActionFactory(reference="2021-03/7", agenda_item=item)
    client.force_login(opcc_user)

    raise_at(client, item)

    assert Action.objects.filter(reference="2021-03/8").exists()


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"description": ""}, "This field is required."),
        ({"due_phrase": "soon"}, "is not a due date Assurance understands"),
        (
            {"due_date": "2021-03-01"},
            "1 Mar 2021 is before the meeting on 23 Mar 2021.",
        ),
        ({"due_date": "31/02/2021"}, "Enter a valid date."),
        ({"owner": "999"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_explained_and_the_rest_kept(
    client, opcc_user, item, data, field_message
):
    client.force_login(opcc_user)

    response = raise_at(client, item, **data)

    assert response.status_code == 200
    assert field_message in response.text
    if data.get("description") != "":
        assert "Revisit SOC 4P balance." in response.text
    assert not Action.objects.exists()


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
def test_only_opcc_staff_raise_actions(client, request, persona, item):
    client.force_login(request.getfixturevalue(persona))

    assert raise_at(client, item).status_code == 403
    assert not Action.objects.exists()


def test_no_actions_are_raised_on_approved_minutes(client, opcc_user, item):
    item.meeting.status = "approved"
    item.meeting.save()
    client.force_login(opcc_user)

    assert raise_at(client, item).status_code == 403
