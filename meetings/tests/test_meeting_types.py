import pytest
from django.urls import reverse

from meetings.models import MeetingType

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(db):
    return MeetingType.objects.create(name="Monthly Assurance Meeting")


def test_opcc_staff_rename_a_type_of_meeting(client, opcc_user, series):
    client.force_login(opcc_user)
    assert "Monthly Assurance Meeting" in client.get(reverse("meetings:types")).text

    response = client.post(
        reverse("meetings:type_edit", args=[series.pk]),
        {"name": "Police Accountability Meeting"},
        follow=True,
    )

    assert "The type of meeting is now Police Accountability Meeting." in response.text
    series.refresh_from_db()
    assert series.name == "Police Accountability Meeting"


def test_a_name_in_use_is_a_form_error(client, opcc_user, series):
    MeetingType.objects.create(name="Performance Review")
    client.force_login(opcc_user)

    response = client.post(
        reverse("meetings:type_edit", args=[series.pk]), {"name": "Performance Review"}
    )

    assert response.status_code == 400
    assert "already exists" in response.text
    series.refresh_from_db()
    assert series.name == "Monthly Assurance Meeting"


def test_the_force_cannot_rename_one(client, force_user, series):
    client.force_login(force_user)

    response = client.post(
        reverse("meetings:type_edit", args=[series.pk]), {"name": "Anything"}
    )

    assert response.status_code == 403
