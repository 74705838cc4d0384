"""Meeting dates and times as minutes write them: "Tuesday 23rd March, 10:30 am"."""

import calendar
import datetime
import re

from meetings.due_phrases import MONTHS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAYS = "|".join(calendar.day_name)
NUMERIC = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b")
WRITTEN = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?,?(?:\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
WEEKDAY = re.compile(rf"\b(?P<weekday>{_WEEKDAYS})\b", re.IGNORECASE)
TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)\b"
    r"|(?<![\d/.])(?P<hour24>\d{1,2})[:.](?P<minute24>\d{2})\b(?![./]\d)",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# "2020/21": the financial year from April 2020 to March 2021.
FINANCIAL_YEAR = re.compile(r"\b(?P<start>(?:19|20)\d{2})/(?:\d{2}|\d{4})\b")


def find_date(text, *, year_of_month=None, not_before=None):
    """The first date in `text`, or None.

    A date written without a year takes `year_of_month(month)`, or the year of
    `not_before`, and then the next year if that would put it before `not_before`.
    """
    if match := NUMERIC.search(text):
        day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
    elif match := WRITTEN.search(text):
        day, month = int(match["day"]), MONTHS[match["month"].lower()]
        year = int(match["year"]) if match["year"] else None
    else:
        return None
    try:
        if year is not None:
            return datetime.date(year, month, day)
        return _yearless(day, month, year_of_month, not_before)
    except ValueError:
        return None


def _yearless(day, month, year_of_month, not_before):
    year = year_of_month(month) if year_of_month else None
    if year is None and not_before is not None:
        year = not_before.year
    if year is None:
        return None
    date = datetime.date(year, month, day)
    if not_before is not None and date < not_before:
        return datetime.date(year + 1, month, day)
    return date


def year_in_title(title):
    """For a date without a year: the title's year, or for a financial year such
    as "2020/21", the year that month falls in."""
    if financial := FINANCIAL_YEAR.search(title):
        start = int(financial["start"])
        return lambda month: start + 1 if month <= 3 else start
    if match := YEAR.search(title):
        return lambda month: int(match.group(0))
    return None


def weekday_mismatch(text, date):
    """A warning when `text` names a weekday that `date` is not, else None."""
    match = WEEKDAY.search(text)
    actual = calendar.day_name[date.weekday()]
    if match and match["weekday"].lower() != actual.lower():
        return (
            f"The date line says {match['weekday'].capitalize()}, but "
            f"{date:%-d %b %Y} was a {actual}: check the date."
        )
    return None


def find_time(text):
    """The first time of day in `text`; "14:00pm" is 14:00, as its writer meant."""
    for match in TIME.finditer(text):
        if match["hour24"]:
            hour, minute = int(match["hour24"]), int(match["minute24"])
        else:
            hour, minute = int(match["hour"]), int(match["minute"] or 0)
            if match["half"].lower() == "pm" and hour < 12:
                hour += 12
            elif match["half"].lower() == "am" and hour == 12:
                hour = 0
        if hour < 24 and minute < 60:
            return datetime.time(hour, minute)
    return None


# Lines that date another meeting, or the document rather than the meeting.
NOT_THIS_MEETING = re.compile(
    r"\b(?:next|future|previous|last|following|forthcoming|adjourned)\s+meetings?\b"
    r"|\bdate\s+of\s+(?:the\s+)?next\b|\b(?:published|printed|issued|circulated"
    r"|updated|approved|signed|dated|version|revised)\b",
    re.IGNORECASE,
)
DATE_LABEL = re.compile(
    r"^(?:(?:meeting\s+)?date(?:\s+of\s+(?:the\s+)?meeting)?(?:\s*(?:and|&|/)\s*time)?"
    r"|meeting|when|held(?:\s+on)?|date\s+held)\s*[:\-–—]",
    re.IGNORECASE,
)
HELD_ON = re.compile(r"\bheld\s+(?:on|at)\b", re.IGNORECASE)
NUMERIC_ANY = re.compile(
    r"(?<![\d/.])(?P<day>\d{1,2})[/.\-](?P<month>\d{1,2})[/.\-]"
    r"(?P<year>\d{4}|\d{2})(?![\d/])"
)
# "Monday", "at", "–", "10:30-12:00", "held on": what a date line holds besides
# the date.
DATE_LINE_FILLER = re.compile(
    rf"\b(?:{_WEEKDAYS}|at|on|from|held|the|of|and|to|until|starting|start|time"
    r"|am|pm|noon|midday|hrs|hours|via|virtual|online)\b|[\d:.\-–—,/()]+",
    re.IGNORECASE,
)
# "118/21", "22/2019/P", "BRD 31/19(c)": references that end in the year.
REFERENCE_YEAR = re.compile(r"\b\d{1,4}/(?P<year>\d{2}|(?:19|20)\d{2})\b(?!/\d)")


def find_meeting_date(lines, *, title="", years_from=()):
    """(date, the line it came from) for the meeting these head lines describe.

    Labelled lines first ("Date:", "Meeting date:", "held on"), then a line that is
    little but a date, then any other line; a line about the next or previous
    meeting, or about the document, never dates this one. A date without a year
    takes the year of the title, the references, or another year in the head.
    """
    candidates = [line for line in lines if not NOT_THIS_MEETING.search(line)]
    year_of_month = year_in_title(title) or _year_in_lines([*lines, *years_from])
    for wanted in (_is_labelled, _is_mostly_a_date, lambda line: True):
        for line in candidates:
            if wanted(line) and (date := find_any_date(line, year_of_month)):
                return date, line
    return None, ""


def find_any_date(text, year_of_month=None):
    """A day, month and year written in any of the usual ways, or None."""
    if match := NUMERIC_ANY.search(text):
        year = int(match["year"])
        try:
            return datetime.date(
                year + 2000 if year < 100 else year,
                int(match["month"]),
                int(match["day"]),
            )
        except ValueError:
            pass
    return find_date(text, year_of_month=year_of_month)


def _is_labelled(line):
    return bool(DATE_LABEL.match(line) or HELD_ON.search(line))


def _is_mostly_a_date(line):
    if not (WRITTEN.search(line) or NUMERIC_ANY.search(line)):
        return False
    rest = DATE_LINE_FILLER.sub(" ", WRITTEN.sub(" ", line))
    return len(rest.split()) <= 2


def _year_in_lines(lines):
    for line in lines:
        if match := YEAR.search(line):
            year = int(match.group(0))
            return lambda month: year
    for line in lines:
        if match := REFERENCE_YEAR.search(line):
            year = int(match["year"])
            year = year + 2000 if year < 100 else year
            return lambda month: year
    return None
