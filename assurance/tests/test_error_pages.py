"""The 404, 500, 400 and CSRF-failure pages, as they are with DEBUG off."""

import pytest
from django.test import Client

HOME_LINK = '<a href="/">Back to the home page</a>'


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def assert_in_site_layout(response, title):
    html = response.content.decode()
    assert f"<title>{title} · Assurance</title>" in html
    assert 'class="navbar-brand"' in html
    assert HOME_LINK in html


@pytest.mark.django_db
def test_it_shows_a_styled_404_with_the_menu(client, opcc_user):
    client.force_login(opcc_user)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_in_site_layout(response, "Page not found")
    assert "Sign out" in response.content.decode()


@pytest.mark.django_db
def test_it_shows_the_404_to_someone_not_signed_in(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_in_site_layout(response, "Page not found")


# No database fixture: pytest-django refuses any query, so this fails if rendering
# the 500 page (a fault may be the database itself) needs one.
@pytest.mark.urls("assurance.tests.error_urls")
def test_it_shows_a_styled_500_without_the_database():
    client = Client(raise_request_exception=False)

    response = client.get("/fail/")

    assert response.status_code == 500
    assert_in_site_layout(response, "Something went wrong")
    assert "Sign out" not in response.content.decode()


def test_it_shows_a_styled_400_for_a_host_it_does_not_serve():
    response = Client().get("/", headers={"host": "elsewhere.example"})

    assert response.status_code == 400
    assert_in_site_layout(response, "Request not understood")


@pytest.mark.django_db
def test_it_explains_a_csrf_failure(opcc_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(opcc_user)

    response = client.post("/accounts/logout/")

    assert response.status_code == 403
    assert_in_site_layout(response, "Form expired")
    assert "Nothing was saved" in response.content.decode()
