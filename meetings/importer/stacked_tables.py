"""Action tables copied out of a web page or a PDF viewer as text, one cell per line:

    Ref
    Action
    Owner
    Due date
    Status
    AB/22/14
    Provide a breakdown of stop and search outcomes
    ACC Operations
    31/01/2023
    Complete

The heading is a run of lines that are all column headings of an action table. The
rows below are cut where a reference starts one (when the first column holds
references or dates), else every so many lines; a cell left empty in the document
leaves no line, so a short row's lines are given to the columns their contents fit.
"""

import re
from dataclasses import dataclass
from html import escape

from meetings.importer.action_tables import (
    HEADING_ROLES,
    action_table_columns,
    heading_key,
    status_from_words,
)

MIN_COLUMNS = 3
HEADING_WORDS = 5
# "AB/22/14", "12", "3a", "118/21", "BRD 31/19(c)", "AP125": a row's reference.
REFERENCE = re.compile(
    r"^(?:[A-Z]{1,5}[\s/-]?)?\d{1,4}[a-z]?(?:[/.\-]\d{1,4})*(?:\([a-z]\))?\.?$"
)
DATE_CELL = re.compile(
    r"^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{2,4})?)$",
    re.IGNORECASE,
)
OWNER_WORDS = 8
STATUS_WORDS = 4
WRAPS_ALLOWED = 3  # lines a row may hold beyond one per column, for wrapped cells
FREE_TEXT = {"action", "update"}
DATES = {"due", "new_due"}


@dataclass
class StackedTable:
    start: int  # index of the first heading line
    end: int  # index after the last line the table holds
    rows: list  # the heading cells, then each row's cells, as HTML


def stacked_tables(lines):
    """Every stacked action table in `lines` (a text file's lines), in order."""
    tables, index = [], 0
    while index < len(lines):
        table, index = _table_at(lines, index)
        if table is not None:
            tables.append(table)
    return tables


def _table_at(lines, start):
    """(the table whose heading starts at `start` or None, where to look next)."""
    body = _NonBlankLines(lines, start)
    headings = []
    while (text := body.get(len(headings))) is not None and _is_heading(text):
        headings.append(text)
    if len(headings) < MIN_COLUMNS or not (columns := action_table_columns(headings)):
        return None, max(body.index_of(len(headings) - 1), start) + 1
    body.drop(len(headings))
    roles = {index: role for role, index in columns.roles.items()}
    if anchor := _row_start(body.get(0) or ""):
        rows, used = _rows_by_reference(body, roles, len(headings), anchor)
    elif any(body.starts_group(i) for i in range(1, len(headings) + WRAPS_ALLOWED)):
        rows, used = _rows_by_blank_lines(body, roles, len(headings))
    else:
        rows, used = _rows_by_count(body, roles, len(headings))
    if not rows:
        return None, body.index_of(-1) + 1
    cells = [[escape(cell) for cell in row] for row in [headings, *rows]]
    end = body.index_of(used - 1) + 1
    return StackedTable(start, end, cells), end


def _is_heading(text):
    return len(text.split()) <= HEADING_WORDS and heading_key(text) in HEADING_ROLES


class _NonBlankLines:
    """The non-blank lines from `start` on, each spaced as one line, read only as
    far as they are asked for."""

    def __init__(self, lines, start):
        self.lines, self.next, self.found = lines, start, []  # found: (index, text)
        self.offset = 0
        self.after_blank = set()  # positions in `found` with a blank line above

    def get(self, position):
        position += self.offset
        while len(self.found) <= position and self.next < len(self.lines):
            if text := " ".join(self.lines[self.next].split()):
                if self.found and self.found[-1][0] < self.next - 1:
                    self.after_blank.add(len(self.found))
                self.found.append((self.next, text))
            self.next += 1
        return self.found[position][1] if position < len(self.found) else None

    def starts_group(self, position):
        """Whether a blank line comes just before the `position`th line."""
        self.get(position)
        return position + self.offset in self.after_blank

    def drop(self, count):
        self.offset += count

    def index_of(self, position):
        """The line index of the `position`th line (-1: the one before the first)."""
        if position < 0:
            return self.found[self.offset - 1][0] if self.offset else -1
        self.get(position)
        return self.found[position + self.offset][0]


def _rows_by_reference(body, roles, width, anchor):
    """Rows that each start with a reference (or each with a date: `anchor` is
    what the first row starts with); (rows, lines used)."""
    rows, row, position = [], None, 0
    while (text := body.get(position)) is not None:
        if _row_start(text) is anchor:
            if row is not None:
                rows.append(_whole_row(row, roles, width))
            row = [text]
        elif len(row) >= width + WRAPS_ALLOWED:
            break
        else:
            row.append(text)
        position += 1
    # What runs on after the last row is more likely the text below the table than
    # a wrapped cell.
    position -= max(0, len(row) - width)
    cells, left_over = _cells(row[:width], roles, width)
    position -= _lines_holding(row[:width], _words(left_over))
    if len(row) > 1:
        rows.append(cells)
    else:
        position -= 1
    return rows, position


def _whole_row(lines, roles, width):
    """A row's cells with nothing lost: what fits no column goes on the action."""
    cells, left_over = _cells(lines, roles, width)
    if left_over:
        action = next((i for i, role in roles.items() if role == "action"), 0)
        cells[action] = " ".join([cells[action], *left_over]).strip()
    return cells


def _lines_holding(lines, words):
    """How many of the last `lines` hold the last `words` words."""
    count = 0
    while words > 0 and count < len(lines):
        count += 1
        words -= len(lines[-count].split())
    return count


def _rows_by_count(body, roles, width):
    """Rows of exactly `width` lines, while each line fits its column."""
    rows = []
    while all(body.get(len(rows) * width + i) is not None for i in range(width)):
        row = [body.get(len(rows) * width + i) for i in range(width)]
        if not all(_fits(text, roles.get(i)) for i, text in enumerate(row)):
            break
        rows.append(row)
    return rows, len(rows) * width


def _rows_by_blank_lines(body, roles, width):
    """Rows set apart by blank lines, while every line of one finds its column."""
    rows, position = [], 0
    while body.get(position) is not None:
        end = position + 1
        while body.get(end) is not None and not body.starts_group(end):
            end += 1
        lines = [body.get(i) for i in range(position, end)]
        cells, left_over = _cells(lines, roles, width) if len(lines) > 1 else ([], [])
        if not cells or left_over or _words(cells) != _words(lines):
            break  # a line that fits no column: the table has ended
        rows.append(cells)
        position = end
    return rows, position


def _words(texts):
    return sum(len(text.split()) for text in texts)


def _row_start(text):
    """What starts each row, if the first row starts with a reference or date."""
    return next((kind for kind in (DATE_CELL, REFERENCE) if kind.match(text)), None)


def _cells(lines, roles, width):
    """(cells, lines left over): a row's lines given to its columns, one each when
    they match in number; a wrapped cell's lines joined in the action; a short
    row's lines by their kind, and what fits no column after them left over."""
    lines = _wraps_joined(lines)
    if len(lines) == width and all(
        _fits(text, roles.get(i)) for i, text in enumerate(lines)
    ):
        return lines, []
    action = next((i for i, role in roles.items() if role == "action"), 0)
    if len(lines) > width:
        extra = len(lines) - width
        joined = " ".join(lines[action : action + extra + 1])
        return [*lines[:action], joined, *lines[action + extra + 1 :]], []
    return _cells_by_kind(lines, roles, width)


def _wraps_joined(lines):
    """A line that goes on in lower case joined to the words above it."""
    joined = []
    for text in lines:
        if joined and text[0].islower() and len(joined[-1].split()) >= STATUS_WORDS:
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return joined


def _cells_by_kind(lines, roles, width):
    """Each line in the next column it fits, never past an empty action column;
    a status or a date in its own column even where an owner could be as short."""
    cells, column = [""] * width, 0
    for used, text in enumerate(lines):
        fitting = [c for c in range(column, width) if _fits(text, roles.get(c))]
        free = next((c for c in fitting if roles.get(c) in FREE_TEXT), None)
        fitting = [c for c in fitting if free is None or c <= free]
        if not fitting:
            return cells, lines[used:]
        kind = _kind(text)
        column = next((c for c in fitting if kind and roles.get(c) == kind), fitting[0])
        cells[column] = text
        column += 1
    return cells, []


def _kind(text):
    if len(text.split()) <= STATUS_WORDS and status_from_words(text):
        return "status"
    return "due" if DATE_CELL.match(text) else None


def _fits(text, role):
    """Whether `text` can be a cell of a column in `role`."""
    words = len(text.split())
    if role in FREE_TEXT or role is None:
        return not _is_heading(text)
    if role == "item":
        return words <= STATUS_WORDS
    if role == "status":
        return words <= STATUS_WORDS and status_from_words(text) is not None
    if role in DATES:
        return bool(DATE_CELL.match(text)) or words <= STATUS_WORDS
    return words <= OWNER_WORDS and not text.endswith(".") and _kind(text) is None
