"""Due dates as minutes write them: "in 6 months", "by the next meeting", "end of Q2".

`due_date_for` turns a phrase into a date counted from the meeting's date;
`find_due_phrase` finds such a phrase inside an action's sentence. A phrase that
could mean two dates is refused with `UnclearDuePhrase`, never guessed.
"""

import calendar
import datetime
import re

from dateutil.relativedelta import relativedelta

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_NUMBER = r"(?:\d{1,3}|" + "|".join(NUMBERS) + r")"
_BY = r"(?:(?:by|before|for|at)\s+)?(?:the\s+)?"

PERIOD = re.compile(
    rf"(?:in|within)\s+(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year)s?(?:'?s?\s+time)?",
    re.IGNORECASE,
)
NEXT_MEETING = re.compile(
    r"(?:by|before|for|at)\s+(?:the\s+)?next\s+meeting", re.IGNORECASE
)
END_OF_THIS_MONTH = re.compile(rf"{_BY}end\s+of\s+(?:the|this)\s+month", re.IGNORECASE)
END_OF_MONTH = re.compile(
    rf"{_BY}end\s+of\s+(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}}))?", re.IGNORECASE
)
# Police and OPCC budgets run April to March, so "Q2" ends on 30 September.
END_OF_QUARTER = re.compile(
    rf"{_BY}end\s+of\s+q(?P<quarter>[1-4])(?:\s+(?P<year>\d{{4}})(?:/\d{{2,4}})?)?",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(
    rf"{_BY}(?P<day>\d{{1,2}})[/.](?P<month>\d{{1,2}})[/.](?P<year>\d{{4}}|\d{{2}})\b",
    re.IGNORECASE,
)
WRITTEN_DATE = re.compile(
    rf"{_BY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
EXPLICIT_DATES = (NUMERIC_DATE, WRITTEN_DATE)
DEADLINE = re.compile(r"(?:by|before)\s", re.IGNORECASE)
PATTERNS = [
    PERIOD,
    NEXT_MEETING,
    END_OF_THIS_MONTH,
    END_OF_QUARTER,
    END_OF_MONTH,
    NUMERIC_DATE,
    WRITTEN_DATE,
]


class UnclearDuePhrase(ValueError):
    """The phrase gives no single date; the message says why, for the user."""


def due_date_for(phrase, *, meeting_date, next_meeting_date=None):
    """The date `phrase` means for an action raised at a meeting on `meeting_date`."""
    text = " ".join(phrase.strip().rstrip(".").split())
    for pattern in PATTERNS:
        if match := pattern.fullmatch(text):
            try:
                due = _date_from(pattern, match, meeting_date, next_meeting_date)
            except UnclearDuePhrase:
                raise
            except (ValueError, OverflowError) as error:
                # Year 0 or 10000: a calendar that does not exist.
                raise UnclearDuePhrase(f"“{phrase}” is not a date.") from error
            if due < meeting_date:
                raise UnclearDuePhrase(
                    f"“{phrase}” is {due:%d %b %Y}, before the meeting on "
                    f"{meeting_date:%d %b %Y}."
                )
            return due
    raise UnclearDuePhrase(
        f"“{phrase}” is not a due date Assurance understands: write a date "
        "(23/09/2021), a period (“in 6 months”), “by the next meeting”, "
        "“end of June 2021” or “end of Q2”."
    )


def find_due_phrase(text):
    """The first due-date phrase in an action's sentence, as written, or None.

    A bare date is a due date only after "by" or "before": in "report on the
    4 March incident" it is what the action is about.
    """
    matches = [m for pattern in PATTERNS if (m := _search_words(pattern, text))]
    if not matches:
        return None
    return min(matches, key=lambda m: m.start()).group(0).strip().rstrip(".")


def _search_words(pattern, text):
    for match in re.finditer(rf"(?<!\w){pattern.pattern}(?!\w)", text, re.IGNORECASE):
        if pattern not in EXPLICIT_DATES or DEADLINE.match(match.group(0)):
            return match
    return None


def _date_from(pattern, match, meeting_date, next_meeting_date):
    if pattern is PERIOD:
        n = match["n"].lower()
        count = int(n) if n.isdigit() else NUMBERS[n]
        return meeting_date + relativedelta(**{f"{match['unit'].lower()}s": count})
    if pattern is NEXT_MEETING:
        if next_meeting_date is None:
            raise UnclearDuePhrase(
                f"“{match.group(0)}”: the date of the next meeting is not known."
            )
        return next_meeting_date
    if pattern is END_OF_THIS_MONTH:
        return _month_end(meeting_date.year, meeting_date.month)
    if pattern is END_OF_QUARTER:
        return _quarter_end(int(match["quarter"]), match["year"], meeting_date)
    if pattern is END_OF_MONTH:
        month = MONTHS[match["month"].lower().rstrip(".")]
        if match["year"]:
            return _month_end(int(match["year"]), month)
        return _next_on_or_after(meeting_date, lambda y: _month_end(y, month))
    return _explicit_date(pattern, match, meeting_date)


def _explicit_date(pattern, match, meeting_date):
    day = int(match["day"])
    if pattern is NUMERIC_DATE:
        month = int(match["month"])
    else:
        month = MONTHS[match["month"].lower().rstrip(".")]
    try:
        if match["year"]:
            year = int(match["year"])
            return datetime.date(year + 2000 if year < 100 else year, month, day)
        return _next_on_or_after(meeting_date, lambda y: datetime.date(y, month, day))
    except ValueError as error:
        raise UnclearDuePhrase(f"“{match.group(0)}” is not a date.") from error


def _quarter_end(quarter, year, meeting_date):
    # Quarter q of the financial year starting in April of `start`.
    def end(start):
        return _month_end(start + (quarter == 4), (3 + 3 * quarter - 1) % 12 + 1)

    if year:
        return end(int(year))
    return _next_on_or_after(meeting_date, lambda y: end(y - 1))


def _month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _next_on_or_after(meeting_date, date_in_year):
    """The first of date_in_year(year) for this year, next... not before the meeting."""
    for year in range(meeting_date.year, meeting_date.year + 3):
        if (candidate := date_in_year(year)) >= meeting_date:
            return candidate
    raise AssertionError("a yearly date always recurs within three years")
