"""Read minutes files (.txt exports, .docx, .html) into structured minutes.

Plain functions, no request or database: `read_minutes` returns the dict that
`import_minutes --json` prints, or raises `MinutesError` saying what is wrong.
"""

from pathlib import PurePath

from meetings.importer.documents import read_blocks
from meetings.importer.errors import MinutesError
from meetings.importer.parse import parse_minutes

MAX_BYTES = 10 * 1024 * 1024

__all__ = ["MinutesError", "read_minutes", "refuse_oversize", "require_date"]


def read_minutes(data: bytes, filename: str, *, encoding: str | None = None) -> dict:
    if not data.strip():
        raise MinutesError("is empty")
    refuse_oversize(len(data))
    blocks = read_blocks(data, filename, encoding=encoding)
    return parse_minutes(blocks, source=PurePath(filename).name)


def refuse_oversize(size: int) -> None:
    if size > MAX_BYTES:
        raise MinutesError(
            f"is {size / 1024 / 1024:.1f} MB; minutes over "
            f"{MAX_BYTES // 1024 // 1024} MB are refused"
        )


def require_date(minutes: dict) -> dict:
    """Refuse minutes whose date was neither found nor given."""
    if not minutes["meeting"]["date"]:
        raise MinutesError("has no meeting date: give it with --date YYYY-MM-DD")
    return minutes
