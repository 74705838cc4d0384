"""The wording of an action in approved minutes is locked: it is corrected, with a
reason, and the correction is in the action's timeline."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from actions.services import edit_action
from actions.tests.factories import ActionFactory, PostFactory
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db

WORDING = "Provide plans for the night time economy."


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def action_in(status):
    return ActionFactory(
        description=WORDING, agenda_item=AgendaItemFactory(meeting__status=status)
    )


@pytest.mark.parametrize("status", [Meeting.Status.APPROVED, Meeting.Status.PUBLISHED])
def test_the_edit_page_refuses_an_action_of_approved_minutes(opcc_user, status):
    action = action_in(status)
    client = signed_in(opcc_user)
    url = reverse("actions:edit", args=[action.pk])

    page = client.get(url)
    posted = client.post(url, {"description": "Rewritten.", "version": 1})

    assert (page.status_code, posted.status_code) == (403, 403)
    action.refresh_from_db()
    assert action.description == WORDING
    assert action.history.count() == 1


def test_the_service_refuses_to_edit_an_action_of_approved_minutes(opcc_user):
    action = action_in(Meeting.Status.APPROVED)

    with pytest.raises(PermissionDenied):
        edit_action(
            action, by=opcc_user, version=1, description="Rewritten.", owner=None
        )


def test_an_action_of_draft_minutes_is_still_edited(opcc_user):
    action = action_in(Meeting.Status.DRAFT)

    response = signed_in(opcc_user).post(
        reverse("actions:edit", args=[action.pk]),
        {"description": "Reworded.", "version": 1},
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.description == "Reworded."


def test_the_action_page_offers_a_correction_once_the_minutes_are_approved(
    opcc_user,
):
    draft = action_in(Meeting.Status.DRAFT)
    approved = action_in(Meeting.Status.APPROVED)
    client = signed_in(opcc_user)

    draft_page = client.get(reverse("actions:detail", args=[draft.pk])).text
    approved_page = client.get(reverse("actions:detail", args=[approved.pk])).text

    assert reverse("actions:edit", args=[draft.pk]) in draft_page
    assert reverse("actions:correct", args=[draft.pk]) not in draft_page
    assert reverse("actions:edit", args=[approved.pk]) not in approved_page
    assert reverse("actions:correct", args=[approved.pk]) in approved_page


def test_a_correction_is_recorded_with_its_reason_in_the_timeline(opcc_user):
    action = action_in(Meeting.Status.PUBLISHED)
    owner = PostFactory()

    response = signed_in(opcc_user).post(
        reverse("actions:correct", args=[action.pk]),
        {
            "description": "Provide plans for the night-time economy.",
            "owner": owner.pk,
            "reason": "Typo in the published minutes; agreed by the chair.",
            "version": 1,
        },
    )
    page = signed_in(opcc_user).get(reverse("actions:detail", args=[action.pk]))

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.description == "Provide plans for the night-time economy."
    assert action.owner == owner
    latest = action.history.first()
    assert latest.history_user == opcc_user
    assert latest.history_change_reason == (
        "Correction: Typo in the published minutes; agreed by the chair."
    )
    timeline = page.text.split('id="timeline-heading"')[1]
    assert "<strong>Correction</strong>" in timeline
    assert "Typo in the published minutes; agreed by the chair." in timeline
    assert f"Description: {WORDING} → Provide plans for the night-time" in timeline


def test_a_correction_needs_a_reason(opcc_user):
    action = action_in(Meeting.Status.PUBLISHED)

    response = signed_in(opcc_user).post(
        reverse("actions:correct", args=[action.pk]),
        {"description": "Rewritten.", "reason": " ", "version": 1},
    )

    assert response.status_code == 400
    assert "Say why the wording is corrected" in response.text
    action.refresh_from_db()
    assert action.description == WORDING


@pytest.mark.parametrize("who", ["force_user", "pcc_user"])
def test_only_opcc_staff_correct_an_action(request, who):
    action = action_in(Meeting.Status.PUBLISHED)
    client = signed_in(request.getfixturevalue(who))
    url = reverse("actions:correct", args=[action.pk])

    page = client.get(url)
    posted = client.post(
        url, {"description": "Rewritten.", "reason": "Mine.", "version": 1}
    )

    assert (page.status_code, posted.status_code) == (403, 403)
    action.refresh_from_db()
    assert action.description == WORDING


def test_a_stale_correction_is_refused_and_keeps_its_text(opcc_user):
    action = action_in(Meeting.Status.PUBLISHED)
    url = reverse("actions:correct", args=[action.pk])
    client = signed_in(opcc_user)
    client.post(url, {"description": "First.", "reason": "One.", "version": 1})

    late = client.post(url, {"description": "Second.", "reason": "Two.", "version": 1})

    assert late.status_code == 409
    assert "Second.</textarea>" in late.text
    action.refresh_from_db()
    assert action.description == "First."
