import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_force_user_searches_from_the_header_and_finds_the_minuted_words(
    page, sign_in, audit_accessibility
):
    sign_in("force")

    page.get_by_label("Search everything").fill("HMICFRS")
    page.get_by_label("Search everything").press("Enter")

    expect(page.get_by_role("heading", name="Minutes")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("HMICFRS")
    audit_accessibility("search/results")
    page.get_by_role("link", name="Item 3").first.click()
    expect(page).to_have_url(re.compile(r"#item-\d+$"))
