"""Tables laid out with spaces, as text copied out of a PDF writes them.

An action log's heading line ("No   Action        Lead   Target date   Status")
says where each column starts; the lines below are cut at those places, and a line
that starts no new row continues the cells of the row above (a wrapped cell).
"""

import re
from html import escape

from meetings.importer.action_tables import action_table_columns

PAGE_FURNITURE = re.compile(
    r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s*/\s*\d+|-\s*\d+\s*-)\s*$", re.IGNORECASE
)
SLACK = 2  # characters a cell may start left of its heading
HEADING_WORD = re.compile(
    r"(?i:date|dates|comments?|update|by|due|owner|lead|no\.?|ref|status|progress|rag)"
)


def chunks(line):
    """(start, text) of each run of words separated by two or more spaces."""
    return [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", line)]


def heading_starts(line):
    """Where the columns start, when `line` heads an action table laid out with
    spaces; else None."""
    if "  " not in line.strip():
        return None
    found = chunks(line)
    if len(found) < 3:
        return None
    columns = action_table_columns([text for _, text in found])
    if columns is None:
        return None
    return [start for start, _ in found], [text for _, text in found], columns


class SpacedTable:
    """Reads the lines under a spaced heading into rows of cells."""

    def __init__(self, starts, headings, columns):
        self.starts = starts
        self.headings = headings
        self.columns = columns
        self.key = 0 if columns.roles.get("item") == 0 else None
        self.rows = []
        self.blank_before = False

    def take(self, line):
        """Add `line` to the table; False when it is no part of it."""
        if not line.strip():
            self.blank_before = True
            return True
        if PAGE_FURNITURE.match(line):
            return True
        found = chunks(line)
        if not self.rows and self._continues_heading(found):
            return True
        if len(found) == 1 and self._is_section_heading(*found[0]):
            return True
        cells = self._cut(line)
        if cells is None:
            return False
        if self._starts_row(cells):
            self.rows.append(cells)
        else:
            self.rows[-1] = [
                " ".join(part for part in (old, new) if part)
                for old, new in zip(self.rows[-1], cells, strict=True)
            ]
        self.blank_before = False
        return True

    def _is_section_heading(self, start, text):
        """ "April 2022" in the first column, alone: it groups the rows below."""
        return self._column_at(start) == 0 and len(text.split()) <= 4

    def _continues_heading(self, found):
        """ "DATE   DATE   COMMENT" under "TARGET   NEW   STATUS/": a heading in two
        lines; the words join their columns' headings."""
        words = [text for _, text in found]
        if not all(HEADING_WORD.fullmatch(word) for word in words):
            return False
        headings = list(self.headings)
        for start, text in found:
            column = self._column_at(start)
            headings[column] = f"{headings[column]} {text}"
        self.headings = headings
        self.columns = action_table_columns(headings) or self.columns
        return True

    def _cut(self, line):
        cells = [""] * len(self.starts)
        for start, text in chunks(line):
            column = self._column_at(start)
            end = start + len(text)
            if column + 1 < len(self.starts) and end > self.starts[column + 1] + SLACK:
                return None  # runs across a column: prose, not a row
            cells[column] = f"{cells[column]} {text}".strip()
        return cells

    def _column_at(self, start):
        column = 0
        for index, column_start in enumerate(self.starts):
            if start + SLACK >= column_start:
                column = index
        return column

    def _starts_row(self, cells):
        if not self.rows:
            return True
        if self.key is not None:
            return bool(cells[self.key])
        action = self.columns.roles["action"]
        previous = self.rows[-1][action]
        text = cells[action]
        return (
            bool(text)
            and text[0].isupper()
            and (self.blank_before or previous.endswith((".", "!", "?", ")")))
        )

    def html_rows(self):
        """The heading (as its two lines joined, when it had two), then the rows."""
        return [[escape(cell) for cell in row] for row in [self.headings, *self.rows]]
