import pytest
from django.urls import reverse

from actions.models import Action
from actions.tests.factories import ActionFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts():
    return (
        PostFactory(name="Assistant Chief Constable", abbreviation="ACC"),
        PostFactory(name="Deputy Chief Constable", abbreviation="DCC"),
    )


def test_opcc_staff_move_every_open_action_of_a_post(client, opcc_user, posts):
    acc, dcc = posts
    open_ones = ActionFactory.create_batch(2, owner=acc)
    done = ActionFactory(owner=acc, status="closed")
    client.force_login(opcc_user)

    response = client.post(
        reverse("actions:reassign"), {"from_post": acc.pk, "to_post": dcc.pk}
    )

    assert response.status_code == 302
    assert "2 open actions moved" in client.get(response.url).text
    for action in open_ones:
        action.refresh_from_db()
        assert action.owner == dcc
        latest = action.history.first()
        assert latest.history_user == opcc_user
        assert latest.history_change_reason == (
            "Reassigned from Assistant Chief Constable (ACC) to "
            "Deputy Chief Constable (DCC)"
        )
    assert Action.objects.get(pk=done.pk).owner == acc


def test_it_refuses_the_same_post_twice(client, opcc_user, posts):
    client.force_login(opcc_user)

    response = client.post(
        reverse("actions:reassign"), {"from_post": posts[0].pk, "to_post": posts[0].pk}
    )

    assert "Choose a different post." in response.text


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
def test_only_opcc_staff_reassign(client, request, persona, posts):
    acc, dcc = posts
    action = ActionFactory(owner=acc)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        reverse("actions:reassign"), {"from_post": acc.pk, "to_post": dcc.pk}
    )

    assert response.status_code == 403
    action.refresh_from_db()
    assert action.owner == acc
