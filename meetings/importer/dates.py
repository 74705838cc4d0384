"""Meeting dates and times as minutes write them: "Tuesday 23rd March, 10:30 am"."""

import calendar
import datetime
import re

from meetings.due_phrases import MONTHS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAYS = "|".join(calendar.day_name)
NUMERIC = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b")
# "Tuesday12 June 2012": a PDF's text can lose the space after the weekday.
WRITTEN = re.compile(
    rf"(?:\b|(?<=day))(?P<day>\d{{1,2}})(?:\s?(?:st|nd|rd|th)\s*|\s+)(?:of\s+)?"
    # "18 th June, 2020", "3rd November2014": as text exports write them.
    rf"(?P<month>{_MONTH})\.?,?(?:\s*(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
WEEKDAY = re.compile(rf"\b(?P<weekday>{_WEEKDAYS})(?![a-z])", re.IGNORECASE)
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
    r"\b(?:next|future|previous|last|following|forthcoming|adjourned)\s+"
    r"(?:[A-Za-z]+\s+){0,2}meetings?\b"
    r"|\bdate\s+of\s+(?:the\s+)?next\b|\b(?:published|printed|issued|circulated"
    r"|updated|approved|confirm\w*|signed|dated|version|revised|uploaded|posted)\b"
    # "To agree the public minutes of the meetings held on 8th July…": an agenda's
    # words on the minutes before.
    r"|\bto\s+(?:agree|approve|sign)\b[^.]*\bminutes\b"
    # "The minutes of the meeting held on 11 January were presented".
    r"|\bminutes\b.*\b(?:was|were)\s+(?:presented|agreed|accepted|received|taken"
    r"|adopted)\b"
    r"|\bactions?\s+nos?\.?\s*[\d, and]+\s+(?:of|from)\b"
    r"|\bactions\s+of\s+the\s+meetings\b"
    r"|^\W*agenda\s+item\b|item\s+\d+\s*$"
    # "To receive, for information, the notes of the meeting held on 14 July".
    r"|\bto\s+receive\b|\bfor\s+information\b|\bbe\s+noted\b",
    re.IGNORECASE,
)
# "The new dates were:", "Dates of meetings for 2014:": dates of other meetings follow.
DATES_LISTED = re.compile(r"\bdates\b[^.]*:\s*$", re.IGNORECASE)
DATE_LABEL = re.compile(
    r"^(?:(?:meeting\s+)?date(?:\s+of\s+(?:the\s+)?meeting)?(?:\s*(?:and|&|/)\s*time)?"
    r"|meeting|when|held(?:\s+on)?|date\s+held)\s*[:\-–—]",
    re.IGNORECASE,
)
MINUTES_OF = re.compile(
    r"^\W*(?:(?:the\s+)?(?:minutes|notes|record|action\s+notes)|a?\s*meeting)\b",
    re.IGNORECASE,
)
MONTH_FIRST = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")
SHORT_LINE_WORDS = 12
TITLE_LINES = 5
HELD_ON = re.compile(
    r"\bheld\s+(?:on|at)\b|\b(?:for|of)\s+the\s+meeting\s+(?:on|of|held)\b",
    re.IGNORECASE,
)
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
# "the Wiltshire Council Cabinet meeting held on 19 March"; not "The meeting,
# held on 5 March".
ANOTHER_BODYS_MEETING = re.compile(
    r"\b(?!The\b)[A-Z][\w&]*\s+(?:[A-Z][\w&]*\s+)*meeting\s+held\s+on\b"
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
    year_of_month = year_in_title(title) or _year_in_lines([*lines, *years_from])
    listed = _listed_dates(lines, year_of_month)
    passes = (
        lambda line, number: DATE_LABEL.match(line),
        # The first of: a line saying when it was held, a line that is little
        # but a date, the title's lines ("Kent Panel - Wednesday, 14th November,
        # 2018"); not an item below about the minutes of the meeting before.
        lambda line, number: (
            _is_labelled(line) or _is_mostly_a_date(line) or number < TITLE_LINES
        ),
        # Not a line listing dates (past or future meetings, deadlines), nor
        # the discussion of another body's meeting "held on" a day.
        lambda line, number: (
            not ANOTHER_BODYS_MEETING.search(line)
            and len({date for _, date in _dates_in(line, year_of_month)}) < 3
        ),
    )
    for wanted in passes:
        for number, line in enumerate(lines):
            if number in listed or not wanted(line, number):
                continue
            for start, date in _dates_in(line, year_of_month):
                if not _about_another_meeting(line, start):
                    return _on_its_weekday(date, line), line
    return None, ""


def _listed_dates(lines, year_of_month):
    """The numbers of the lines listed under "The new dates were:"."""
    listed, under = set(), False
    for number, line in enumerate(lines):
        if DATES_LISTED.search(line):
            under = True
        elif under and _dates_in(line, year_of_month):
            listed.add(number)
        else:
            under = False
    return listed


def _on_its_weekday(date, line):
    """A year taken from elsewhere ("Tuesday 13 December" in minutes that say 2017
    only of the next meeting): the year either side whose date is that weekday."""
    weekday = WEEKDAY.search(line)
    if not weekday or YEAR.search(line) or NUMERIC_ANY.search(line):
        return date
    wanted = weekday["weekday"].capitalize()
    for year in (date.year, date.year - 1, date.year + 1):
        try:
            candidate = date.replace(year=year)
        except ValueError:
            continue
        if calendar.day_name[candidate.weekday()] == wanted:
            return candidate
    return date


def _about_another_meeting(line, start):
    """A short line about another meeting, or the sentence around the date in a
    long one ("… the next meeting will be on 12 September", "the minutes of the
    meeting held on 24 June were confirmed")."""
    if len(line.split()) <= SHORT_LINE_WORDS:
        return bool(NOT_THIS_MEETING.search(line))
    before = line.rfind(". ", 0, start)
    after = line.find(". ", start)
    sentence = line[before + 1 : after if after >= 0 else len(line)]
    return bool(NOT_THIS_MEETING.search(sentence))


def find_any_date(text, year_of_month=None):
    """The first day, month and year written in any of the usual ways ("14th July
    2022", "14/07/2022", "July 14, 2022", "2022-07-14"), or None."""
    return next((date for _, date in _dates_in(text, year_of_month)), None)


def _dates_in(text, year_of_month):
    """(position, date) of each date in `text`, in order."""
    found = []
    for pattern in (NUMERIC_ANY, WRITTEN, MONTH_FIRST, ISO):
        for match in pattern.finditer(text):
            if date := _date_of(match, year_of_month):
                found.append((match.start(), date))
    return sorted(found)


def _date_of(match, year_of_month):
    month = match["month"]
    month = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
    year = match["year"] and int(match["year"])
    if year is not None and year < 100:
        year += 2000
    try:
        if year:
            return datetime.date(year, month, int(match["day"]))
        return _yearless(int(match["day"]), month, year_of_month, None)
    except ValueError:
        return None


def _is_labelled(line):
    # "held on" dates the meeting in the head's own sentence, not in the
    # discussion ("thanked all who came to the meeting held on 26 September").
    return bool(
        DATE_LABEL.match(line)
        or (
            HELD_ON.search(line)
            and (MINUTES_OF.match(line) or len(line.split()) <= SHORT_LINE_WORDS + 3)
        )
    )


def _is_mostly_a_date(line):
    if not (WRITTEN.search(line) or NUMERIC_ANY.search(line)):
        return False
    rest = DATE_LINE_FILLER.sub(" ", WRITTEN.sub(" ", line))
    return len(rest.split()) <= 2


def _year_in_lines(lines):
    lines = [line for line in lines if not NOT_THIS_MEETING.search(line)]
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
