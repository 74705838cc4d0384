"""Uploads at the sizes the import issue names: a 5,000-row action table, and a
PDF past the page limit. Each is settled within the request, with a reason."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from actions.models import Action
from actions.tests.factories import PostFactory
from imports.tests.preview import preview_data
from meetings.importer import limits
from meetings.importer.pdf import MAX_PDF_PAGES
from meetings.models import Meeting
from meetings.tests.pdfs import many_pages_pdf

pytestmark = pytest.mark.django_db
UPLOAD = reverse("imports:upload")
ROWS = 5000


@pytest.fixture
def opcc_client(client, opcc_user):
    PostFactory(name="Chief Constable", abbreviation="CC")
    client.force_login(opcc_user)
    return client


def action_log_text(rows):
    rows = "".join(
        f"{n}\tReview custody record {n}\tCC\t31/10/2022\tOpen\n"
        for n in range(1, rows + 1)
    )
    return (
        "Custody Review Board – Action Log\nDate: 4 October 2022\n\n"
        f"No\tAction\tOwner\tDeadline\tStatus\n{rows}"
    ).encode()


def action_log_html(rows):
    rows = "".join(
        f"<tr><td>{n}</td><td>Review custody record {n}</td><td>CC</td>"
        "<td>31/10/2022</td><td>Open</td></tr>"
        for n in range(1, rows + 1)
    )
    return (
        "<html><body><h1>Custody Review Board – Action Log</h1>"
        "<p>Date: 4 October 2022</p><table><tr><th>No</th><th>Action</th>"
        f"<th>Owner</th><th>Deadline</th><th>Status</th></tr>{rows}</table>"
        "</body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("name", "build"),
    [("action-log.txt", action_log_text), ("action-log.html", action_log_html)],
)
def test_a_5000_row_action_table_is_refused_with_the_reason(opcc_client, name, build):
    response = opcc_client.post(UPLOAD, {"file": SimpleUploadedFile(name, build(ROWS))})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        (
            f"{name} has 5,000 actions and 0 attendees, more than one preview can "
            "check (its fields may number 1,000): split it into shorter files, or ask "
            "an administrator to run import_minutes."
        )
    ]
    assert not Meeting.objects.exists()


def test_an_action_table_the_preview_can_hold_is_imported_whole(opcc_client):
    # 900 owners and the meeting's own fields stay under Django's 1,000 fields.
    upload = SimpleUploadedFile("action-log.txt", action_log_text(900))
    preview_url = opcc_client.post(UPLOAD, {"file": upload}).url
    preview = opcc_client.get(preview_url)

    response = opcc_client.post(preview_url, preview_data(preview))

    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings:detail", args=[meeting.pk])
    assert Action.objects.filter(owner__abbreviation="CC").count() == 900


def test_a_pdf_over_the_page_limit_is_refused_at_the_field(opcc_client):
    pdf = many_pages_pdf(MAX_PDF_PAGES + 1)

    response = opcc_client.post(UPLOAD, {"file": SimpleUploadedFile("bomb.pdf", pdf)})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        (
            f"bomb.pdf has {MAX_PDF_PAGES + 1} pages; "
            f"PDFs over {MAX_PDF_PAGES} pages are refused"
        )
    ]
    assert not Meeting.objects.exists()


def test_a_file_that_reads_past_the_time_budget_is_refused_at_the_field(
    opcc_client, monkeypatch
):
    monkeypatch.setattr(limits, "IMPORT_TIME_LIMIT_SECONDS", 1)
    slow = b"<p>Date: 23 March 2021</p>" + b"<p>x</p>" * 250_000

    response = opcc_client.post(UPLOAD, {"file": SimpleUploadedFile("slow.html", slow)})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        (
            "slow.html took more than 1 seconds to read and was stopped: split it "
            "into shorter files, or save it again as a .docx or .txt"
        )
    ]
    assert not Meeting.objects.exists()


def test_import_minutes_stops_a_file_past_the_time_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "IMPORT_TIME_LIMIT_SECONDS", 1)
    slow = tmp_path / "slow.html"
    slow.write_bytes(b"<p>Date: 23 March 2021</p>" + b"<p>x</p>" * 250_000)
    errors = io.StringIO()

    with pytest.raises(CommandError, match="1 of 1 files were not imported"):
        call_command("import_minutes", str(slow), stderr=errors, stdout=io.StringIO())

    assert "took more than 1 seconds to read" in errors.getvalue()
