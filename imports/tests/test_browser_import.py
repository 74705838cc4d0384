"""OPCC staff import minutes they already have, in a real browser, from real files
read by the real importer."""

import re

import pytest
from playwright.sync_api import expect

from actions.models import Action, Post
from meetings.models import Meeting
from meetings.tests.corpus.build import bold, build_pdf, p, table, title
from meetings.tests.samples import APRIL_2021

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Required fields' labels end with an asterisk.
DATE = re.compile(r"^Date\W*$")
TITLE = re.compile(r"^Title\W*$")

# Invented minutes, as a board might publish them as a PDF: Jane Hollis's post is
# not one of the demo posts, so the preview offers to create it.
ESTATES_BOARD = [
    title("Estates and Assets Board"),
    p("Tuesday 8 November 2022, 10:00 – 12:00"),
    p("Venue: Board Room, Police Headquarters"),
    bold("Present"),
    p("Sarah Whitfield (SW) – Police and Crime Commissioner"),
    p("Mark Ellison (ME) – Chief Constable"),
    p("Jane Hollis (JH) – Director of Estates"),
    p("Tom Kendal (TK) – Policy Officer"),
    bold("1. Welcome and apologies"),
    p("The Chair welcomed members. There were no apologies."),
    bold("2. Custody suite refurbishment"),
    p("The northern custody suite is three weeks behind its programme."),
    p("ACTION: JH to report the revised completion date by 30 November 2022."),
    bold("3. Station disposals"),
    p("The Board agreed to market the former Eastgate station in the spring."),
    table(
        [
            ["Action", "Owner", "Deadline", "Status"],
            ["Bring the Eastgate valuation to the Board", "CC", "31 Jan 2023", "Open"],
            ["Publish the estates consultation", "PO", "16 Dec 2022", "Ongoing"],
        ]
    ),
]

# Invented notes that give no date anywhere, as a working group's often do.
SCRUTINY_PANEL = """\
Custody Scrutiny Panel
Note of meeting

Present: Hannah Prior, Independent Member; Mark Ellison, Chief Constable (CC)

1. Welcome
The Chair thanked the custody staff for the visit they arranged for the panel.

2. Detainee welfare checks
The panel reviewed forty custody records; welfare checks were late in three.
ACTION: CC to share the custody welfare audit with the panel within 28 days.
"""


def pk(abbreviation):
    """The owner select's value for the post: its primary key."""
    return str(Post.objects.get(abbreviation=abbreviation).pk)


def test_opcc_staff_import_a_word_document_after_checking_it(
    page, sign_in, audit_accessibility
):
    sign_in("opcc")

    page.get_by_role("link", name="Import minutes").click()
    expect(page.get_by_role("heading", name="Import minutes")).to_be_visible()
    audit_accessibility("import-upload")
    page.get_by_label("Minutes file").set_input_files(APRIL_2021)
    page.get_by_role("button", name="Read the minutes").click()

    expect(
        page.get_by_role("heading", name="Check the minutes before importing")
    ).to_be_visible()
    expect(page.get_by_role("textbox", name=DATE)).to_have_value("2021-04-27")
    expect(page.get_by_label("Start time")).to_have_value("14:00")
    owner = page.get_by_label("Owner of action 3")
    expect(owner).to_have_value(pk("CC"))
    audit_accessibility("import-preview")
    assert not Meeting.objects.filter(date="2021-04-27").exists()
    owner.select_option(label=str(Post.objects.get(abbreviation="ACC")))
    page.get_by_role("button", name="Import these minutes").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Imported Performance Review, 27 Apr 2021, with 3 actions."
    )
    meeting = Meeting.objects.get(date="2021-04-27")
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    survey = Action.objects.get(description__contains="victim satisfaction survey")
    assert survey.owner.abbreviation == "ACC"
    assert Meeting.objects.get(date="2021-03-23").next_meeting == meeting


def test_a_pdf_is_checked_given_a_new_post_and_a_title_then_imported(
    page, sign_in, audit_accessibility, tmp_path
):
    pdf = tmp_path / "estates-board-2022-11-08.pdf"
    build_pdf(pdf, ESTATES_BOARD)
    sign_in("opcc")
    page.get_by_role("link", name="Import minutes").click()
    page.get_by_label("Minutes file").set_input_files(pdf)
    page.get_by_role("button", name="Read the minutes").click()

    expect(page.get_by_role("textbox", name=TITLE)).to_have_value(
        "Estates and Assets Board"
    )
    expect(page.get_by_role("textbox", name=DATE)).to_have_value("2022-11-08")
    page.get_by_text("Discussion of item 2").click()
    expect(page.get_by_text("three weeks behind its programme")).to_be_visible()
    actions = page.get_by_role("region", name="Actions", exact=True)
    expect(actions).to_contain_text("JH to report the revised completion date")
    expect(actions).to_contain_text("Bring the Eastgate valuation to the Board")
    expect(actions).to_contain_text("As written: JH (Jane Hollis, Director of Estates)")
    expect(page.get_by_label("Owner of action 1")).to_have_value("")
    expect(page.get_by_label("Owner of action 2")).to_have_value(pk("CC"))
    expect(page.get_by_label("Owner of action 3")).to_have_value(pk("PO"))
    audit_accessibility("import-preview-pdf")

    page.get_by_role("textbox", name=TITLE).fill("Estates and Assets Board November")
    page.get_by_label("Organisation of Director of Estates").select_option("OPCC")
    page.get_by_role("button", name="Create post Director of Estates").click()

    expect(page.get_by_role("status").first).to_contain_text(
        "Created the post Director of Estates (JH), OPCC"
    )
    expect(page.get_by_label("Owner of action 1")).to_have_value(pk("JH"))
    expect(page.get_by_role("textbox", name=TITLE)).to_have_value(
        "Estates and Assets Board November"
    )
    audit_accessibility("import-preview-pdf-post-created")
    page.get_by_role("button", name="Import these minutes").click()

    expect(
        page.get_by_role("heading", name="Estates and Assets Board November")
    ).to_be_visible()
    meeting = Meeting.objects.get(title="Estates and Assets Board November")
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    report = page.locator(".border-start", has_text="revised completion date")
    expect(report).to_contain_text("Owner: Director of Estates (JH)")
    action = Action.objects.get(description__contains="revised completion date")
    assert action.owner == Post.objects.get(name="Director of Estates")


def test_enter_in_a_field_imports_the_minutes_and_creates_no_post(
    page, sign_in, tmp_path
):
    pdf = tmp_path / "estates-board-2022-11-08.pdf"
    build_pdf(pdf, ESTATES_BOARD)
    sign_in("opcc")
    page.get_by_role("link", name="Import minutes").click()
    page.get_by_label("Minutes file").set_input_files(pdf)
    page.get_by_role("button", name="Read the minutes").click()
    expect(
        page.get_by_role("button", name="Create post Director of Estates")
    ).to_be_visible()

    title = page.get_by_role("textbox", name=TITLE)
    title.fill("Estates and Assets Board November")
    title.press("Enter")

    expect(page.get_by_role("status")).to_contain_text(
        "Imported Estates and Assets Board November, 8 Nov 2022, with 3 actions."
    )
    assert Meeting.objects.filter(title="Estates and Assets Board November").exists()
    assert not Post.objects.filter(name="Director of Estates").exists()


def test_undated_minutes_are_given_their_date_in_the_preview(
    page, sign_in, audit_accessibility, tmp_path
):
    notes = tmp_path / "custody-scrutiny-panel.txt"
    notes.write_text(SCRUTINY_PANEL, encoding="utf-8")
    sign_in("opcc")
    page.get_by_role("link", name="Import minutes").click()
    page.get_by_label("Minutes file").set_input_files(notes)
    page.get_by_role("button", name="Read the minutes").click()

    expect(
        page.get_by_text("These minutes give no meeting date: enter it.")
    ).to_be_visible()
    expect(page.get_by_role("textbox", name=DATE)).to_have_value("")
    audit_accessibility("import-preview-undated")
    page.get_by_role("button", name="Import these minutes").click()
    assert not Meeting.objects.filter(title="Custody Scrutiny Panel").exists()
    audit_accessibility("import-preview-refused")
    # The button is at the foot of the page: the summary at the top leads back.
    page.get_by_role("link", name="Date: Enter the date of the meeting.").click()
    expect(page.get_by_role("textbox", name=DATE)).to_be_focused()

    page.get_by_role("textbox", name=DATE).fill("2021-09-23")
    page.get_by_label("Approved").check()
    page.get_by_role("button", name="Import these minutes").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Imported Custody Scrutiny Panel, 23 Sep 2021, with 1 action."
    )
    expect(page.get_by_role("heading", name="Custody Scrutiny Panel")).to_be_visible()
    expect(page.get_by_text("Thursday 23 September 2021")).to_be_visible()
    # "within 28 days" counts from the date given in the preview.
    expect(page.get_by_text("Due: 21 Oct 2021")).to_be_visible()
    meeting = Meeting.objects.get(title="Custody Scrutiny Panel")
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    assert meeting.status == Meeting.Status.APPROVED
