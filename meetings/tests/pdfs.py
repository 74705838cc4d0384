"""PDFs in the layouts of published minutes, built with reportlab, with the blocks
a reader should find in them.

Used by test_importer_pdf.py and bench/pdf_readers.py. Each builder returns the PDF's
bytes and the expected blocks in order: ("p", line) for a line of text as the page
shows it, ("row", [cell, ...]) for a table row with a wrapped cell's lines joined.
Running titles and "Page n of m" footers are not expected: a reader drops them.
"""

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

RUNNING_TITLE = "Police and Crime Panel – Monthly Assurance Meeting"
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
HEADING = ParagraphStyle(
    "heading", fontName="Helvetica-Bold", fontSize=11, leading=15, spaceBefore=6
)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=16, leading=20)
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
CELL_BOLD = ParagraphStyle("cell-bold", parent=CELL, fontName="Helvetica-Bold")
RULED = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]
UNRULED = [("VALIGN", (0, 0), (-1, -1), "TOP")]

ATTENDANCE = [
    ["Name", "Initials", "Role"],
    ["Sarah Whitfield", "SW", "Police and Crime Commissioner (Chair)"],
    ["Mark Ellison", "ME", "Chief Constable"],
    ["Priya Ramanathan", "PR", "Deputy Chief Constable"],
    ["Tom Kendal", "TK", "Chief Finance Officer, OPCC"],
]
# Each paragraph's lines as the page breaks them: written out, so that the expected
# lines do not depend on how reportlab wraps.
DISCUSSION = [
    [
        "The Chief Constable presented the performance report for quarter {n}.",
        "Recorded crime had fallen by 4% against the same quarter last year, while",
        "stop-and-search encounters rose slightly; the Commissioner asked for the",
        "well-being survey results to be shared with the panel before September.",
    ],
    [
        "Members noted the £2.4m overspend on overtime and the force’s plan to",
        "recover it through vacancy management. The Deputy Chief Constable",
        "confirmed that neighbourhood teams would not be affected.",
    ],
    ["The report for quarter {n} was noted."],
]
ACTIONS = [
    ["Action", "Owner", "Deadline", "Status"],
    [
        (
            "Share the staff well-being survey results with the panel, with a "
            "summary of the actions the force will take in response"
        ),
        "Deputy Chief Constable (PR)",
        "30 September 2022",
        "Ongoing",
    ],
    [
        "Report on stop-and-search disproportionality by division",
        "ME",
        "w/c 3rd October",
        "C/Fwd",
    ],
    ["Circulate the revised overtime policy", "TK / SW", "31 Oct", "Complete"],
]


def minutes_pdf(*, items=3, unruled=False):
    """Minutes of one meeting; items=40 makes about twenty pages."""
    story, expected = _head(unruled=unruled)
    for number in range(1, items + 1):
        _add_item(story, expected, number)
    _add_table(story, expected, ACTIONS, style=RULED, widths=[7, 3.5, 3, 2])
    data, pages = _build(story)
    if pages == 1:
        # On a single page nothing repeats, so the running title reads as a line.
        expected.insert(0, ("p", RUNNING_TITLE))
    return data, expected


def action_log_pdf(*, rows=5000):
    """Only an action log: one ruled table whose heading row repeats on each page."""
    data = [ACTIONS[0]] + [
        [f"Action {n}: review the custody record", "ME", "31 Oct 2022", "Open"]
        for n in range(1, rows + 1)
    ]
    table = Table(data, colWidths=[w * cm for w in (8, 3, 3, 2)], repeatRows=1)
    table.setStyle([*RULED, ("FONT", (0, 0), (-1, -1), "Helvetica", 9)])
    expected = [("row", cells) for cells in data]
    return _build([table])[0], expected


def _head(*, unruled):
    story = [
        Paragraph("Monthly Assurance Meeting", TITLE),
        Paragraph("Thursday 14th July 2022 – 09:30-11:30", BODY),
        Paragraph("Venue: Conference Room 2, Force Headquarters", BODY),
        Spacer(1, 8),
        Paragraph("Present:", HEADING),
    ]
    expected = [
        ("p", "Monthly Assurance Meeting"),
        ("p", "Thursday 14th July 2022 – 09:30-11:30"),
        ("p", "Venue: Conference Room 2, Force Headquarters"),
        ("p", "Present:"),
    ]
    style = UNRULED if unruled else RULED
    _add_table(story, expected, ATTENDANCE, style=style, widths=[4.5, 2, 8])
    return story, expected


def _add_item(story, expected, number):
    heading = f"{number}. Performance report, quarter {number}"
    story.append(Paragraph(heading, HEADING))
    expected.append(("p", heading))
    # Items of differing lengths, as in real minutes: identical ones would put the
    # same line at the top of page after page, like a running header.
    for lines in DISCUSSION[: 1 + number % 3]:
        lines = [line.format(n=number) for line in lines]
        story.append(Paragraph("<br/>".join(lines), BODY))
        expected.extend(("p", line) for line in lines)


def _add_table(story, expected, data, *, style, widths):
    widths = [w * cm for w in widths]
    cells = [
        [Paragraph(text, CELL_BOLD if r == 0 else CELL) for text in row]
        for r, row in enumerate(data)
    ]
    story.append(Table(cells, colWidths=widths, style=style))
    story.append(Spacer(1, 8))
    expected.extend(("row", list(row)) for row in data)


def _build(story):
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.5 * cm,
        bottomMargin=2.5 * cm,
    )
    document.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue(), document.page


class _NumberedCanvas(canvas.Canvas):
    # "Page n of m" needs the page count, known only once every page is laid out.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        for page in self._pages:
            self.__dict__.update(page)
            self.setFont("Helvetica", 8)
            self.drawString(2.5 * cm, A4[1] - 1.5 * cm, RUNNING_TITLE)
            self.drawCentredString(
                A4[0] / 2, 1.5 * cm, f"Page {self._pageNumber} of {len(self._pages)}"
            )
            super().showPage()
        super().save()


def encrypted_pdf(*, user_password="secret"):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=_encryption(user_password), pageCompression=0)
    pdf.drawString(72, 720, "Monthly Assurance Meeting")
    pdf.save()
    return buffer.getvalue()


def _encryption(user_password):
    from reportlab.lib.pdfencrypt import StandardEncryption

    return StandardEncryption(user_password, ownerPassword="owner", strength=128)


def scanned_pdf():
    """A page that is only a picture of text, as a scanner makes it."""
    from reportlab.lib.utils import ImageReader

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(_grey_image()), 72, 400, width=400, height=300)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _grey_image():
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 300), 255)
    ImageDraw.Draw(image).text((20, 20), "Monthly Assurance Meeting", fill=0)
    return image


def many_pages_pdf(pages):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        pdf.drawString(72, 720, f"Line {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
