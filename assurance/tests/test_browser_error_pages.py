"""The 404 and 500 pages in a real browser, as the live server serves them with
DEBUG off, checked with axe."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.urls("assurance.tests.error_urls")
def test_the_404_and_500_pages_are_accessible(page, live_server, audit_accessibility):
    response = page.goto(f"{live_server.url}/no-such-page/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    audit_accessibility("anonymous-404")

    response = page.goto(f"{live_server.url}/fail/")

    assert response.status == 500
    expect(page.get_by_role("heading", name="Something went wrong")).to_be_visible()
    audit_accessibility("anonymous-500")
    page.get_by_role("link", name="Back to the home page").click()
    expect(page.get_by_label("Username")).to_be_visible()
