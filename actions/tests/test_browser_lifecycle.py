"""The lifecycle journey of issue 5, in a real browser, as the three roles."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_night_time_economy_action(page):
    page.get_by_role("link", name="Actions", exact=True).click()
    page.get_by_label("Search", exact=True).fill("night time economy")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("region", name="All actions").get_by_role(
        "link", name="2021-03/1"
    ).click()
    expect(page.get_by_role("heading", name="Action 2021-03/1")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_force_completes_opcc_rejects_force_completes_pcc_signs_off(
    page, sign_in, audit_accessibility
):

    sign_in("force")
    page.get_by_role("link", name="Actions", exact=True).click()
    expect(page.get_by_role("region", name="My actions")).to_contain_text(
        "night time economy"
    )
    audit_accessibility("actions-list-force")
    open_night_time_economy_action(page)
    audit_accessibility("action-force")
    page.get_by_role("textbox", name="Progress update").fill(
        "Plans went to the Executive Team."
    )
    page.get_by_role("button", name="Add the update").click()
    expect(page.get_by_role("status")).to_contain_text("Your update is recorded.")
    page.get_by_role("button", name="Mark completed").click()
    expect(page.get_by_text("Completed – awaiting sign-off").first).to_be_visible()
    sign_out(page)

    sign_in("opcc")
    open_night_time_economy_action(page)
    audit_accessibility("action-opcc")
    page.get_by_label("Why is it not accepted?").fill(
        "No plan for women and girls yet."
    )
    page.get_by_role("button", name="Not accepted").click()
    expect(page.get_by_role("status")).to_contain_text("is now “In progress”")
    sign_out(page)

    sign_in("force")
    open_night_time_economy_action(page)
    page.get_by_role("button", name="Mark completed").click()
    sign_out(page)

    sign_in("pcc")
    open_night_time_economy_action(page)
    page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_role("status")).to_contain_text("is now “Closed”")

    steps = page.get_by_role("region", name="Timeline").get_by_role("listitem")
    expect(steps.filter(has_text="Progress update")).to_contain_text("Tom Hughes")
    expect(steps.filter(has_text="Mark completed")).to_have_count(2)
    expect(steps.filter(has_text="Mark completed").first).to_contain_text("Tom Hughes")
    expect(steps.filter(has_text="Not accepted")).to_contain_text(["Priya Shah"])
    expect(steps.filter(has_text="Not accepted")).to_contain_text(
        "No plan for women and girls yet."
    )
    expect(steps.filter(has_text="Sign off")).to_contain_text("Helen Ward")
    audit_accessibility("action-closed-pcc")


def test_opcc_staff_reassign_a_posts_actions(page, sign_in, audit_accessibility):
    sign_in("opcc")
    open_night_time_economy_action(page)
    page.get_by_role("link", name="Edit the wording or owner").click()
    expect(page.get_by_label("Owner post").locator("option:checked")).to_have_text(
        "Chief Constable (CC)"
    )
    audit_accessibility("action-edit")
    page.get_by_role("link", name="Actions", exact=True).click()
    page.get_by_role("link", name="Reassign a post's open actions").click()
    audit_accessibility("reassign")

    page.get_by_label("Move every open action of").select_option(
        label="Chief Constable (CC)"
    )
    page.get_by_label("To").select_option(label="Deputy Chief Constable (DCC)")
    page.get_by_role("button", name="Reassign").click()

    expect(page.get_by_role("status")).to_contain_text("1 open action moved")
