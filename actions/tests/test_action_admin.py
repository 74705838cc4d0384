import pytest
from django.urls import reverse

from actions.models import ActionUpdate
from actions.tests.factories import ActionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def opcc_client(client, opcc_user):
    opcc_user.is_staff = True
    opcc_user.save()
    client.force_login(opcc_user)
    return client


def test_it_never_lets_a_reference_change(opcc_client):
    action = ActionFactory(reference="2021-03/2")

    response = opcc_client.get(reverse("admin:actions_action_change", args=[action.pk]))

    assert response.status_code == 200
    assert 'name="reference"' not in response.text
    assert "2021-03/2" in response.text


def test_it_gives_a_new_action_a_reference(opcc_client):
    response = opcc_client.get(reverse("admin:actions_action_add"))

    assert 'name="reference"' in response.text


def test_it_signs_an_update_with_the_user_who_adds_it(opcc_client, opcc_user):
    action = ActionFactory()
    someone_else = UserFactory()

    response = opcc_client.post(
        reverse("admin:actions_actionupdate_add"),
        {"action": action.pk, "text": "Plans received.", "author": someone_else.pk},
    )

    assert response.status_code == 302
    assert ActionUpdate.objects.get().author == opcc_user
