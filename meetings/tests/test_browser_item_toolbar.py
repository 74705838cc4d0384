"""OPCC staff format an item's discussion with the toolbar, keyboard included."""

import pytest
from playwright.sync_api import expect

from meetings.models import AgendaItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_opcc_staff_make_bold_and_a_list_with_the_toolbar(
    page, sign_in, audit_accessibility
):
    sign_in("opcc")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Monthly Assurance Meeting March 2021").click()
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Number, as written").fill("9")
    page.get_by_label("Title").fill("Rural crime")
    discussion = page.get_by_label("Discussion")
    discussion.fill("Figures were asked for.\nFarm thefts\nHeritage crime")

    discussion.evaluate("box => box.setSelectionRange(0, 7)")
    page.get_by_role("button", name="Bold").click()
    # From within "Farm thefts" to the end: both lines become entries.
    discussion.evaluate("box => box.setSelectionRange(45, box.value.length)")
    page.get_by_role("button", name="Bold").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("button", name="Bulleted list")).to_be_focused()
    page.keyboard.press("Enter")

    expect(discussion).to_have_value(
        "<strong>Figures</strong> were asked for.\n- Farm thefts\n- Heritage crime"
    )
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()
    audit_accessibility("item-form-toolbar")
    page.get_by_role("button", name="Save the item").click()

    item = page.locator(f"#item-{AgendaItem.objects.get(number='9').pk}")
    expect(item.locator("strong")).to_have_text("Figures")
    expect(item.get_by_role("listitem")).to_have_text(["Farm thefts", "Heritage crime"])


def test_without_javascript_typed_lines_still_make_a_list(
    browser, live_server, sign_in, page
):
    sign_in("opcc")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Monthly Assurance Meeting March 2021").click()
    url = page.get_by_role("link", name="Add an agenda item").get_attribute("href")
    context = browser.new_context(
        java_script_enabled=False, storage_state=page.context.storage_state()
    )
    plain = context.new_page()

    plain.goto(live_server.url + url)
    expect(plain.get_by_role("toolbar")).to_have_count(0)
    expect(plain.get_by_text("type <strong>…</strong> and <u>…</u>")).to_be_visible()
    plain.get_by_label("Number, as written").fill("9")
    plain.get_by_label("Title").fill("Rural crime")
    plain.get_by_label("Discussion").fill("<u>Asked</u>\n- Farm thefts\n- Heritage")
    plain.get_by_role("button", name="Save the item").click()

    item = plain.locator(f"#item-{AgendaItem.objects.get(number='9').pk}")
    expect(item.locator("u")).to_have_text("Asked")
    expect(item.get_by_role("listitem")).to_have_text(["Farm thefts", "Heritage"])
    context.close()
