"""Actions as spreadsheets people can open safely: CSV and Excel (XLSX)."""

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Each heading with its width in the .xlsx, in characters: dates fit "30 Sep 2021",
# and the long texts are wide enough to read without widening them by hand.
COLUMN_WIDTHS = {
    "Reference": 12,
    "Item": 6,
    "Action": 60,
    "Owner": 14,
    "Due": 12,
    "Days overdue": 9,
    "First due": 12,
    "Due as minuted": 20,
    "Status": 18,
    "Meeting": 36,
    "Meeting date": 12,
    "Latest update": 60,
    "Latest update on": 12,
}
COLUMNS = list(COLUMN_WIDTHS)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_safe(value):
    """Text a spreadsheet shows as written: a leading ' stops formulas."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def rows(actions, *, today):
    """One row of values per action, in COLUMNS order; dates stay dates, and days
    overdue are counted on `today`, blank for an action not overdue.

    `actions` needs select_related("owner", "agenda_item__meeting") and
    with_latest_update()."""
    for action in actions:
        yield [
            action.reference,
            action.agenda_item.number,
            action.description,
            action.owner.abbreviation if action.owner else "Needs an owner",
            action.due_date,
            action.days_overdue(today) or None,
            action.original_due_date,
            action.due_phrase,
            action.get_status_display(),
            action.agenda_item.meeting.title,
            action.agenda_item.meeting.date,
            action.latest_update or "",
            # The day in London it was written, not in UTC.
            timezone.localdate(action.latest_update_at)
            if action.latest_update_at
            else None,
        ]


def actions_csv(actions, *, name):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.csv"'
    # The byte order mark tells Excel the file is UTF-8 ("Policy Officer’s").
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for row in rows(actions, today=timezone.localdate()):
        writer.writerow(spreadsheet_safe(_iso(value)) for value in row)
    return response


def actions_xlsx(actions, *, name):
    """The actions as a sheet ready to sort and filter: the headings stay in view
    and each has a filter button. Days overdue are counted on today in London
    (TIME_ZONE), as the dashboard counts them."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    # A write-only sheet takes its widths and panes before its first row.
    for number, width in enumerate(COLUMN_WIDTHS.values(), start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_cell(sheet, heading, font=bold) for heading in COLUMNS])
    last_row = 1
    for row in rows(actions, today=timezone.localdate()):
        sheet.append([_cell(sheet, value) for value in row])
        last_row += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
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
