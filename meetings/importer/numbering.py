"""How a document numbers its agenda items, and where each item starts.

Minutes number items in one scheme each: "2." and "3.1"; references that end in the
year ("118/21", "22/2019/P", "BRD 31/19(c)"); references with the meeting's date
("Ref 03/14/07/2022"); or not at all, when bold or upper-case headings start items.
The scheme most lines follow is the document's; lines in another scheme ("1. The
committee noted…" inside a referenced item) are discussion.
"""

import re
from collections import Counter

from bs4 import BeautifulSoup

from meetings.importer.action_tables import action_table_columns
from meetings.importer.blocks import Paragraph, plain_text
from meetings.importer.dates import NUMERIC_ANY, WRITTEN

# "2. / Declarations", "BOD 32/17(b) / Strategic Partnerships": a table's number
# and title cells run together, a slash between them.
_TITLE = r"(?:/\s+)?(?P<title>(?:[A-Za-z“\"'(‘].*)?|(?<=/ )\d.*)$"
DOTTED = re.compile(
    r"^(?:(?:agenda\s+)?item\s+(?:no\.?\s*)?)?"
    r"(?P<number>\d{1,3}(?:\.\d{1,2})+|\d{1,3}[a-z]?(?=[.)]))[.)]?\s*" + _TITLE,
    re.IGNORECASE,
)
LABELLED = re.compile(
    r"^(?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<number>\d{1,3}[a-z]?(?:\.\d{1,2})*)"
    r"\s*[:.)–—-]?\s*" + _TITLE,
    re.IGNORECASE,
)
BARE_NUMBER = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})*)[.)]?(?P<title>)$")
SLASHED = re.compile(
    r"^(?:(?:minute|min|ref(?:erence)?)\.?\s*(?:no\.?\s*)?)?"
    r"(?P<number>(?:[A-Z]{2,5}\s?)?\d{1,3}/\d{2,4}(?:/[A-Z]{1,3})?(?:\s?\([a-z0-9]{1,3}\))?)"
    r"(?![/\d])\s*[.:–—-]?\s*" + _TITLE
)
DATED_REFERENCE = re.compile(
    r"^ref(?:erence)?\.?\s*(?:no\.?\s*)?(?P<number>\d{1,3}/\d{1,2}/\d{1,2}/\d{2,4})"
    r"\s*[.:–—-]?\s*" + _TITLE,
    re.IGNORECASE,
)
SCHEMES = {
    "numbered": [LABELLED, DOTTED],
    "slashed": [SLASHED],
    "dated": [DATED_REFERENCE],
}
HEADING_WORDS = 12
PARAGRAPH_WORDS = 12
SENTENCE_INSIDE = re.compile(r"[a-z)][.!?]\s+[A-Z]")
# "1. That the Panel continue to receive the data…": a limb of a resolution.
RESOLUTION_LIMB = re.compile(r"^that\b", re.IGNORECASE)
# "11.00 am": a time, not item 11.00.
CLOCK = re.compile(r"(?:am|pm|a\.m\.|p\.m\.|hrs|hours)\b", re.IGNORECASE)
FURNITURE = re.compile(
    r"^(?:page\s+\d+|\d+\s+of\s+\d+|official(?:[\s-]sensitive)?)\b"
    # "ACTION:" marks an action, whatever its case: never an item's heading.
    r"|^\W*actions?\b",
    re.IGNORECASE,
)


def choose_numbering(blocks):
    counts = Counter()
    for text, cell in _candidate_lines(blocks):
        for name, patterns in SCHEMES.items():
            if _match(patterns, text, cell):
                counts[name] += 1
    scheme = max(
        counts, key=lambda name: (counts[name], name == "numbered"), default=None
    )
    return ItemNumbering(scheme)


def _candidate_lines(blocks):
    """(text, is a table cell) of each paragraph and first cell, outside action
    tables, whose rows are actions rather than items."""
    in_action_table = False
    for block in blocks:
        if isinstance(block, Paragraph):
            in_action_table = False
            yield block.text, False
            continue
        texts = [plain_text(cell) for cell in block.cells]
        if action_table_columns(texts):
            in_action_table = True
        elif not in_action_table and texts:
            yield texts[0], True


def _match(patterns, text, cell):
    text = " ".join(text.split())
    for pattern in patterns:
        if match := pattern.match(text):
            if _is_a_date(match["number"]) or _is_a_paragraph(match["title"]):
                return None
            return match
    if cell and (match := BARE_NUMBER.match(text)):
        return match
    return None


def _is_a_paragraph(title):
    """ "3.1 The PO presented the data. …": a numbered paragraph, not an item."""
    title = title.rstrip()
    return bool(SENTENCE_INSIDE.search(title) or RESOLUTION_LIMB.match(title)) or (
        title.endswith(".") and len(title.split()) > PARAGRAPH_WORDS
    )


def _is_a_date(number):
    """ "12/07/2023", "08.03.16": a date on its own line, not an item's number."""
    return bool(re.fullmatch(r"\d{1,2}([/.])\d{1,2}\1\d{2,4}", number))


class ItemNumbering:
    def __init__(self, scheme):
        self.scheme = scheme
        self.headings = 0
        self.seen_body = False
        self.lines_read = 0
        self.started = False

    def start(self, text, html, *, cell=False):
        """(number, title) when `text` (a paragraph, or a row's first cell) starts
        an item, else None."""
        text = " ".join(text.split())
        if self.scheme is None:
            return None if cell else self._heading(text, html)
        self.lines_read += 1
        if match := _match(SCHEMES[self.scheme], text, cell):
            if self._is_a_label_of_the_document(match) or CLOCK.match(match["title"]):
                return None
            self.started = True
            return " ".join(match["number"].split()), match["title"].strip(" :–—-")
        return None

    def matches(self, text):
        """Whether `text` is numbered as this document numbers its items."""
        return self.scheme is not None and bool(
            _match(SCHEMES[self.scheme], " ".join(text.split()), False)
        )

    def saw_body(self):
        """A line that is no heading (a header line, the attendance) came: the
        headings after it start items, not the title."""
        self.seen_body = True

    def _is_a_label_of_the_document(self, match):
        """ "Agenda Item 4" above the title: the minutes were a later meeting's
        paper, not an item of their own."""
        if self.started or self.lines_read > 3 or match["title"]:
            return False
        return match.re is LABELLED and "agenda" in match.group(0).lower()

    def _heading(self, text, html):
        if not looks_like_heading(text, html):
            self.seen_body = True
            return None
        if not self.seen_body:
            return None  # the title and the lines under it
        self.headings += 1
        return str(self.headings), text.rstrip(":")

    def tidy(self, items, warnings):
        """Renumber a flattened "1. 1. 1." list; keep a repeated number apart."""
        if self.scheme is None and self.headings:
            warnings.append(
                "The agenda items are not numbered: they are numbered "
                f"1–{self.headings} in the order of their headings."
            )
        top = [item for item in items if "." not in item.number]
        if (
            self.scheme == "numbered"
            and len(top) >= 3
            and {i.number for i in top} == {"1"}
        ):
            for position, item in enumerate(top, start=1):
                item.number = str(position)
            warnings.append(
                "Every item was numbered “1.” (Word's automatic numbering, flattened "
                f"in a text export): they are numbered 1–{len(top)} in order."
            )
        seen = Counter()
        for item in items:
            seen[item.number] += 1
            if seen[item.number] > 1:
                written = item.number
                item.number = f"{written} ({seen[written]})"
                warnings.append(
                    f"Item number {written} is used more than once: the repeat is "
                    f"imported as “{item.number}”."
                )


def looks_like_heading(text, html):
    words = text.split()
    if not words or len(words) > HEADING_WORDS or text.endswith((".", ",", ";")):
        return False
    if FURNITURE.match(text) or NUMERIC_ANY.search(text) or WRITTEN.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return True
    return _all_bold(html)


def _all_bold(html):
    if "<" not in html:
        return False
    soup = BeautifulSoup(html, "html.parser")
    bold = " ".join(tag.get_text(" ") for tag in soup.find_all(["strong", "b"]))
    return " ".join(bold.split()) == " ".join(soup.get_text(" ").split())
