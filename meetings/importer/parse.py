"""Blocks of a minutes document → the structured minutes `import_minutes --json` prints.

The parser knows what minutes contain, not one file's layout: a title, the meeting's
date wherever the head of the document states it, header lines ("Chair: …"), the
attendance (tables, "Present:" lines, "Name (XX) – Capacity" entries), agenda items
(numbered in any of the usual schemes, or headings, or one implicit item), ACTION
lines and action tables or logs, and the next meeting. What it cannot tell for sure
it reports in `warnings` instead of guessing.
"""

import datetime
import re
from dataclasses import dataclass, field
from html import escape

from meetings.due_phrases import UnclearDuePhrase
from meetings.html import parse_fragment, sanitise_minutes_html
from meetings.importer.action_tables import action_table_columns, status_from_words
from meetings.importer.blocks import Paragraph, plain_text
from meetings.importer.dates import (
    find_date,
    find_meeting_date,
    find_time,
    weekday_mismatch,
)
from meetings.importer.deadlines import due_date_in_cell, due_date_in_words
from meetings.importer.errors import MinutesError
from meetings.importer.numbering import (
    ItemNumbering,
    choose_numbering,
    looks_like_heading,
)
from meetings.importer.people import (
    People,
    looks_like_role,
    person_from_cells,
    person_from_entry,
    split_owners,
)
from meetings.models import AgendaItem, Attendee, Meeting, MeetingType

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
# "ACTION:", "Action –", "ACTION (CC):", "Action by CC:", "Action point 3:",
# "Action 474:", "AP125 -"; not "Action-planning was discussed".
_MARKER = (
    r"(?:(?:carried(?:\s+forward)?|outstanding|open|previous|new|agreed)\s+)?"
    r"actions?(?:\s+points?)?(?:\s+(?:no\.?|ref\.?|number)?\s*"
    r"(?:[A-Z]{0,3}\d+[a-z]?(?:/\d+)*|[A-Z]{2,5}(?:/[A-Z0-9]{1,5})+))?"
    r"|AP\s?\d+"
)
ACTION = re.compile(
    rf"^\s*(?:{_MARKER})"
    r"(?:\s+by\s+(?P<by>[A-Za-z]{2,6}))?"
    r"(?:\s*\((?P<owner>[^)]*)\))?\s*(?::|\s[-–—]|[-–—]\s|\.\s)\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
# "Action JH to discuss…", "Action 474 TM intends…", "AP125 SL to…": the marker,
# then the owner's initials and the verb, with nothing between.
ACTION_WITH_INITIALS = re.compile(
    rf"^\s*(?i:{_MARKER})\s*[:\-–—]?\s+"
    r"(?P<text>(?P<owner>[A-Z][A-Za-z]?[A-Z]{1,3}(?:\s*/\s*[A-Z][A-Za-z]?[A-Z]{1,3})*)"
    r"\s+(?:to|will|and|intends|agreed|is|are|would|should)\b.*)$"
)
# "Action SN send formal note…": initials and any verb, when the initials are
# someone's in the attendance.
ACTION_BY_SOMEONE = re.compile(
    rf"^\s*(?i:{_MARKER})\s*[:\-–—]?\s+"
    r"(?P<text>(?P<owner>[A-Z][A-Za-z]?[A-Z]{1,3})\s+[a-z]{3,}\b.*)$"
)
# "Action 436 It was noted that…": an action log's entry for an earlier action.
NUMBERED_ACTION = re.compile(
    r"^\s*(?i:action)\s+(?:no\.?\s*)?(?:\d{2,}[a-z]?|\d+(?:/\d+)+)\s+\S"
)
# "… Update 18.01.22 – Complete", "… Update 14.07.22 costings confirmed – C/Fwd".
INLINE_UPDATE = re.compile(
    r"\s+(?i:update)\s+(?P<date>\d{1,2}[./]\d{1,2}[./]\d{2,4})\b\s*[-–—:]?\s*"
    r"(?P<text>\S.*)$"
)
# "Actions:", "Actions/further information to be provided:", "The following actions
# were agreed:" above a list whose entries are the actions.
ACTIONS_HEADING = re.compile(
    r"^\s*actions?(?:\s+points?|\s+agreed|\s+arising)?\s*:?\s*$"
    r"|^(?=[^.]{0,80}:\s*$)(?:[\w/ ]*\s)?actions?\b(?!\s+plan)[^.:]*:\s*$",
    re.IGNORECASE,
)
# "Action-planning was discussed", "ACTION Review it": an action mistyped, perhaps.
LOOKS_LIKE_ACTION = re.compile(r"^\s*(?:(?i:action)\s*[:\-–—(]|ACTIONS?\s+\S+\s+\S)")
# An action written in the middle of a paragraph starts a sentence of its own.
ACTION_IN_TEXT = re.compile(
    r"(?<=\S)\s+(?=ACTION\b\s*(?::|[-–—]\s))|(?<=[.!?])\s+(?=Action\b\s*(?::|[-–—]\s))"
)
# "PCC to revisit…", "Jane Hollis to…", "The Deputy Chief Executive will…".
OWNER_IN_SENTENCE = re.compile(
    r"^(?:(?i:it\s+was\s+agreed\s+that|agreed\s+that)\s+)?(?:(?i:the)\s+)?"
    r"(?P<owner>[A-Z][\w'’.&/-]*(?:\s+(?:[A-Z][\w'’.&/-]*|of|and|for|&)){0,5}"
    r"(?:\s*\([A-Z][A-Za-z]{1,4}\))?)"
    r"\s+(?:to|will|agreed\s+to|is\s+to|are\s+to|would|should)\s"
)
TRAILING_OWNER = re.compile(
    r"\s*(?:[\(\[](?P<bracket>[^()\[\]]{2,40})[\)\]]"
    r"|(?:\s[-–—]|,)\s*(?P<dash>[A-Z]{2,5}(?:\s*/\s*[A-Z]{2,5})*))\s*\.?\s*$"
)
TRAILING_STATUS = re.compile(
    r"(?:\s*[-–—]\s*|(?<=[.])\s+)"
    r"(?P<status>ongoing|complete[d]?|closed|open|c/fwd|carried forward)\s*\.?\s*$",
    re.IGNORECASE,
)
OWNER_FIELDS = {
    "owner",
    "lead",
    "responsible",
    "responsibility",
    "by whom",
    "action by",
}
DUE_FIELDS = {"deadline", "due", "due date", "target date", "timescale", "by when"}
# Fields of an action's record that say nothing Assurance keeps apart.
OTHER_FIELDS = {"status", "reference", "ref", "source", "proposed to open/close", "rag"}
RECORD_FIELDS = OWNER_FIELDS | DUE_FIELDS | OTHER_FIELDS
FIELD_LINE = re.compile(
    rf"^\s*(?P<key>{'|'.join(sorted(RECORD_FIELDS, key=len, reverse=True))})"
    r"(?:\s*\([^()]{0,60}\))?\s*[:\-–]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
UPDATE_LINE = re.compile(
    r"^\s*(?:update|progress|position)\s*(?P<date>\d{1,2}[./]\d{1,2}[./]\d{2,4})?"
    r"\s*[:\-–—]\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
NOT_AN_ACTION = re.compile(
    r"^(?:none|n/?a|nil|no\s+actions?(?:\s+\w+)?|complete[d]?|closed|ongoing|noted|"
    r"discharged|carried\s+forward|c/f(?:wd)?|none\s+arising|nothing\s+arising|"
    r"for\s+(?:information|noting|note|decision|discussion|approval|assurance)|"
    r"(?:the\s+)?(?:board|committee|panel|meeting)\s+(?:is|are)\s+asked\s+to\b.*|"
    r"no\s+further\s+action|see\s+above|tbc|-+)\W*$",
    re.IGNORECASE,
)
# "To work with the PAs…": a task, as an action written under "Action:" starts.
TASK = re.compile(r"^(?:To|Please)\s+[a-z]")
# "Action:" alone on its line, the action on the next.
ACTION_LABEL = re.compile(r"^\s*(?i:action)(?:\s+(?i:required))?\s*:?\s*$")
SLASHED_REFERENCE = re.compile(
    r"^\s*(?i:actions?)\s+(?:no\.?\s*)?[A-Z0-9]+(?:/[A-Z0-9]+)+"
)
REFERENCED_MARKER = re.compile(r"^\s*(?i:actions?)\s+(?:no\.?\s*)?[A-Z]{0,5}/?\d")
ACTION_LOG_HEADING = re.compile(
    r"^\s*action\s+(?:log|tracker|sheet|list)\b", re.IGNORECASE
)
# "4. ", "(b) ", "– ", "• ": how a list entry is marked in a text export.
LIST_MARK = re.compile(r"^(?:\(?\d{1,2}[a-z]?[.)]|\(?[a-z][.)]|[-–—•*·▪])\s+")
HONORIFIC_NAME = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Prof)\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
)
INITIALS_LIST = re.compile(
    r"[A-Z][A-Za-z]{0,4}[A-Z][a-z]?(?:\s*/\s*[A-Z][A-Za-z]{0,4}[A-Z][a-z]?)*"
)
SENTENCE_WORDS = 6
INTRODUCES_A_LIST = re.compile(r":-?\s*$")
INTRODUCTION_WORDS = 20
ACTION_LIST_TITLE = re.compile(
    r"\baction\s+(?:list|log|items?|points?|tracker|sheet|summary|schedule)"
    r"|\bactions?\s+(?:arising|agreed|list|to\s+be\s+taken)\b|\boutstanding\s+actions"
    r"|\bsummary\s+of\s+actions|\bagreed\s+actions|\bdecisions?\s+and\s+actions?",
    re.IGNORECASE,
)
# "Jacob Kaplan-Moss and Jeff Triplett: Import the bylaws".
OWNER_COLON = re.compile(r"^(?P<owner>[^\W\d_][^:]{1,60}?)\s*:\s+(?P<text>\S.*)$")
# "165/19 : Safer staffing : …", "AP125 …": an action log's reference first.
ACTION_REFERENCE = re.compile(
    r"^(?:\d{1,4}/\d{2,4}|AP\s?\d+|[A-Z]{1,3}\d{1,4})\b\s*[:.–-]?\s+\S"
)
# "Following a question, Mr Ridley will check…": someone's undertaking.
PROSE_UNDERTAKING = re.compile(
    r"^(?:(?:Following|After|In\s+response\s+to|Responding\s+to)\b[^,]{0,80},\s+)?"
    r"(?P<agreed>(?i:it\s+was\s+agreed\s+that|agreed\s+that)\s+)?(?:(?i:the)\s+)?"
    r"(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
    r"\s+(?P<verb>agreed\s+to|undertook\s+to|would|will(?!\s+(?:be|have|remain|continue"
    r"|retire|leave|join|attend|chair|step)\b)|is\s+to|was\s+to)\s+[a-z]"
)
# Taking something on in words no plan is written in: "The PCC undertook to…".
UNDERTAKEN = {"agreed to", "undertook to"}
# "The Board agreed to…" is a decision of the meeting, not someone's action.
BODIES = {"board", "committee", "panel", "meeting", "group", "members", "council"}
# Sentences, and clauses after a semicolon: "Name approved; Frank will email".
CLAUSE_END = re.compile(r"(?<=[a-z0-9)][.!?;])\s+(?=[A-Z])")
SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")
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
TITLE_WORDS = re.compile(
    r"\b(?:minutes|meeting|board|committee|panel|group|forum|notes|action\s+log|"
    r"assurance|council|cabinet|executive|governance)\b",
    re.IGNORECASE,
)
MINUTES_WORDS = re.compile(
    r"\b(?:minutes|meeting|notes\s+of|agenda|action\s+log|committee|board|panel)\b"
    r"(?!\s+room)",
    re.IGNORECASE,
)
HEAD_LINES = 15
SUB_ENTRY = "sub-entry"
# Each of these starts a line of its own.
LINE_ENDING_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6"}
QUOTE_LENGTH = 60
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
        self.attendance_table = False
        self.action_table = None
        self.items = []
        self.preamble = []  # (text, html) of what comes before the first item
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
            if not _marks_an_action(title):
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
        if key in HEADER_KEYS and not self.items:
            self.header.setdefault(HEADER_KEYS[key], value.strip())
            return True
        if key in ATTENDANCE and not self.items:
            self.attendance = ATTENDANCE[key]
            self.attendance_lines = True
            self._read_attendance_value(value)
            return True
        return False

    def _read_attendance_value(self, value):
        """ "A (PCC); B, Chief Constable (CC). Also present: C" — a label inside
        the list changes what the entries after it are."""
        parts = EMBEDDED_ATTENDANCE_LABEL.split(value)
        for position, part in enumerate(parts):
            if position % 2:
                self.attendance = ATTENDANCE.get(part.lower().strip(), self.attendance)
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
        return not self.items

    def _read_attendance_line(self, text, html):
        """An entry under "Present:"; False when the list has ended."""
        label = text.rstrip(":").strip().lower()
        if label in ATTENDANCE:
            self.attendance = ATTENDANCE[label]
            return True
        # "Kelham Police: DCC Martin Gale (MG); …": a group of the attendance.
        entries = GROUP_LABEL.sub("", BULLET.sub("", text))
        if not _looks_like_entry(entries) or looks_like_heading(text, html):
            self.attendance_lines = False
            return False
        for entry in _attendance_entries(entries):
            self._add_person(entry)
        return True

    def _add_person(self, entry, capacity=None):
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
                f"A table row starting “{_quote(first or texts[1])}” was not "
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
        self.numbering.tidy(self.items, warnings)
        for item in self.items:
            item.lines = list(_sentences(item.fragments))
        _nest_sub_items(self.items, warnings)
        next_meeting = _next_meeting(self.items, date)
        context = {
            # Minutes that mark their actions mark them all: an undertaking in
            # the discussion is then no action of its own.
            "undertakings": not self._marks_actions(),
            "meeting_date": date,
            "next_meeting_date": next_meeting and next_meeting["date"],
            "warnings": warnings,
            "people": People(self.people),
        }
        actions = [action for item in self.items for action in _actions(item, context)]
        _place_logged_actions(actions, self.items)
        minutes = {
            "source": source,
            "meeting": {
                "title": _clean_title(title),
                "type": _meeting_type(title),
                "date": date and date.isoformat(),
                "time": time and time.strftime("%H:%M"),
                "chair": self.header.get("chair", ""),
                "minute_taker": self.header.get("minute_taker", ""),
                "venue": self.header.get("venue", ""),
            },
            "attendees": [person.as_json() for person in self.people],
            "items": [_item_json(item) for item in self.items],
            "actions": actions,
            "next_meeting": next_meeting
            and {**next_meeting, "date": next_meeting["date"].isoformat()},
            "warnings": warnings,
        }
        return _fit_to_fields(minutes)

    def _marks_actions(self):
        """Actions marked "ACTION", listed under an action-list heading, or in a
        table: the minutes' own record of what was agreed."""
        return any(
            item.table_actions or ACTION_LIST_TITLE.search(item.title)
            for item in self.items
        ) or any(
            ACTION.match(text)
            or ACTION_WITH_INITIALS.match(text)
            or _is_action_list_heading(LIST_MARK.sub("", text))
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
            for text, html in self.preamble
            if text != title and not ACTION_LOG_HEADING.match(text)
        ]

    def _log_before_the_items(self):
        self.items.insert(
            0, Item(number="0", title="Action log", table_actions=self.early_log)
        )
        self.warnings.append(
            "An action log comes before the first agenda item: its actions are "
            "imported under an item “0 Action log”."
        )


def _marks_an_action(text):
    """ "Action KT to review…", "Action 3/24 All Out Day update": numbered like an
    item ("4. Action …", "2a. Action …"), yet an action."""
    return bool(
        ACTION.match(text)
        or ACTION_WITH_INITIALS.match(text)
        or NUMBERED_ACTION.match(text)
    )


def _choose_title(lines):
    for line in lines[:6]:
        if TITLE_WORDS.search(line) and len(line) <= 300 and not KEY_VALUE.match(line):
            return line
    return lines[0] if lines else ""


def _looks_like_entry(text):
    """A line of an attendance list: a name and perhaps a capacity, not prose."""
    if ";" in text:
        return all(_looks_like_entry(part) for part in text.split(";") if part.strip())
    words = text.split()
    if not words or len(words) > 16 or text.rstrip().endswith((".", ":")):
        return "(" in text and len(words) <= 16 and not text.rstrip().endswith(":")
    return words[0][:1].isupper()


def _attendance_label(text):
    """The attendance a label introduces: "Present", "APOLOGIES:-", "Board
    members in attendance were:", "Also in attendance were:"; else None."""
    label = LABEL_FILLER.sub("", text.strip(" :-–#*").lower()).strip()
    if label in ATTENDANCE:
        return ATTENDANCE[label]
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


# Actions


def _actions(item, context):
    found = list(_action_lines(item, context))
    for line in found:
        if not line["owner_as_written"]:
            line["owner_as_written"] = _owner_in(line["description"], context["people"])
        if not line["owner_as_written"] and item.owner_cells:
            line["owner_as_written"] = _owner_from_column(
                item, len(found), line, context
            )
        yield _action(item, line, context)
    for row in item.table_actions:
        yield _logged_action(item, row, context)


def _action_lines(item, context):
    """A dict per action written in the item's text, in order."""
    reader = _ItemActions(item, context)
    for text, in_list in item.lines:
        reader.read(LIST_MARK.sub("", text), in_list or bool(LIST_MARK.match(text)))
    return reader.finish()


class _ItemActions:
    """Reads one item's lines, in order, for the actions they record."""

    def __init__(self, item, context):
        self.item, self.context = item, context
        # An item that is the list of actions ("Decision and Action List"): each
        # line naming who does what is an action. "Action items" is nothing but
        # the list; "Minutes and action log" is more.
        self.action_list = bool(ACTION_LIST_TITLE.search(item.title))
        self.under_heading = _is_action_list_heading(item.title) and bool(
            ACTION_LIST_TITLE.match(item.title)
        )
        # "Action : Chief Constable" right under a title that is a sentence ("09/20
        # Fleet – the pilot would be evaluated…") names the owner of that sentence.
        title_is_a_sentence = len(item.title.split()) >= SENTENCE_WORDS
        self.previous_text = item.title if title_is_a_sentence else ""
        self.last_was_text = title_is_a_sentence  # the line above was plain text
        self.current = None  # the action being read, and its fields below it
        self.label_above = False  # "Action:" alone: the next line is the action
        self.record = None  # a paragraph with "Lead:" and "Due date:" fields below
        self.actions = []

    def read(self, text, in_list):
        if in_list == SUB_ENTRY:
            return  # detail of the entry above, not an action of its own
        if FIELD_LINE.match(text) and self._read_field(text):
            return
        self._close_record()
        if ACTION_LABEL.match(text):
            self.label_above = self.under_heading = True
            return
        if ACTIONS_HEADING.match(text) or _is_action_list_heading(text):
            self.under_heading = True
            return
        if self.current is not None and _adds_to(self.current, text, self.context):
            return
        line = self._action_in(text, in_list)
        if line == "owner":
            return
        if line is not None:
            self._push(line)
            return
        self.under_heading = self.under_heading and in_list
        if LOOKS_LIKE_ACTION.match(text):
            self.context["warnings"].append(
                f"Item {self.item.number} has a line starting “{_quote(text)}” that "
                "was not read as an action: check it."
            )
        self.previous_text, self.last_was_text, self.current = text, True, None

    def finish(self):
        self._close_record()
        return self.actions

    def _action_in(self, text, in_list):
        if self.label_above:
            self.label_above = False
            if TASK.match(text) or _owner_in(text, self.context["people"]):
                return _line(text, "")
        line = _action_line(text, self.previous_text, self.current, self.context)
        if line is None and (self.action_list or self.under_heading):
            line = _listed_action(text, in_list and self.under_heading, self.context)
        if line is None and self.context["undertakings"]:
            line = _agreed_in_prose(text, self.context)
        return line

    def _push(self, line):
        self.actions.append(line)
        self.current, self.last_was_text = line, False

    def _read_field(self, text):
        """ "Lead: DoSCE", "Due date: 08.11.2023", "Status: …" under an action, or
        under a paragraph that they make an action record of."""
        if self.current is not None:
            return _adds_to(self.current, text, self.context)
        if self.record is None and self.last_was_text:
            self.record = _line(self.previous_text, "")
            self.last_was_text = False
        if self.record is None:
            return False
        return _adds_to(self.record, text, self.context)

    def _close_record(self):
        """A record with an owner or a due date is an action; one with only a
        reference or a status is not."""
        record, self.record = self.record, None
        if record and (record["owner_as_written"] or record["due_words"]):
            self._push(record)


def _action_line(text, previous_text, current, context):
    """The action `text` records; "owner" when it only names the owner of the
    action before it; None when it records none."""
    people = context["people"]
    if match := ACTION_WITH_INITIALS.match(text):
        return _line(match["text"].strip(), match["owner"])
    if (match := ACTION_BY_SOMEONE.match(text)) and people.resolve(match["owner"]):
        return _line(match["text"].strip(), match["owner"])
    if NUMBERED_ACTION.match(text):
        return _line(text, "")
    if (match := INLINE_UPDATE.search(text)) and (
        owner := _owner_in(text[: match.start()], people)
    ):
        # "RHL is to clarify … Update 18.01.22 – Complete": a carried action.
        return _line(text, owner)
    match = ACTION.match(text)
    if not match:
        return None
    words = match["text"].strip()
    named = (match["owner"] or match["by"] or "").strip()
    if NOT_AN_ACTION.match(words):
        if current is not None and (status := status_from_words(words)):
            current["status"] = status
            return "owner"
        if REFERENCED_MARKER.match(text):
            # "Action 4/24 - discharged": a log's word on an earlier action.
            line = _line(text, "")
            line["status"] = status_from_words(words)
            return line
        return "owner" if current is not None else None
    if _is_only_an_owner(words, context["people"]):
        # "Action: RJ" after the action's words, or below the sentence it names.
        if current is not None and not current["owner_as_written"]:
            current["owner_as_written"] = words.rstrip(".")
            return "owner"
        if previous_text:
            return _line(_last_sentences(previous_text), words.rstrip("."))
        return None
    # "ACTION COG/A/011/2016 – …", "Action 1/24 – …": the reference stays with
    # the words, so the log's earlier action can be found again.
    return _line(text.strip() if SLASHED_REFERENCE.match(text) else words, named)


def _is_action_list_heading(text):
    """ "## Action items", "Decision and Action List:", "The Board considered the
    outstanding action list with the following comments:-"."""
    if INTRODUCES_A_LIST.search(text) and len(text.split()) <= INTRODUCTION_WORDS:
        return bool(ACTION_LIST_TITLE.search(text))
    return (
        len(text.split()) <= 6
        and ":" not in text
        and bool(ACTION_LIST_TITLE.search(text))
    )


def _listed_action(text, in_list, context):
    """A line of a list of actions: "Jane Hollis: Create the repository", "AP to
    contact the council", "165/19 : Staffing : … Closed", or any list entry."""
    people = context["people"]
    match = OWNER_COLON.match(text)
    if match and match["owner"][0].isupper() and _is_owner(match["owner"], people):
        return _line(match["text"], match["owner"])
    if (match := OWNER_IN_SENTENCE.match(text)) and _is_owner(match["owner"], people):
        return _line(text, "")
    if ACTION_REFERENCE.match(text) or in_list:
        return _line(text, "")
    return None


def _agreed_in_prose(text, context):
    """ "Mr Ridley will check the figures…", "Mr Cosh agreed to ensure…": someone
    at the meeting taking something on, in a sentence of its own."""
    for sentence in CLAUSE_END.split(text):
        match = PROSE_UNDERTAKING.match(sentence)
        # "would" is a plan, not an undertaking, unless the meeting agreed it.
        if not match or (match["verb"] == "would" and not match["agreed"]):
            continue
        owner = match["owner"]
        if (
            context["people"].resolve(owner)
            or HONORIFIC_NAME.fullmatch(owner)
            or (
                match["verb"] in UNDERTAKEN
                and _names_someone(owner)
                and owner.split()[-1].lower() not in BODIES
            )
        ):
            return _line(sentence, owner)
    return None


def _is_owner(words, people):
    return bool(people.resolve(words)) or all(
        _names_someone(part) for part in split_owners(words)
    )


def _last_sentences(text):
    """What "Action: <owner>" below a paragraph names: its last sentence (two, when
    the last is as short as "This was agreed.")."""
    sentences = SENTENCE_END.split(text)
    last = sentences[-1]
    if len(last.split()) < SENTENCE_WORDS and len(sentences) > 1:
        last = f"{sentences[-2]} {last}"
    return last


def _line(description, owner):
    update = INLINE_UPDATE.search(description)
    if update:
        description = description[: update.start()].rstrip()
    status = None
    if match := TRAILING_STATUS.search(description):
        status = status_from_words(match["status"])
        description = description[: match.start()].rstrip()
    line = {
        "description": description,
        "owner_as_written": owner,
        "status": status,
        "updates": [],
        "due_words": "",
    }
    if update:
        _add_update(line, update["date"], update["text"])
    return line


def _adds_to(current, text, context):
    """ "Owner: JH", "Deadline: 31 Oct" or "Update 14.07.22 – …" under an action."""
    if match := UPDATE_LINE.match(text):
        _add_update(current, match["date"], match["text"])
        return True
    if match := FIELD_LINE.match(text):
        key, value = match["key"].lower(), match["value"].strip()
        if key in OWNER_FIELDS:
            current["owner_as_written"] = current["owner_as_written"] or value
        elif key in DUE_FIELDS:
            current["due_words"] = current["due_words"] or value
        elif key == "status" and value:
            current["status"] = status_from_words(value) or current["status"]
        return True
    return False


def _add_update(line, date_words, text):
    line["updates"].append({"date_words": date_words or "", "text": text})
    if status := status_from_words(text):
        line["status"] = status


def _is_only_an_owner(words, people):
    words = words.strip().rstrip(".")
    if len(words.split()) > 6 or re.search(r"\s(?:to|will)\s", f" {words} "):
        return False
    # "RB/TK": every owner named must be someone, or "Review the lease - RB/TK"
    # would pass for an owner.
    return all(
        people.resolve(part)
        or HONORIFIC_NAME.fullmatch(part)
        or re.fullmatch(r"[A-Z][A-Za-z]?[A-Z]{1,4}", part)
        or (looks_like_role(part) and _is_capitalised(part))
        for part in split_owners(words)
    )


def _owner_from_column(item, actions_in_item, line, context):
    """An owner column speaks for the item's action only when there is one."""
    if actions_in_item == 1 and len(item.owner_cells) == 1:
        return item.owner_cells[0]
    context["warnings"].append(
        f"Action at item {item.number} “{_quote(line['description'])}”: the owner "
        f"column says “{', '.join(item.owner_cells)}” for {actions_in_item} actions, "
        "so it is "
        "imported unassigned."
    )
    return ""


def _action(item, line, context):
    description = line["description"]
    written = line["owner_as_written"]
    due_phrase, due_date = _due_in_words(
        item, line["due_words"] or description, context
    )
    return _action_json(
        item,
        description,
        written,
        due_phrase,
        due_date,
        line["status"] or "open",
        [_update(u, context) for u in line["updates"]],
        context,
    )


def _due_in_words(item, words, context):
    """(phrase, date) of the due date an action's words give; without the meeting's
    date, the phrase alone (the date is worked out once the meeting's is known)."""
    try:
        phrase, date = due_date_in_words(
            words,
            meeting_date=context["meeting_date"] or UNKNOWN_MEETING_DATE,
            next_meeting_date=context["next_meeting_date"],
        )
    except UnclearDuePhrase as unclear:
        context["warnings"].append(
            f"Action at item {item.number}: {unclear} Imported without a due date."
        )
        return None, None
    return phrase, date if context["meeting_date"] else None


# Only to find the phrase when the minutes give no date; the date found is dropped.
UNKNOWN_MEETING_DATE = datetime.date(1900, 1, 1)


def _logged_action(item, row, context):
    meeting_date = context["meeting_date"]
    due_words = row["new_due"] or row["due"]
    due_date = None
    if meeting_date is not None and due_words:
        due_date = due_date_in_cell(
            due_words,
            meeting_date=meeting_date,
            next_meeting_date=context["next_meeting_date"],
            logged=row["logged"],
        )
    status = status_from_words(row["status"]) if row["status"] else None
    if row["status"] and status is None:
        context["warnings"].append(
            f"Action at item {item.number} “{_quote(row['description'])}”: the status "
            f"“{row['status']}” is not one Assurance knows: imported as open."
        )
    updates = [{"date": None, "text": row["update"]}] if row["update"] else []
    action = _action_json(
        item,
        row["description"],
        row["owner"],
        " ".join(
            filter(
                None, [row["due"], row["new_due"] and f"(new date {row['new_due']})"]
            )
        )
        or None,
        due_date,
        status or "open",
        updates,
        context,
    )
    action["item_reference"] = row["item"]
    return action


def _update(update, context):
    date = None
    if update["date_words"] and context["meeting_date"] is not None:
        date = due_date_in_cell(
            update["date_words"], meeting_date=context["meeting_date"]
        )
    return {"date": date and date.isoformat(), "text": update["text"]}


def _action_json(
    item, description, written, due_phrase, due_date, status, updates, context
):
    written = (written or "").strip()
    people = context["people"].resolve(written) if written else []
    if not written:
        context["warnings"].append(
            f"Action at item {item.number} “{_quote(description)}” names no owner: "
            "imported unassigned."
        )
    return {
        "item": item.number,
        "description": description,
        "owner": _owner_abbreviation(written, people),
        "owner_as_written": written,
        "owner_people": [person.as_owner() for person in people],
        "due_date": due_date and due_date.isoformat(),
        "due_phrase": due_phrase,
        "status": status,
        "updates": updates,
    }


def _owner_abbreviation(written, people):
    """The post the owner's words most likely abbreviate, for the posts to match."""
    for person in people:
        if person.abbreviation:
            return person.abbreviation
    first = split_owners(written)[0] if written else ""
    if (
        re.fullmatch(r"[A-Z][A-Za-z]{1,5}", first)
        and sum(c.isupper() for c in first) >= 2
    ):
        return first
    return first or None


def _owner_in(description, people):
    """The owner a sentence starts or ends with: "JH to…", "… (JH)"."""
    if match := OWNER_IN_SENTENCE.match(description):
        owner = match["owner"]
        if people.resolve(owner) or _names_someone(owner):
            return owner
    if match := TRAILING_OWNER.search(description):
        owner = (match["bracket"] or match["dash"]).strip()
        if people.resolve(owner) or (
            match["dash"] and re.fullmatch(r"[A-Z]{2,5}(?:\s*/\s*[A-Z]{2,5})*", owner)
        ):
            return owner
    return ""


def _is_capitalised(words):
    """ "Deputy Chief Executive", "Head of Estates": a title, not a sentence."""
    return all(
        word[:1].isupper() or word in {"of", "and", "for", "&"}
        for word in words.split()
    )


def _is_full_name(words):
    """ "Jane Hollis", "Çağıl Uluşahin Sonmez": two to four capitalised words."""
    names = words.split()
    return 2 <= len(names) <= 4 and all(
        name[0].isupper()
        and name[1:].replace("-", "").replace("’", "").isalpha()
        and not name[1:].isupper()
        for name in names
    )


def _names_someone(words):
    """Initials ("JH", "RB/TK"), a title and name ("Mr Fenwick"), a full name
    ("Jane Hollis") or a post ("Deputy Chief Executive"): not "Members"."""
    return bool(
        INITIALS_LIST.fullmatch(words)
        or HONORIFIC_NAME.fullmatch(words)
        or _is_full_name(words)
        or looks_like_role(words)
    )


def _sentences(fragments):
    """(text, is a list entry) for each line of an item: paragraphs, list entries,
    lines broken with <br>, and ACTIONs that start mid-paragraph."""
    for fragment in fragments:
        for line, in_list in _lines_of(parse_fragment(fragment)):
            for text in ACTION_IN_TEXT.split(" ".join(line.split())):
                if text:
                    yield text, in_list


def _lines_of(soup):
    """(line, is a list entry) in document order: each paragraph and list entry's
    own words, apart from the lists nested in it, and the words around lists."""
    for line_break in soup.find_all("br"):
        line_break.replace_with("\n")
    around = {}  # id of a node -> (its list entry, its block), found once per node
    groups = []  # [(entry, block), [strings]] of consecutive strings in one block
    for string in soup.find_all(string=True):
        key = _around(string, around)
        if not groups or groups[-1][0] != (id(key[0]), id(key[1])):
            groups.append([(id(key[0]), id(key[1])), [], key[0]])
        groups[-1][1].append(str(string))
    for _, strings, entry in groups:
        kind = _entry_kind(entry)
        for line in "".join(strings).split("\n"):
            if line.strip():
                yield line, kind


def _around(node, around):
    """(the list entry, the paragraph or entry) that `node` is in; each ancestor
    walked is remembered, so a deeply nested fragment is read in one pass."""
    path, parent, found = [], node.parent, (None, None)
    while parent is not None:
        if id(parent) in around:
            found = around[id(parent)]
            break
        if parent.name in LINE_ENDING_TAGS:
            entry = parent if parent.name == "li" else _nearest_entry(parent, around)
            found = (entry, parent)
            break
        path.append(parent)
        parent = parent.parent
    for walked in path:
        around[id(walked)] = found
    return found


def _nearest_entry(block, around):
    """The list entry a paragraph sits in, if any (a <p> inside an <li>)."""
    parent = block.parent
    while parent is not None:
        if id(parent) in around:
            return around[id(parent)][0]
        if parent.name == "li":
            return parent
        parent = parent.parent
    return None


def _entry_kind(entry):
    """False outside lists, True for a list's entry, SUB_ENTRY for a point made
    under an entry (the entry holds the action; its points are its detail)."""
    if entry is None:
        return False
    return SUB_ENTRY if entry.find_parent("li") is not None else True


# Output


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
        for key in ("name", "capacity", "abbreviation"):
            limit = Attendee._meta.get_field(key).max_length
            attendee[key] = _clip(attendee[key], limit, warnings)
    title_limit = AgendaItem._meta.get_field("title").max_length
    number_limit = AgendaItem._meta.get_field("number").max_length
    for item in minutes["items"]:
        if len(item["title"]) > title_limit:
            item["discussion"] = f"<p>{escape(item['title'])}</p> {item['discussion']}"
            item["title"] = _clip(item["title"], title_limit, warnings)
        item["number"] = item["number"][:number_limit]
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
    """ "A (PCC); B, Chief Constable (CC)", or the same with commas only;
    "… (Chief Executive, OPCC) and Mr C (…)": never inside brackets."""
    value = re.sub(r"\)\s+and\s+(?=[A-Z])", ");", value)
    if ";" in value:
        return _outside_brackets(value, ";")
    entries = []
    for piece in _outside_brackets(value, ","):
        # "B, Chief Constable (CC)": a bare name followed by its capacity.
        if entries and (
            MEETING_ROLE_ONLY.fullmatch(piece.strip())
            or (
                "(" not in entries[-1]
                and (piece.strip().endswith(")") or looks_like_role(piece))
            )
        ):
            entries[-1] += "," + piece
        else:
            entries.append(piece)
    return entries


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


def _quote(text, limit=QUOTE_LENGTH):
    """The start of `text` for a warning, cut between words."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _span(numbers):
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
