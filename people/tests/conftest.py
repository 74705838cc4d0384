import pytest

from actions.tests.factories import UserFactory


@pytest.fixture
def administrator(db):
    """An administrator who is not a superuser: the role alone lets them in."""
    return UserFactory(
        username="ann",
        first_name="Ann",
        last_name="Jones",
        email="ann@example.org",
        role="Administrators",
    )


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client
