import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from actions.tests.factories import UserFactory
from people.services import invite_person

pytestmark = pytest.mark.django_db
PASSWORD = "a long new password 42"


@pytest.fixture
def link(mailoutbox):
    invite_person(
        first_name="Jane",
        last_name="Smith",
        email="jane@police.example",
        role="Force",
        posts=[],
        today=datetime.date(2021, 9, 23),
    )
    return re.search(r"/invitation/\S+/", mailoutbox[-1].body)[0]


def _set_password(client, link):
    return client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})


def test_it_sets_the_password_and_sends_the_person_to_sign_in(client, link):
    page = client.get(link)
    assert page.status_code == 200
    assert "Welcome, Jane Smith" in page.text
    assert "jane@police.example" in page.text

    response = _set_password(client, link)

    assert response.status_code == 302
    assert response.url == reverse("login")
    signed_in = client.post(
        reverse("login"), {"username": "jane@police.example", "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    jane = get_user_model().objects.get(username="jane@police.example")
    assert client.session["_auth_user_id"] == str(jane.pk)


def test_the_link_works_once(client, link):
    _set_password(client, link)

    response = client.get(link)

    assert response.status_code == 410
    assert "This invitation has been used already" in response.text
    assert _set_password(client, link).status_code == 410


def test_the_link_expires_after_seven_days(client, link):
    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(days=8)):
        response = _set_password(client, link)

    assert response.status_code == 410
    assert "This invitation has expired" in response.text
    assert (
        not get_user_model()
        .objects.get(username="jane@police.example")
        .has_usable_password()
    )


def test_the_link_works_on_its_seventh_day(client, link):
    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(days=6)):
        assert client.get(link).status_code == 200


def test_a_damaged_link_says_so(client, link):
    response = client.get(link[:-6] + "xxxxx/")

    assert response.status_code == 410
    assert "copy the whole link" in response.text


def test_a_deactivated_account_cannot_use_its_link(client, link):
    get_user_model().objects.filter(username="jane@police.example").update(
        is_active=False
    )

    assert client.get(link).status_code == 410


def test_a_mismatched_password_is_a_form_error(client, link):
    response = client.post(
        link, {"new_password1": PASSWORD, "new_password2": "something else"}
    )

    assert response.status_code == 400
    assert "didn’t match" in response.text


def test_a_signed_in_person_can_open_it_too(client, link):
    client.force_login(UserFactory())

    assert client.get(link).status_code == 200
