"""One-line text: what a person's name must be wherever it is shown or mailed."""

import unicodedata

from django.core.exceptions import ValidationError

# Control characters (tab, newline, escape…) and Unicode's line and paragraph
# separators: each breaks an email header or a line of a page.
BREAKING = {"Cc", "Zl", "Zp"}


def one_line(text):
    """`text` on one line, each run of breaking characters and spaces one space.

    Used for names read back from the database, which may predate the check."""
    spaced = "".join(" " if unicodedata.category(c) in BREAKING else c for c in text)
    return " ".join(spaced.split())


def validate_one_line(text):
    if any(unicodedata.category(c) in BREAKING for c in text):
        raise ValidationError(
            "A name is one line of text: no line breaks, tabs or control characters."
        )
