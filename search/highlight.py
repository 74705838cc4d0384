"""Matching words marked in what a search shows, safely.

The text to show is made plain first (discussion is HTML: its tags dropped, its
entities read), the database or `mark_words` puts two private-use characters around
each matching word, and `as_html` escapes everything else before turning those
characters into <mark>: nothing the minutes hold can become markup.
"""

import re
from html import unescape

from django.db import connection
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from search.vectors import CONFIG

START, STOP = "\ue000", "\ue001"
# Text longer than this is shown as fragments around its matches.
WHOLE_UP_TO = 300
FRAGMENT = 110
WHOLE = f'StartSel="{START}", StopSel="{STOP}", HighlightAll=true'
FRAGMENTS = (
    f'StartSel="{START}", StopSel="{STOP}", MaxFragments=2, MaxWords=30, '
    'MinWords=12, FragmentDelimiter=" … "'
)


# Where a tag ends a paragraph, line or list item, its words end too.
BLOCK_TAG = re.compile(r"<(?=/?(?:p|br|li|ul|ol|div|h\d)\b)", re.IGNORECASE)


def plain_text(html):
    """The words of stored HTML (or of plain text), without our marks."""
    text = unescape(strip_tags(BLOCK_TAG.sub(" <", html or "")))
    return " ".join(text.replace(START, "").replace(STOP, "").split())


def headlines(texts, query, words):
    """Each text with its matching words marked: fragments of a long one. On
    PostgreSQL, ts_headline marks the words the search matched (stems included),
    all texts in one query; elsewhere, `mark_words` marks the words given."""
    if not texts:
        return []
    if connection.vendor != "postgresql":
        return [mark_words(text, words) for text in texts]
    options = [WHOLE if len(text) <= WHOLE_UP_TO else FRAGMENTS for text in texts]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_headline(%s::regconfig, t, websearch_to_tsquery("
            "%s::regconfig, %s), o) FROM unnest(%s::text[], %s::text[]) "
            "WITH ORDINALITY AS u(t, o, n) ORDER BY n",
            [CONFIG, CONFIG, query, texts, options],
        )
        return [row[0] for row in cursor.fetchall()]


def mark_words(text, words):
    """Words starting with any of `words` marked, case aside; a long text cut to
    the part around its first match."""
    if not words:
        return text
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(word) for word in words) + r")", re.IGNORECASE
    )
    found = pattern.search(text)
    if len(text) > WHOLE_UP_TO:
        middle = found.start() if found else 0
        start, end = max(0, middle - FRAGMENT), middle + FRAGMENT
        text = (
            ("… " if start else "")
            + text[start:end]
            + (" …" if end < len(text) else "")
        )
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)


def as_html(marked):
    """Marked text as safe HTML: every part escaped, the marks made <mark>."""
    parts = re.split(f"{START}(.*?){STOP}", marked, flags=re.DOTALL)
    return mark_safe(
        "".join(
            f"<mark>{escape(part)}</mark>" if odd else escape(part)
            for odd, part in ((i % 2 == 1, p) for i, p in enumerate(parts))
        )
    )


def has_match(marked):
    return START in marked
