"""The minutes as a Word document, laid out like the published minutes."""

import io

import docx
from bs4 import BeautifulSoup, NavigableString

from meetings.html import sanitise_minutes_html


def minutes_docx(meeting):
    """Bytes of a .docx: header, attendance, items with discussion and actions."""
    document = docx.Document()
    document.add_heading(meeting.title, level=1)
    _header_table(document, meeting)
    document.add_heading("Attendance", level=2)
    _attendance_table(document, meeting)
    document.add_heading("Items", level=2)
    for item in meeting.items.all():
        document.add_heading(
            f"{item.number} {item.title}", level=3 if item.parent_id else 2
        )
        _discussion(document, item.discussion)
        for action in item.actions.all():
            _action(document, action)
    document.add_heading("Next meeting", level=2)
    document.add_paragraph(_next_meeting(meeting))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _header_table(document, meeting):
    when = f"{meeting.date:%A %-d %B %Y}"
    if meeting.start_time:
        when += f", {meeting.start_time:%H:%M}"
    rows = [
        ("Date", when),
        ("Chair", meeting.chair),
        ("Minutes", meeting.minute_taker),
        ("Venue", meeting.venue),
    ]
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
