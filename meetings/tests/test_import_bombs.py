"""Files made to exhaust the importer: each is refused, or read, cleanly and within
two seconds, and an import that runs past its time budget stops with the reason."""

import io
import time
import zipfile

import docx
import pytest

from meetings.importer import MinutesError, read_minutes, read_minutes_in_time
from meetings.importer.limits import MAX_HTML_DEPTH
from meetings.importer.pdf import MAX_PDF_PAGES
from meetings.tests import pdfs

QUICKLY = 2.0  # seconds


def timed(function, *args, **kwargs):
    started = time.monotonic()
    try:
        outcome = function(*args, **kwargs)
    except MinutesError as refused:
        outcome = refused
    return outcome, time.monotonic() - started


def nested_divs(levels):
    return (
        "<h1>Monthly Assurance Meeting March 2021</h1><p>Date: 23 March 2021</p>"
        + "<div>" * levels
        + "<p>1. AOB</p><p>ACTION: CC to report.</p>"
        + "</div>" * levels
    ).encode()


@pytest.mark.parametrize("levels", [8_000, 200_000])
def test_deeply_nested_html_is_refused_quickly(levels):
    refused, seconds = timed(read_minutes, nested_divs(levels), "minutes.html")

    assert isinstance(refused, MinutesError)
    assert f"nests its HTML {levels + 1:,} elements deep" in str(refused)
    assert seconds < QUICKLY


def test_html_nested_as_deep_as_a_page_from_word_is_read():
    minutes = read_minutes(nested_divs(MAX_HTML_DEPTH - 1), "minutes.html")

    assert minutes["meeting"]["date"] == "2021-03-23"
    assert minutes["actions"][0]["owner"] == "CC"


def test_stray_closing_tags_do_not_hide_deep_nesting():
    data = b"</div>" * 5_000 + nested_divs(MAX_HTML_DEPTH + 1)

    with pytest.raises(MinutesError, match="nests its HTML"):
        read_minutes(data, "minutes.html")


def word_document(body="", extra_part=None):
    document = docx.Document()
    document.add_paragraph("Monthly Assurance Meeting")
    saved = io.BytesIO()
    document.save(saved)
    source = zipfile.ZipFile(saved)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as package:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml" and body:
                data = data.replace(b"<w:body>", b"<w:body>" + body.encode(), 1)
            package.writestr(member, data)
        if extra_part:
            name, size = extra_part
            # Written a megabyte at a time: the test holds no 300 MB string.
            with package.open(name, "w", force_zip64=True) as part:
                for _ in range(size // 2**20):
                    part.write(bytes(2**20))
    return packed.getvalue()


def test_a_small_word_document_of_a_million_paragraphs_is_refused_quickly():
    data = word_document(body="<w:p/>" * 1_000_000)
    assert len(data) < 200 * 1024

    refused, seconds = timed(read_minutes, data, "minutes.docx")

    assert isinstance(refused, MinutesError)
    assert "has 1,000,001 paragraphs" in str(refused)
    assert seconds < QUICKLY


def test_a_word_document_holding_300_mb_of_zeros_is_refused_quickly():
    data = word_document(extra_part=("word/media/zeros.bin", 300 * 2**20))
    assert len(data) < 1024 * 1024

    refused, seconds = timed(read_minutes, data, "minutes.docx")

    assert isinstance(refused, MinutesError)
    assert "unpacks to more than 100 MB" in str(refused)
    assert seconds < QUICKLY


def test_a_pdf_of_too_many_pages_is_refused_quickly():
    data = pdfs.many_pages_pdf(MAX_PDF_PAGES * 5)

    refused, seconds = timed(read_minutes, data, "minutes.pdf")

    assert isinstance(refused, MinutesError)
    assert f"has {MAX_PDF_PAGES * 5:,} pages" in str(refused)
    assert seconds < QUICKLY


def slow_html(paragraphs):
    """Flat HTML the parser takes several seconds over (about 15 s for 250,000
    paragraphs on these machines) before the block limit refuses it."""
    return b"<p>Date: 23 March 2021</p>" + b"<p>x</p>" * paragraphs


@pytest.fixture
def fork_server_started():
    """The fork server starts once per process, preloading Django (half a second
    on an idle machine, far longer on a busy one): not part of the budget."""
    read_minutes_in_time(nested_divs(1), "minutes.html")


@pytest.mark.usefixtures("fork_server_started")
def test_an_import_past_its_time_budget_stops_with_the_reason():
    refused, seconds = timed(
        read_minutes_in_time, slow_html(250_000), "minutes.html", seconds=1
    )

    assert isinstance(refused, MinutesError)
    assert "took more than 1 seconds to read and was stopped" in str(refused)
    assert seconds < QUICKLY


def test_an_import_within_its_time_budget_reads_as_ever():
    data = nested_divs(10)

    assert read_minutes_in_time(data, "minutes.html") == read_minutes(
        data, "minutes.html"
    )


def test_a_refusal_within_the_budget_is_passed_on_as_it_was():
    with pytest.raises(MinutesError, match="is empty"):
        read_minutes_in_time(b"  ", "minutes.txt")
