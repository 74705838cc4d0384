"""Read a minutes file into blocks: paragraphs and table rows, in document order.

Every format becomes the same thing, so one parser reads them all: a `Paragraph`
holds a line of text; a `Row` holds a table row's cells as HTML fragments.
"""

import codecs
import html
import io
import re
import zipfile
import zlib
from pathlib import PurePath

import docx
from bs4 import BeautifulSoup
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml import etree

from meetings.importer.blocks import Paragraph, Row
from meetings.importer.columns import SpacedTable, heading_starts
from meetings.importer.errors import MinutesError
from meetings.importer.pdf import pdf_blocks
from meetings.importer.stacked_tables import stacked_tables
from meetings.importer.word_numbering import WordNumbering


def read_blocks(data, filename, *, encoding=None):
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".docx":
        return _docx_blocks(data)
    if suffix in (".html", ".htm"):
        return _html_blocks(_decode(data, encoding))
    if suffix == ".txt":
        return _text_blocks(_decode(data, encoding))
    if suffix == ".pdf":
        return pdf_blocks(data)
    raise MinutesError(
        f"cannot read {suffix or 'files without an extension'}: "
        "use a .pdf, a .docx, an .html page or a .txt export"
    )


def _decode(data, encoding):
    # Word's "Unicode Text" export is UTF-16, whose bytes include NULs.
    if not encoding and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\0" in data:
        raise MinutesError("is not a text file: it contains binary data")
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as error:
        raise MinutesError(
            f"is not UTF-8 text (byte 0x{data[error.start]:02x} at position "
            f"{error.start}); if it was saved as Windows-1252, import it again "
            "with the encoding cp1252"
        ) from error
    except LookupError as error:
        raise MinutesError(f"{encoding} is not a known encoding") from error


def _text_blocks(text):
    """The tab-separated export of a Word document: a row per line with a tab; an
    action table laid out with spaces (text out of a PDF): a row per table row; one
    copied a cell per line: a row per table row too."""
    blocks, table = [], None
    lines = [
        _without_page_furniture(entry)
        for line in _without_front_matter(text.splitlines())
        for entry in BULLET_INSIDE.split(line)
    ]
    stacked = {found.start: found for found in stacked_tables(lines)}
    skip_to, above = 0, ""
    for index, line in enumerate(lines):
        line_above, above = above, line
        if index < skip_to:
            continue
        if index in stacked:
            if table is not None:
                blocks.extend(Row(cells=cells) for cells in table.html_rows())
                table = None
            blocks.extend(Row(cells=cells) for cells in stacked[index].rows)
            skip_to = stacked[index].end
            continue
        if table is not None:
            if table.take(line):
                continue
            blocks.extend(Row(cells=cells) for cells in table.html_rows())
            table = None
        if "\t" in line and not BRACKETED_ENTRY.match(line):
            blocks.append(Row(cells=line.split("\t")))
        elif HTML_IN_TEXT.search(line):
            # A web page's paragraphs pasted into a text file, tags and all.
            blocks.extend(_html_blocks(line))
        elif found := heading_starts(line):
            table = SpacedTable(*found)
        elif heading := MARKDOWN_HEADING.match(line):
            text = " ".join(heading["text"].split())
            blocks.append(
                Paragraph(text=text, html=f"<strong>{html.escape(text)}</strong>")
            )
        elif line := " ".join(MARKDOWN_LINK.sub(r"\1", line).split()):
            if _wraps(blocks, line) or _runs_on(blocks, line_above, line):
                joined = f"{blocks[-1].text} {line}"
                blocks[-1] = Paragraph(text=joined, html=joined)
            else:
                blocks.append(Paragraph(text=line, html=line))
    if table is not None:
        blocks.extend(Row(cells=cells) for cells in table.html_rows())
    return blocks


def _without_front_matter(lines):
    """The lines of a page kept as Markdown, without the "---" block of settings
    above it (Jekyll's, Hugo's), but with the title it gives; its date is when the
    page was posted, not when the meeting was held."""
    if not lines or lines[0].strip() != "---":
        return lines
    end = next(
        (
            n
            for n, line in enumerate(lines[1:FRONT_MATTER_LINES], 1)
            if line.strip() == "---"
        ),
        None,
    )
    if end is None:
        return lines
    titles = [
        match["title"].strip("'\" ")
        for line in lines[1:end]
        if (match := FRONT_MATTER_TITLE.match(line))
    ]
    return titles + lines[end + 1 :]


def _without_page_furniture(line):
    """The line without "Skip to main content"; nothing if a menu is all it was."""
    if not PAGE_FURNITURE.search(line):
        return line
    rest = PAGE_FURNITURE.sub("", line)
    return rest if len(rest.split()) > MENU_WORDS else ""


def _wraps(blocks, line):
    """A line hard-wrapped in the middle of a sentence: the one above ends with no
    stop and this one goes on in lower case ("… one for Kevin Allibone" / "to raise
    it within the DWP")."""
    above = blocks[-1] if blocks else None
    return (
        isinstance(above, Paragraph)
        and above.text == above.html
        and not above.text.endswith((".", ":", ";", "!", "?"))
        and (
            line[0].islower()
            or (
                above.text.rsplit(None, 1)[-1] in NO_SENTENCE_ENDS_WITH
                and not LIST_ENTRY.match(line)
                and not LABEL_FIRST.match(line)
                # "4 Finance", "Item 4": the next heading.
                and not NUMBER_FIRST.match(line)
            )
        )
    )


def _runs_on(blocks, line_above, line):
    """The end of a sentence wrapped at a fixed width in the middle of a name ("…
    during the Black Forest" / "Fire."): the line above is full, with no stop, and
    this one a few words that end the sentence."""
    above = blocks[-1] if blocks else None
    return (
        len(line.split()) <= TAIL_WORDS
        and line.endswith((".", "!", "?"))
        and isinstance(above, Paragraph)
        and above.text == above.html
        and WRAPPED_WIDTH[0] <= len(line_above.rstrip()) <= WRAPPED_WIDTH[1]
        and line_above.split()[-1][:1].isupper()
        and not line_above.rstrip().endswith((".", ":", ";", "!", "?"))
        and not LIST_ENTRY.match(line)
    )


TAIL_WORDS = 4
# "- [NM]<tab>Create a discussion document…", "- [ ] Update…": a list entry of
# Markdown notes, its owners or a checkbox in brackets; not a table's row.
BRACKETED_ENTRY = re.compile(r"^\s*[-*•+]\s*\[[^\]\t]{0,20}\]\s")
# "Accessibility Settings Skip to main content": a web page's links, copied with it.
MENU_WORDS = 3  # "Accessibility Settings" beside it: a menu, not a title
PAGE_FURNITURE = re.compile(
    r"\bskip\s+to\s+(?:the\s+)?(?:main\s+)?content\s*$", re.IGNORECASE
)
# "Action: The officers to respond to the" / "Charity Commission and…": a line
# of a narrow column ends where no sentence can.
NO_SENTENCE_ENDS_WITH = {
    "the", "a", "an", "to", "of", "for", "and", "or", "with", "by", "from", "in",
    "on", "at", "into", "that", "their", "its", "his", "her", "this", "these",
    "those", "our",
}  # fmt: skip
LABEL_FIRST = re.compile(r"^[A-Z][\w/ ]{0,20}:")
NUMBER_FIRST = re.compile(r"^(?:\d|(?i:item)\s+\d)")
# "• Obtain quotes… Sylvia to confirm. • Dog bin cost…": list entries run together
# on one line, as a copy out of a web page leaves them.
BULLET_INSIDE = re.compile(r"(?<=[.!?])\s+(?=•\s)")
WRAPPED_WIDTH = (60, 100)  # a line wrapped at 72 or 80, not a paragraph
LIST_ENTRY = re.compile(r"^(?:[-–•*+]|\(?\w{1,3}[.)])\s")
# "[Molly][MollyW]", "[the wiki](https://…)": a link in Markdown, its words kept.
MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
# "## Action items": a heading in a Markdown file saved as text.
FRONT_MATTER_LINES = 60
FRONT_MATTER_TITLE = re.compile(r"^title\s*:\s*(?P<title>\S.*)$", re.IGNORECASE)
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>\S.*?)\s*#*\s*$")
MAX_UNPACKED_BYTES = 100 * 2**20
MAX_PARAGRAPHS = 50_000
WORD_PARAGRAPH = re.compile(rb"<w:p[\s/>]")
CHUNK = 2**20
HTML_IN_TEXT = re.compile(r"<(?:p|li|br|h[1-6]|div)\b[^>]*>", re.IGNORECASE)


HTML_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
LOOSE_LINE_CONTAINERS = ["html", "body", "div", "section", "article", "main"]
INLINE_TAGS = {"a", "b", "strong", "i", "em", "u", "span", "font", "sup", "sub"}
HTML_TEXT_BLOCKS = ["p", *HTML_HEADINGS, "li", "div"]


def _html_blocks(text):
    soup = BeautifulSoup(text, "html.parser")
    found = soup.find_all(["table", *HTML_TEXT_BLOCKS])
    containers = _containers(found)
    enclosed = {}
    blocks = []  # (the element or first node it comes from, block)
    for element in found:
        if _inside_table_or_entry(element, enclosed):
            continue  # read with the table or list entry it is part of
        if element.name == "table":
            blocks.extend((element, row) for row in _html_rows(element))
        elif element.name == "div" and id(element) in containers:
            continue  # a container: its own blocks are read one by one
        elif line := " ".join(element.get_text(" ").split()):
            fragment = element.decode_contents()
            if element.name in HTML_HEADINGS:
                fragment = f"<strong>{fragment}</strong>"
            elif element.name == "li":
                # Still a list entry, so the points nested in it stay its detail.
                fragment = f"<ul><li>{fragment}</li></ul>"
            blocks.append((element, Paragraph(text=line, html=fragment)))
    if loose := list(_loose_lines(soup, containers, enclosed)):
        order = {id(node): index for index, node in enumerate(soup.descendants)}
        blocks = sorted([*blocks, *loose], key=lambda pair: order[id(pair[0])])
    return [block for _, block in blocks]


def _loose_lines(soup, containers, enclosed):
    """Lines written straight into the page, or into a container beside its
    blocks ("Thursday 11 November 2010<br/>CONFIRMED MINUTES<br/>"): each a
    paragraph, so no words are lost. (first node, Paragraph) for each."""
    candidates = [soup, *soup.find_all(LOOSE_LINE_CONTAINERS)]
    for element in candidates:
        if element is not soup and (
            id(element) not in containers or _inside_table_or_entry(element, enclosed)
        ):
            continue  # a block of its own, or part of a table or list entry
        run = []
        for child in [*element.children, None]:
            if child is not None and (child.name is None or child.name in INLINE_TAGS):
                run.append(child)
                continue
            if line := " ".join("".join(node.get_text() for node in run).split()):
                fragment = "".join(str(node) for node in run)
                yield run[0], Paragraph(text=line, html=fragment)
            run = []


def _containers(found):
    """The ids of the elements that hold a block: each ancestor is marked once, so
    deeply nested pages are read in one pass, not one per level."""
    marked = set()
    for element in found:
        parent = element.parent
        while parent is not None and id(parent) not in marked:
            marked.add(id(parent))
            parent = parent.parent
    return marked


def _inside_table_or_entry(element, enclosed):
    """Whether a table or list entry encloses `element`; `enclosed` remembers the
    answer for every ancestor walked, so each is walked once."""
    path, parent, answer = [], element.parent, False
    while parent is not None:
        if id(parent) in enclosed:
            answer = enclosed[id(parent)]
            break
        if parent.name in ("table", "li"):
            answer = True
            break
        path.append(parent)
        parent = parent.parent
    for walked in path:
        enclosed[id(walked)] = answer
    return answer


def _html_rows(table):
    for row in table.find_all("tr"):
        if row.find_parent("table") is table:
            cells = row.find_all(["td", "th"], recursive=False)
            yield Row(cells=[cell.decode_contents() for cell in cells])


def _docx_blocks(data):
    try:
        _refuse_a_zip_bomb(data)
    except zipfile.BadZipFile as error:
        raise MinutesError(
            "is not a Word document: a .docx file is a zip archive and this one is not"
        ) from error
    except (zlib.error, EOFError, RuntimeError, NotImplementedError) as error:
        raise MinutesError(
            "is a damaged Word document: Word's parts of it cannot be read"
        ) from error
    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise MinutesError(
            "is not a Word document: a .docx file is a zip archive and this one is not"
        ) from error
    except (KeyError, ValueError, PackageNotFoundError, etree.XMLSyntaxError) as error:
        raise MinutesError(
            "is a damaged Word document: Word's parts of it cannot be read"
        ) from error
    blocks = []
    numbering = WordNumbering(document)
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            blocks.extend(
                Row(cells=[_docx_cell_html(cell) for cell in _unique_cells(row)])
                for row in part.rows
            )
        elif part.text.strip():
            blocks.append(_docx_paragraph(part, numbering.label(part)))
    return blocks


def _docx_paragraph(paragraph, label):
    """A paragraph with Word's automatic number written in front, as it prints;
    a heading style is bold, as it looks."""
    text = " ".join(paragraph.text.split())
    runs = _docx_runs_html(paragraph)
    if paragraph.style is not None and paragraph.style.name.startswith(
        ("Heading", "Title")
    ):
        runs = f"<strong>{runs}</strong>"
    if label:
        text, runs = f"{label} {text}", f"{html.escape(label)} {runs}"
    return Paragraph(text=text, html=runs)


def _refuse_a_zip_bomb(data):
    """A .docx is a zip: 10 MB of it may unpack to gigabytes, or to a million
    paragraphs. Each part is unpacked only as far as the limit, before Word's
    reader sees any of it."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        unpacked = 0
        for member in package.infolist():
            with package.open(member) as part:
                while chunk := part.read(CHUNK):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNPACKED_BYTES:
                        raise MinutesError(
                            f"unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB: "
                            "that is no Word document of minutes"
                        )
        body = (
            package.read("word/document.xml")
            if "word/document.xml" in (package.namelist())
            else b""
        )
    if (paragraphs := len(WORD_PARAGRAPH.findall(body))) > MAX_PARAGRAPHS:
        raise MinutesError(
            f"has {paragraphs:,} paragraphs; minutes of more than {MAX_PARAGRAPHS:,} "
            "are refused"
        )


def _unique_cells(row):
    # A merged cell is repeated for each grid column it spans; keep it once.
    cells = []
    for cell in row.cells:
        if not cells or cell._tc is not cells[-1]._tc:
            cells.append(cell)
    return cells


def _docx_cell_html(cell):
    parts = []
    for paragraph in cell.paragraphs:
        if not paragraph.text.strip():
            continue
        runs = _docx_runs_html(paragraph)
        if paragraph.style.name.startswith("List"):
            parts.append(f"<ul><li>{runs}</li></ul>")
        else:
            parts.append(f"<p>{runs}</p>")
    return " ".join(parts)


def _docx_runs_html(paragraph):
    return "".join(_docx_run_html(run) for run in paragraph.runs)


def _docx_run_html(run):
    text = html.escape(run.text)
    if run.underline:
        text = f"<u>{text}</u>"
    if run.bold:
        text = f"<strong>{text}</strong>"
    return text
