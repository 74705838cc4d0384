"""Actions as spreadsheets people can open safely."""

import csv

from django.http import HttpResponse
from django.utils.text import slugify

# A cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = [
    "Reference",
    "Item",
    "Action",
    "Owner",
    "Due",
    "First due",
    "Due as minuted",
    "Status",
]


def spreadsheet_safe(value):
    """Text a spreadsheet shows as written: a leading ' stops formulas."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def actions_csv(actions, *, name):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.csv"'
    # The byte order mark tells Excel the file is UTF-8 ("Policy Officer’s").
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for action in actions:
        writer.writerow(
            spreadsheet_safe(value)
            for value in (
                action.reference,
                action.agenda_item.number,
                action.description,
                action.owner.abbreviation if action.owner else "Needs an owner",
                _iso(action.due_date),
                _iso(action.original_due_date),
                action.due_phrase,
                action.get_status_display(),
            )
        )
    return response


def _iso(date):
    return date.isoformat() if date else ""
