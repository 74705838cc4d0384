"""The three roles, as the data migration creates them, and what each may do."""

import pytest
from django.urls import reverse

from actions.models import Action, Organisation
from actions.tests.factories import ActionFactory, PostFactory
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_opcc_staff_may_edit_minutes_and_actions(opcc_user):
    assert opcc_user.has_perm("meetings.change_meeting")
    assert opcc_user.has_perm("meetings.add_agendaitem")
    assert ActionFactory().is_editable_by(opcc_user)
    assert ActionFactory(owner=None).can_be_updated_by(opcc_user)


def test_a_force_user_cannot_edit_minutes(force_user):
    assert not force_user.has_perm("meetings.change_meeting")
    assert not force_user.has_perm("meetings.add_agendaitem")
    assert not MeetingFactory().is_editable_by(force_user)


def test_a_force_user_may_update_actions_of_the_force_posts_he_holds(force_user):
    mine = ActionFactory(owner=PostFactory(holders=[force_user]))
    not_held = ActionFactory(
        owner=PostFactory(name="Deputy Chief Constable", abbreviation="DCC")
    )
    opcc_post = PostFactory(
        name="Policy Officer", abbreviation="PO", organisation=Organisation.OPCC
    )
    opccs = ActionFactory(owner=opcc_post)
    opcc_post.holders.add(force_user)

    assert mine.can_be_updated_by(force_user)
    assert not not_held.can_be_updated_by(force_user)
    assert not opccs.can_be_updated_by(force_user)
    assert not mine.is_editable_by(force_user)


def test_nobody_updates_a_closed_action(force_user, opcc_user):
    action = ActionFactory(
        owner=PostFactory(holders=[force_user]), status=Action.Status.CLOSED
    )

    assert not action.can_be_updated_by(force_user)
    assert not action.can_be_updated_by(opcc_user)


def test_a_pcc_user_cannot_edit_an_actions_description(pcc_user):
    action = ActionFactory(owner=PostFactory(holders=[pcc_user]))

    assert not action.is_editable_by(pcc_user)
    assert not action.can_be_updated_by(pcc_user)
    assert pcc_user.has_perm("actions.sign_off_action")
    assert pcc_user.has_perm("meetings.view_meeting")


def test_the_admin_refuses_a_force_users_change_to_minutes(client, force_user):
    # Even with admin access, the group's permissions decide.
    force_user.is_staff = True
    force_user.save()
    meeting = MeetingFactory(title="Monthly Assurance Meeting March 2021")
    client.force_login(force_user)

    response = client.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        {"title": "Rewritten"},
    )

    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.title == "Monthly Assurance Meeting March 2021"


def test_the_admin_refuses_a_pcc_users_change_to_an_action(client, pcc_user):
    pcc_user.is_staff = True
    pcc_user.save()
    action = ActionFactory(description="Revisit in 6 months.")
    client.force_login(pcc_user)

    response = client.post(
        reverse("admin:actions_action_change", args=[action.pk]),
        {"description": "Forget it."},
    )

    assert response.status_code == 403
    action.refresh_from_db()
    assert action.description == "Revisit in 6 months."


def test_the_admin_leaves_minutes_and_actions_to_their_pages(client, opcc_user):
    opcc_user.is_staff = True
    opcc_user.save()
    client.force_login(opcc_user)

    assert client.get(reverse("admin:meetings_meeting_add")).status_code == 403
    assert client.get(reverse("admin:actions_action_add")).status_code == 403
    assert client.get(reverse("admin:actions_post_add")).status_code == 200


def test_the_admin_cannot_change_who_holds_a_post(admin_client, django_user_model):
    post = PostFactory(name="Chief Constable", abbreviation="CC")
    someone = django_user_model.objects.create_user("someone")

    admin_client.post(
        reverse("admin:actions_post_change", args=[post.pk]),
        {
            "name": "Chief Constable",
            "abbreviation": "CC",
            "organisation": post.organisation,
            "is_active": "on",
            "holders": [someone.pk],
        },
    )

    post.refresh_from_db()
    assert list(post.holders.all()) == []
