"""Actions as spreadsheets people can open safely: CSV and Excel (XLSX)."""

import csv
import datetime
import tempfile

import xlsxwriter
from django.db.models import F
from django.db.models.functions import TruncDate
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from actions.models import OPEN_STATUSES, Action, ActionStatus
from assurance.lookups import AnyOf
from meetings.marking import banner

# A cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_FIRST = frozenset(FORMULA_STARTS)

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


# The values each row is made of.
VALUES = [
    "reference",
    "agenda_item__number",
    "description",
    "owner__abbreviation",
    "due_date",
    "original_due_date",
    "due_phrase",
    "status",
    "agenda_item__meeting__title",
    "agenda_item__meeting__date",
    "latest_update",
    "latest_update_on",
]
CHUNK = 5_000
STATUS_NAMES = dict(ActionStatus.choices)


def rows(actions, *, today, progress=None):
    """One row of values per action, in COLUMNS order; dates stay dates, and days
    overdue are counted on `today`, blank for an action not overdue.

    1. Read the ids of the actions, in their order (a million ids is 40 MB).
    2. Read the values of CHUNK of them at a time, never model instances, so memory
       stays flat however many there are (server-side cursors are off, see
       settings); `progress(rows done)` after each chunk.
    """
    ids = list(actions.values_list("pk", flat=True))
    values = (
        Action.objects.with_latest_update()
        # The day in London it was written, not in UTC.
        .annotate(latest_update_on=TruncDate("latest_update_at"))
        .values_list("pk", *VALUES)
        .order_by()  # put in the order of `ids` here
    )
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = {row[0]: row[1:] for row in values.filter(AnyOf(F("pk"), chunk))}
        for pk in chunk:
            yield _row(*found[pk], today=today)
        if progress:
            progress(start + len(chunk))


def _row(
    reference,
    item,
    description,
    owner,
    due,
    first_due,
    phrase,
    status,
    meeting,
    meeting_date,
    update,
    update_on,
    *,
    today,
):
    overdue = due is not None and due < today and status in OPEN_STATUSES
    return [
        reference,
        item,
        description,
        owner or "Needs an owner",
        due,
        (today - due).days if overdue else None,
        first_due,
        phrase,
        STATUS_NAMES[status],
        meeting,
        meeting_date,
        update or "",
        update_on,
    ]


def actions_csv(actions, *, name):
    """The actions as CSV, sent as it is written."""
    response = StreamingHttpResponse(
        csv_lines(actions, today=timezone.localdate()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.csv"'
    return response


def csv_lines(actions, *, today, progress=None):
    """The lines of the CSV; its first and last say its marking, if it is marked."""
    marking = banner(actions.marking())
    # The byte order mark tells Excel the file is UTF-8 ("Policy Officer’s").
    yield "\ufeff"
    line = _Line()
    writer = csv.writer(line)
    if marking:
        yield writer.writerow([marking])
    yield writer.writerow(COLUMNS)
    for row in rows(actions, today=today, progress=progress):
        yield writer.writerow(_csv_cells(row))
    if marking:
        yield writer.writerow([marking])


# Which COLUMNS hold text (a formula's start is neutralised) and which dates.
TEXT_COLUMNS = [
    number
    for number, column in enumerate(COLUMNS)
    if column
    in (
        "Reference",
        "Item",
        "Action",
        "Owner",
        "Due as minuted",
        "Status",
        "Meeting",
        "Latest update",
    )
]
DATE_COLUMNS = [
    number
    for number, column in enumerate(COLUMNS)
    if column
    in (
        "Due",
        "First due",
        "Meeting date",
        "Latest update on",
    )
]


def _csv_cells(row):
    """The row as CSV cells: text neutralised, dates as ISO dates."""
    for number in TEXT_COLUMNS:
        text = row[number]
        # The test first: half a million calls cost a third of a large export.
        if text is None or text[:1] in FORMULA_FIRST:
            row[number] = spreadsheet_safe(text)
    for number in DATE_COLUMNS:
        if row[number] is not None:
            row[number] = row[number].isoformat()
    return row


class _Line:
    """What csv.writer writes a row to: the line, handed back."""

    def write(self, line):
        return line


def actions_xlsx(actions, *, name):
    """The actions as a sheet, written to a temporary file and sent from it."""
    # Closed by the response once sent, which also deletes it.
    file = tempfile.TemporaryFile()  # noqa: SIM115
    write_xlsx(actions, file, today=timezone.localdate())
    file.seek(0)
    return FileResponse(
        file,
        as_attachment=True,
        filename=f"{slugify(name)}.xlsx",
        content_type=XLSX_TYPE,
    )


def write_xlsx(actions, file, *, today, progress=None):
    """The actions as a sheet ready to sort and filter: the headings stay in view
    and each has a filter button. Days overdue are counted on `today`, as the
    dashboard counts them. Written a row at a time (xlsxwriter's constant memory
    mode), to temporary files rather than memory."""
    workbook = xlsxwriter.Workbook(
        file, {"constant_memory": True, "strings_to_formulas": False}
    )
    sheet = workbook.add_worksheet("Actions")
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "d mmm yyyy"})
    for number, width in enumerate(COLUMN_WIDTHS.values()):
        sheet.set_column(number, number, width)
    # A marked sheet says so in its first and last rows, and at the top and
    # bottom of every printed page.
    marking = banner(actions.marking())
    first = 1 if marking else 0
    if marking:
        sheet.set_header(f"&C&B{marking}")
        sheet.set_footer(f"&C&B{marking}")
        sheet.write_string(0, 0, marking, bold)
    sheet.freeze_panes(first + 1, 0)
    for column, heading in enumerate(COLUMNS):
        sheet.write_string(first, column, heading, bold)
    last_row = first
    writers = _cell_writers(sheet, day)
    found = rows(actions, today=today, progress=progress)
    for last_row, row in enumerate(found, first + 1):
        for column, value in enumerate(row):
            # An empty text left out, as a blank: most actions have no phrase as
            # minuted.
            if value is not None and value != "":
                writers[column](last_row, column, value)
    sheet.autofilter(first, 0, last_row, len(COLUMNS) - 1)
    if marking:
        sheet.write_string(last_row + 1, 0, marking, bold)
    workbook.close()


# Excel's day 0 in its 1900 date system, counted from 1 March 1900 on (the
# dates before then are off by one in Excel itself).
EXCEL_DAY_ZERO = datetime.date(1899, 12, 30).toordinal()


def _cell_writers(sheet, day):
    """How each column's cells are written, chosen once rather than per cell (a
    50,000-row export has 650,000): text typed as text, never a formula,
    whatever it starts with; dates as the day's number in the date format, as
    write_datetime would work it out at five times the cost; the rest numbers."""

    def write_date(row, column, date):
        sheet.write_number(row, column, date.toordinal() - EXCEL_DAY_ZERO, day)

    return [
        sheet.write_string
        if number in TEXT_COLUMNS
        else write_date
        if number in DATE_COLUMNS
        else sheet.write_number
        for number in range(len(COLUMNS))
    ]


def download_name(filters):
    """The file's name, for the list's filters: "actions chief constable (cc)
    overdue 2026-11-26" (slugified when sent)."""
    words = ["actions", *_filter_words(filters), str(timezone.localdate())]
    return slugify(" ".join(words))[:120]


def _filter_words(filters):
    """What each filter in use chose, in words: "overdue", "Chief Constable (CC)"."""
    words = []
    for name, value in filters.form.cleaned_data.items():
        field = filters.form.fields[name]
        if value in (None, ""):
            continue
        if value == "null":
            words.append("needs an owner")
        elif hasattr(field, "choices") and not hasattr(value, "pk"):
            words.append(str(dict(field.choices).get(value, value)))
        else:
            words.append(str(value))
    return words
