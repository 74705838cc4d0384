"""Blocks of a minutes document → the structured minutes `import_minutes --json` prints.

The parser knows what minutes contain, not one file's layout: a title, the meeting's
date wherever the head of the document states it, header lines ("Chair: …"), the
attendance (tables, "Present:" lines, "Name (XX) – Capacity" entries), agenda items
(numbered in any of the usual schemes, or headings, or one implicit item), ACTION
lines and action tables or logs, and the next meeting. What it cannot tell for sure
it reports in `warnings` instead of guessing.
"""

import re
from dataclasses import dataclass, field

from meetings.html import parse_fragment
from meetings.importer.action_lines import (
    ACTION,
    ACTION_LOG_HEADING,
    ACTION_LOG_TITLE,
    ACTION_WITH_INITIALS,
    LIST_MARK,
    NOT_AN_ACTION,
    is_action_list_heading,
    item_actions,
    marks_an_action,
    without_restated,
)
from meetings.importer.action_tables import action_table_columns
from meetings.importer.blocks import Paragraph, plain_text, quote
from meetings.importer.dates import (
    find_date,
    find_meeting_date,
    find_time,
    weekday_mismatch,
)
from meetings.importer.decisions import item_decisions
from meetings.importer.errors import MinutesError
from meetings.importer.lines import ACTION_IN_TEXT, sentences
from meetings.importer.numbering import (
    SENTENCE_INSIDE,
    ItemNumbering,
    choose_numbering,
    looks_like_heading,
)
from meetings.importer.output import clean_title, fit_to_fields, item_json, meeting_type
from meetings.importer.people import (
    HONORIFICS,
    People,
    first_names_in,
    looks_like_role,
    person_from_cells,
    person_from_entry,
)
from meetings.importer.prose import (
    TASK_VERBS,
    TASKS_AGREED,
    tasks_in,
    undertakings_in,
)

HEADER_KEYS = {
    "date": "date",
    "date and time": "date",
    "meeting date": "date",
    "date of meeting": "date",
    "time": "time",
    "chair": "chair",
    "chaired by": "chair",
    "chairman": "chair",
    "chairperson": "chair",
    "minutes": "minute_taker",
    "minute taker": "minute_taker",
    "minutes taken by": "minute_taker",
    "minuted by": "minute_taker",
    "notes taken by": "minute_taker",
    "clerk": "minute_taker",
    "venue": "venue",
    "location": "venue",
    "place": "venue",
    "where": "venue",
}
ATTENDANCE = {
    "attendance": "present",
    "attendees": "present",
    "present": "present",
    "members present": "present",
    "board members": "present",
    "members": "present",
    "committee members": "present",
    "panel members": "present",
    "apologies": "apologies",
    "apologies for absence": "apologies",
    "apologies received": "apologies",
    "in attendance": "in_attendance",
    "also present": "in_attendance",
    "also in attendance": "in_attendance",
    "officers present": "in_attendance",
    "officers in attendance": "in_attendance",
    "observers": "in_attendance",
    "guests": "in_attendance",
    "officers": "present",
    "in the chair": "present",
    "councillors": "present",
    "independent members": "present",
    "voting members": "present",
    "non-voting members": "present",
    "attending": "present",
    "also attending": "in_attendance",
    "absent": "apologies",
    "apologies received from": "apologies",
}
# "Councillors present", "Trustees in attendance", "Those attending", "Apologies
# for absence received".
ATTENDANCE_KEY = re.compile(
    r"^(?:[a-z]+\s+){0,2}(?P<kind>present|in attendance|attending)$"
    r"|^(?P<apologies>apologies)\b"
)


def attendance_kind(key):
    """What an attendance label says of the people after it, or None."""
    if key in ATTENDANCE:
        return ATTENDANCE[key]
    if match := ATTENDANCE_KEY.match(key):
        if match["apologies"]:
            return "apologies"
        return "present" if match["kind"] == "present" else "in_attendance"
    return None


EMBEDDED_ATTENDANCE_LABEL = re.compile(
    r"(?:^|(?<=[.;,])\s*|\s)(also present|in attendance|also in attendance|"
    r"apologies(?: for absence)?|officers present|present|absent)\s*:",
    re.IGNORECASE,
)
GROUP_LABEL = re.compile(r"^[^:;]{2,80}:\s+(?=\S)")
MEETING_ROLE_ONLY = re.compile(r"(?i:(?:vice[\s-])?chair(?:man|person|woman)?)")
LABEL_FILLER = re.compile(r"\s+(?:were|was|are|is)$")
LABEL_WORDS = 6
ATTENDANCE_WORD = re.compile(
    r"\b(?:present|in attendance|attendees|attendance|apologies|absent)\b"
)
HEADER_VALUE_WORDS = 25
ENTRY_WORDS = 8  # "Cllr Mrs J Buckley-Stevens (Vice-Chair)"
MINUTES_LABEL = re.compile(r"minutes\s*:", re.IGNORECASE)
KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z -]{3,30}?)\s*:\s*(?P<value>.*)$")
BULLET = re.compile(r"^\s*[-–—•*·▪]\s*")
# "Simon Edens (SE), Chief Constable", "- John Campion (JC) Chair – PCC",
# "PFCC Stephen Mold (SM)", "Nick Adderley (CC)": a person and their short form.
PERSON_LINE = re.compile(
    r"^(?:[-–—•*·▪]\s*)?(?:[A-Z][\w'’./-]*\s+){1,6}\((?:[A-Z]{2,5}|[A-Z][a-z]?[A-Z]{1,3})\)"
    r"(?:\s*(?:[,–—:;-]|\b(?i:chair)\b).{0,150})?$"
)
TABLE_HEADINGS = {"no", "no.", "item", "#", "name", "name:"}
ATTENDANCE_TABLE_HEADINGS = {
    "role",
    "capacity",
    "capacity:",
    "title",
    "position",
    "job title",
    "organisation",
    "post",
    "designation",
}
NEXT_MEETING_ITEM = re.compile(r"\bnext\s+meeting\b", re.IGNORECASE)
TITLE_WORDS = re.compile(
    r"\b(?:minutes|meeting|board|committee|panel|group|forum|notes|action\s+log|"
    r"assurance|council|cabinet|executive|governance)\b",
    re.IGNORECASE,
)
# What minutes say of what a meeting did; a memo or a letter seldom says it twice.
RECORDED = re.compile(
    r"\b(?:agreed\s+that|it\s+was\s+agreed|decided|resolved|reported\s+that"
    r"|was\s+(?:deferred|noted|approved|instructed))\b",
    re.IGNORECASE,
)
RECORDS_OF_A_MEETING = 2
MINUTES_WORDS = re.compile(
    r"\b(?:minutes|meeting|notes\s+of|agenda|action\s+log|committee|board|panel)\b"
    r"(?!\s+room)",
    re.IGNORECASE,
)
HEAD_LINES = 15
TITLE_WORDS_MAX = 15


@dataclass
class Item:
    number: str
    title: str = ""
    fragments: list = field(default_factory=list)
    owner_cells: list = field(default_factory=list)
    table_actions: list = field(default_factory=list)
    parent: str | None = None
    lines: list = field(default_factory=list)  # (text, is a list entry), once read


def parse_minutes(blocks, *, source):
    reader = _Reader(choose_numbering(blocks))
    for block in blocks:
        reader.read(block)
    return reader.minutes(source)


class _Reader:
    """Walks the blocks once, remembering which part of the minutes it is in."""

    def __init__(self, numbering: ItemNumbering):
        self.numbering = numbering
        self.lines = []  # every paragraph and row, as text, for the date
        self.head = []  # the lines before the first item
        self.header = {}
        self.people = []
        self.attendance = None  # the status of the attendance rows being read
        self.attendance_lines = False  # "Present:" with its entries on lines below
        self.attendance_bulleted = False  # and those entries bulleted
        self.attendance_table = False
        self.action_table = None
        self.items = []
        self.preamble = []  # (text, html) of what comes before the first item
        self.minutes_from = 0  # where the preamble's minutes start, after the agenda's
        self.item_lines = set()  # the lines that start items
        self.block_text = ""  # the text of the block being read
        self.early_log = []  # action table rows before the first item
        self.warnings = []

    def read(self, block):
        if isinstance(block, Paragraph):
            self.action_table = None
            self.attendance_table = False
            self._remember(block.text)
            self._read_paragraph(block.text, block.html)
        elif block.cells:
            cells = [cell.strip() for cell in block.cells]
            texts = [plain_text(cell) for cell in cells]
            self._remember(" ".join(texts))
            self._read_row(cells, texts)

    def _remember(self, text):
        self.block_text = text
        if len(self.lines) < HEAD_LINES:
            self.lines.append(text)
        if not self.items and text:
            self.head.append(text)

    # Paragraphs

    def _read_paragraph(self, text, html):
        if MINUTES_LABEL.fullmatch(text) and not self.items:
            # A council web page: the agenda's words, then "Minutes:" and the
            # minutes ("A verbal update will be provided" was the agenda's).
            self.minutes_from = len(self.preamble)
            return
        if self._read_head_line(text, html):
            self.numbering.saw_body()
            return
        if self.items and self._is_title_below_its_number(text):
            # "118/21" on its own line, the title on the next.
            self.items[-1].title = text
            return
        if start := self.numbering.start(text, html):
            self.attendance_lines = False
            number, title = start
            if not marks_an_action(title):
                self._start_item(number, [], title=title)
                return
        if self.items:
            self.items[-1].fragments.append(f"<p>{html}</p>")
        else:
            self.preamble.append((text, f"<p>{html}</p>"))

    def _read_head_line(self, text, html):
        """A header line, an attendance label or entry: True when it was one."""
        if (pair := KEY_VALUE.match(text)) and self._read_key_value(
            pair["key"], pair["value"]
        ):
            return True
        if self._read_attendance_label(text):
            return True
        if self.numbering.matches(text):
            return False
        if (
            self.attendance_lines
            and not self.items
            and self._read_attendance_line(text, html)
        ):
            return True
        if (
            len(self.items) <= 2
            and not self.early_log
            and PERSON_LINE.match(text)
            and not (ACTION.match(text) or ACTION_WITH_INITIALS.match(text))
        ):
            # "Simon Edens (SE), Chief Constable": attendance written as discussion.
            self._add_person(BULLET.sub("", text))
            return not self.items
        return False

    def _is_title_below_its_number(self, text):
        item = self.items[-1]
        return (
            not item.title
            and not item.fragments
            and len(text.split()) <= TITLE_WORDS_MAX
            and not ACTION.match(text)
        )

    def _read_key_value(self, key, value):
        key = key.strip(" -").lower()
        if key == "in the chair":
            self.header.setdefault("chair", value.strip())
        if key in HEADER_KEYS and not self.items and not _is_prose(value):
            self.header.setdefault(HEADER_KEYS[key], value.strip())
            return True
        if attendance_kind(key) and not self.items:
            self.attendance = attendance_kind(key)
            self.attendance_lines = True
            self.attendance_bulleted = False
            self._read_attendance_value(value)
            return True
        return False

    def _read_attendance_value(self, value):
        """ "A (PCC); B, Chief Constable (CC). Also present: C" — a label inside
        the list changes what the entries after it are."""
        parts = EMBEDDED_ATTENDANCE_LABEL.split(value)
        for position, part in enumerate(parts):
            if position % 2:
                self.attendance = (
                    attendance_kind(part.lower().strip()) or self.attendance
                )
                continue
            for entry in _attendance_entries(part.strip(" .")):
                self._add_person(entry)

    def _read_attendance_label(self, text):
        """ "Present", "APOLOGIES:-" alone on a line: the entries follow."""
        status = _attendance_label(text)
        if status is None or len(self.items) > 2:
            return False
        self.attendance = status
        self.attendance_lines = not self.items
        self.attendance_bulleted = False
        return not self.items

    def _read_attendance_line(self, text, html):
        """An entry under "Present:"; False when the list has ended."""
        label = text.rstrip(":").strip().lower()
        if kind := attendance_kind(label):
            self.attendance = kind
            self.attendance_bulleted = False
            return True
        # "Kelham Police: DCC Martin Gale (MG); …": a group of the attendance.
        entries = GROUP_LABEL.sub("", BULLET.sub("", text))
        bulleted = bool(BULLET.match(text))
        if (
            not _looks_like_entry(entries)
            or looks_like_heading(text, html)
            # "- Lia Ford (LF)…" then "Welcome and Introductions": the list ended.
            or (self.attendance_bulleted and not bulleted)
        ):
            self.attendance_lines = False
            return False
        self.attendance_bulleted = bulleted
        for entry in _attendance_entries(entries):
            self._add_person(entry)
        return True

    def _add_person(self, entry, capacity=None):
        if entry.strip()[:1].isdigit():
            return  # "6 Members of the Public"
        attendance = self.attendance or "present"
        if capacity is None:
            person = person_from_entry(entry, attendance)
        else:
            person = person_from_cells(entry, capacity, attendance)
        if person is None or person.name.rstrip(":").lower() in TABLE_HEADINGS:
            return
        self.people.append(person)

    # Rows

    def _read_row(self, cells, texts):
        if columns := action_table_columns(texts):
            self.action_table = columns
            self.attendance_table = False
            return
        if self.action_table is not None:
            self._read_action_row(texts)
            return
        first, rest = texts[0], cells[1:]
        label = first.rstrip(":").lower()
        if label in ATTENDANCE:
            self.attendance = ATTENDANCE[label]
            self._add_person(*_name_and_capacity(rest))
        elif label in HEADER_KEYS and not self.items and rest:
            self.header.setdefault(HEADER_KEYS[label], plain_text(rest[0]))
        elif _is_attendance_heading(texts):
            self.attendance_table = True
            self.attendance = self.attendance or "present"
        elif first.lower() in TABLE_HEADINGS or (not first and _is_heading(rest)):
            self.attendance = None if first.lower() != "name:" else self.attendance
            self.attendance_table = False
        elif (self.attendance_table or self.attendance) and not self.items and first:
            self._add_person(first, texts[1] if len(texts) > 1 else "")
        elif start := self.numbering.start(first, cells[0], cell=True):
            self.attendance = None
            self.attendance_table = False
            number, title = start
            self._start_item(number, rest, title=title)
        elif not first and self.attendance and not self.items:
            self._add_person(*_name_and_capacity(rest))
        elif not first and self.items:
            self._continue_item(rest)
        elif first or any(texts[1:]):
            self.warnings.append(
                f"A table row starting “{quote(first or texts[1])}” was not "
                "read: check it."
            )

    def _read_action_row(self, texts):
        columns = self.action_table
        action = columns.cell(texts, "action")
        if not any(texts) or _is_section_row(texts, columns.width):
            return
        owner = columns.cell(texts, "owner")
        if not action or NOT_AN_ACTION.match(action):
            previous = self._last_table_action()
            if previous is not None and not action and not columns.cell(texts, "item"):
                _extend_row(previous, texts, columns)
            return
        row = {
            "item": columns.cell(texts, "item"),
            "description": action,
            "owner": owner,
            "due": columns.cell(texts, "due"),
            "new_due": columns.cell(texts, "new_due"),
            "status": columns.cell(texts, "status"),
            "update": columns.cell(texts, "update"),
            # A log of earlier actions (with their status or new dates), not the
            # actions agreed today: a yearless date is the one nearest the meeting.
            "logged": bool({"status", "new_due", "update"} & columns.roles.keys()),
        }
        (self.items[-1].table_actions if self.items else self.early_log).append(row)

    def _last_table_action(self):
        rows = self.items[-1].table_actions if self.items else self.early_log
        return rows[-1] if rows else None

    # Items

    def _start_item(self, number, cells, *, title=""):
        item = Item(number=number, title=title)
        self.item_lines.add(self.block_text)
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
                item.title = plain_text(fragments.pop(0))
            item.fragments.extend(fragments)
        if len(cells) > 1 and plain_text(cells[1]):
            item.owner_cells.append(plain_text(cells[1]))

    # The whole

    def minutes(self, source):
        warnings = self.warnings
        title = _choose_title(self.head or self.lines)
        if chair := next((p for p in self.people if p.chairs), None):
            self.header.setdefault("chair", chair.name)
        if not title and not self.items:
            raise MinutesError("holds no minutes: no title, attendance or items found")
        date, time = self._when(title)
        if not self.items:
            self._refuse_unless_minutes(date)
            self._whole_document_as_one_item(title)
        elif self.early_log:
            self._log_before_the_items()
        elif self._tasks_before_the_items():
            self._discussion_before_the_items()
        self.numbering.tidy(self.items, warnings)
        for item in self.items:
            item.lines = list(sentences(item.fragments))
        _nest_sub_items(self.items, warnings)
        next_meeting = _next_meeting(self.items, date)
        context = {
            # Minutes that mark their actions mark nearly all: only what someone
            # took on in so many words ("undertook to…") is read from the
            # discussion as well, and dropped where a marked action restates it.
            "marked": self._marks_actions(),
            # "Summary of Actions from the Board meeting…": each item is an action.
            "action_log": bool(title and ACTION_LOG_TITLE.match(title)),
            "meeting_date": date,
            "next_meeting_date": next_meeting and next_meeting["date"],
            "warnings": warnings,
            "people": People(
                self.people,
                first_names_in(
                    (text for item in self.items for text, _ in item.lines),
                    TASK_VERBS | TASKS_AGREED,
                ),
            ),
        }
        actions = [
            action for item in self.items for action in item_actions(item, context)
        ]
        actions = without_restated(actions)
        _place_logged_actions(actions, self.items)
        decisions = [
            decision for item in self.items for decision in item_decisions(item)
        ]
        minutes = {
            "source": source,
            "meeting": {
                "title": clean_title(title),
                "type": meeting_type(title),
                "date": date and date.isoformat(),
                "time": time and time.strftime("%H:%M"),
                "chair": self.header.get("chair", ""),
                "minute_taker": self.header.get("minute_taker", ""),
                "venue": self.header.get("venue", ""),
            },
            "attendees": [person.as_json() for person in self.people],
            "items": [item_json(item) for item in self.items],
            "actions": actions,
            "decisions": decisions,
            "next_meeting": next_meeting
            and {**next_meeting, "date": next_meeting["date"].isoformat()},
            "warnings": warnings,
        }
        return fit_to_fields(minutes)

    def _marks_actions(self):
        """Actions marked "ACTION", listed under an action-list heading, or in a
        table: the minutes' own record of what was agreed. An item titled "Action
        log" alone is not: parish and council minutes review the last meeting's
        actions under it, and minute the new ones in prose."""
        return any(item.table_actions for item in self.items) or any(
            ACTION.match(text)
            or ACTION_WITH_INITIALS.match(text)
            or is_action_list_heading(LIST_MARK.sub("", text))
            for item in self.items
            for text, _ in item.lines
        )

    def _when(self, title):
        head = [line for line in self.head[:40] if line not in self.item_lines]
        if labelled := self.header.get("date"):
            head.insert(0, f"Date: {labelled}")
        # The head first: an early item may name another meeting's date.
        years_from = [*self.lines, *self.item_lines]
        date, line = find_meeting_date(head, title=title, years_from=years_from)
        if date is None:
            self.warnings.append(
                "The minutes give no meeting date: enter it before importing "
                "(on the command line, --date YYYY-MM-DD)."
            )
            return None, None
        if mismatch := weekday_mismatch(line, date):
            self.warnings.append(mismatch)
        return date, find_time(self.header.get("time", "") or line)

    def _refuse_unless_minutes(self, date):
        has_actions = self.early_log or any(
            ACTION.match(text) or ACTION_WITH_INITIALS.match(text)
            for text, _ in self.preamble
        )
        if date or self.people or has_actions:
            return
        if any(MINUTES_WORDS.search(line) for line in self.lines[:6]):
            return
        # A page of a minute book: no title or date, but what was decided.
        body = " ".join(text for text, _ in self.preamble)
        if len(RECORDED.findall(body)) >= RECORDS_OF_A_MEETING:
            return
        raise MinutesError(
            "does not look like minutes: no meeting date, attendance, agenda items or "
            "actions were found"
        )

    def _whole_document_as_one_item(self, title):
        """No numbers and no headings: everything after the head, as item 1."""
        name = "Action log" if self.early_log and not self._body() else "Minutes"
        self.items.append(
            Item(
                number="1",
                title=name,
                fragments=self._body(title),
                table_actions=self.early_log,
            )
        )
        self.warnings.append(
            "No agenda items were found: the minutes are imported as one item, "
            f"“1 {name}”."
        )

    def _body(self, title=""):
        return [
            html
            for text, html in self.preamble[self.minutes_from :]
            if text != title and not ACTION_LOG_HEADING.match(text)
        ]

    def _tasks_before_the_items(self):
        people = People(self.people)
        return any(
            ACTION.match(text)
            or ACTION_IN_TEXT.search(text)
            or tasks_in(text, people)
            # Someone's: "This page will be updated" is the web page's own.
            or any(owner for _, owner in undertakings_in(text, people))
            for text, _ in self.preamble[self.minutes_from :]
        )

    def _discussion_before_the_items(self):
        """ "… thanked Mr P for coming. Action: Joe Cole to raise the complaint…",
        "Clerk to arrange a meeting…" before the first numbered item (a list Word
        numbered that the text lost, a page that starts mid-way): kept, from the
        first paragraph of discussion, rather than dropped."""
        body = self.preamble[self.minutes_from :]
        start = next(
            (n for n, (text, _) in enumerate(body) if SENTENCE_INSIDE.search(text)),
            0,
        )
        self.items.insert(
            0,
            Item(
                number="0",
                title="Before the first item",
                fragments=[html for _, html in body[start:]],
            ),
        )
        self.warnings.append(
            "Discussion with a task in it comes before the first agenda item: "
            "it is imported under an item “0 Before the first item”."
        )

    def _log_before_the_items(self):
        self.items.insert(
            0, Item(number="0", title="Action log", table_actions=self.early_log)
        )
        self.warnings.append(
            "An action log comes before the first agenda item: its actions are "
            "imported under an item “0 Action log”."
        )


def _is_prose(value):
    """ "Minutes: The Board considered the action log…": the minutes themselves,
    not a header's value (who took the minutes) nor the title."""
    words = len(value.split())
    return words > HEADER_VALUE_WORDS or bool(SENTENCE_INSIDE.search(value))


def _choose_title(lines):
    for line in lines[:6]:
        if (
            TITLE_WORDS.search(line)
            and not _is_prose(line)
            and not KEY_VALUE.match(line)
        ):
            return line
    return lines[0] if lines else ""


NAME_PARTICLES = {"and", "&", "de", "van", "von", "der", "den", "la", "le", "du", "di"}


def _looks_like_entry(text):
    """A line of an attendance list: a name and perhaps a capacity, not prose."""
    if ";" in text:
        return all(_looks_like_entry(part) for part in text.split(";") if part.strip())
    words = text.split()
    if len(words) > 16 and "," in text:
        # "Cllr T Ryves (Chairman), Cllr Mrs J Buckley (Vice-Chair), … , 11
        # Members of the Public": a long list of short entries.
        return all(
            0 < len(piece.split()) <= ENTRY_WORDS
            and piece.strip()[:1].isalnum()
            and not piece.strip()[:1].islower()
            for piece in _outside_brackets(text.rstrip(" ."), ",")
        )
    if not words or len(words) > 16 or text.rstrip().endswith((".", ":")):
        return "(" in text and len(words) <= 16 and not text.rstrip().endswith(":")
    # "Matters arising" under "Apologies: …" is a heading; "Jo Lee, Clerk to the
    # Council" and "Ann de Vere" are people.
    if not re.search(r"[,(–—-]", text) and any(
        word.islower() and word not in NAME_PARTICLES for word in words[1:]
    ):
        return False
    return words[0][:1].isupper()


def _attendance_label(text):
    """The attendance a label introduces: "Present", "APOLOGIES:-", "Board
    members in attendance were:", "Also in attendance were:"; else None. Not a
    sentence: "Papers to be issued to attendees." is a task."""
    label = LABEL_FILLER.sub("", text.strip(" :-–#*.").lower()).strip()
    if label in ATTENDANCE:
        return ATTENDANCE[label]
    if text.rstrip().endswith(".") and len(text.split()) > 2:
        return None
    if (
        not label[:1].isalpha()
        or len(label.split()) > LABEL_WORDS
        or not ATTENDANCE_WORD.search(label)
    ):
        return None
    if "apolog" in label or "absent" in label:
        return "apologies"
    return "in_attendance" if label.startswith("also") else "present"


def _is_attendance_heading(texts):
    keys = [t.strip(" :").lower() for t in texts if t.strip()]
    return (
        len(keys) >= 2
        and keys[0] in {"name", "attendee", "attendees", "member", "members", "present"}
        and any(key in ATTENDANCE_TABLE_HEADINGS for key in keys[1:])
    )


def _is_section_row(texts, width):
    """ "Actions carried forward from 12 May": one cell merged across a table of
    three or more columns (or repeated in each of its cells)."""
    return width >= 3 and (len(texts) == 1 or len(set(texts)) == 1)


def _extend_row(previous, texts, columns):
    """A row holding only the rest of the row above: a wrapped cell."""
    for role in ("owner", "due", "new_due", "status", "update"):
        if extra := columns.cell(texts, role):
            previous[role] = f"{previous[role]} {extra}".strip()


def _place_logged_actions(actions, items):
    """An action log's row that names an item of these minutes belongs to it."""
    numbers = {item.number for item in items}
    for action in actions:
        reference = action.pop("item_reference", "")
        number = reference.strip().rstrip(".")
        if number and number != action["item"] and number in numbers:
            action["item"] = number


def _nest_sub_items(items, warnings):
    """Put "a.b" under the latest top-level item; say so when its number disagrees."""
    parent, misnumbered = None, {}
    for item in items:
        if not re.fullmatch(r"\d+(?:\.\d+)+", item.number):
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
    if meeting_date is None:
        return None
    for item in items:
        if not NEXT_MEETING_ITEM.search(item.title):
            continue
        lines = [plain_text(fragment) for fragment in item.fragments]
        dated = [line for line in lines if find_date(line, not_before=meeting_date)]
        if not dated:
            return None
        return {
            "title": next((line for line in lines if line not in dated), ""),
            "date": find_date(dated[0], not_before=meeting_date),
            "time": (t := find_time(dated[0])) and t.strftime("%H:%M"),
        }
    return None


AND_AFTER_BRACKETS = re.compile(r"\)\s+and\s+(?=[A-Z])")


def _attendance_entries(value):
    """ "A (PCC); B, Chief Constable (CC)", or the same with commas only;
    "… (Chief Executive, OPCC) and Mr C (…)": never inside brackets."""
    if ";" in value:
        return _outside_brackets(re.sub(AND_AFTER_BRACKETS, ");", value), ";")
    entries = []
    pieces = _outside_brackets(re.sub(AND_AFTER_BRACKETS, "),", value), ",")
    for piece in pieces:
        # "B, Chief Constable (CC)": a bare name followed by its capacity.
        if (
            entries
            and not _names_a_person(piece)
            and (
                MEETING_ROLE_ONLY.fullmatch(piece.strip())
                # "B, Chief Constable (CC)", not "A, Joe Cole (Chairman)".
                or ("(" not in entries[-1] and looks_like_role(piece.split("(")[0]))
            )
        ):
            entries[-1] += "," + piece
        else:
            entries.append(piece)
    return entries


def _names_a_person(piece):
    """ "Mrs L Gray (Clerk)": someone of their own, not the capacity of the name
    before ("B, Chief Constable (CC)")."""
    words = piece.split()
    return bool(words) and words[0].lower().rstrip(".") in HONORIFICS


def _name_and_capacity(cells):
    texts = [plain_text(cell) for cell in cells[:2]] + ["", ""]
    return texts[0], texts[1]


def _outside_brackets(text, separator):
    pieces, depth, start = [], 0, 0
    for index, character in enumerate(text):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == separator and depth <= 0:
            pieces.append(text[start:index])
            start = index + 1
    return [*pieces, text[start:]]


def _is_heading(cells):
    return bool(cells) and plain_text(cells[0]).rstrip(":").lower() in {"item", "name"}


def _span(numbers):
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
