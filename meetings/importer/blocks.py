"""What every format is read into, so one parser reads them all: a `Paragraph`
holds a line of text; a `Row` holds a table row's cells as HTML fragments."""

from dataclasses import dataclass

from meetings.html import parse_fragment


@dataclass
class Paragraph:
    text: str
    html: str  # the same line with its underline and bold kept


@dataclass
class Row:
    cells: list[str]


def plain_text(html):
    """The words of an HTML fragment, spaced as one line."""
    if "<" not in html and "&" not in html:
        return " ".join(html.split())  # plain already: no parser needed
    return " ".join(parse_fragment(html).get_text(" ").split())


QUOTE_LENGTH = 60


def quote(text, limit=QUOTE_LENGTH):
    """The start of `text` for a warning, cut between words."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
