"""A person's name, as reminders, timelines and the calendar show it, is one line of
printable text."""

import pytest
from django.urls import reverse

from actions.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "Tom\nBcc: x@example.com",
        "Tom\rHughes",
        "Tom\x1b[2J",
        "Tom\u2028Hughes",
        "T\tom",
    ],
)
def test_the_admin_refuses_a_name_with_a_line_break_or_control_character(client, name):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    tom = UserFactory(username="tom", first_name="Tom", last_name="Hughes")
    client.force_login(superuser)

    response = client.post(
        reverse("admin:auth_user_change", args=[tom.pk]),
        {
            "username": "tom",
            "first_name": name,
            "last_name": "Hughes",
            "email": "tom@example.org",
            "is_active": "on",
            "date_joined_0": "2021-01-01",
            "date_joined_1": "09:00:00",
        },
    )

    assert response.status_code == 200
    assert "A name is one line of text" in response.text
    tom.refresh_from_db()
    assert tom.first_name == "Tom"


def test_the_admin_saves_a_name_on_one_line(client):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    tom = UserFactory(username="tom", first_name="Tom", last_name="Hughes")
    client.force_login(superuser)

    response = client.post(
        reverse("admin:auth_user_change", args=[tom.pk]),
        {
            "username": "tom",
            "first_name": "Tomás",
            "last_name": "O’Brien-Hughes",
            "email": "tom@example.org",
            "is_active": "on",
            "date_joined_0": "2021-01-01",
            "date_joined_1": "09:00:00",
        },
    )

    assert response.status_code == 302
    tom.refresh_from_db()
    assert tom.get_full_name() == "Tomás O’Brien-Hughes"
