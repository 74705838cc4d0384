import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from audit.models import AccessEvent

pytestmark = pytest.mark.django_db


def ask(email, address="192.0.2.7"):
    return Client(REMOTE_ADDR=address).post(reverse("password_reset"), {"email": email})


def test_a_reset_is_sent_and_recorded(opcc_user):
    response = ask("OPCC@example.org")

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    asked = AccessEvent.objects.get(kind=AccessEvent.Kind.PASSWORD_RESET_REQUESTED)
    assert (asked.detail, asked.address) == ("opcc@example.org", "192.0.2.7")


def test_three_an_hour_for_one_email_then_refused(opcc_user):
    for n in range(3):
        assert ask("opcc@example.org", address=f"192.0.2.{n}").status_code == 302

    refused = ask("opcc@example.org", address="192.0.2.99")

    assert refused.status_code == 429
    assert "Too many password resets" in refused.text
    assert len(mail.outbox) == 3


def test_five_an_hour_from_one_address_then_refused(opcc_user):
    for n in range(5):
        assert ask(f"someone{n}@example.org").status_code == 302

    assert ask("opcc@example.org").status_code == 429
    assert ask("opcc@example.org", address="198.51.100.1").status_code == 302


def test_an_email_that_is_no_account_is_limited_the_same(opcc_user):
    for _ in range(3):
        assert ask("nobody@example.org").status_code == 302

    assert ask("nobody@example.org").status_code == 429


def test_the_limit_is_for_an_hour(opcc_user):
    start = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            ask("opcc@example.org")
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        assert ask("opcc@example.org").status_code == 302
