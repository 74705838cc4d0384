"""Meeting dates and times as minutes write them: "Tuesday 23rd March, 10:30 am"."""

import datetime
import re

from meetings.due_phrases import MONTHS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
NUMERIC = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b")
WRITTEN = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?,?(?:\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)\b"
    r"|\b(?P<hour24>\d{1,2})[:.](?P<minute24>\d{2})\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def find_date(text, *, default_year=None):
    """The first date in `text`; a date without a year takes `default_year`."""
    if match := NUMERIC.search(text):
        day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
    elif match := WRITTEN.search(text):
        day, month = int(match["day"]), MONTHS[match["month"].lower()]
        year = int(match["year"]) if match["year"] else default_year
    else:
        return None
    if year is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
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


def find_year(text):
    match = YEAR.search(text)
    return int(match.group(0)) if match else None
