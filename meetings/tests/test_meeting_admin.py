import pytest
from django.urls import reverse

from actions.tests.factories import UserFactory
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for(client):
    def sign_in(user):
        user.is_staff = True
        user.save()
        client.force_login(user)
        return client

    return sign_in


def test_it_offers_a_superuser_a_save_button_on_draft_minutes(admin_client_for):
    meeting = MeetingFactory()
    superuser = UserFactory(is_superuser=True)

    response = admin_client_for(superuser).get(
        reverse("admin:meetings_meeting_change", args=[meeting.pk])
    )

    assert 'name="_save"' in response.text


def test_it_makes_approved_minutes_read_only(admin_client_for, opcc_user):
    meeting = MeetingFactory(status=Meeting.Status.APPROVED, title="As approved")
    item = AgendaItemFactory(meeting=meeting, title="AOB")
    client = admin_client_for(opcc_user)

    page = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    meeting_post = client.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        {"title": "Rewritten"},
    )
    item_post = client.post(
        reverse("admin:meetings_agendaitem_change", args=[item.pk]),
        {"title": "Rewritten"},
    )

    assert 'name="_save"' not in page.text
    assert meeting_post.status_code == 403
    assert item_post.status_code == 403
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert (meeting.title, item.title) == ("As approved", "AOB")
