"""Issue 15's journey: OPCC staff withhold one item of approved minutes as
OFFICIAL-SENSITIVE (section 31) and publish them; signed out, the public pages show
the board, the meeting, its agenda, the minutes, the decision and the published
actions, and the withheld item's words appear nowhere: not on the pages, the PDF,
the feed or the search."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings.models import Meeting
from publication.tests.conftest import WITHHELD_LINE, WITHHELD_WORDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EXEMPTION = "section 31 — law enforcement"


def assert_none_of_the_withheld_words(text, where):
    for words in WITHHELD_WORDS:
        assert words.lower() not in text.lower(), f"{words!r} on {where}"


def prepare_and_publish(page, audit):
    page.get_by_role("link", name="Record a decision at item 3").click()
    page.get_by_label("Decision").fill("The board endorsed the SOC delivery plan.")
    page.get_by_label("Of significant public interest").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("is recorded.")
    page.get_by_role("link", name="Approve the minutes").click()
    page.get_by_role("button", name="Approve the minutes").click()
    expect(page.get_by_role("status")).to_contain_text("The minutes are approved.")

    page.get_by_role("link", name="Prepare for publication").click()
    item = page.get_by_role("group", name="Item 1.2 Resources to tackle SOC")
    item.get_by_label("Protective marking").select_option(label="OFFICIAL-SENSITIVE")
    item.get_by_label("On publication").select_option(label="Withhold")
    item.get_by_label("Exemption, if withheld").fill(EXEMPTION)
    audit("publication/prepare")
    page.get_by_role("button", name="Save the markings").click()
    expect(page.get_by_role("status")).to_contain_text("The markings are saved")
    page.get_by_role("button", name="Publish the minutes").click()
    expect(page.get_by_role("status")).to_contain_text("The minutes are published")


def test_opcc_staff_publish_minutes_with_an_item_withheld(
    page, live_server, sign_in, audit_accessibility, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    sign_in("opcc")
    march = Meeting.objects.get(date="2021-03-23")
    page.goto(f"{live_server.url}/meetings/{march.pk}/")
    prepare_and_publish(page, audit_accessibility)
    page.get_by_role("button", name="Sign out").click()

    seen = {}
    page.goto(f"{live_server.url}/public/")
    expect(
        page.get_by_role("heading", name="Police Accountability Board")
    ).to_be_visible()
    audit_accessibility("publication/public-index")
    seen["index"] = page.content()
    page.get_by_role(
        "link", name="Minutes of Monthly Assurance Meeting March 2021", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.get_by_text(WITHHELD_LINE).first).to_be_visible()
    expect(
        page.get_by_text("The board endorsed the SOC delivery plan.")
    ).to_be_visible()
    expect(page.get_by_text("ACTION 2021-03/1:")).to_be_visible()
    audit_accessibility("publication/public-meeting")
    seen["meeting"] = page.content()
    pdf_url = page.get_by_role(
        "link", name="Download these minutes (PDF)"
    ).get_attribute("href")

    for link, name in (("Decisions", "decisions"), ("Actions", "actions")):
        page.get_by_role("link", name=link, exact=True).click()
        audit_accessibility(f"publication/public-{name}")
        seen[name] = page.content()
    expect(page.get_by_text("2021-03/1", exact=False).first).to_be_visible()

    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Search the published minutes").fill("HMICFRS")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_contain_text("1 published minute matches")
    audit_accessibility("publication/public-search")
    for words in WITHHELD_WORDS:
        page.get_by_label("Search the published minutes").fill(words)
        page.get_by_role("button", name="Search").click()
        expect(page.get_by_role("status")).to_contain_text("0 published minutes match")

    pdf = page.request.get(live_server.url + pdf_url)
    reader = PdfReader(io.BytesIO(pdf.body()))
    seen["pdf"] = "\n".join(p.extract_text() for p in reader.pages)
    assert WITHHELD_LINE in " ".join(seen["pdf"].split())
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    seen["feed"] = page.request.get(f"{live_server.url}/public/feed/").text()
    assert "Monthly Assurance Meeting March 2021" in seen["feed"]
    for where, text in seen.items():
        assert_none_of_the_withheld_words(text, where)
