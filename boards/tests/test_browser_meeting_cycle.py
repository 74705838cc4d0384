"""Issue 14's journey, as OPCC staff: a board, its agenda and papers, the minutes
written against it, a decision and two actions, approval through the
confirmation page, and the minutes agreed at the next meeting."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions.models import Action
from boards.agenda import send_agenda_emails
from boards.models import AgendaIssue, Decision
from meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def mail_to_memory(settings, monkeypatch):
    """Emails to memory, and agenda emails sent as the worker would, at once."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr(
        "boards.tasks.send_agenda_emails.delay",
        lambda: send_agenda_emails(now=timezone.now()),
    )


def create_board(page, audit):
    page.get_by_role("link", name="Boards").click()
    audit("cycle/boards")
    page.get_by_role("link", name="New board").click()
    page.get_by_label("Name").fill("Joint Audit Committee")
    page.get_by_label("Usual type of meeting").select_option(
        label="Monthly Assurance Meeting"
    )
    page.get_by_label("Chief Constable (CC)", exact=True).check()
    page.get_by_label("Assistant Chief Constable (ACC)").check()
    page.get_by_label("Usual chair").fill("Cllr Ann Smith")
    page.get_by_label("Usual venue").fill("Room 4, Police HQ")
    page.get_by_label("Usual minute-taker").fill("Charity Pearce")
    audit("cycle/board-form")
    page.get_by_role("button", name="Save the board").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Joint Audit Committee is saved."
    )
    audit("cycle/board")


def create_meeting(page, title, date):
    page.get_by_label("Title").fill(title)
    page.get_by_role("textbox", name=re.compile(r"^Date\W*$")).fill(date)
    page.get_by_label("Start time", exact=True).fill("10:00")
    page.get_by_role("button", name="Create the meeting").click()
    expect(page.get_by_role("status")).to_contain_text("is created as a draft.")


def draft_and_issue_agenda(page, audit, paper):
    page.get_by_role("link", name="Agenda and papers").click()
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Number, as written").fill("1")
    page.get_by_label("Title").fill("Internal audit report")
    page.get_by_label("Presented by").select_option(label="Chief Constable (CC)")
    page.get_by_label("Papers").set_input_files(str(paper))
    audit("cycle/agenda-item")
    page.get_by_role("button", name="Save the item").click()
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Number, as written").fill("2")
    page.get_by_label("Title").fill("Any other business")
    page.get_by_role("button", name="Save the item").click()
    audit("cycle/agenda")
    page.get_by_role("button", name="Issue the agenda").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Agenda is issued to 1 member of the Joint Audit Committee; the emails are "
        "being sent"
    )


def minute_the_meeting(page, audit):
    page.get_by_role("link", name="Edit item 1").click()
    page.get_by_label("Discussion").fill("The committee noted the report.")
    page.get_by_role("button", name="Save the item").click()
    page.get_by_role("link", name="Record a decision at item 1").click()
    page.get_by_label("Decision").fill("The committee approved the audit plan.")
    page.get_by_label("Of significant public interest").check()
    audit("cycle/decision-form")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("is recorded.")
    for description, owner in (
        ("Report the audit findings to the PCC.", "Chief Constable (CC)"),
        ("Share the audit plan with the force.", "Assistant Chief Constable (ACC)"),
    ):
        page.get_by_role("link", name="Raise an action at item 1").click()
        page.get_by_role("textbox", name=re.compile(r"^Action")).fill(description)
        page.get_by_label("Owner post").select_option(label=owner)
        page.get_by_label("Or when, as minuted").fill("in 3 months")
        page.get_by_role("button", name="Raise the action").click()
        expect(page.get_by_role("status")).to_contain_text("is raised.")


def test_opcc_staff_run_a_meeting_from_board_to_agreed_minutes(
    page, sign_in, audit_accessibility, mail_to_memory, tmp_path, mailoutbox
):
    paper = tmp_path / "Audit report.pdf"
    paper.write_bytes(PDF)
    sign_in("opcc")

    create_board(page, audit_accessibility)
    page.get_by_role("link", name="New meeting of this board").click()
    create_meeting(page, "Joint Audit Committee June 2021", "2021-06-15")
    draft_and_issue_agenda(page, audit_accessibility, paper)
    page.get_by_role("link", name="Joint Audit Committee June 2021").click()
    minute_the_meeting(page, audit_accessibility)

    page.get_by_role("link", name="Approve the minutes").click()
    expect(page.get_by_role("heading", name="What will be locked")).to_be_visible()
    audit_accessibility("cycle/approve")
    page.get_by_role("button", name="Approve the minutes").click()
    expect(page.get_by_role("status")).to_contain_text("The minutes are approved.")
    page.get_by_role("link", name="Withdraw the approval").click()
    audit_accessibility("cycle/withdraw")
    page.get_by_role("link", name="Cancel").click()

    page.get_by_role("link", name="Start the next meeting of this series").click()
    create_meeting(page, "Joint Audit Committee September 2021", "2021-09-14")
    page.get_by_role("link", name="Boards").click()
    page.get_by_role("link", name="Joint Audit Committee").click()
    page.get_by_role("link", name="Joint Audit Committee June 2021").click()
    page.get_by_role("link", name="Record where they were agreed").click()
    page.get_by_label("Agreed as a true record at").select_option(
        label="Joint Audit Committee September 2021, 14 Sep 2021"
    )
    audit_accessibility("cycle/agreed")
    page.get_by_role("button", name="Record where they were agreed").click()
    expect(page.get_by_role("status")).to_contain_text("recorded as agreed")
    page.get_by_role("link", name="Joint Audit Committee September 2021").first.click()
    expect(
        page.get_by_role("heading", name="Minutes of the previous meeting")
    ).to_be_visible()
    page.get_by_role("link", name="Decisions").click()
    expect(page.get_by_text("The committee approved the audit plan.")).to_be_visible()
    audit_accessibility("cycle/decisions")

    june = Meeting.objects.get(title="Joint Audit Committee June 2021")
    assert (june.status, june.agreed_at.title) == (
        "approved",
        "Joint Audit Committee September 2021",
    )
    assert june.board.name == "Joint Audit Committee"
    assert list(AgendaIssue.objects.get().emails.values_list("address", "state")) == [
        ("force@example.org", "sent")
    ]
    assert [email.to for email in mailoutbox] == [["Tom Hughes <force@example.org>"]]
    assert Decision.objects.get().significant_public_interest
    assert Action.objects.filter(agenda_item__meeting=june).count() == 2
    assert june.agreed_at.agreed_minutes.get() == june
