"""An agenda item's text as lines: its paragraphs, list entries, lines broken with
<br>, and ACTIONs that start mid-paragraph, each marked as in a list or not."""

import re

from meetings.html import parse_fragment
from meetings.importer.people import HONORIFICS

ACTION_IN_TEXT = re.compile(
    r"(?<=\S)\s+(?=ACTION\b\s*(?::|[-–—]\s))"
    # "… for the cost. Agreed. ACTION RB.", "… Decision/Action: The team agreed…".
    r"|(?<=[.!?])\s+(?=(?:(?:Decisions?\s*/\s*)?Action\b\s*(?::|[-–—]\s)|ACTION\s+[A-Z]))"
    # "… always happening. Action Point HH to speak to supervisors.", "… the cost.
    # Action JH to ask.": the marker in any case, then who does it.
    r"|(?<=[.!?])\s+(?=Action(?:\s+[Pp]oints?)?\s+[A-Z][A-Za-z]?[A-Z]{1,3}\s+to\s)"
    # "… purposes. - COMPLETED AP. P. Kelly to submit…": action points run on.
    r"|(?<=\S)\s+(?=AP\.\s+[A-Z])"
    # "… the sign was insecure ACTION Constable Aldous please.": who is to see to it,
    # at the end of its sentence.
    r"|(?<=\S)\s+(?=ACTION\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}(?:\s+please)?\.?$)"
)
LINE_BREAK = "\u2028"  # where a <br> was
# A point made under a list entry: detail of the entry, not a line of its own.
SUB_ENTRY = "sub-entry"
# Each of these starts a line of its own.
LINE_ENDING_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6"}


# Where the sentence of an ACTION marked mid-paragraph ends, and discussion
# resumes: after "drainage.", "PK." or "MMacA.", not after "Mr." or "Cllr.".
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# A title's full stop ("Insp. Reid") ends no sentence; a post's ("ACTION CC.") does.
TITLES = (HONORIFICS - {"cc", "dcc", "acc", "t/acc", "t/dcc", "pc"}) | {
    "st",
    "no",
    "ap",
}
WORD_BEFORE = re.compile(r"([\w/]+)\.$")
INITIAL = re.compile(r"(?:^|\bAP\.|,|\b[a-z]+)\s*[A-Z]\.$")


def sentences(fragments):
    """(text, is a list entry) for each line of an item: paragraphs, list entries,
    lines broken with <br>, and ACTIONs that start mid-paragraph."""
    for fragment in fragments:
        for line, in_list in _lines_of(parse_fragment(fragment)):
            first, *marked = ACTION_IN_TEXT.split(" ".join(line.split()))
            if first:
                yield first, in_list
            for text in marked:
                # "… ACTION TW to ask the owner. Mo asked…": the action is its
                # sentence; what follows is the discussion again.
                for part in _first_sentence_and_rest(text):
                    yield part, in_list


def _first_sentence_and_rest(text):
    for end in SENTENCE_END.finditer(text):
        word = WORD_BEFORE.search(text, 0, end.start())
        # Nor does an initial's after a marker or a word in lower case ("AP. E.
        # Murphy to speak with J. Ansell…"); "Appendix C." and "Plan B." do.
        initial = INITIAL.search(text, 0, end.start())
        if not ((word and word[1].lower() in TITLES) or initial):
            return [text[: end.start()], text[end.end() :]]
    return [text]


def _lines_of(soup):
    """(line, is a list entry) in document order: each paragraph and list entry's
    own words, apart from the lists nested in it, and the words around lists."""
    # A newline in the page's source is a space, as a browser shows it; only
    # <br> breaks a line.
    for line_break in soup.find_all("br"):
        line_break.replace_with(LINE_BREAK)
    around = {}  # id of a node -> (its list entry, its block), found once per node
    groups = []  # [(entry, block), [strings]] of consecutive strings in one block
    for string in soup.find_all(string=True):
        key = _around(string, around)
        if not groups or groups[-1][0] != (id(key[0]), id(key[1])):
            groups.append([(id(key[0]), id(key[1])), [], key[0]])
        groups[-1][1].append(str(string).replace("\n", " "))
    for _, strings, entry in groups:
        kind = _entry_kind(entry)
        for line in "".join(strings).split(LINE_BREAK):
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
