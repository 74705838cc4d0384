"""The actions an agenda item records: ACTION lines in all their forms, lists of
actions, records with "Lead:" and "Due date:" fields, undertakings in prose, and the
rows of action tables and logs, each with its owner as written and its due date."""

import datetime
import re

from meetings.due_phrases import UnclearDuePhrase
from meetings.importer.action_tables import status_from_words
from meetings.importer.blocks import quote
from meetings.importer.dates import YEAR
from meetings.importer.deadlines import due_date_in_cell, due_date_in_words
from meetings.importer.lines import SUB_ENTRY
from meetings.importer.people import (
    HONORIFIC_NAME,
    is_capitalised,
    looks_like_role,
    names_someone,
    split_owners,
)
from meetings.importer.prose import (
    OFFICERS,
    OWNER_TO_DO,
    PARISH_OFFICER,
    PARISH_OFFICERS,
    TASKS_AGREED,
    is_body,
    is_instruction,
    tasks_in,
    undertakings_in,
)

# "ACTION:", "Action –", "ACTION (CC):", "Action by CC:", "Action point 3:",
# "Action 474:", "AP125 -"; not "Action-planning was discussed".
_MARKER = (
    r"(?:(?:carried(?:\s+forward)?|outstanding|open|previous|new|agreed)\s+"
    # "Decision/Action:", "Decisions and actions –".
    r"|decisions?\s*(?:/|and|&)\s*)?"
    r"actions?(?:\s+points?)?(?:\s+(?:no\.?|ref\.?|number)?\s*"
    r"(?:[A-Z]{0,3}\d+[a-z]?(?:/\d+)*|[A-Z]{2,5}(?:/[A-Z0-9]{1,5})+))?"
    # "AP. E. Murphy to…": an action point, its full stop no sentence's end.
    r"|(?-i:AP)(?:\s?\d+|(?=\.\s))"
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
# "ACTION provision of dates carried forward": a marker in capitals, and the task
# in words with no owner.
# Not "ACTIONS arising from the last meeting: all complete" (a heading, a report).
ACTION_BARE = re.compile(
    r"^\s*ACTION\s+(?!(?:arising|outstanding|from|carried|taken|agreed|log|list"
    r"|plan|points?|updates?)\b)(?P<text>[a-z][^:]*)$"
)
# "Action regarding RSO visits to be resolved…": the marker in any case, and what
# the action is about.
ACTION_ABOUT = re.compile(
    r"^\s*(?i:action)\s+(?P<text>(?:regarding|concerning|re:?|relating\s+to)\s+\S.*)$"
)
# "ACTION RB.", "ACTION MMacA. –": who does what the sentences before say.
ACTION_OWNER_ONLY = re.compile(
    r"^\s*ACTIONS?\s+(?P<owner>[A-Z][A-Za-z]{1,5}(?:\s*/\s*[A-Z][A-Za-z]{1,5})*)"
    r"\s*\.?\s*[-–—]?\s*$"
)
# "ACTION Constable Aldous please.": a person named in full, after the action.
ACTION_NAMED_OWNER = re.compile(
    r"^\s*ACTION\s+(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})"
    r"(?:\s+please)?\s*\.?\s*$"
)
# "The action for Alex Edmonstone to provide a paper…": an action named in prose.
ACTION_FOR = re.compile(
    r"\b(?i:the\s+action\s+(?:for|on))\s+"
    r"(?P<task>(?P<owner>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|and|&))*)\s+to\s+[a-z].*)$"
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
# "PCC to revisit…", "Jane Hollis to…", "The Deputy Chief Executive will…".
OWNER_IN_SENTENCE = re.compile(
    r"^(?:(?i:it\s+was\s+agreed\s+that|agreed\s+that)\s+)?(?:(?i:the)\s+)?"
    r"(?P<owner>[A-Z][\w'’.&/-]*(?:\s+(?:[A-Z][\w'’.&/-]*|of|and|for|&)){0,5}"
    r"(?:\s*\([A-Z][A-Za-z]{1,4}\))?)"
    # "Ms Lee to be invited": the one it is done to, not its owner.
    r"\s+(?:to|will|agreed\s+to|is\s+to|are\s+to|would|should)\s(?!be\s)"
)
TRAILING_OWNER = re.compile(
    r"\s*(?:[\(\[](?P<bracket>[^()\[\]]{2,40})[\)\]]"
    r"|(?:\s[-–—]|,)\s*(?P<dash>[A-Z]{2,5}(?:\s*/\s*[A-Z]{2,5})*))\s*\.?\s*$"
)
TRAILING_STATUS = re.compile(
    r"(?:\s*[-–—]\s*|(?<=[.])\s+)"
    r"(?P<status>ongoing|complete[d]?|done|closed|open|c/fwd|carried forward)"
    r"\s*\.?\s*$",
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
_HEADING = "|".join(RECORD_FIELDS | {"notes?", "comments?", "owners", "who", "when"})
HEADINGS = re.compile(rf"(?:{_HEADING})(?:\s*[/|,&]\s*(?:{_HEADING}))*", re.IGNORECASE)
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
# "ACTION: The Chair called the meeting to order at 10:03", "ACTION: Cllr A, duly
# seconded, moved to approve…": minutes that say under "Action" what the meeting
# did, as American bodies' do, record its business, not tasks.
ACTION_TAKEN = re.compile(
    r"\b(?:called\s+the\s+meeting\s+to\s+order|adjourned\s+the\s+meeting|"
    r"(?:duly\s+)?seconded\s+by|moved\s+to\s+(?:approve|adopt|excuse|accept|"
    r"adjourn)|the\s+motion\s+(?:carried|passed|failed)|"
    r"^(?:the\s+)?(?:next|following)\s+(?:\w+\s+){0,4}meeting\s+(?:\w+\s+){0,4}"
    r"(?:is|was|will\s+be)\s+(?:scheduled|held)\s+(?:for|on))",
    re.IGNORECASE,
)
# "- [NM] Create a discussion document…", "- [ ] Update the website": a task in
# notes kept as Markdown, its owners' initials (or a checkbox) in brackets.
BRACKETED_TASK = re.compile(
    # The bullet is gone by the time a list entry is read here.
    r"^(?:[-*•+]\s*)?\["
    r"(?:(?P<owner>[A-Z]{2,4}(?:\s*[,/&]\s*[A-Z]{2,4})*)|(?P<box>[ xX]))\]"
    r"\s+(?P<text>[A-Z][a-z]+\s+\S.*)$"
)
# "AT Yes check.svg Done; JS Go-next-red.svg Carried forward": a wiki's status
# icons, named by their files, beside each owner's status.
ICON_FILE = re.compile(r"(?:\b[\w-]+\s)?[\w.-]+\.(?:svg|png|gif)\b", re.IGNORECASE)
OWNER_STATUS = re.compile(
    r"(?:[A-Z]{2,4}\s+)?(?P<status>(?i:done|completed?|closed|ongoing|in\s+progress"
    r"|carried\s+forward|c/f(?:wd)?))(?:\s+[A-Z]{2,4}(?:,\s*[A-Z]{2,4})*)?\.?"
)
# "To work with the PAs…": a task, as an action written under "Action:" starts.
TASK = re.compile(r"^(?:To|Please)\s+[a-z]")
# "Action:" alone on its line, the action on the next.
ACTION_LABEL = re.compile(
    r"^\s*(?i:action)(?:\s+(?i:required)|(?:\s+(?i:point|no\.?))?\s*\d{1,3})?\s*:?\s*$"
)
SLASHED_REFERENCE = re.compile(
    r"^\s*(?i:actions?)\s+(?:no\.?\s*)?[A-Z0-9]+(?:/[A-Z0-9]+)+"
)
REFERENCED_MARKER = re.compile(r"^\s*(?i:actions?)\s+(?:no\.?\s*)?[A-Z]{0,5}/?\d")
# "Rolling Action List", "Summary of actions": what a log of actions is called.
_LOG_NAME = (
    r"(?:(?:rolling|outstanding|open|updated?)\s+)?(?:(?:summary|schedule)\s+of\s+"
    r"actions|actions?\s+(?:log|tracker|sheet|list|register|schedule|summary))"
)
# A log as a heading in an item: the list runs to the item's end, through the
# log's own headings and dates ("Min Ref / 31 October 2014").
LOG_SECTION = re.compile(rf"^\s*{_LOG_NAME}\s*:?\s*$", re.IGNORECASE)
# A document that is a log of actions and nothing else; not "Minutes and action
# log" nor "Decisions and actions of the Board".
ACTION_LOG_TITLE = re.compile(
    rf"^\W*(?:{_LOG_NAME}|actions?\s+arising)\b", re.IGNORECASE
)
ACTION_LOG_HEADING = re.compile(
    r"^\s*action\s+(?:log|tracker|sheet|list)\b", re.IGNORECASE
)
# "4. ", "(b) ", "– ", "• ": how a list entry is marked in a text export.
# "2.2 It was agreed…": a numbered paragraph too long to be an item's title.
PARAGRAPH_NUMBER = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\(\d{1,3}(?:\.\d{1,3})+\))\s+(?=[A-Z])"
)
LIST_MARK = re.compile(r"^(?:\(?\d{1,2}[a-z]?[.)]|\(?[a-z][.)]|[-–—•*·▪])\s+")
SENTENCE_WORDS = 6
# "12. Park inspection- clerk to get quotes…": a parish council's item whose
# heading carries its task; not "PCC update – Chief Executive to report".
TASK_AFTER_A_DASH = re.compile(
    rf"\w\s?[–—-]\s+(?:the\s+)?{PARISH_OFFICER}\b[^.]*?"
    r"\bto\s+(?!(?:present|report|introduce|update|note)\b)[a-z]{3,}",
    re.IGNORECASE,
)
SHORT_TITLE_WORDS = 10
# "485/16" or "14/2018/P – Police Telephony" alone on a line of an outstanding
# actions list written as prose: an action carried from an earlier meeting, its
# title and then what was said of it.
CARRIED_ENTRY = re.compile(
    r"(?:[A-Z]{1,5}\s?)?\d{1,4}/\d{2,4}(?:/[A-Z]{1,3})?"
    r"(?:\s*[–—:-]\s*(?P<title>[A-Z][^.]{2,100}))?"
)
CARRIED_STATUS = [
    (
        re.compile(r"\b(?:remains?|remained|still|to\s+stay|should\s+stay)\s+open\b"),
        "open",
    ),
    (
        re.compile(
            r"\b(?:(?:could|can|should|would|will)\s+(?:now\s+)?be\s+(?:closed|removed)"
            r"|(?:was|is|be)\s+(?:now\s+)?(?:closed|complete|completed)\b"
            r"|removed\s+from\s+the\s+(?:tracker|log|list)|had\s+been\s+completed)"
        ),
        "completed",
    ),
]
TITLE_WORDS = 15  # more than a heading has: a paragraph numbered like an item
INTRODUCES_A_LIST = re.compile(r":-?\s*$")
INTRODUCTION_WORDS = 20
ACTION_LIST_TITLE = re.compile(
    r"\baction\s+(?:list|log|items?|points?|tracker|sheet|summary|schedule)"
    r"|\bactions?\s+(?:arising|agreed|list|to\s+be\s+taken)\b|\boutstanding\s+actions"
    r"|\bsummary\s+of\s+actions|\bagreed\s+actions|\bdecisions?\s+and\s+actions?"
    r"|\bactions\s+from\s+(?:the\s+)?(?:previous|last)\s+meeting",
    re.IGNORECASE,
)
# "Jacob Kaplan-Moss and Jeff Triplett: Import the bylaws".
OWNER_COLON = re.compile(r"^(?P<owner>[^\W\d_][^:]{1,60}?)\s*:\s+(?P<text>\S.*)$")
# "165/19 : Safer staffing : …", "AP125 …": an action log's reference first.
ACTION_REFERENCE = re.compile(
    r"^(?:\d{1,4}/\d{2,4}|AP\s?\d+|[A-Z]{1,3}\d{1,4})\b\s*[:.–-]?\s+\S"
)
# "… to discuss. [Action NC]", "(Action: PA/HA)" at the end of a paragraph.
ACTION_TAG = re.compile(
    r"\s*[\[(]\s*(?i:action)\s*:?\s+(?P<owner>[^\])]{1,40}?)\s*[\])]\s*\.?\s*$"
)
SENTENCE_END = re.compile(r"(?<=[a-z0-9)’”'\"][.!?])\s+(?=[A-Z])")


# "… as expected. Status: in progress – pending the new reports / MW": a log
# entry's status, and its owner's cell after a slash.
ENTRY_STATUS = re.compile(
    r"(?:^|\s+)(?i:status)\s*:\s*(?P<status>.*?)"
    r"(?:\s+/\s+(?P<owner>[A-Z][A-Za-z]{1,5}(?:\s*/\s*[A-Z][A-Za-z]{1,5})*))?\s*$"
)


# "Actions from meeting on 28 February 2018", "Actions held over from…": a log's
# heading over the entries from one meeting.
LOG_GROUP = re.compile(
    r"^actions?\s+(?:held\s+over\s+|carried\s+forward\s+)?from\b", re.IGNORECASE
)


def _log_entry(item):
    """An item of a document that is a log of actions, as one action: its text up
    to its status, unless it marks actions of its own ("ACTION: …") or holds a
    table of them. The log's own headings ("Actions held over from…") end it."""
    if item.table_actions or any(marks_an_action(text) for text, _ in item.lines):
        return None
    words, status, owner = [], None, ""
    for text, _ in item.lines:
        if is_action_list_heading(text) or LOG_GROUP.match(text):
            break
        if match := ENTRY_STATUS.search(text):
            words.append(text[: match.start()])
            status = status_from_words(match["status"])
            owner = match["owner"] or ""
            break
        words.append(text)
    description = " ".join(" ".join(words).split())
    if not description:
        return None
    line = _line(description, owner)
    line["status"] = status or line["status"]
    return line


def marks_an_action(text):
    """ "Action KT to review…", "Action 3/24 All Out Day update": numbered like an
    item ("4. Action …", "2a. Action …"), yet an action."""
    return bool(
        ACTION.match(text)
        or ACTION_WITH_INITIALS.match(text)
        or NUMBERED_ACTION.match(text)
    )


def item_actions(item, context):
    if context["action_log"] and (entry := _log_entry(item)):
        found = [entry]
    else:
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
    for text, in_list in lines_with_title(item):
        text = PARAGRAPH_NUMBER.sub("", text)
        mark = LIST_MARK.match(text)
        reader.list_mark(mark and _mark_kind(mark[0]))
        # "(b) Table D be updated…": a limb of a resolution.
        reader.limb = bool(mark) and ")" in mark[0]
        reader.read(LIST_MARK.sub("", text), in_list or bool(mark))
    return reader.finish()


def _mark_kind(mark):
    """ "3." and "(4)" are numbers, "b)" a letter, "•" and "–" bullets."""
    mark = mark.strip("( ")
    if mark[0].isdigit():
        return "number"
    return "letter" if mark[0].isalpha() else "bullet"


class _ItemActions:
    """Reads one item's lines, in order, for the actions they record."""

    def __init__(self, item, context):
        self.item, self.context = item, context
        self.limb = False  # whether the line being read is a limb "(b) …"
        # An item that is the list of actions ("Decision and Action List"): each
        # line naming who does what is an action. "Action items" is nothing but
        # the list; "Minutes and action log" is more.
        self.action_list = bool(ACTION_LIST_TITLE.search(item.title))
        self.under_heading = is_action_list_heading(item.title) and bool(
            ACTION_LIST_TITLE.match(item.title)
        )
        # "Action : Chief Constable" right under a title that is a sentence ("09/20
        # Fleet – the pilot would be evaluated…") names the owner of that sentence.
        title_is_a_sentence = len(item.title.split()) >= SENTENCE_WORDS
        self.previous_text = item.title if title_is_a_sentence else ""
        self.last_was_text = title_is_a_sentence  # the line above was plain text
        self.current = None  # the action being read, and its fields below it
        self.label_above = False  # "Action:" alone: the next line is the action
        self.list_kind = None  # how the entries under an "Actions:" label are marked
        self.record = None  # a paragraph with "Lead:" and "Due date:" fields below
        self.carried = None  # an entry "485/16", its title and notes, being read
        self.in_log = False  # under "Rolling Action List" in the item's text
        self.actions = []

    def list_mark(self, kind):
        """A list entry marked otherwise than those under an "Actions:" label
        ("3. Received the update…" after "• Staff to…") ends that list."""
        if not (self.under_heading and kind) or self.in_log:
            return
        if self.list_kind is None:
            self.list_kind = kind
        elif kind != self.list_kind:
            self.under_heading = self.label_above = False
            self.list_kind = None

    def read(self, text, in_list):
        if in_list == SUB_ENTRY:
            return  # detail of the entry above, not an action of its own
        if self.action_list and self._read_carried(text):
            return
        if FIELD_LINE.match(text) and self._read_field(text):
            return
        self._close_record()
        if ACTION_LABEL.match(text):
            self.label_above = self.under_heading = True
            self.list_kind = None
            return
        if ACTIONS_HEADING.match(text) or is_action_list_heading(text):
            self.under_heading = True
            self.in_log = self.in_log or bool(LOG_SECTION.match(text))
            self.list_kind = None
            return
        if self.current is not None and _adds_to(self.current, text, self.context):
            return
        line = self._action_in(text, in_list)
        if line == "owner":
            return
        if line is not None:
            self._push(line)
            return
        self.under_heading = (self.under_heading and in_list) or self.in_log
        if LOOKS_LIKE_ACTION.match(text):
            self.context["warnings"].append(
                f"Item {self.item.number} has a line starting “{quote(text)}” that "
                "was not read as an action: check it."
            )
        self.previous_text, self.last_was_text, self.current = text, True, None

    def finish(self):
        self._close_carried()
        self._close_record()
        return self.actions

    def _read_carried(self, text):
        """An outstanding actions list in prose: "485/16", "Finance Report", then
        what the meeting heard of it, up to the next reference."""
        if entry := CARRIED_ENTRY.fullmatch(text):
            self._close_carried()
            self._close_record()
            self.carried = {"title": entry["title"] or "", "notes": []}
            return True
        if self.carried is None:
            return False
        if not self.carried["title"] and len(text.split()) <= SHORT_TITLE_WORDS:
            self.carried["title"] = text
        else:
            self.carried["notes"].append(text)
        return True

    def _close_carried(self):
        carried, self.carried = self.carried, None
        if not carried or not carried["title"]:
            return
        notes = " ".join(carried["notes"])
        line = _line(f"{carried['title']}: {notes}" if notes else carried["title"], "")
        line["status"] = next(
            (status for pattern, status in CARRIED_STATUS if pattern.search(notes)),
            "open",
        )
        self._push(line)

    def _action_in(self, text, in_list):
        if self.label_above:
            self.label_above = False
            if TASK.match(text) or _owner_in(text, self.context["people"]):
                return _line(text, "")
        line = _action_line(text, self.previous_text, self.current, self.context)
        people = self.context["people"]
        if line is None and (self.action_list or self.under_heading):
            # "Staff to define… Staff to provide…": one entry, two actions.
            if len(tasks := tasks_in(text, people)) > 1:
                for task in tasks[:-1]:
                    self._push(_line(*task))
                return _line(*tasks[-1])
            line = _listed_action(text, in_list and self.under_heading, self.context)
        if line is None:
            # "SS to discuss… RT to contact… SS to work with…": one line, three.
            marked = self.context["marked"]
            undertaken = undertakings_in(
                text, people, limb=self.limb, only_taken_on=marked
            )
            lines = [
                _line(*task, taken_on=marked and task in undertaken)
                for task in _in_order(text, tasks_in(text, people), undertaken)
            ]
            for found in lines[:-1]:
                self._push(found)
            line = lines[-1] if lines else None
        if line is None and in_list:
            line = _entry_for_someone(text, people)
        if line is None and in_list and not self.context["marked"]:
            line = _line(text, "") if is_instruction(text) else None
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


def lines_with_title(item):
    """The item's lines, after its title when the title is a sentence of the
    minutes ("2.2 It was agreed that the Clerks would forward the report…") or
    carries its task ("12. Park inspection- clerk to get quotes")."""
    words = len(item.title.split())
    is_a_sentence = words >= SENTENCE_WORDS and (
        item.title.endswith(".") or words > TITLE_WORDS
    )
    if is_a_sentence or TASK_AFTER_A_DASH.search(item.title):
        return [(item.title, False), *item.lines]
    return item.lines


def _action_line(text, previous_text, current, context):
    """The action `text` records; "owner" when it only names the owner of the
    action before it; None when it records none."""
    people = context["people"]
    if (match := BRACKETED_TASK.match(text)) and (
        match["text"].split()[0].lower() in NOTE_VERBS
        or (match["owner"] and people.resolve(match["owner"]))
    ):
        # Not "[PDF] Annual Report" nor "- [x] Quorum present".
        line = _line(match["text"].strip(), match["owner"] or "")
        if match["box"] and match["box"] in "xX":
            line["status"] = "completed"
        return line
    if (match := ACTION_TAG.search(text)) and match.start() > 0:
        return _line(
            _tagged_sentence(text[: match.start()], match["owner"]), match["owner"]
        )
    if match := ACTION_WITH_INITIALS.match(text):
        return _line(match["text"].strip(), match["owner"])
    if (match := ACTION_BY_SOMEONE.match(text)) and people.resolve(match["owner"]):
        return _line(match["text"].strip(), match["owner"])
    if NUMBERED_ACTION.match(text):
        return _line(text, "")
    if match := ACTION_BARE.match(text) or ACTION_ABOUT.match(text):
        return _line(match["text"], "")
    if match := ACTION_FOR.search(text):
        # "The action for Rona and Iain MacInnes to meet…" in a review of actions.
        return _line(match["task"], match["owner"])
    if (match := INLINE_UPDATE.search(text)) and (
        owner := _owner_in(text[: match.start()], people)
    ):
        # "RHL is to clarify … Update 18.01.22 – Complete": a carried action.
        return _line(text, owner)
    if match := ACTION_OWNER_ONLY.match(text):
        return _owner_of_text_above(match["owner"], previous_text, current, people)
    if (match := ACTION_NAMED_OWNER.match(text)) and _is_named_in_full(
        owner := match["owner"].rstrip("."), people
    ):
        return _owner_of_text_above(owner, previous_text, current, people)
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
    if ACTION_TAKEN.search(words) and not OWNER_TO_DO.match(words):
        return None
    if HEADINGS.fullmatch(words):
        return None  # "Actions: Responsible / Note": a table's headings, run together
    if (statuses := _statuses_of_owners(words)) is not None:
        # "ACTION: AT Done; JS Carried forward": how the action above stands.
        if current is not None and len(set(statuses)) == 1:
            current["status"] = statuses[0]
        return "owner" if current is not None else None
    if _is_only_an_owner(words, context["people"]):
        return _owner_of_text_above(words.rstrip("."), previous_text, current, people)
    # "ACTION COG/A/011/2016 – …", "Action 1/24 – …": the reference stays with
    # the words, so the log's earlier action can be found again.
    return _line(text.strip() if SLASHED_REFERENCE.match(text) else words, named)


def _statuses_of_owners(words):
    """["completed", "in_progress"] for "AT [icon] Done; JS Carried forward SV,
    ZH"; None unless every part is an owner's status."""
    parts = ICON_FILE.sub("", words).split(";")
    matches = [OWNER_STATUS.fullmatch(" ".join(part.split())) for part in parts]
    if not all(matches):
        return None
    return [status_from_words(match["status"]) for match in matches]


def _owner_of_text_above(owner, previous_text, current, people):
    """ "Action: RJ" after the action's words, or below the sentence it names."""
    if current is not None and not current["owner_as_written"]:
        current["owner_as_written"] = owner
        return "owner"
    if current is not None and _same_owner(owner, current, people):
        return "owner"  # "Mr Patel to provide…" / "ACTION: Mr Patel"
    if previous_text:
        return _line(_last_sentences(previous_text), owner)
    return None


def _tagged_sentence(text, owner):
    """What "… NC will contact Tim to discuss. [Action NC]" tags: the sentence the
    owner does, else the last."""
    first = split_owners(owner)[0]
    return next(
        (
            sentence
            for sentence in SENTENCE_END.split(text.strip())
            if sentence.startswith(first)
        ),
        _last_sentences(text.strip()),
    )


def _same_owner(owner, current, people):
    written = current["owner_as_written"]
    if owner.lower() == written.lower():
        return True
    found = people.resolve(owner)
    return bool(found) and found == people.resolve(written)


def is_action_list_heading(text):
    """ "## Action items", "Decision and Action List:", "The Board considered the
    outstanding action list with the following comments:-"; not "Discussion,
    motions, and action items:", whose list records the meeting's business too."""
    if MIXED_LIST.search(text):
        return False
    if INTRODUCES_A_LIST.search(text) and len(text.split()) <= INTRODUCTION_WORDS:
        return bool(ACTION_LIST_TITLE.search(text))
    # "ACTIONS FROM PREVIOUS MEETING – UPDATE ON PROGRESS": a heading in capitals.
    return (
        len(text.split()) <= (HEADING_IN_CAPITALS_WORDS if text.isupper() else 6)
        and ":" not in text
        and bool(ACTION_LIST_TITLE.search(text))
    )


HEADING_IN_CAPITALS_WORDS = 10
MIXED_LIST = re.compile(
    r"\b(?:discussions?|motions?)\b,\s[^:]{0,40}\baction\s+items?\b", re.IGNORECASE
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
    # Not "– Risk Register": a log's heading over its entries.
    if ACTION_REFERENCE.match(text) or (in_list and len(text.split()) > 2):
        return _line(text, "")
    return None


# "Fazli contact Faisal and apologise", "Bob talk to Luther": someone at the
# meeting, then a verb as a note gives a task; not "Bob reported", "RL happy to…".
BARE_TASK = re.compile(
    r"^(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)\s+(?P<verb>[a-z]{3,})\s+\S"
)
# The verbs of a note that gives someone a task: "Luther: Introduce Soares to
# Juanita…", not "RL: Suggest we aim for Week 8" (what someone said).
NOTE_VERBS = TASKS_AGREED | {
    "add", "call", "chase", "clean", "collect", "create", "determine", "edit", "fix",
    "gather",
    "implement", "include", "introduce", "move", "pay", "phone", "ping", "plan",
    "post", "print", "put", "remind", "ring", "set", "sort", "survey", "talk",
    "tell", "work",
}  # fmt: skip


def _entry_for_someone(text, people):
    """A list entry that gives someone at the meeting a task: "Luther: Introduce
    Soares to Juanita…", "Fazli contact Faisal and apologise"."""
    if (match := OWNER_COLON.match(text)) and _all_attending(match["owner"], people):
        words = match["text"].split()
        if len(words) >= 2 and words[0].lower() in NOTE_VERBS:
            return _line(match["text"], match["owner"])
    match = BARE_TASK.match(text)
    if not (match and _all_attending(match["owner"], people)):
        return None
    if match["verb"] in NOTE_VERBS:
        return _line(text, match["owner"])
    if _stems(match["verb"]) & NOTE_VERBS:
        # "Trevor preparing financial report and agenda": a task under way.
        line = _line(text, match["owner"])
        line["status"] = line["status"] or "in_progress"
        return line
    return None


def _stems(verb):
    """What "preparing", "sending" or "getting" may be the -ing form of."""
    if not verb.endswith("ing") or len(verb) < 6:
        return set()
    stem = verb[:-3]
    doubled = stem[-1] == stem[-2:-1]
    return {stem, f"{stem}e"} | ({stem[:-1]} if doubled else set())


def _all_attending(owner, people):
    """Every owner named ("Luther/Valentine") is someone in the attendance."""
    parts = split_owners(owner)
    return bool(parts) and all(people.resolve(part) for part in parts)


def _is_named_in_full(words, people):
    """ "Councillor Pryce", "Constable Aldous", someone attending; not "Plan Agreed"."""
    return bool(
        people.resolve(words)
        or HONORIFIC_NAME.fullmatch(words)
        or looks_like_role(words)
    )


def _is_owner(words, people):
    return bool(people.resolve(words)) or all(
        names_someone(part) for part in split_owners(words)
    )


def _last_sentences(text):
    """What "Action: <owner>" below a paragraph names: its last sentence (two, when
    the last is as short as "This was agreed.")."""
    sentences = SENTENCE_END.split(text)
    last = sentences[-1]
    if len(last.split()) < SENTENCE_WORDS and len(sentences) > 1:
        last = f"{sentences[-2]} {last}"
    return last


def _in_order(text, tasks, undertakings):
    """Both kinds in the order written; a task's sentence read once."""
    found = {sentence: owner for sentence, owner in undertakings}
    found.update(dict(tasks))
    return sorted(found.items(), key=lambda task: text.find(task[0]))


def _line(description, owner, *, taken_on=False):
    """An action as read: `taken_on` when it is only someone's undertaking in the
    discussion of minutes that mark their actions (a marked one may restate it)."""
    update = INLINE_UPDATE.search(description)
    if update:
        description = description[: update.start()].rstrip()
    status = None
    if match := TRAILING_STATUS.search(description):
        status = status_from_words(match["status"])
        description = description[: match.start()].rstrip()
    line = {
        # "PW to write to the landlord; JS to chase…": each without the ";".
        "description": description.rstrip(" ;,"),
        "owner_as_written": owner,
        "status": status,
        "updates": [],
        "due_words": "",
        "taken_on": taken_on,
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
        or (looks_like_role(part) and is_capitalised(part))
        # "Action: secretary", "Action: the Clerk".
        or PARISH_OFFICERS.fullmatch(part.removeprefix("the "))
        # "Action: Brenda": a first name; not a status ("Deferred", "Ongoing").
        or (re.fullmatch(r"[A-Z][a-z]{2,}", part) and not part.endswith(("ed", "ing")))
        for part in split_owners(words)
    )


def _owner_from_column(item, actions_in_item, line, context):
    """An owner column speaks for the item's action only when there is one."""
    if actions_in_item == 1 and len(item.owner_cells) == 1:
        return item.owner_cells[0]
    context["warnings"].append(
        f"Action at item {item.number} “{quote(line['description'])}”: the owner "
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
    action = _action_json(
        item,
        description,
        written,
        due_phrase,
        due_date,
        line["status"] or "open",
        [_update(u, context) for u in line["updates"]],
        context,
    )
    action["taken_on"] = line["taken_on"]
    return action


def _due_in_words(item, words, context):
    """(phrase, date) of the due date an action's words give; without the meeting's
    date, the phrase alone (the date is worked out once the meeting's is known),
    unless the phrase writes its year ("in March 2025")."""
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
    # A date with its year written needs no meeting date to be known.
    known = context["meeting_date"] or (phrase and YEAR.search(phrase))
    return phrase, date if known else None


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
            f"Action at item {item.number} “{quote(row['description'])}”: the status "
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
            f"Action at item {item.number} “{quote(description)}” names no owner: "
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
    return next(iter(split_owners(written or "")), None)


def _owner_in(description, people):
    """The owner a sentence starts or ends with: "JH to…", "… (JH)"."""
    if match := OWNER_IN_SENTENCE.match(description):
        owner = match["owner"]
        # "The Committee agreed to invite…": the meeting, not someone.
        named = people.is_named(owner) and not is_body(owner)
        if named or owner.split()[-1].lower() in OFFICERS:
            return owner
    if match := TRAILING_OWNER.search(description):
        owner = (match["bracket"] or match["dash"]).strip()
        if people.resolve(owner) or (
            match["dash"] and re.fullmatch(r"[A-Z]{2,5}(?:\s*/\s*[A-Z]{2,5})*", owner)
        ):
            return owner
    return ""


# Words that say how a task was agreed, not what it is.
HOW_AGREED = {
    "agreed", "undertook", "offered", "volunteered", "promised", "would", "will",
    "should", "that", "this", "with", "from", "the", "and", "for",
}  # fmt: skip
RESTATED_WORDS = 0.6  # the share of an undertaking's words a marked action repeats
RESTATED_BY_OWNER = 0.3  # …or of its words, when the same owner has it


def without_restated(actions):
    """The actions without the undertakings ("The CFO agreed to add it") that an
    action marked in the minutes restates ("ACTION – CFO to add the cyber risk to
    the register", or a row of the actions table)."""
    marked = [action for action in actions if not action.get("taken_on")]
    kept = []
    for action in actions:
        if not action.pop("taken_on", False) or not any(
            _restates(other, action) for other in marked
        ):
            kept.append(action)
    return kept


def _restates(marked, undertaking):
    words = _task_words(undertaking["description"])
    if not words:
        return False
    shared = len(words & _task_words(marked["description"])) / len(words)
    same_owner = bool(undertaking["owner"]) and (
        (undertaking["owner"] or "").lower() == (marked["owner"] or "").lower()
    )
    return shared >= RESTATED_WORDS or (same_owner and shared >= RESTATED_BY_OWNER)


def _task_words(text):
    return {
        word
        for word in re.findall(r"[a-z]{3,}", text.lower())
        if word not in HOW_AGREED
    }
