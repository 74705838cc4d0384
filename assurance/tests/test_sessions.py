import logging

import pytest
from django.urls import reverse

from signin.tests.conftest import sign_in

pytestmark = pytest.mark.django_db
HOME = reverse("actions:home")
# Nothing listens on the discard port, so every call is refused at once.
CACHE_NOT_ANSWERING = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
    }
}


def test_a_signed_in_person_keeps_their_pages_while_the_cache_does_not_answer(
    opcc_user, settings, caplog
):
    client, response = sign_in("opcc")
    assert response.status_code == 302
    settings.CACHES = CACHE_NOT_ANSWERING

    with caplog.at_level(logging.ERROR, logger="django.contrib.sessions"):
        page = client.get(HOME)

    assert page.status_code == 200
    assert page.context["user"] == opcc_user
    assert "Error reading from cache" in caplog.text


def test_a_session_read_from_the_database_goes_back_into_the_cache(opcc_user):
    from django.core.cache import cache

    client, _ = sign_in("opcc")
    cache.clear()

    assert client.get(HOME).context["user"] == opcc_user
    assert cache.get(f"django.contrib.sessions.cached_db{client.session.session_key}")


def test_signing_in_works_while_the_cache_does_not_answer(opcc_user, settings):
    settings.CACHES = CACHE_NOT_ANSWERING

    client, response = sign_in("opcc")

    assert response.status_code == 302
    assert client.get(HOME).context["user"] == opcc_user
