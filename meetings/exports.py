"""The minutes as a Word document, laid out like the published minutes."""

import io

import docx
from bs4 import BeautifulSoup, NavigableString
from docx.enum.text import WD_ALIGN_PARAGRAPH

from meetings.html import sanitise_minutes_html


def minutes_docx(meeting, *, marking=""):
    """Bytes of a .docx: header, attendance, items with discussion and actions.
    `meeting` as meetings.views shows it: the items not shown to the reader are
    named as such, and `marking` (if any) heads and foots every page."""
    document = docx.Document()
    if marking:
        _mark(document, marking)
    document.add_heading(meeting.title, level=1)
    _header_table(document, meeting)
    document.add_heading("Attendance", level=2)
    _attendance_table(document, meeting)
    # Recorded at approval by the boards app; a draft has none yet.
    if frozen := list(meeting.frozen_arising.all()):
        document.add_heading("Matters arising", level=2)
        _arising_table(document, frozen)
    document.add_heading("Items", level=2)
    for earlier in meeting.agreed_minutes.all():
        document.add_heading("Minutes of the previous meeting", level=2)
        document.add_paragraph(
            f"The minutes of the {earlier.title} held on {earlier.date:%-d %b %Y} "
            "were agreed as a true record."
        )
    for item in meeting.items.all():
        level = 3 if item.parent_id else 2
        if not item.shown:
            document.add_heading(
                f"Item {item.number}: OFFICIAL-SENSITIVE — not shown", level=level
            )
            continue
        document.add_heading(f"{item.number} {item.title}", level=level)
        _discussion(document, item.discussion)
        for decision in item.decisions.all():
            paragraph = document.add_paragraph()
            paragraph.add_run(f"DECISION {decision.number}: ").bold = True
            paragraph.add_run(decision.text)
        for action in item.actions.all():
            _action(document, action)
    document.add_heading("Next meeting", level=2)
    document.add_paragraph(_next_meeting(meeting))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _mark(document, marking):
    for section in document.sections:
        for part in (section.header, section.footer):
            paragraph = part.paragraphs[0]
            paragraph.text = marking
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.runs[0].bold = True


def _header_table(document, meeting):
    when = f"{meeting.date:%A %-d %B %Y}"
    if meeting.start_time:
        when += f", {meeting.start_time:%H:%M}"
    rows = [
        ("Board", str(meeting.board)),
        ("Date", when),
        ("Chair", meeting.chair),
        ("Minutes", meeting.minute_taker),
        ("Venue", meeting.venue),
    ]
    if meeting.agreed_at_id:
        agreed = meeting.agreed_at
        rows.append(
            ("Agreed as a true record at", f"{agreed.title}, {agreed.date:%-d %b %Y}")
        )
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value or "Not recorded"


def _attendance_table(document, meeting):
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, heading in zip(
        table.rows[0].cells, ("Name", "Capacity", "Attendance"), strict=True
    ):
        cell.text = heading
    for person in meeting.attendees.all():
        capacity = person.capacity
        if person.abbreviation:
            capacity += f" ({person.abbreviation})"
        cells = table.add_row().cells
        cells[0].text = person.name
        cells[1].text = capacity
        cells[2].text = person.get_attendance_display()


def _arising_table(document, frozen):
    headings = ("Action", "Owner", "Due", "Status", "Latest update")
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = heading
    for entry in frozen:
        update = entry.latest_update
        if update and entry.latest_update_at:
            update += f" ({entry.latest_update_at:%-d %b %Y})"
        cells = table.add_row().cells
        cells[0].text = f"{entry.reference} {entry.description}"
        cells[1].text = entry.owner or "Needs an owner"
        cells[2].text = f"{entry.due_date:%-d %b %Y}" if entry.due_date else "No date"
        cells[3].text = entry.status
        cells[4].text = update or "None"


def _discussion(document, html):
    soup = BeautifulSoup(sanitise_minutes_html(html), "html.parser")
    for block in soup.find_all(["p", "li"]):
        style = "List Bullet" if block.name == "li" else None
        _runs(document.add_paragraph(style=style), block)


def _runs(paragraph, element):
    for part in element.descendants:
        if isinstance(part, NavigableString) and part.strip():
            run = paragraph.add_run(str(part))
            run.underline = part.find_parent("u") is not None
            run.bold = part.find_parent(["strong", "b"]) is not None


def _action(document, action):
    owner = action.owner.abbreviation if action.owner else "needs an owner"
    due = f"{action.due_date:%-d %b %Y}" if action.due_date else "no date"
    paragraph = document.add_paragraph()
    paragraph.add_run(f"ACTION {action.reference}: ").bold = True
    paragraph.add_run(f"{action.description} (Owner: {owner}; due: {due})")


def _next_meeting(meeting):
    if meeting.next_meeting_id:
        return f"{meeting.next_meeting.title}, {meeting.next_meeting.date:%-d %b %Y}"
    if meeting.next_meeting_date:
        parts = [meeting.next_meeting_title, f"{meeting.next_meeting_date:%-d %b %Y}"]
        if meeting.next_meeting_time:
            parts.append(f"{meeting.next_meeting_time:%H:%M}")
        return ", ".join(p for p in parts if p)
    return "Not recorded"
