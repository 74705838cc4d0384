import datetime

import pytest
import time_machine
from django.urls import reverse

from signin.tests.conftest import sign_in

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
HOME = reverse("actions:home")


def at(minutes):
    return time_machine.travel(START + datetime.timedelta(minutes=minutes), tick=False)


@pytest.fixture
def client(opcc_user):
    with at(0):
        client, response = sign_in("opcc")
    assert response.status_code == 302
    return client


def test_a_session_idle_for_thirty_minutes_ends(client):
    with at(29):
        assert client.get(HOME).status_code == 200
    with at(29 + 31):
        response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2F&ended=idle"
    login = client.get(response["Location"])
    assert "signed out after a while without activity" in login.text
    assert "_auth_user_id" not in client.session


def test_a_session_in_use_lasts_twelve_hours_and_no_more(client):
    for minutes in range(25, 12 * 60, 25):
        with at(minutes):
            assert client.get(HOME).status_code == 200, minutes
    with at(12 * 60 + 5):
        response = client.get(HOME)

    assert response["Location"] == "/accounts/login/?next=%2F&ended=max"
    assert "a sign-in lasts at most 12 hours" in client.get(response["Location"]).text


def test_the_idle_time_is_a_setting(client, settings):
    settings.SESSION_IDLE_MINUTES = 5
    with at(6):
        assert client.get(HOME).status_code == 302


def test_deactivating_a_user_ends_their_sessions(client, opcc_user, force_user):
    with at(1):
        other, _ = sign_in("force")
        opcc_user.is_active = False
        opcc_user.save()
        opcc_user.is_active = True
        opcc_user.save()

        # Even on their return, the old session is gone; others' sessions stay.
        assert client.get(HOME).status_code == 302
        assert other.get(HOME).status_code == 200


def test_someone_typing_is_not_idle_so_their_minutes_are_not_lost(client):
    with at(25):
        assert client.get(HOME).status_code == 200
    with at(50):  # keep-alive.js, while they type
        assert client.post(reverse("signin:still_here")).status_code == 204
    with at(75):
        assert client.get(HOME).status_code == 200


def test_every_signed_in_page_loads_the_keep_alive_script(client):
    with at(1):
        page = client.get(HOME).text

    assert 'src="/static/js/keep-alive.js"' in page
    assert 'data-url="/accounts/still-here/"' in page
