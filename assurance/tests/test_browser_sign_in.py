"""The first journey: each role signs in, in a real browser, and lands on its home:
the dashboard for the PCC and the OPCC, their own actions for the force."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def land_on_home(page, sign_in, username, heading="Home"):
    sign_in(username)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def land_on_dashboard(page, sign_in, username):
    land_on_home(
        page, sign_in, username, heading="What is owed: open actions of every post"
    )


def test_the_sign_in_page_is_accessible(page, live_server, audit_accessibility):
    page.goto(live_server.url)

    expect(page.get_by_label("Username")).to_be_focused()
    audit_accessibility("sign-in")


def test_a_wrong_password_is_refused_with_a_message(page, live_server, demo):
    page.goto(live_server.url)
    page.get_by_label("Username").fill("opcc")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(
        page.get_by_text("Please enter a correct username and password")
    ).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("opcc")


def test_opcc_staff_see_the_march_2021_meeting_and_its_three_actions(
    page, sign_in, audit_accessibility
):
    land_on_dashboard(page, sign_in, "opcc")

    expect(page.get_by_text("Signed in as Priya Shah")).to_be_visible()
    expect(page.get_by_role("link", name="Admin")).to_be_visible()
    expect(page.get_by_role("link", name="3 open")).to_be_visible()
    audit_accessibility("dashboard-opcc")
    page.get_by_role("link", name="Meetings").click()
    expect(
        page.get_by_role("row", name="Monthly Assurance Meeting March 2021")
    ).to_contain_text("23 Mar 2021")
    page.get_by_role("link", name="Monthly Assurance Meeting March 2021").click()
    expect(
        page.get_by_role("heading", name="1.2 Resources to tackle SOC")
    ).to_be_visible()
    audit_accessibility("meeting")


def test_a_force_user_sees_the_actions_of_his_posts_first(
    page, sign_in, audit_accessibility
):
    land_on_home(page, sign_in, "force")

    mine = page.get_by_role("region", name="My actions")
    expect(mine).to_contain_text("night time economy")
    expect(mine).not_to_contain_text("LPPT")
    expect(page.get_by_role("link", name="Admin")).to_have_count(0)
    audit_accessibility("home-force")


def test_the_pcc_sees_the_actions_of_his_office(page, sign_in, audit_accessibility):
    land_on_dashboard(page, sign_in, "pcc")
    audit_accessibility("dashboard-pcc")

    page.get_by_role("link", name="Actions", exact=True).click()
    expect(page.get_by_role("region", name="My actions")).to_contain_text("LPPT")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_label("Year").fill("2021")
    page.get_by_role("button", name="Filter").click()
    expect(
        page.get_by_role("row", name="Monthly Assurance Meeting March 2021")
    ).to_contain_text("3")
    audit_accessibility("meetings-pcc")


def test_the_administrator_lands_on_home_with_the_admin_link(
    page, sign_in, audit_accessibility
):
    land_on_dashboard(page, sign_in, "admin")

    expect(page.get_by_role("region", name="My actions")).to_have_count(0)
    overdue = page.get_by_role("region", name="Overdue actions")
    expect(overdue).to_contain_text("2021-03/2")
    page.get_by_role("link", name="Admin").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def test_signing_out_returns_to_the_sign_in_page(page, live_server, sign_in):
    land_on_dashboard(page, sign_in, "pcc")

    page.get_by_role("button", name="Sign out").click()

    expect(page.get_by_role("heading", name="Sign in to Assurance")).to_be_visible()
    page.goto(live_server.url)
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
