import datetime

import pytest
import time_machine
from django.urls import reverse

from audit.models import AccessEvent
from signin.tests.conftest import sign_in

pytestmark = pytest.mark.django_db
LOCKED = "Signing in is paused"


def fail(times, username="opcc", address="192.0.2.7"):
    """Sign in with a wrong password; the last answer."""
    for _ in range(times):
        _, response = sign_in(username, "wrong password", address=address)
    return response


def test_ten_failures_for_a_user_pause_signing_in_even_with_the_right_password(
    opcc_user,
):
    fail(10, address="192.0.2.7")

    # From another address, so it is the name that is paused.
    client, response = sign_in("opcc", address="198.51.100.1")

    assert response.status_code == 429
    assert LOCKED in response.text
    assert "_auth_user_id" not in client.session


def test_nine_failures_do_not(opcc_user):
    assert "Please enter a correct username" in fail(9).text

    _, response = sign_in("opcc")

    assert response.status_code == 302


def test_ten_failures_from_an_address_pause_every_name_from_there(opcc_user):
    for n in range(10):
        fail(1, username=f"guess{n}", address="203.0.113.5")

    _, response = sign_in("opcc", address="203.0.113.5")

    assert response.status_code == 429
    _, elsewhere = sign_in("opcc", address="192.0.2.7")
    assert elsewhere.status_code == 302


def test_a_name_that_is_no_account_is_told_exactly_the_same(opcc_user):
    fail(10, username="opcc", address="192.0.2.7")
    fail(10, username="nobody", address="192.0.2.8")

    _, real = sign_in("opcc", address="198.51.100.1")
    _, unknown = sign_in("nobody", address="198.51.100.2")

    assert (real.status_code, unknown.status_code) == (429, 429)
    assert real.content == unknown.content


def test_the_pause_lasts_an_hour(opcc_user):
    start = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        fail(10)
    with time_machine.travel(start + datetime.timedelta(minutes=59), tick=False):
        assert sign_in("opcc")[1].status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=121), tick=False):
        assert sign_in("opcc")[1].status_code == 302


def test_a_superuser_unlocks_in_the_admin(opcc_user, superuser):
    from axes.models import AccessAttempt

    fail(10)
    attempt = AccessAttempt.objects.get(username="opcc")
    admin, _ = sign_in("root", address="198.51.100.9")

    response = admin.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert sign_in("opcc")[1].status_code == 302


def test_a_lockout_is_in_the_access_log(opcc_user):
    fail(10)

    locked = AccessEvent.objects.get(kind=AccessEvent.Kind.LOCKED_OUT)
    assert (locked.username, locked.address) == ("opcc", "192.0.2.7")
    assert (
        AccessEvent.objects.filter(kind=AccessEvent.Kind.SIGN_IN_FAILED).count() == 10
    )
