import pytest
from django.test import Client


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "root", "root@example.org", "a-long-enough-password"
    )


@pytest.fixture
def signed_in():
    def client_for(user):
        client = Client(REMOTE_ADDR="192.0.2.7")
        client.force_login(user)
        return client

    return client_for
