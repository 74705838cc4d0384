"""Build the corpus's .docx and .pdf documents from the invented text held here.

    .venv/bin/python meetings/tests/corpus/build.py

The .txt and .html documents are written by hand; Word and PDF files are not, so
this script holds their text and lays it out: Word's automatic numbering (numPr on
the paragraph, or the "List Number" style), tables with real cells, PDF tables a
PDF reader can find, and the bad inputs (an encrypted PDF, a scanned one with no
text layer). The output is committed; run this again only after changing the text.
Every person, place and figure is invented.
"""

import datetime
import io
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image, ImageDraw
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
# Same bytes on every run: no creation date or random document id in the PDFs.
rl_config.invariant = 1
FIXED = datetime.datetime(2024, 1, 1)


# A document is a list of blocks, each (kind, content): a title, a paragraph, a bold
# line, a numbered heading (numbered as each document's builder says) or a table
# whose first row is the header.
def title(text):
    return ("title", text)


def p(text):
    return ("p", text)


def bold(text):
    return ("b", text)


def numbered(text):
    return ("numbered", text)


def table(rows):
    return ("table", rows)


OPCC_ASSURANCE_2013 = [
    title("Office of the Police and Crime Commissioner for Wexcombe"),
    title("Assurance Meeting – Minutes"),
    p("Meeting date: 10 September 2013"),
    p("Time: 14:00 – 16:00"),
    p("Venue: Meeting Room 1, Wexcombe Police Headquarters"),
    p(
        "Present: Ms Carol Dent, Police and Crime Commissioner (PCC); Mr Hugo Baines, "
        "Chief Executive (CEx); Mr Peter Lomax, Chief Constable (CC); Mrs Joy Hinds, "
        "Deputy Chief Constable (DCC); Miss Anna Frew, Policy Assistant (PA)"
    ),
    numbered("Apologies"),
    p("There were no apologies."),
    numbered("Minutes of the last meeting"),
    p(
        "The minutes of 13 August 2013 were agreed. Actions from the previous meeting "
        "were reviewed and both were complete."
    ),
    numbered("Police and Crime Plan performance"),
    p(
        "The CC reported that anti-social behaviour incidents had fallen by 8% over "
        "the summer, but rose in two town centre wards. The PCC asked to see the "
        "figures ward by ward before the partnership summit."
    ),
    p(
        "ACTION: CC to provide the quarterly anti-social behaviour figures by ward by "
        "21.9.13."
    ),
    numbered("Collaboration with Wexcombe Fire and Rescue Service"),
    p(
        "The CEx outlined the proposal to share the Eastfield station. The PCC "
        "supported it in principle and asked for a memorandum of understanding."
    ),
    p(
        "ACTION: CEx to draft the memorandum of understanding with the fire service "
        "by 31 October 2013."
    ),
    numbered("Custody inspection"),
    p(
        "The DCC said the unannounced custody inspection report would be published "
        "next month. The PCC noted the action plan already drawn up by the force."
    ),
    p(
        "ACTION – DCC to brief the PCC on the custody inspection findings before "
        "publication."
    ),
    numbered("Any other business"),
    p("None. No further action."),
]

STRATEGIC_POLICING_BOARD_2019 = [
    title("Strategic Policing Board"),
    p("Tuesday 19 November 2019, 10:00 – 12:00"),
    p("Commissioner's Meeting Room, Ashborough"),
    p("Present:"),
    p("Owen Barrett – Police and Crime Commissioner (PCC), Chair"),
    p("Andrea Voss – Chief Executive (CEx)"),
    p("Kieran Toal – Policy Officer (PO)"),
    p("Nadia Akhtar – Chief Constable (CC)"),
    p("Fiona Grady – Assistant Chief Constable (ACC)"),
    p("Amir Qureshi – Staff Officer (SO)"),
    numbered("Welcome and apologies"),
    p("The PCC welcomed members. There were no apologies."),
    numbered("Action log"),
    p(
        "Actions from the previous meeting were reviewed. The action on the custody "
        "suite visit is complete."
    ),
    numbered("Control room performance"),
    p(
        "The ACC reported that 999 calls answered within ten seconds had fallen to "
        "84% in October. The demand profile used to set shift patterns dates from "
        "2017. The PCC asked for it to be refreshed before the new shift pattern is "
        "agreed."
    ),
    numbered("Serious violence"),
    p(
        "The CC introduced the work on a violence reduction strategy with the health "
        "and education partners. The Board noted the action plan of the violence "
        "reduction unit."
    ),
    numbered("Scrutiny panel annual report"),
    p(
        "The PO presented the first annual report of the independent scrutiny panel. "
        "The PCC asked for it to be published before Christmas."
    ),
    bold("Actions"),
    table(
        [
            ["Action", "Owner", "Deadline", "Status"],
            [
                "Refresh the demand profile for the control room",
                "ACC",
                "by March 2020",
                "Open",
            ],
            [
                "Bring the draft violence reduction strategy to the Board",
                "CC",
                "at the January meeting",
                "Open",
            ],
            [
                "Publish the scrutiny panel annual report",
                "PO",
                "13 December 2019",
                "In progress",
            ],
            [
                "Arrange the Board's visit to the new custody suite",
                "SO",
                "31 Oct",
                "Complete",
            ],
        ]
    ),
]

COLLABORATION_BOARD_2022 = [
    title("Joint Police and Fire Collaboration Board"),
    title("Minutes"),
    p("Wednesday 2 March 2022, 13:00–15:00, Riverside Fire Station"),
    bold("Attendance"),
    table(
        [
            ["Name", "Role"],
            ["Clare Mountford", "Police and Crime Commissioner (PCC)"],
            ["Bethan Rees", "Chief Executive (CEx)"],
            ["Gareth Morgan", "Deputy Chief Constable (DCC)"],
            ["Yusuf Ali", "Chief Fire Officer"],
            ["Nia Howells (NH)", "Head of Joint Estates"],
            ["Owen Pryce", "Policy Assistant (PA)"],
        ]
    ),
    bold("Welcome"),
    p("The PCC welcomed members. Apologies were received from the Chief Constable."),
    bold("Shared control room"),
    p(
        "DCC Morgan reported that the feasibility study had found a shared control "
        "room practicable at the Riverside site. The Chief Fire Officer was concerned "
        "about resilience if one building failed."
    ),
    p(
        "Action – DCC Morgan to present the options appraisal for the shared control "
        "room by 30 June 2022."
    ),
    bold("Shared stations"),
    p(
        "Nia Howells reported that the Riverside shared station lease was ready for "
        "signature but the break clause was still disputed."
    ),
    p(
        "Action – Nia Howells to confirm the lease terms for the Riverside shared "
        "station."
    ),
    bold("Funding"),
    p(
        "The Board agreed to bid for national collaboration funding. The action plan "
        "for the bid was noted."
    ),
    p("Action – PCC to write to the Home Office about the collaboration funding bid."),
    bold("Any other business"),
    p("Actions from the previous meeting were reviewed. No further action required."),
]

JAC_2023 = [
    title("JOINT AUDIT COMMITTEE"),
    p("Minutes of the meeting held on Monday 22 March 2023 at 10:00"),
    p("Committee Room 1, Northmoor Police Headquarters"),
    p(
        "Members present: Lorraine Hirst (Chair), Dennis Amory, Gwen Talbot, Philip "
        "Strand"
    ),
    p(
        "In attendance: Jonathan Hale, Chief Executive (CEx); Tom Kershaw, Chief "
        "Finance Officer (CFO); Mark Ellison, Chief Constable (CC); Anita Ross, Head "
        "of Internal Audit (HIA); Luke Farrow, external audit manager"
    ),
    bold("1. Apologies and declarations"),
    p("Apologies were received from the Deputy Chief Constable. No declarations."),
    bold("2. Minutes and action log"),
    p(
        "The minutes of 7 December 2022 were approved. Actions from the previous "
        "meeting were reviewed; all but one were complete."
    ),
    bold("3. Joint risk register"),
    p(
        "The CFO presented the joint risk register. Members asked why cyber "
        "resilience did not appear as a joint risk given the shared network. The CFO "
        "agreed to add it."
    ),
    bold("4. Internal audit"),
    p(
        "The HIA presented the draft plan for 2023/24. The seized property audit gave "
        "limited assurance; the Committee noted the management action plan and asked "
        "the CC for assurance on progress."
    ),
    bold("5. Fraud"),
    p(
        "The CC reported that referrals from Action Fraud had risen by a fifth. No "
        "further action was required by the Committee."
    ),
    bold("6. Actions agreed"),
    table(
        [
            ["Action", "Owner", "Deadline", "Status"],
            [
                "Add the cyber resilience risk to the joint risk register",
                "CFO",
                "for the next risk register update in June",
                "Open",
            ],
            [
                "Circulate the internal audit plan 2023/24 for comment",
                "HIA",
                "14 April 2023",
                "Open",
            ],
            [
                "Provide assurance on the seized property recommendations",
                "CC",
                "at the July meeting",
                "Open",
            ],
            [
                "Review the gifts and hospitality register before publication",
                "CEx",
                "31/03/2023",
                "Complete",
            ],
        ]
    ),
    p("The next meeting will be held on 19 July 2023."),
]

ESTATES_BOARD_2019 = [
    title("ESTATES PROGRAMME BOARD"),
    p("Date: 15 October 2019      Time: 14:00      Venue: Estates Office, Kelham"),
    p("Attendees:"),
    p("Simon Hurst (SH) – Deputy Chief Constable (Chair)"),
    p("Daniel Webb (DW) – Director of Estates"),
    p("Leon Fitch (LF) – Director of Finance"),
    p("Kieran Toal (KT) – Policy Officer"),
    p("Apologies: Andrea Voss – Chief Executive"),
    bold("21/2019/P – Minutes and matters arising"),
    p(
        "The minutes of the September meeting were agreed. The action log was "
        "reviewed and is attached."
    ),
    bold("22/2019/P – Estates Strategy"),
    p(
        "DW presented the draft strategy. Six of the oldest stations have no "
        "condition survey newer than 2012. SH said that the strategy could not be "
        "costed without them."
    ),
    p(
        "Action: Estates Services (DW) to commission condition surveys for the six "
        "oldest stations by the end of January 2020."
    ),
    bold("23/2019/P – Custody Provision"),
    p(
        "The Board discussed the number of cells needed in the new custody suite. LF "
        "warned that each extra cell adds about £180,000."
    ),
    p(
        "Action: DCC to confirm the number of custody cells required by 29 November "
        "2019."
    ),
    bold("24/2019/P – Disposals"),
    p(
        "The sale of the Old Mill Lane depot completed on 30 September. The disposals "
        "action plan was noted. No further action required."
    ),
    p("Action: KT to add the disposal receipts to the OPCC capital report."),
    bold("25/2019/P – Date of next meeting"),
    p("12 November 2019 at 14:00."),
]

FORCE_EXECUTIVE_2022 = [
    title("Northmoor Police – Force Executive Board"),
    p("Thursday 3 November 2022"),
    p("09:00 – 11:00, Chief Officers' Suite"),
    p("Present:"),
    p("Mark Ellison (ME) – Chief Constable (Chair)"),
    p("Gareth Morgan (GM) – Deputy Chief Constable"),
    p("Dev Anand (DA) – Assistant Chief Constable"),
    p("Hannah Cole (HC) – Director of People"),
    p("Jonathan Hale (JH) – Chief Executive, OPCC (observer)"),
    bold("1. Minutes and actions"),
    p(
        "The minutes of 6 October were agreed. Actions from the previous meeting were "
        "reviewed and the ACTION LOG updated."
    ),
    bold("2. Workforce"),
    p(
        "HC reported that police staff turnover in the control room had reached 19%. "
        "Exit interviews cite shift patterns and pay."
    ),
    p(
        "ACTION: HC to analyse control room exit interviews by length of service by "
        "30 November 2022."
    ),
    bold("3. Professional standards"),
    p(
        "DCC Morgan presented the misconduct data for the half year. The Board noted "
        "the action plan arising from the vetting inspection."
    ),
    p("ACTION: DCC Morgan to commission a review of the vetting appeals process."),
    bold("4. Operational performance"),
    p(
        "DA reported on the autumn knife crime operation. The Chief Constable asked "
        "for the results to be shared with the Commissioner."
    ),
    p(
        "Action – CC to share the knife crime operation results with the PCC by the "
        "next meeting."
    ),
    bold("5. Any other business"),
    p("None. No further action."),
    bold("6. Next meeting"),
    p("Thursday 1 December 2022, 09:00."),
]

AUDIT_COMMITTEE_2018 = [
    title("WEXCOMBE COMMUNITY HEALTH NHS FOUNDATION TRUST"),
    title("AUDIT COMMITTEE"),
    p("Minutes of the meeting held on Wednesday 24 January 2018 at 14:00"),
    p("Board Room, Trust Headquarters"),
    p(
        "Present: Ian Pardoe (IP) Non-Executive Director (Chair); Ruth Calloway (RC) "
        "Non-Executive Director; Joan Tilley (JT) Non-Executive Director"
    ),
    p(
        "In attendance: Priya Menon (PM) Director of Finance; Sian Lloyd (SL) Trust "
        "Secretary; Carl Bryce (CB) Head of Counter Fraud; Ola Adeyemi (OA) Internal "
        "Audit Manager"
    ),
    bold("AC 01/18 Apologies"),
    p("None."),
    bold("AC 02/18 Minutes of the previous meeting and action tracker"),
    p(
        "The minutes were approved. The committee reviewed the action tracker below; "
        "actions from the previous meeting were reviewed and updated."
    ),
    bold("AC 03/18 Internal audit progress"),
    p(
        "OA reported that the data quality audit had given partial assurance. RC "
        "asked for the recommendations to be followed up before year end."
    ),
    bold("AC 04/18 Counter fraud"),
    p(
        "CB described a payroll fraud referral, now with the police. Action Fraud had "
        "been notified. The counter fraud work plan was noted."
    ),
    bold("AC 05/18 Losses and special payments"),
    p("Approved. No further action required."),
    bold("ACTION TRACKER"),
    table(
        [
            ["No", "Paper", "Action", "Lead", "Target date", "New date", "Status"],
            [
                "01/18",
                "Internal audit",
                "Follow up the data quality audit recommendations",
                "OA",
                "March",
                "30 Apr",
                "Ongoing",
            ],
            [
                "02/18",
                "Counter fraud",
                "Report the outcome of the payroll fraud investigation",
                "CB",
                "18 Jul 2018",
                "",
                "Open",
            ],
            [
                "14/17",
                "Accounts",
                "Confirm the timetable for the 2017/18 annual accounts",
                "PM",
                "24.1.18",
                "",
                "Complete",
            ],
            [
                "11/17",
                "Governance",
                "Update the register of interests for new Board members",
                "SL",
                "Dec",
                "",
                "Closed",
            ],
        ]
    ),
]

ETHICS_PANEL_2017 = [
    title("INDEPENDENT ETHICS PANEL"),
    p("Note of the meeting held on 20 June 2017, 18:00, Wexcombe Police HQ"),
    p(
        "Present: Dr Farah Iqbal (Chair), Andrew Coyle, Lena Brandt, Mo Tariq (panel "
        "members); Joy Hinds, Deputy Chief Constable; Sean Pollard, Head of "
        "Professional Standards; Priya Shah, Policy Officer (OPCC)"
    ),
    bold("1. Welcome and apologies"),
    p("The Chair welcomed members. Apologies from Helen Ward, PCC."),
    bold("2. Social media and off-duty conduct"),
    p(
        "The panel discussed three anonymised cases of officers' off-duty posts. "
        "Members felt the current guidance was unclear on closed groups. The panel "
        "asked for the guidance to be redrafted with worked examples by 31 Oct."
    ),
    p("Action : Head of Professional Standards"),
    bold("3. Facial recognition"),
    p(
        "The Deputy Chief Constable outlined the proposed trial at the county show. "
        "The panel asked that the equality impact assessment be shared before any "
        "decision, and that the trial's watchlist criteria be published."
    ),
    p("Action : Deputy Chief Constable"),
    bold("4. Panel matters"),
    p(
        "The panel's action plan for the year was noted. The Policy Officer will "
        "arrange the recruitment of two further members by September 2017."
    ),
    p("Action : PO"),
    bold("5. Date of next meeting"),
    p("19 September 2017."),
]

ENCRYPTED_2022 = [
    title("Accountability Board – Minutes"),
    p("Thursday 13th October 2022 – 09:30-11:30"),
    p("Present: Sarah Whitfield (SW) Chair – Police & Crime Commissioner"),
    bold("Ref 01/13/10/2022 – Welcome"),
    p("Action – CC to report on summer demand by the next meeting."),
]

SCANNED_LINES = [
    "POLICE AND CRIME COMMISSIONER – PERFORMANCE MEETING",
    "Tuesday 5 March 2019, 10:00",
    "Present: Helen Ward (PCC), Tom Hughes (CC), Priya Shah (PO)",
    "1. Apologies – none",
    "2. Burglary performance",
    "ACTION: CC to report burglary outcomes by 30 April 2019.",
]


def build_docx(path, blocks, *, numbering):
    """Write `blocks` as a Word document whose numbered headings use `numbering`:
    "numPr" puts Word's numbering on each heading paragraph, "List Number" uses the
    built-in numbered list style (whose numPr is on the style)."""
    document = docx.Document()
    document.core_properties.author = "Corpus builder"
    for kind, content in blocks:
        if kind == "title":
            document.add_paragraph(content, style="Title")
        elif kind == "p":
            document.add_paragraph(content)
        elif kind == "b":
            document.add_paragraph().add_run(content).bold = True
        elif kind == "numbered" and numbering == "List Number":
            document.add_paragraph(content, style="List Number").runs[0].bold = True
        elif kind == "numbered":
            paragraph = document.add_paragraph(content, style="Heading 2")
            _number_paragraph(paragraph)
        elif kind == "table":
            _docx_table(document, content)
    _save_reproducibly(document, path)


def _save_reproducibly(document, path):
    # Same bytes on every run: fixed document dates and zip entry times.
    document.core_properties.created = document.core_properties.modified = FIXED
    saved = io.BytesIO()
    document.save(saved)
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry))


def _number_paragraph(paragraph):
    # The default template's numbering 5 is a single "1." level, as Word writes it.
    number = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), "0")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), "5")
    number.extend([level, num_id])
    paragraph._p.get_or_add_pPr().append(number)


def _docx_table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True


def build_pdf(path, blocks, *, encrypt=None):
    styles = getSampleStyleSheet()
    story = []
    for kind, content in blocks:
        if kind == "title":
            story.append(Paragraph(content, styles["Title"]))
        elif kind == "p":
            story.append(Paragraph(content, styles["BodyText"]))
        elif kind == "b":
            story.append(Paragraph(content, styles["Heading3"]))
        elif kind == "table":
            story += [Spacer(1, 0.3 * cm), _pdf_table(content, styles)]
    SimpleDocTemplate(
        str(path), pagesize=A4, encrypt=encrypt, title=path.stem, author="Corpus"
    ).build(story)


def _pdf_table(rows, styles):
    # Paragraphs in the cells so long actions wrap inside their column.
    cells = [[Paragraph(text, styles["BodyText"]) for text in row] for row in rows]
    table = Table(cells, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def build_scanned_pdf(path, lines):
    """A page that is only a picture of text, as a scanner makes: no text layer."""
    image = Image.new("L", (1240, 1754), color=255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((100, 120 + number * 40), line, fill=0)
    png = io.BytesIO()
    image.save(png, format="PNG")
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawImage(ImageReader(png), 0, 0, width=A4[0], height=A4[1])
    page.showPage()
    page.save()


def main():
    build_docx(
        HERE / "opcc-assurance-2013-09-10.docx", OPCC_ASSURANCE_2013, numbering="numPr"
    )
    build_docx(
        HERE / "strategic-policing-board-2019-11-19.docx",
        STRATEGIC_POLICING_BOARD_2019,
        numbering="List Number",
    )
    build_docx(
        HERE / "collaboration-board-2022-03-02.docx",
        COLLABORATION_BOARD_2022,
        numbering="numPr",
    )
    build_pdf(HERE / "joint-audit-committee-2023-03-22.pdf", JAC_2023)
    build_pdf(HERE / "estates-programme-board-2019-10-15.pdf", ESTATES_BOARD_2019)
    build_pdf(HERE / "force-executive-board-2022-11-03.pdf", FORCE_EXECUTIVE_2022)
    build_pdf(HERE / "trust-audit-committee-2018-01-24.pdf", AUDIT_COMMITTEE_2018)
    build_pdf(HERE / "ethics-panel-2017-06-20.pdf", ETHICS_PANEL_2017)
    build_pdf(
        HERE / "encrypted-minutes.pdf",
        ENCRYPTED_2022,
        encrypt=StandardEncryption("opcc-only", canPrint=0, canCopy=0),
    )
    build_scanned_pdf(HERE / "scanned-minutes.pdf", SCANNED_LINES)


if __name__ == "__main__":
    main()
