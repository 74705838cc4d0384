"""Minutes text as HTML: paragraphs, lists, underline and bold, and nothing else."""

import re
from html import escape

import nh3
from bs4 import BeautifulSoup

LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-z]", re.IGNORECASE)
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "u", "strong", "b", "em", "i"}
BULLET = "•"


def sanitise_minutes_html(html):
    """Keep the allowed tags without attributes; drop scripts, handlers and links."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, link_rel=None).strip()


def bullets_to_list_items(soup):
    """Word exports write lists as text with "•" marks inside a bare <ul>."""
    for listing in soup.find_all(["ul", "ol"]):
        if listing.find("li") or BULLET not in listing.get_text():
            continue
        entries = [e.strip() for e in listing.get_text().split(BULLET) if e.strip()]
        listing.clear()
        for entry in entries:
            item = soup.new_tag("li")
            item.string = entry
            listing.append(item)
    return soup


def text_to_minutes_html(text):
    """What was typed or pasted, as minutes HTML: plain text with blank lines
    becomes paragraphs; HTML keeps only the allowed tags."""
    if not LOOKS_LIKE_HTML.search(text):
        paragraphs = [" ".join(p.split()) for p in text.replace("\r", "").split("\n\n")]
        text = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    return sanitise_minutes_html(text)


def parse_fragment(html):
    return bullets_to_list_items(BeautifulSoup(html, "html.parser"))
