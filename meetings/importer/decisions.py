"""The decisions an agenda item records: "DECISION: …", "RESOLVED – That …", a
"RESOLVED:" label above a list of resolutions, and "The Board agreed …" in prose."""

import re

from meetings.importer.action_lines import (
    LIST_MARK,
    PARAGRAPH_NUMBER,
    SENTENCE_END,
    lines_with_title,
)
from meetings.importer.lines import SUB_ENTRY

# "DECISION:", "Decision 4/22 –", "RESOLVED:", "RESOLVED – That", "It was RESOLVED
# that", "AGREED:"; the words after it (none when the resolutions are listed below).
DECISION_LABEL = re.compile(
    r"^\s*(?:(?i:it\s+was)\s+)?"
    r"(?:DECISIONS?|Decisions?|RESOLVED|Resolved|resolved|RESOLUTIONS?|AGREED|Agreed)"
    r"(?:\s+(?:(?i:no)\.?\s*)?[A-Z]{0,4}\d+[\w/.-]*)?"
    r"(?:\s*[:–—-]\s*|\s*$|\s+(?=(?i:that)\b))(?P<text>.*)$"
)
# "The Board agreed the revised terms of reference", "After discussion, the
# Committee approved the plan": a decision of the meeting, not someone's action.
BODY_DECIDED = re.compile(
    r"^(?:(?:Following|After|Having)\b[^,]{0,80},\s+)?(?i:the\s+)?"
    r"(?:Board|Committee|Panel|Meeting|Group|Members|Council|Authority|Trust Board"
    r"|[A-Z][\w&]*(?:\s+[A-Z][\w&]*){0,3}\s+(?:Board|Committee|Panel|Group))"
    r"\s+(?:unanimously\s+)?(?:agreed|approved|endorsed|resolved|decided|ratified)"
    r"\b(?!\s+(?:to\s+)?(?:note|receive)\b)\s+\S"
)
# What a label can be followed by without recording anything.
NO_DECISION = re.compile(
    r"^(?:none|n/?a|nil|no\s+decisions?\b.*|-+)\.?$", re.IGNORECASE
)


def item_decisions(item):
    """The decisions the item's lines record, in order: {"item", "text"}."""
    reader = _ItemDecisions()
    for text, in_list in lines_with_title(item):
        text = PARAGRAPH_NUMBER.sub("", text)
        if in_list != SUB_ENTRY:
            listed = bool(in_list) or bool(LIST_MARK.match(text))
            reader.read(LIST_MARK.sub("", text), listed)
    return [{"item": item.number, "text": text} for text in reader.decisions]


class _ItemDecisions:
    def __init__(self):
        self.decisions = []
        self.label_above = False  # "RESOLVED:" alone: the resolution(s) below
        self.listing = False  # reading the list of resolutions under the label

    def read(self, text, listed):
        if match := DECISION_LABEL.match(text):
            self.listing = False
            self.label_above = not match["text"].strip()
            self._add(match["text"])
            return
        if self.label_above or (self.listing and listed):
            self.label_above, self.listing = False, listed
            self._add(text)
            return
        self.listing = False
        for sentence in SENTENCE_END.split(text):
            if BODY_DECIDED.match(sentence):
                self._add(sentence)

    def _add(self, text):
        text = text.strip()
        if text and not NO_DECISION.match(text):
            self.decisions.append(text[0].upper() + text[1:])
