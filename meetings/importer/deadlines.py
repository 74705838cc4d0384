"""Due dates as action logs write them in a deadline column or an action's words.

"21.9.13", "31 Oct", "w/c 3rd May", "May (new date 12 Jul)", "by March 2020",
"June", "Next meeting", "end of Q2". What names no day ("Ongoing", "TBC") has none.
"""

import calendar
import datetime
import re

from meetings.due_phrases import (
    MONTHS,
    UnclearDuePhrase,
    due_date_for,
    find_due_phrase,
)
from meetings.importer.dates import NUMERIC_ANY

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
NEW_DATE = re.compile(
    r"\b(?:new|revised|extended(?:\s+to)?|now)\s*(?:date|deadline)?\s*[:\-–]?\s*"
    r"(?P<date>[^()]+?)\s*(?:\)|$)",
    re.IGNORECASE,
)
WEEK_COMMENCING = re.compile(r"\b(?:w/?c|week\s+commencing|w\.c\.)\s*", re.IGNORECASE)
DAY_MONTH_NAME = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+(?P<month>{_MONTH})"
    rf"(?:,?[\s\-]+(?P<year>\d{{4}}|\d{{2}}\b))?",
    re.IGNORECASE,
)
MONTH_NAME_DAY = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH})(?:[\s\-]+(?P<year>\d{{4}}|\d{{2}}\b))?", re.IGNORECASE
)
NEXT_MEETING = re.compile(r"\bnext\s+(?:meeting|board|committee)\b", re.IGNORECASE)


def due_date_in_cell(text, *, meeting_date, next_meeting_date=None, logged=False):
    """The date a deadline cell means, or None. A stated year is taken as written,
    even before the meeting: an action log carries actions already late. Without
    a year, a new action's date is the next one after the meeting; a `logged`
    action's (a row of an action log, often agreed months before) the nearest."""
    text = " ".join(text.split())
    if not text:
        return None
    if (match := NEW_DATE.search(text)) and (
        new := due_date_in_cell(
            match["date"],
            meeting_date=meeting_date,
            next_meeting_date=next_meeting_date,
            logged=logged,
        )
    ):
        return new
    text = WEEK_COMMENCING.sub("", text)
    if NEXT_MEETING.search(text) and next_meeting_date:
        return next_meeting_date
    pick = _nearest if logged else _on_or_after
    for finder in (_numeric, _written, _month_only):
        try:
            if (found := finder(text, meeting_date, pick)) is not None:
                return found
        except (ValueError, OverflowError):
            return None
    return _phrase(text, meeting_date, next_meeting_date)


def due_date_in_words(text, *, meeting_date, next_meeting_date=None):
    """(phrase, date or None) for a due date written inside an action's sentence."""
    phrase = find_due_phrase(text)
    if phrase is None:
        phrase = _deadline_words(text)
        if phrase is None:
            return None, None
        return phrase, due_date_in_cell(
            phrase, meeting_date=meeting_date, next_meeting_date=next_meeting_date
        )
    return phrase, due_date_for(
        phrase, meeting_date=meeting_date, next_meeting_date=next_meeting_date
    )


# "by March 2020", "w/c 3rd May", "by 31 Oct", "by June": a deadline in words.
DEADLINE_WORDS = re.compile(
    rf"\b(?:(?:by|before|for|in|during)\s+(?:the\s+)?(?:end\s+of\s+)?|w/?c\s+|week\s+commencing\s+)"
    rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}(?:\s+\d{{4}})?|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})",
    re.IGNORECASE,
)


def _deadline_words(text):
    match = DEADLINE_WORDS.search(text)
    return match.group(0) if match else None


def _numeric(text, meeting_date, pick):
    if match := NUMERIC_ANY.search(text):
        year = int(match["year"])
        return datetime.date(
            year + 2000 if year < 100 else year, int(match["month"]), int(match["day"])
        )
    return None


def _written(text, meeting_date, pick):
    match = DAY_MONTH_NAME.search(text) or MONTH_NAME_DAY.search(text)
    if not match:
        return None
    day, month = int(match["day"]), MONTHS[match["month"].lower().rstrip(".")]
    if match["year"]:
        year = int(match["year"])
        return datetime.date(year + 2000 if year < 100 else year, month, day)
    return pick(meeting_date, month, lambda y: day)


def _month_only(text, meeting_date, pick):
    match = MONTH_YEAR.search(text)
    # "may" in lower case is the verb, not the month.
    if not match or match["month"] == "may":
        return None
    month = MONTHS[match["month"].lower().rstrip(".")]
    if match["year"]:
        year = int(match["year"])
        year = year + 2000 if year < 100 else year
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    return pick(meeting_date, month, lambda y: calendar.monthrange(y, month)[1])


def _on_or_after(meeting_date, month, day_in):
    for year in (meeting_date.year, meeting_date.year + 1):
        candidate = datetime.date(year, month, day_in(year))
        if candidate >= meeting_date:
            return candidate
    return candidate


def _nearest(meeting_date, month, day_in):
    years = (meeting_date.year - 1, meeting_date.year, meeting_date.year + 1)
    candidates = [datetime.date(year, month, day_in(year)) for year in years]
    return min(candidates, key=lambda date: abs(date - meeting_date))


def _phrase(text, meeting_date, next_meeting_date):
    phrase = find_due_phrase(text)
    if phrase is None:
        return None
    try:
        return due_date_for(
            phrase, meeting_date=meeting_date, next_meeting_date=next_meeting_date
        )
    except UnclearDuePhrase:
        return None
