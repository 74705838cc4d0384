"""How well pypdf and pdfplumber read minutes PDFs, and how fast: the choice of reader.

    .venv/bin/python bench/pdf_readers.py [--runs 3]

The PDFs are built with reportlab (meetings/tests/pdfs.py) in the layouts of
published minutes: title, date line, attendance table, numbered items, an action
table whose cells wrap; also twenty pages of it, and a 5,000-row action log.
Each reader's output is scored against the lines and rows the PDF was built from:

- lines: expected lines found whole in the output, as a line or within a paragraph
  joined from wrapped lines (spacing, no words lost or glued);
- order: of those, the share in the document's order (longest ordered run);
- glued: output words that are no word of the document (two words run together,
  a hyphen lost);
- running: running titles and "Page n of m" lines left in the output;
- rows: expected table rows recovered cell for cell, a wrapped cell's lines joined.

"pypdf text" and "pypdf layout" are pypdf's own extract_text modes (layout rows split
at two or more spaces: pypdf finds no tables); "pdfplumber" is extract_text for lines
and find_tables for rows; "pdf_blocks" is meetings/importer/pdf.py, built on pypdf.
Time is the median of the runs; memory is tracemalloc's peak (Python allocations).
"""

import argparse
import bisect
import io
import os
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    setup_django()
    from meetings.tests import pdfs

    documents = [
        ("minutes, ruled tables", pdfs.minutes_pdf()),
        ("minutes, unruled attendance", pdfs.minutes_pdf(unruled=True)),
        ("minutes, 125 items", pdfs.minutes_pdf(items=125)),
        ("action log, 5,000 rows", pdfs.action_log_pdf(rows=5000)),
    ]
    print(
        f"{'document':28} {'pages':>5} {'reader':13} {'ms':>8} {'peak MB':>8} "
        f"{'lines':>6} {'order':>6} {'glued':>6} {'running':>7} {'rows':>6}  "
        f"({runs} runs)"
    )
    for name, (data, expected) in documents:
        pages = page_count(data)
        for reader, read in READERS.items():
            timings, peak, (lines, rows) = measure(read, data, runs)
            found, ordered, glued, rows_found = score(expected, lines, rows)
            running = sum(1 for line in lines if is_running(line))
            print(
                f"{name:28} {pages:>5} {reader:13} {statistics.median(timings):>8.0f} "
                f"{peak:>8.1f} {found:>6} {ordered:>6} {glued:>6} {running:>7} "
                f"{rows_found:>6}"
            )


def setup_django():
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assurance.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def page_count(data):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def measure(read, data, runs):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        read(data)
        timings.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    result = read(data)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return timings, peak, result


def read_pypdf_text(data):
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return _lines(text), []


def read_pypdf_layout(data):
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    text = "\n".join(p.extract_text(extraction_mode="layout") for p in pages)
    rows = [re.split(r"\s{2,}", line.strip()) for line in text.splitlines()]
    return _lines(text), [row for row in rows if len(row) > 1]


def read_pdfplumber(data):
    import pdfplumber

    lines, rows = [], []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines.extend(_lines(page.extract_text()))
            for table in page.find_tables():
                rows.extend(
                    [" ".join((cell or "").split()) for cell in row]
                    for row in table.extract()
                )
    return lines, rows


def read_pdf_blocks(data):
    from meetings.importer.pdf import pdf_blocks

    lines, rows = [], []
    # No time limit: tracemalloc slows every allocation several times over.
    for block in pdf_blocks(data, time_limit=3600):
        if hasattr(block, "text"):
            lines.append(block.text)
        else:
            rows.append([re.sub(r"<[^>]+>", "", cell) for cell in block.cells])
    return lines, rows


READERS = {
    "pypdf text": read_pypdf_text,
    "pypdf layout": read_pypdf_layout,
    "pdfplumber": read_pdfplumber,
    "pdf_blocks": read_pdf_blocks,
}


def is_running(line):
    from meetings.tests.pdfs import RUNNING_TITLE

    return line == RUNNING_TITLE or bool(re.fullmatch(r"Page \d+ of \d+", line))


def _lines(text):
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def score(expected, lines, rows):
    """Percentages of lines found, in order and rows found; a count of glued words."""
    wanted = [text for kind, text in expected if kind == "p"]
    wanted_rows = [cells for kind, cells in expected if kind == "row"]
    # The n-th time a line is expected, it is looked for after its (n-1)-th place.
    stream = "\n".join(lines)
    after, found = {}, []
    for line in wanted:
        place = stream.find(line, after.get(line, 0))
        if place >= 0:
            found.append(place)
            after[line] = place + 1
    ordered = _longest_increasing(found)
    vocabulary = set(" ".join(wanted + [" ".join(r) for r in wanted_rows]).split())
    body = [line for line in lines if not is_running(line)]
    output = " ".join(body + [" ".join(r) for r in rows]).split()
    glued = sum(1 for word in output if word not in vocabulary)
    got_rows = {tuple(row) for row in rows}
    rows_found = sum(1 for row in wanted_rows if tuple(row) in got_rows)
    return (
        _percent(len(found), len(wanted)),
        _percent(ordered, len(found)),
        glued,
        _percent(rows_found, len(wanted_rows)),
    )


def _longest_increasing(values):
    tails = []
    for value in values:
        index = bisect.bisect_left(tails, value)
        tails[index : index + 1] = [value]
    return len(tails)


def _percent(part, whole):
    return f"{100 * part / whole:.0f}%" if whole else "-"


if __name__ == "__main__":
    main()
