"""Actions as spreadsheets people can open safely: CSV and Excel (XLSX)."""

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

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
    "Meeting",
    "Meeting date",
    "Latest update",
    "Latest update on",
]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_safe(value):
    """Text a spreadsheet shows as written: a leading ' stops formulas."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def rows(actions):
    """One row of values per action, in COLUMNS order; dates stay dates.

    `actions` needs select_related("owner", "agenda_item__meeting") and
    with_latest_update()."""
    for action in actions:
        yield [
            action.reference,
            action.agenda_item.number,
            action.description,
            action.owner.abbreviation if action.owner else "Needs an owner",
            action.due_date,
            action.original_due_date,
            action.due_phrase,
            action.get_status_display(),
            action.agenda_item.meeting.title,
            action.agenda_item.meeting.date,
            action.latest_update or "",
            action.latest_update_at.date() if action.latest_update_at else None,
        ]


def actions_csv(actions, *, name):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.csv"'
    # The byte order mark tells Excel the file is UTF-8 ("Policy Officer’s").
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for row in rows(actions):
        writer.writerow(spreadsheet_safe(_iso(value)) for value in row)
    return response


def actions_xlsx(actions, *, name):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    bold = Font(bold=True)
    sheet.append([_cell(sheet, heading, font=bold) for heading in COLUMNS])
    for row in rows(actions):
        sheet.append([_cell(sheet, value) for value in row])
    content = io.BytesIO()
    workbook.save(content)
    response = HttpResponse(content.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.xlsx"'
    return response


def _cell(sheet, value, font=None):
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, datetime.date):
        cell.number_format = "d mmm yyyy"
    elif isinstance(value, str):
        # Typed as text, never a formula, whatever it starts with.
        cell.data_type = "s"
    if font:
        cell.font = font
    return cell


def _iso(value):
    return value.isoformat() if isinstance(value, datetime.date) else value
