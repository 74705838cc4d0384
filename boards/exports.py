"""The decisions register as CSV, as safe to open as the actions export."""

import csv

from django.http import HttpResponse
from django.utils.text import slugify

from actions.exports import spreadsheet_safe
from meetings.marking import banner, marking_of

COLUMNS = [
    "Number",
    "Decision",
    "Of significant public interest",
    "Board",
    "Meeting",
    "Meeting date",
    "Item",
]


def decisions_csv(decisions, *, name):
    """`decisions` needs select_related("agenda_item__meeting__board"). A marked
    register says so in its first and last lines."""
    decisions = list(decisions)
    marking = banner(marking_of(decisions))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.csv"'
    # The byte order mark tells Excel the file is UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    if marking:
        writer.writerow([marking])
    writer.writerow(COLUMNS)
    for decision in decisions:
        meeting = decision.agenda_item.meeting
        row = [
            decision.number,
            decision.text,
            "Yes" if decision.significant_public_interest else "No",
            meeting.board.name,
            meeting.title,
            meeting.date.isoformat(),
            decision.agenda_item.number,
        ]
        writer.writerow(spreadsheet_safe(value) for value in row)
    if marking:
        writer.writerow([marking])
    return response
