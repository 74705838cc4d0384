"""Read minutes files (.txt exports, .docx, .html) into structured minutes.

Plain functions, no request or database: `read_minutes` returns the dict that
`import_minutes --json` prints, or raises `MinutesError` saying what is wrong.
"""

import datetime
from pathlib import PurePath

from meetings.importer.deadlines import due_date_in_cell
from meetings.importer.documents import read_blocks
from meetings.importer.errors import MinutesError
from meetings.importer.limits import refuse_deep_html, within_time_limit
from meetings.importer.parse import parse_minutes

MAX_BYTES = 10 * 1024 * 1024
MAX_BLOCKS = 20_000

__all__ = [
    "MinutesError",
    "date_minutes",
    "read_minutes",
    "read_minutes_in_time",
    "refuse_oversize",
]


def read_minutes(data: bytes, filename: str, *, encoding: str | None = None) -> dict:
    if not data.strip():
        raise MinutesError("is empty")
    refuse_oversize(len(data))
    if PurePath(filename).suffix.lower() in (".html", ".htm"):
        refuse_deep_html(data)
    blocks = read_blocks(data, filename, encoding=encoding)
    if len(blocks) > MAX_BLOCKS:
        # Read in a few seconds at most, so the longest minutes never hold a worker.
        raise MinutesError(
            f"has {len(blocks):,} lines and table rows; minutes of more than "
            f"{MAX_BLOCKS:,} are refused: split them into shorter files"
        )
    return parse_minutes(blocks, source=PurePath(filename).name)


def read_minutes_in_time(data: bytes, filename: str, **options) -> dict:
    """read_minutes, stopped with a MinutesError saying so once it runs too long:
    for files from outside (the import page, import_minutes)."""
    return within_time_limit(read_minutes, data, filename, **options)


def refuse_oversize(size: int) -> None:
    if size > MAX_BYTES:
        raise MinutesError(
            f"is {size / 1024 / 1024:.1f} MB; minutes over "
            f"{MAX_BYTES // 1024 // 1024} MB are refused"
        )


def date_minutes(minutes: dict, date: datetime.date) -> dict:
    """The minutes on `date`, given or corrected by the user: the due dates that
    count from the meeting ("in 6 months", "31 Oct") are worked out again from it."""
    minutes["meeting"]["date"] = date.isoformat()
    next_meeting = (minutes.get("next_meeting") or {}).get("date")
    for action in minutes["actions"]:
        if action["due_phrase"]:
            due = due_date_in_cell(
                action["due_phrase"],
                meeting_date=date,
                next_meeting_date=next_meeting
                and datetime.date.fromisoformat(next_meeting),
            )
            action["due_date"] = due and due.isoformat()
    return minutes
