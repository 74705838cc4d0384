"""Read a text-based PDF into the blocks every other format becomes.

pypdf reports each piece of text with where it starts and in which font, and each
line drawn on the page. From those: ruled tables (cells between drawn lines),
unruled column layouts (pieces of one line far apart), and lines of text in
reading order, top to bottom. Chosen over pdfplumber for speed: see
bench/pdf_readers.py.
"""

import html
import io
import itertools
import logging
import re
import time
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from meetings.importer.blocks import Paragraph, Row
from meetings.importer.dates import find_any_date
from meetings.importer.errors import MinutesError

# A PDF bomb declares thousands of pages; the longest real minutes run to about 60.
MAX_PDF_PAGES = 200
# Reading stops here rather than hold an upload open; a 5,000-row action log takes
# about 1.5 s (bench/pdf_readers.py).
TIME_LIMIT_SECONDS = 10

# pypdf logs recoverable faults in damaged files ("Ignoring wrong pointing object")
# as warnings; they would reach the console on every import.
logging.getLogger("pypdf").setLevel(logging.ERROR)

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# "3", "Page 3", "3 of 12", "Page 3 / 12"; not "118/21", an item's reference.
PAGE_NUMBER = re.compile(
    r"(?:page\s*)?\d{1,4}(?:\s+of\s+\d{1,4}|\s+/\s+\d{1,4})?|page\s*\d+\s*/\s*\d+",
    re.IGNORECASE,
)
# Lines at the top or bottom of a page that may be a running header or footer.
MARGIN_LINES = 2
# A line in the same place on this share of pages is a running header or footer;
# the body's own lines coincide on fewer, even in minutes with repeating layouts.
RUNNING_SHARE = 0.6
# Used by _segments: farther apart than this (in font sizes), two pieces of text on
# one line are in different columns.
COLUMN_GAP = 1.5
# A rule drawn as a filled rectangle (as Word draws table borders) is this thin.
RULE_WIDTH = 2.0
TOLERANCE = 2.0
# A line ending this many font sizes short of the right margin ends its paragraph.
WRAP_SLACK = 8
# Lines of one paragraph are at most this many font sizes apart.
LINE_SPACING = 1.6


@dataclass
class _Run:
    x: float
    y: float
    text: str
    size: float
    bold: bool
    width: float


@dataclass
class _Page:
    runs: list = field(default_factory=list)
    horizontals: list = field(default_factory=list)  # (y, x0, x1)
    verticals: list = field(default_factory=list)  # (x, y0, y1)
    point: tuple = (0.0, 0.0)  # where the path being drawn has got to


def pdf_blocks(
    data: bytes, *, time_limit: float = TIME_LIMIT_SECONDS
) -> list[Paragraph | Row]:
    reader = _open(data)
    pages = _pages(reader)
    deadline = time.monotonic() + time_limit
    read = []
    for number, page in enumerate(pages, start=1):
        if time.monotonic() > deadline:
            raise MinutesError(
                f"took more than {time_limit:g} seconds to read (stopped at page "
                f"{number} of {len(pages)}): split it into shorter PDFs"
            )
        read.append(_read_page(page))
    if not any(page.runs for page in read):
        raise MinutesError(
            "has no text layer: it looks like a scanned image; run it through "
            "text recognition (OCR), or import the original document instead"
        )
    return _join_pages([_page_blocks(page) for page in read])


def _open(data):
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("needs a password")
        return reader
    except (FileNotDecryptedError, DependencyError) as error:
        raise MinutesError(
            "is an encrypted PDF: save it without a password and import it again"
        ) from error
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise MinutesError(
            "is a damaged PDF or not a PDF at all: it cannot be opened"
        ) from error


def _pages(reader):
    """The pages, after checking their number twice before reading any.

    1. The count the page tree declares, which costs nothing to read.
    2. The pages actually found: a bomb may declare fewer than it holds.
    """
    try:
        declared = int(reader.trailer["/Root"]["/Pages"].get("/Count", 0))
        _refuse_too_many(declared)
        pages = list(reader.pages)
    except MinutesError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise MinutesError(
            "is a damaged PDF: its list of pages cannot be read"
        ) from error
    _refuse_too_many(len(pages))
    return pages


def _refuse_too_many(count):
    if count > MAX_PDF_PAGES:
        raise MinutesError(
            f"has {count:,} pages; PDFs over {MAX_PDF_PAGES} pages are refused"
        )


def _read_page(page):
    found = _Page()

    def on_text(text, cm, tm, font, size):
        _add_runs(found, text, _multiply(tm, cm), font, size)

    def on_operator(operator, operands, cm, tm):
        _add_rule(found, operator, operands, cm)

    try:
        page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise MinutesError(
            "is a damaged PDF: the text of a page cannot be read"
        ) from error
    return found


def _multiply(a, b):
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _add_runs(found, text, matrix, font, size):
    size = abs(size * (matrix[3] or matrix[0])) or 1.0
    bold = bool(font and BOLD_FONT.search(str(font.get("/BaseFont", ""))))
    average = _average_width(font)
    # pypdf reports a line at a time; a piece holding several is unusual, and its
    # later lines sit one font size apart.
    for number, line in enumerate(text.split("\n")):
        if line.strip():
            found.runs.append(
                _Run(
                    x=matrix[4],
                    y=matrix[5] - number * size,
                    text=line,
                    size=size,
                    bold=bold,
                    width=len(line) * average * size,
                )
            )


def _average_width(font):
    """The mean glyph width in font sizes, to guess where a piece of text ends.

    pypdf tells where text starts, not where it ends. The font's own widths give
    the end closely enough to tell a space between words from a gap between columns.
    """
    try:
        widths = [float(w) for w in font["/Widths"] if float(w) > 0]
        return sum(widths) / len(widths) / 1000
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return 0.5


def _add_rule(found, operator, operands, cm):
    try:
        if operator == b"m":
            found.point = _apply(cm, operands[0], operands[1])
        elif operator == b"l":
            end = _apply(cm, operands[0], operands[1])
            _add_segment(found, found.point, end)
            found.point = end
        elif operator == b"re":
            _add_rectangle(found, cm, *(float(o) for o in operands[:4]))
    except (IndexError, TypeError, ValueError):
        pass  # a malformed path draws nothing; the text still counts


def _apply(cm, x, y):
    x, y = float(x), float(y)
    return (x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5])


def _add_rectangle(found, cm, x, y, width, height):
    # Only thin rectangles are rules: larger ones are shading or clipping areas.
    (x0, y0), (x1, y1) = _apply(cm, x, y), _apply(cm, x + width, y + height)
    if abs(y1 - y0) <= RULE_WIDTH:
        _add_segment(found, (x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2))
    elif abs(x1 - x0) <= RULE_WIDTH:
        _add_segment(found, ((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1))


def _add_segment(found, start, end):
    (x0, y0), (x1, y1) = start, end
    if abs(y1 - y0) < 1 and abs(x1 - x0) >= 1:
        found.horizontals.append((y0, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) < 1 and abs(y1 - y0) >= 1:
        found.verticals.append((x0, min(y0, y1), max(y0, y1)))


@dataclass
class _Band:
    """One row of a ruled table: between two horizontal rules, split by verticals."""

    top: float
    bottom: float
    columns: list  # x of each vertical rule crossing the row, left to right
    cells: list = field(default_factory=list)


def _page_blocks(page):
    """The page's blocks, top to bottom.

    1. Ruled tables from the lines drawn on the page; text inside them fills cells.
    2. The remaining text grouped into lines by baseline, then into segments where
       the gap between pieces is wide enough to be a column.
    3. Tables and lines put in order by how far down the page each starts.
    """
    tables = _ruled_tables(page)
    free = [run for run in page.runs if not _place_in_table(run, tables)]
    placed = [(bands[0].top, _table_rows(bands)) for bands in tables]
    placed += _line_blocks(free)
    placed.sort(key=lambda item: -item[0])
    return [(y, block) for y, found in placed for block in found]


def _ruled_tables(page):
    horizontals, verticals = page.horizontals, page.verticals
    # A chart or drawing of thousands of strokes is not a table; skip the search.
    if not horizontals or not verticals or len(horizontals) * len(verticals) > 250_000:
        return []
    groups = _connected(horizontals, verticals)
    tables = []
    for group_h, group_v in groups:
        bands = _bands(group_h, group_v)
        if any(len(band.columns) > 2 for band in bands):
            tables.append(bands)
    return tables


def _connected(horizontals, verticals):
    """Rules that touch, grouped: each group draws one table."""
    parent = list(range(len(horizontals) + len(verticals)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(horizontals):
        for j, (x, y0, y1) in enumerate(verticals, start=len(horizontals)):
            if (
                x0 - TOLERANCE <= x <= x1 + TOLERANCE
                and y0 - TOLERANCE <= y <= y1 + TOLERANCE
            ):
                parent[root(i)] = root(j)
    groups = {}
    for i, rule in enumerate(horizontals + verticals):
        group = groups.setdefault(root(i), ([], []))
        group[0 if i < len(horizontals) else 1].append(rule)
    return list(groups.values())


def _bands(horizontals, verticals):
    ys = _distinct(sorted((y for y, _, _ in horizontals), reverse=True))
    bands = []
    for top, bottom in itertools.pairwise(ys):
        middle = (top + bottom) / 2
        crossing = [
            x for x, y0, y1 in verticals if y0 - TOLERANCE <= middle <= y1 + TOLERANCE
        ]
        columns = _distinct(sorted(crossing))
        if len(columns) >= 2:
            bands.append(_Band(top, bottom, columns, [[] for _ in columns[1:]]))
    return bands


def _distinct(values):
    kept = []
    for value in values:
        if not kept or abs(value - kept[-1]) > TOLERANCE:
            kept.append(value)
    return kept


def _place_in_table(run, tables):
    for bands in tables:
        for band in bands:
            if band.bottom < run.y < band.top and (
                band.columns[0] - TOLERANCE <= run.x < band.columns[-1]
            ):
                column = sum(1 for x in band.columns[1:-1] if x <= run.x + TOLERANCE)
                band.cells[column].append(run)
                return True
    return False


def _table_rows(bands):
    rows = []
    for band in bands:
        cells = [
            " ".join(_line_html(line) for line in _lines(runs)) for runs in band.cells
        ]
        if any(cells):
            rows.append(Row(cells=cells))
    return rows


def _line_blocks(runs):
    """Each line as a Paragraph, or as a Row when its pieces stand in columns; a
    line that carries on the paragraph above it is joined to it."""
    placed = []
    table = None  # the unruled row above, its column starts and its baseline
    paragraph = None  # the runs of the paragraph being read
    right = max((run.x + run.width for run in runs), default=0)
    for line in _lines(runs):
        segments = _segments(line)
        if len(segments) == 1 and paragraph and _carries_on(paragraph, line, right):
            paragraph.extend(line)
            placed[-1] = (placed[-1][0], [_paragraph(paragraph)])
        elif len(segments) == 1:
            placed.append((line[0].y, [_paragraph(line)]))
            table, paragraph = None, list(line)
        elif table and _continues(table, segments):
            _extend_cells(table, segments)
        else:
            row = Row(cells=[_line_html(segment) for segment in segments])
            placed.append((line[0].y, [row]))
            table = (row, [segment[0].x for segment in segments])
            paragraph = None
    return placed


def _carries_on(paragraph, line, right):
    """The line wraps the paragraph above: that one ran to the right margin, this
    one starts under it at the next baseline, and neither is a bold heading."""
    last, first = paragraph[-1], line[0]
    return (
        last.x + last.width >= right - WRAP_SLACK * last.size
        and abs(first.x - paragraph[0].x) <= TOLERANCE
        and last.y - first.y <= LINE_SPACING * last.size
        and not (all(run.bold for run in paragraph) or all(run.bold for run in line))
    )


def _continues(table, segments):
    # A wrapped cell of an unruled table: its lines start under other columns'
    # text, never in the first column, which would start a new row.
    _, starts = table
    near = [min(abs(s[0].x - x) for x in starts) for s in segments]
    return segments[0][0].x > starts[0] + TOLERANCE and max(near) <= 2 * TOLERANCE


def _extend_cells(table, segments):
    row, starts = table
    for segment in segments:
        column = min(range(len(starts)), key=lambda i: abs(segment[0].x - starts[i]))
        row.cells[column] = f"{row.cells[column]} {_line_html(segment)}".strip()


def _lines(runs):
    """Runs grouped by baseline, top to bottom, each line left to right."""
    lines = []
    for run in sorted(runs, key=lambda run: (-run.y, run.x)):
        if lines and abs(lines[-1][0].y - run.y) <= 0.4 * max(
            run.size, lines[-1][0].size
        ):
            lines[-1].append(run)
        else:
            lines.append([run])
    return [sorted(line, key=lambda run: run.x) for line in lines]


def _segments(line):
    segments = [[line[0]]]
    end = line[0].x + line[0].width
    for run in line[1:]:
        if run.x - end > COLUMN_GAP * run.size:
            segments.append([run])
        else:
            segments[-1].append(run)
        end = max(end, run.x + run.width)
    return segments


def _paragraph(line):
    text = " ".join("".join(text for text, _ in _pieces(line)).split())
    return Paragraph(text=text, html=_line_html(line))


def _line_html(runs):
    parts = []
    for text, bold in _pieces(runs):
        text = html.escape(text, quote=False)
        parts.append(f"<strong>{text}</strong>" if bold and text.strip() else text)
    return " ".join("".join(parts).split()).replace("</strong> <strong>", " ")


def _pieces(runs):
    """The runs' text, with a space between two runs wherever one was meant."""
    pieces = [(runs[0].text, runs[0].bold)]
    for before, run in itertools.pairwise(runs):
        if _needs_space(before, run):
            pieces.append((" ", False))
        pieces.append((run.text, run.bold))
    return pieces


def _needs_space(before, run):
    if before.text[-1:].isspace() or run.text[:1].isspace():
        return False
    # A superscript ("14th"), closing punctuation or a word broken by a change of
    # font carries on the same word.
    return not (
        run.size < 0.9 * before.size
        or run.text[:1] in ".,;:)]!?’'"
        or before.text[-1:] in "-/([‘"
    )


def _join_pages(pages):
    """Every page's blocks in one list, without what repeats on each page.

    1. Lines at the top or bottom of a page that are page numbers, or that recur
       (digits aside) in the same place on most pages (RUNNING_SHARE), are running
       headers and footers.
    2. A table's heading row repeated at the top of the next page is read once.
    """
    repeated = _running_lines(pages)
    blocks = []
    for number, page in enumerate(pages):
        kept = [
            block
            for index, (y, block) in enumerate(page)
            if not (_in_margin(page, index) and _is_running(block, y, repeated))
            or (number == 0 and _dates_the_minutes(block))
        ]
        if kept and blocks and _repeats_heading(blocks, kept[0]):
            kept = kept[1:]
        blocks.extend(kept)
    return blocks


def _running_lines(pages):
    counts = {}
    for page in pages:
        keys = {_key(*page[i]) for i in range(len(page)) if _in_margin(page, i)}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return {
        key
        for key, count in counts.items()
        if count >= max(2, RUNNING_SHARE * len(pages))
    }


def _dates_the_minutes(block):
    """A running title with a date ("Accountability Board 14 July 2022"): the first
    page keeps it, since it may be the only place the date is written."""
    return (
        not PAGE_NUMBER.fullmatch(block.text) and find_any_date(block.text) is not None
    )


def _is_running(block, y, repeated):
    return bool(PAGE_NUMBER.fullmatch(block.text)) or _key(y, block) in repeated


def _in_margin(page, index):
    in_margin = index < MARGIN_LINES or index >= len(page) - MARGIN_LINES
    return in_margin and isinstance(page[index][1], Paragraph)


def _key(y, block):
    # The same words in the same place on the page, whatever the page number.
    return (round(y), re.sub(r"\d+", "#", block.text.lower()))


def _repeats_heading(blocks, first):
    if not isinstance(first, Row) or not isinstance(blocks[-1], Row):
        return False
    start = len(blocks) - 1
    while start > 0 and isinstance(blocks[start - 1], Row):
        start -= 1
    return blocks[start].cells == first.cells
