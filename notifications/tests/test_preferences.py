import pytest
from django.urls import reverse

from actions.tests.factories import UserFactory
from notifications.models import Preference
from notifications.outbox import SendFailed
from notifications.services import SendReport
from notifications.tasks import send_notifications

pytestmark = pytest.mark.django_db
URL = reverse("notifications:preferences")
CHOICES = {
    "assigned": "at_once",
    "completed": "never",
    "signed_off": "digest",
    "due_date": "at_once",
    "progress": "never",
    "more_time_asked": "at_once",
    "more_time_decided": "digest",
}


@pytest.fixture
def user(client):
    user = UserFactory(username="cc", role="Force")
    client.force_login(user)
    return user


def test_it_shows_the_defaults(client, user):
    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "cc@example.org" in page
    assert 'name="progress" value="digest"' in page
    assert not Preference.objects.exists()


def test_it_saves_each_choice(client, user):
    response = client.post(URL, CHOICES)

    assert response.status_code == 302
    assert dict(user.notification_preferences.values_list("topic", "delivery")) == (
        CHOICES
    )
    page = client.get(URL).content.decode()
    assert 'name="completed" value="never"' in page


def test_a_choice_not_offered_changes_nothing(client, user):
    response = client.post(URL, CHOICES | {"completed": "hourly"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Preference.objects.exists()


def test_someone_without_an_address_is_told_why_nothing_comes(client):
    user = UserFactory(username="noemail", email="")
    client.force_login(user)

    assert "Your account has no email address" in client.get(URL).content.decode()


def test_the_task_fails_visibly_when_an_email_failed(monkeypatch):
    report = SendReport(failed=[("cc@example.org", "Connection refused")])
    monkeypatch.setattr("notifications.services.send_notifications", lambda now: report)

    with pytest.raises(SendFailed, match="Connection refused"):
        send_notifications()
