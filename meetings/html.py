"""Minutes text as HTML: paragraphs, lists, underline and bold, and nothing else."""

import re
from html import escape, unescape

import nh3
from bs4 import BeautifulSoup

INLINE_TAGS = ("strong", "b", "u", "em", "i")
# Any tag but the inline ones the formatting toolbar writes: text holding one
# was pasted as HTML, so its own paragraphs and lists are kept as they are.
LOOKS_LIKE_HTML = re.compile(
    r"<\s*/?\s*(?!(?:" + "|".join(INLINE_TAGS) + r")\s*>)[a-z]", re.IGNORECASE
)
# The toolbar's tags, once escaped with the rest of the text, are put back.
ESCAPED_INLINE_TAG = re.compile(
    r"&lt;(/?)(" + "|".join(INLINE_TAGS) + r")&gt;", re.IGNORECASE
)
BULLET_LINE = re.compile(r"\s*[-*•]\s+(.*)")
NUMBERED_LINE = re.compile(r"\s*\d+\.\s+(.*)")
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", *INLINE_TAGS}
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
    """What was typed or pasted, as minutes HTML.

    Plain text (bold and underline tags allowed) follows the rules the item form
    explains: blank lines separate paragraphs, "- ", "* " or "• " lines make a
    bulleted list and "1." lines a numbered one. HTML keeps only the allowed tags.
    """
    if not LOOKS_LIKE_HTML.search(text):
        blocks = re.split(r"\n\s*\n", text.replace("\r", ""))
        text = "".join(_block_to_html(block) for block in blocks)
    return sanitise_minutes_html(text)


def _block_to_html(block):
    """One block of text between blank lines, as paragraphs and lists.

    1. Each line is a bullet, a numbered entry or text.
    2. An indented text line after an entry continues it (a wrapped entry);
       other text lines join into one paragraph.
    3. Consecutive entries of one kind make one list.
    """
    parts = []  # [tag, [entries]]: "p" has one entry, lists one per line
    for line in block.split("\n"):
        bullet, numbered = BULLET_LINE.fullmatch(line), NUMBERED_LINE.fullmatch(line)
        entry = bullet or numbered
        tag = "ul" if bullet else "ol" if numbered else "p"
        if entry:
            if not entry[1].strip():
                continue
            if not (parts and parts[-1][0] == tag):
                parts.append([tag, []])
            parts[-1][1].append(entry[1])
        elif not line.strip():
            continue
        elif parts and (parts[-1][0] == "p" or line[0].isspace()):
            parts[-1][1][-1] += " " + line
        else:
            parts.append(["p", [line]])
    return "".join(
        f"<p>{_inline(entries[0])}</p>"
        if tag == "p"
        else f"<{tag}>"
        + "".join(f"<li>{_inline(e)}</li>" for e in entries)
        + f"</{tag}>"
        for tag, entries in parts
    )


def _inline(text):
    """Text escaped, but for the bold and underline tags, with spaces tidied."""
    return ESCAPED_INLINE_TAG.sub(r"<\1\2>", escape(" ".join(text.split())))


def minutes_html_to_text(html):
    """Stored minutes HTML as the text the item form takes, to edit as typed.

    HTML that the text rules cannot give back exactly (nested lists, line breaks,
    a paragraph starting "- ") is returned unchanged, and is kept as HTML on save.
    """
    blocks = []
    soup = BeautifulSoup(html, "html.parser")
    for block in soup.find_all(["p", "ul", "ol"], recursive=False):
        if block.name == "p":
            blocks.append(_text_of(block))
        else:
            items = block.find_all("li", recursive=False)
            blocks.append(
                "\n".join(
                    f"{f'{n}.' if block.name == 'ol' else '-'} {_text_of(li)}"
                    for n, li in enumerate(items, start=1)
                )
            )
    text = "\n\n".join(blocks)
    same = _layout(text_to_minutes_html(text)) == _layout(sanitise_minutes_html(html))
    return text if same else html


def _text_of(element):
    return " ".join(unescape(element.decode_contents()).split())


def _layout(html):
    """HTML with the spacing a browser ignores taken out, to compare two versions."""
    html = " ".join(html.split())
    return re.sub(r"\s*(</?(?:p|ul|ol|li)>)\s*", r"\1", html)


def parse_fragment(html):
    return bullets_to_list_items(BeautifulSoup(html, "html.parser"))
