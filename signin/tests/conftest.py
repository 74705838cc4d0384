import pytest
from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery staple"


def sign_in(username, password=PASSWORD, address="192.0.2.7", client=None):
    client = client or Client(REMOTE_ADDR=address)
    response = client.post(
        reverse("login"), {"username": username, "password": password}
    )
    return client, response


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "root", "root@example.org", PASSWORD
    )
