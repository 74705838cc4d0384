"""Signing off takes an optional comment, "not accepted" a required reason; the
timeline shows either."""

import pytest
from django.urls import reverse

from actions.models import ActionStatus
from actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(db):
    return ActionFactory(status=ActionStatus.COMPLETED)


def post_status(client, user, action, to, reason=""):
    client.force_login(user)
    return client.post(
        reverse("actions:status", args=[action.pk]),
        {"to": to, "version": action.version, "reason": reason},
    )


def test_the_pcc_signs_off_with_a_comment_the_timeline_shows(
    client, pcc_user, completed
):
    page = post_status(client, pcc_user, completed, "closed", "Thorough; well done.")

    assert page.status_code == 302
    shown = client.get(reverse("actions:detail", args=[completed.pk])).content
    assert "Thorough; well done." in shown.decode()


def test_the_sign_off_form_asks_for_an_optional_comment(client, pcc_user, completed):
    client.force_login(pcc_user)

    page = client.get(reverse("actions:detail", args=[completed.pk])).content.decode()

    assert "Comment (optional)" in page
    assert "Why is it not accepted?" in page


def test_signing_off_without_a_comment_still_works(client, pcc_user, completed):
    assert post_status(client, pcc_user, completed, "closed").status_code == 302
    completed.refresh_from_db()
    assert completed.status == ActionStatus.CLOSED


def test_not_accepted_without_a_reason_is_refused(client, pcc_user, completed):
    page = post_status(client, pcc_user, completed, "in_progress")

    assert page.status_code == 400
    assert "needs a reason" in page.content.decode()
    completed.refresh_from_db()
    assert completed.status == ActionStatus.COMPLETED
