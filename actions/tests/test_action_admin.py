import pytest
from django.urls import reverse

from actions.tests.factories import ActionFactory

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
