"""Blocks of a minutes document → the structured minutes `import_minutes --json` prints.

The parser knows what minutes contain, not one file's layout: a title, "Key: value"
header lines, an attendance list (a table or "Present:" lines), numbered items (table
rows or numbered paragraphs, continued on rows with an empty number cell), ACTION
lines with owners in the sentence, in brackets or in an owner column, and the next
meeting. What it cannot tell for sure it reports in `warnings` instead of guessing.
"""

import re
from dataclasses import dataclass, field
from html import escape

from meetings.due_phrases import UnclearDuePhrase, due_date_for, find_due_phrase
from meetings.html import parse_fragment, sanitise_minutes_html
from meetings.importer.dates import (
    find_date,
    find_time,
    weekday_mismatch,
    year_in_title,
)
from meetings.importer.documents import Paragraph
from meetings.importer.errors import MinutesError
from meetings.models import AgendaItem, Attendee, Meeting, MeetingType

HEADER_KEYS = {
    "date": "date",
    "date and time": "date",
    "time": "time",
    "chair": "chair",
    "chaired by": "chair",
    "minutes": "minute_taker",
    "minute taker": "minute_taker",
    "minutes taken by": "minute_taker",
    "venue": "venue",
    "location": "venue",
}
ATTENDANCE = {
    "attendance": "present",
    "attendees": "present",
    "present": "present",
    "apologies": "apologies",
    "in attendance": "in_attendance",
}
KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z ]{3,20}?)\s*:\s*(?P<value>.*)$")
ITEM_NUMBER = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})*)[.)]?$")
# "2. Title", "2) Title" or "3.1 Title": a bare number ("999 calls", "25 May") is
# not an item.
NUMBERED_PARAGRAPH = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2})+|\d{1,2}(?=[.)]))[.)]?\s+(?P<title>[A-Za-z].*)$"
)
TABLE_HEADINGS = {"no", "no.", "item", "#", "name", "name:"}
# "ACTION:", "Action –", "ACTION (CC):", "Action by CC:", "Action point 3:"; not
# "Action-planning was discussed".
ACTION = re.compile(
    r"^\s*actions?(?:\s+points?)?(?:\s+\d+)?(?:\s+by\s+(?P<by>[A-Za-z]{2,6}))?"
    r"(?:\s*\((?P<owner>[^)]*)\))?\s*(?::|\s[-–—]|[-–—]\s)\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
# "Actions:" above a list whose entries are the actions.
ACTIONS_HEADING = re.compile(
    r"^\s*actions?(?:\s+points?|\s+agreed)?\s*:?\s*$", re.IGNORECASE
)
LOOKS_LIKE_ACTION = re.compile(r"^\s*actions?\b", re.IGNORECASE)
# An action written in the middle of a paragraph starts a sentence of its own.
ACTION_IN_TEXT = re.compile(r"(?<=\S)\s+(?=ACTION\b\s*(?::|[-–—]\s))")
# "PCC to revisit…", "DCC will…", "CEx to…": an abbreviation starts with two capitals.
OWNER_IN_SENTENCE = re.compile(r"^(?P<owner>(?=[A-Z]{2})[A-Za-z]{2,6})\s+(?:to|will)\s")
CAPACITY = re.compile(r"^(?P<capacity>.*?)\s*\((?P<abbreviation>[^()]{1,10})\)\s*$")
NEXT_MEETING_ITEM = re.compile(r"\bnext\s+meeting\b", re.IGNORECASE)
TITLE_SUFFIX = re.compile(
    r"\s*[–—-]\s*(?:meeting\s+)?(?:notes|minutes)\s*$", re.IGNORECASE
)
# What a title adds to the meeting type: "… March 2021", "… 2020/21",
# "… held on Tuesday 23rd March 2021"; and "Minutes of the …" in front.
_MONTHS = "january|february|march|april|may|june|july|august|september|october"
TITLE_DATE = re.compile(
    r"\s+(?:held\s+)?(?:on\s+)?(?:[a-z]+day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    rf"(?:(?:{_MONTHS}|november|december),?\s+)?\d{{4}}(?:/\d{{2,4}})?$",
    re.IGNORECASE,
)
TITLE_PREFIX = re.compile(r"^(?:minutes|notes)\s+of\s+(?:the\s+)?", re.IGNORECASE)


@dataclass
class Item:
    number: str
    title: str = ""
    fragments: list = field(default_factory=list)
    owner_cells: list = field(default_factory=list)
    parent: str | None = None


def parse_minutes(blocks, *, source):
    reader = _Reader()
    for block in blocks:
        reader.read(block)
    return reader.minutes(source)


class _Reader:
    """Walks the blocks once, remembering which part of the minutes it is in."""

    def __init__(self):
        self.title = ""
        self.header = {}
        self.attendees = []
        self.attendance = None  # the status of the attendance rows being read
        self.items = []
        self.warnings = []

    def read(self, block):
        if isinstance(block, Paragraph):
            self._read_paragraph(block.text, block.html)
        else:
            self._read_row([cell.strip() for cell in block.cells])

    def _read_paragraph(self, text, html):
        if not self.title:
            self.title = text
        elif (pair := KEY_VALUE.match(text)) and self._read_key_value(
            pair["key"], pair["value"]
        ):
            return
        elif match := NUMBERED_PARAGRAPH.match(text):
            self.items.append(Item(number=match["number"], title=match["title"]))
        elif self.items:
            self.items[-1].fragments.append(f"<p>{html}</p>")

    def _read_key_value(self, key, value):
        key = key.strip().lower()
        if key in HEADER_KEYS and not self.items:
            self.header.setdefault(HEADER_KEYS[key], value.strip())
            return True
        if key in ATTENDANCE and not self.items:
            self.attendance = ATTENDANCE[key]
            for entry in _attendance_entries(value):
                self._add_attendee(*_name_and_capacity(entry))
            return True
        return False

    def _read_row(self, cells):
        first, rest = _text(cells[0]), cells[1:]
        label = first.rstrip(":").lower()
        if label in ATTENDANCE:
            self.attendance = ATTENDANCE[label]
            self._add_attendee(*[_text(cell) for cell in rest[:2]])
        elif label in HEADER_KEYS and not self.items and rest:
            self.header.setdefault(HEADER_KEYS[label], _text(rest[0]))
        elif first.lower() in TABLE_HEADINGS or (not first and _is_heading(rest)):
            self.attendance = None if first.lower() != "name:" else self.attendance
        elif match := ITEM_NUMBER.match(first):
            self.attendance = None
            self._start_item(match["number"], rest)
        elif not first and self.attendance and not self.items:
            self._add_attendee(*[_text(cell) for cell in rest[:2]])
        elif not first and self.items:
            self._continue_item(rest)
        elif match := NUMBERED_PARAGRAPH.match(first):
            # Number and title in one cell: "2. Holding to account".
            self.attendance = None
            self.items.append(Item(number=match["number"], title=match["title"]))
            self._continue_item(rest)
        elif first or any(_text(cell) for cell in rest):
            self.warnings.append(
                f"A table row starting “{(first or _text(rest[0]))[:60]}” was not "
                "read: check it."
            )

    def _add_attendee(self, name="", capacity=""):
        if not name or name.rstrip(":").lower() in TABLE_HEADINGS:
            return
        match = CAPACITY.match(capacity)
        self.attendees.append(
            {
                "name": name,
                "capacity": match["capacity"] if match else capacity,
                "abbreviation": match["abbreviation"] if match else "",
                "attendance": self.attendance or "present",
            }
        )

    def _start_item(self, number, cells):
        item = Item(number=number)
        self.items.append(item)
        self._continue_item(cells)

    def _continue_item(self, cells):
        item = self.items[-1]
        if cells:
            fragments = [
                str(part).strip()
                for part in parse_fragment(cells[0]).contents
                if str(part).strip()
            ]
            if not item.title and fragments:
                item.title = _text(fragments.pop(0))
            item.fragments.extend(fragments)
        if len(cells) > 1 and _text(cells[1]):
            item.owner_cells.append(_text(cells[1]))

    def minutes(self, source):
        warnings = self.warnings
        date, time = self._when()
        if not self.items:
            raise MinutesError(
                "has no numbered agenda items: items must start with their number, "
                "as in “1. Apologies” or a “No.” column"
            )
        _refuse_repeated_numbers(self.items)
        _nest_sub_items(self.items, warnings)
        next_meeting = _next_meeting(self.items, date)
        context = {
            "meeting_date": date,
            "next_meeting_date": next_meeting and next_meeting["date"],
            "warnings": warnings,
        }
        minutes = {
            "source": source,
            "meeting": {
                "title": _clean_title(self.title),
                "type": _meeting_type(self.title),
                "date": date.isoformat(),
                "time": time and time.strftime("%H:%M"),
                "chair": self.header.get("chair", ""),
                "minute_taker": self.header.get("minute_taker", ""),
                "venue": self.header.get("venue", ""),
            },
            "attendees": self.attendees,
            "items": [_item_json(item) for item in self.items],
            "actions": [
                action for item in self.items for action in _actions(item, context)
            ],
            "next_meeting": next_meeting
            and {**next_meeting, "date": next_meeting["date"].isoformat()},
            "warnings": warnings,
        }
        return _fit_to_fields(minutes)

    def _when(self):
        if not self.title and not self.items:
            raise MinutesError("holds no minutes: no title, attendance or items found")
        text = self.header.get("date") or self.title
        date = find_date(text, year_of_month=year_in_title(self.title))
        if date is None:
            raise MinutesError(
                "has no meeting date: no “Date:” line or title with a day, month and "
                "year (a year may stand in the title instead)"
            )
        if mismatch := weekday_mismatch(text, date):
            self.warnings.append(mismatch)
        return date, find_time(self.header.get("time", "") or text)


def _refuse_repeated_numbers(items):
    numbers = [item.number for item in items]
    if repeated := sorted({n for n in numbers if numbers.count(n) > 1}):
        raise MinutesError(
            f"numbers more than one item {' and '.join(repeated)}: each item needs "
            "its own number"
        )


def _fit_to_fields(minutes):
    """Shorten, with a warning, text longer than its field; a long item title is
    kept whole at the start of the item's discussion, so nothing is lost."""
    warnings = minutes["warnings"]
    header = minutes["meeting"]
    for key, model_field in [
        ("title", Meeting._meta.get_field("title")),
        ("type", MeetingType._meta.get_field("name")),
        ("chair", Meeting._meta.get_field("chair")),
        ("minute_taker", Meeting._meta.get_field("minute_taker")),
        ("venue", Meeting._meta.get_field("venue")),
    ]:
        header[key] = _clip(header[key], model_field.max_length, warnings)
    for attendee in minutes["attendees"]:
        for key in ("name", "capacity"):
            limit = Attendee._meta.get_field(key).max_length
            attendee[key] = _clip(attendee[key], limit, warnings)
    title_limit = AgendaItem._meta.get_field("title").max_length
    for item in minutes["items"]:
        if len(item["title"]) > title_limit:
            item["discussion"] = f"<p>{escape(item['title'])}</p> {item['discussion']}"
            item["title"] = _clip(item["title"], title_limit, warnings)
    if minutes["next_meeting"]:
        limit = Meeting._meta.get_field("next_meeting_title").max_length
        minutes["next_meeting"]["title"] = _clip(
            minutes["next_meeting"]["title"], limit, warnings
        )
    return minutes


def _clip(text, limit, warnings):
    if len(text) <= limit:
        return text
    warnings.append(f"“{text[:40]}…” is longer than {limit} characters: shortened.")
    return text[: limit - 1].rstrip() + "…"


def _nest_sub_items(items, warnings):
    """Put "a.b" under the latest top-level item; say so when its number disagrees."""
    parent, misnumbered = None, {}
    for item in items:
        if "." not in item.number:
            parent = item
        elif parent is not None:
            item.parent = parent.number
            if item.number.split(".")[0] != parent.number:
                misnumbered.setdefault(parent.number, []).append(item.number)
    for parent_number, numbers in misnumbered.items():
        looks_like = [f"{parent_number}.{n.split('.', 1)[1]}" for n in numbers]
        warnings.append(
            f"Items {_span(numbers)} sit under item {parent_number} and look like "
            f"{_span(looks_like)}: kept as written."
        )


def _next_meeting(items, meeting_date):
    for item in items:
        if not NEXT_MEETING_ITEM.search(item.title):
            continue
        lines = [_text(fragment) for fragment in item.fragments]
        dated = [line for line in lines if find_date(line, not_before=meeting_date)]
        if not dated:
            return None
        return {
            "title": next((line for line in lines if line not in dated), ""),
            "date": find_date(dated[0], not_before=meeting_date),
            "time": (t := find_time(dated[0])) and t.strftime("%H:%M"),
        }
    return None


def _actions(item, context):
    found = list(_action_lines(item, context["warnings"]))
    for description, named_owner in found:
        owner = named_owner or _owner_in(description)
        if owner is None and item.owner_cells:
            owner = _owner_from_column(item, len(found), description, context)
        elif owner is None:
            context["warnings"].append(
                f"Action at item {item.number} “{description}” names no owner: "
                "imported unassigned."
            )
        yield _action(item, description, owner, context)


def _action_lines(item, warnings):
    """(description, owner named in the marker) for each action of the item."""
    under_heading = False
    for text, in_list in _sentences(item.fragments):
        if ACTIONS_HEADING.match(text):
            under_heading = True
        elif match := ACTION.match(text):
            yield match["text"].strip(), (match["owner"] or match["by"] or "").strip()
        elif under_heading and in_list:
            yield text, ""
        else:
            under_heading = False
            if LOOKS_LIKE_ACTION.match(text):
                warnings.append(
                    f"Item {item.number} has a line starting “{text[:60]}” that was "
                    "not read as an action: check it."
                )


def _owner_from_column(item, actions_in_item, description, context):
    """An owner column speaks for the item's action only when there is one."""
    if actions_in_item == 1 and len(item.owner_cells) == 1:
        return item.owner_cells[0]
    context["warnings"].append(
        f"Action at item {item.number} “{description}”: the owner column says "
        f"“{', '.join(item.owner_cells)}” for {actions_in_item} actions, so it is "
        "imported unassigned."
    )
    return None


def _action(item, description, owner, context):
    phrase = find_due_phrase(description)
    due_date = None
    if phrase:
        try:
            due_date = due_date_for(
                phrase,
                meeting_date=context["meeting_date"],
                next_meeting_date=context["next_meeting_date"],
            ).isoformat()
        except UnclearDuePhrase as unclear:
            context["warnings"].append(
                f"Action at item {item.number}: {unclear} Imported without a due date."
            )
    return {
        "item": item.number,
        "description": description,
        "owner": owner,
        "due_date": due_date,
        "due_phrase": phrase,
    }


def _owner_in(description):
    match = OWNER_IN_SENTENCE.match(description)
    return match["owner"] if match else None


def _sentences(fragments):
    """(text, is a list entry) for each line of an item: paragraphs, list entries,
    lines broken with <br>, and ACTIONs that start mid-paragraph."""
    for fragment in fragments:
        soup = parse_fragment(fragment)
        for line_break in soup.find_all("br"):
            line_break.replace_with("\n")
        entries = [(entry, True) for entry in soup.find_all("li")] or [(soup, False)]
        for entry, in_list in entries:
            for line in entry.get_text().split("\n"):
                for text in ACTION_IN_TEXT.split(" ".join(line.split())):
                    if text:
                        yield text, in_list


def _item_json(item):
    return {
        "number": item.number,
        "title": item.title.rstrip(" :"),
        "parent": item.parent,
        "discussion": sanitise_minutes_html(" ".join(item.fragments)),
    }


def _clean_title(title):
    return TITLE_SUFFIX.sub("", title).strip()


def _meeting_type(title):
    meeting_type = TITLE_PREFIX.sub("", TITLE_DATE.sub("", _clean_title(title)))
    return meeting_type.strip() or _clean_title(title)


def _attendance_entries(value):
    """ "A (PCC); B, Chief Constable (CC)", or the same with commas only."""
    if ";" in value:
        return value.split(";")
    entries = []
    for piece in value.split(","):
        # "B, Chief Constable (CC)": a bare name followed by its capacity.
        if entries and "(" not in entries[-1] and piece.strip().endswith(")"):
            entries[-1] += "," + piece
        else:
            entries.append(piece)
    return entries


def _name_and_capacity(entry):
    """ "John Campion (PCC)" or "John Campion, Police and Crime Commissioner (PCC)"."""
    name, _, capacity = entry.partition(",")
    if not capacity and (match := CAPACITY.match(name)):
        return match["capacity"].strip(), f"({match['abbreviation']})"
    return name.strip(), capacity.strip()


def _is_heading(cells):
    return bool(cells) and _text(cells[0]).rstrip(":").lower() in {"item", "name"}


def _span(numbers):
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


def _text(html):
    return " ".join(parse_fragment(html).get_text(" ").split())
