"""What every format is read into, so one parser reads them all: a `Paragraph`
holds a line of text; a `Row` holds a table row's cells as HTML fragments."""

from dataclasses import dataclass


@dataclass
class Paragraph:
    text: str
    html: str  # the same line with its underline and bold kept


@dataclass
class Row:
    cells: list[str]
