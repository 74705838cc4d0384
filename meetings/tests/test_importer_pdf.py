"""Text-based PDFs read into the same blocks as .docx and .html; bad PDFs refused."""

import io
import time

import pytest
from reportlab.pdfgen import canvas

from meetings.importer.blocks import Paragraph, Row
from meetings.importer.errors import MinutesError
from meetings.importer.pdf import MAX_PDF_PAGES, TIME_LIMIT_SECONDS, pdf_blocks
from meetings.tests import pdfs


@pytest.fixture(scope="module")
def minutes():
    data, _ = pdfs.minutes_pdf(items=12)
    return pdf_blocks(data)


def texts(blocks):
    return [block.text for block in blocks if isinstance(block, Paragraph)]


def test_it_reads_each_line_in_order(minutes):
    assert texts(minutes)[:3] == [
        "Monthly Assurance Meeting",
        "Thursday 14th July 2022 – 09:30-11:30",
        "Venue: Conference Room 2, Force Headquarters",
    ]
    assert any(
        "stop-and-search encounters rose slightly; the Commissioner asked for the "
        "well-being survey results" in text
        for text in texts(minutes)
    )


def test_it_joins_the_lines_of_a_wrapped_paragraph_and_keeps_short_lines_apart(
    minutes,
):
    report = next(t for t in texts(minutes) if t.startswith("The Chief Constable"))
    assert report.endswith("neighbourhood teams would not be affected.")
    assert "Venue: Conference Room 2, Force Headquarters" in texts(minutes)


def test_it_keeps_every_line_of_the_document():
    data, expected = pdfs.minutes_pdf(items=12)
    blocks = pdf_blocks(data)
    # Wrapped lines are joined into paragraphs: the words and their order stay.
    assert " ".join(b.text for b in blocks if isinstance(b, Paragraph)) == " ".join(
        text for kind, text in expected if kind == "p"
    )


def test_it_wraps_bold_runs_in_strong(minutes):
    assert minutes[0].html == "<strong>Monthly Assurance Meeting</strong>"
    assert minutes[1].html == "Thursday 14th July 2022 – 09:30-11:30"


def test_a_ruled_table_becomes_rows_with_one_cell_per_column(minutes):
    rows = [block.cells for block in minutes if isinstance(block, Row)]
    assert rows[0] == [
        "<strong>Name</strong>",
        "<strong>Initials</strong>",
        "<strong>Role</strong>",
    ]
    assert rows[1] == ["Sarah Whitfield", "SW", "Police and Crime Commissioner (Chair)"]


def test_a_wrapped_cell_is_joined_with_spaces(minutes):
    rows = [block.cells for block in minutes if isinstance(block, Row)]
    assert rows[-3] == [
        (
            "Share the staff well-being survey results with the panel, with a "
            "summary of the actions the force will take in response"
        ),
        "Deputy Chief Constable (PR)",
        "30 September 2022",
        "Ongoing",
    ]


def test_an_unruled_column_layout_becomes_rows():
    data, _ = pdfs.minutes_pdf(unruled=True)
    rows = [b.cells for b in pdf_blocks(data) if isinstance(b, Row)]
    assert rows[2] == ["Mark Ellison", "ME", "Chief Constable"]


def test_running_titles_and_page_numbers_are_dropped(minutes):
    assert not [
        text
        for text in texts(minutes)
        if text == pdfs.RUNNING_TITLE or text.startswith("Page ")
    ]


def test_text_is_escaped_in_the_html():
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Costs < £5k & rising")
    page.save()
    [line] = pdf_blocks(buffer.getvalue())
    assert line.text == "Costs < £5k & rising"
    assert line.html == "Costs &lt; £5k &amp; rising"


def test_an_encrypted_pdf_is_refused_with_the_reason():
    with pytest.raises(MinutesError, match="is an encrypted PDF: save it without"):
        pdf_blocks(pdfs.encrypted_pdf())


def test_a_pdf_with_an_empty_user_password_is_read():
    blocks = pdf_blocks(pdfs.encrypted_pdf(user_password=""))
    assert texts(blocks) == ["Monthly Assurance Meeting"]


def test_a_scanned_pdf_is_refused_as_having_no_text_layer():
    with pytest.raises(MinutesError, match="has no text layer: it looks like a scan"):
        pdf_blocks(pdfs.scanned_pdf())


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n" + b"\x00garbage" * 100, b"not a pdf at all", b""],
    ids=["damaged", "not-a-pdf", "empty"],
)
def test_a_damaged_pdf_is_refused(data):
    with pytest.raises(MinutesError, match="damaged PDF"):
        pdf_blocks(data)


def test_a_truncated_pdf_is_refused():
    data, _ = pdfs.minutes_pdf()
    with pytest.raises(MinutesError, match="PDF"):
        pdf_blocks(data[: len(data) // 3])


def test_too_many_pages_are_refused_before_any_text_is_read():
    data = pdfs.many_pages_pdf(MAX_PDF_PAGES + 1)
    with pytest.raises(MinutesError, match=f"has {MAX_PDF_PAGES + 1} pages; PDFs"):
        pdf_blocks(data)


def test_a_5000_row_action_log_is_read_within_the_time_limit():
    data, _ = pdfs.action_log_pdf(rows=5000)
    started = time.monotonic()
    rows = [block.cells for block in pdf_blocks(data)]
    assert time.monotonic() - started < TIME_LIMIT_SECONDS
    # The heading row reportlab repeats on each of the 129 pages is read once.
    assert len(rows) == 5001
    assert rows[5000] == [
        "Action 5000: review the custody record",
        "ME",
        "31 Oct 2022",
        "Open",
    ]


def test_reading_past_the_time_limit_is_refused_with_the_reason():
    data, _ = pdfs.minutes_pdf(items=40)
    with pytest.raises(MinutesError, match="took more than 0 seconds to read"):
        pdf_blocks(data, time_limit=0)


def test_a_running_title_that_dates_the_minutes_stays_on_the_first_page():
    data = io.BytesIO()
    pdf = canvas.Canvas(data)
    for page in range(1, 4):
        pdf.drawString(72, 800, "Police Accountability Board 14 July 2022")
        pdf.drawString(72, 760, f"{page}. Item {page}")
        pdf.drawString(72, 740, f"Discussion of item {page}.")
        pdf.drawString(72, 40, f"Page {page} of 3")
        pdf.showPage()
    pdf.save()

    lines = texts(pdf_blocks(data.getvalue()))

    assert lines.count("Police Accountability Board 14 July 2022") == 1
    assert lines[0] == "Police Accountability Board 14 July 2022"
    assert not any(line.startswith("Page ") for line in lines)


def test_an_items_reference_alone_at_the_foot_of_a_page_is_no_page_number():
    data = io.BytesIO()
    pdf = canvas.Canvas(data)
    for page, (first, last) in enumerate(
        [("Estates Board", "118/21"), ("Estates Strategy", "The strategy was noted.")],
        start=1,
    ):
        pdf.drawString(72, 800, first)
        pdf.drawString(72, 760, f"Discussion on page {page}.")
        pdf.drawString(72, 60, last)
        pdf.showPage()
    pdf.save()

    assert "118/21" in texts(pdf_blocks(data.getvalue()))
