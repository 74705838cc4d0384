"""Actions written as prose rather than marked: undertakings ("Mr Ridley will
check the figures…"), tasks asked of someone ("the Chair asked officers to…") and
tasks with their owner in front ("JS to confirm.", "Officers to write to…")."""

import re

from meetings.importer.people import HONORIFIC_NAME, names_someone

# "Following a question, Mr Ridley will check…": someone's undertaking.
PROSE_UNDERTAKING = re.compile(
    r"^(?:(?:Following|After|In\s+response\s+to|Responding\s+to)\b[^,]{0,80},\s+)?"
    r"(?P<agreed>(?i:it\s+was\s+agreed\s+that|agreed\s+that)\s+)?(?:(?i:the)\s+)?"
    r"(?P<owner>[A-Z][\w'’.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.-]*){0,4})"
    r"\s+(?:(?:also|further|kindly)\s+)?"
    r"(?P<verb>agreed\s+to|undertook\s+to|offered\s+to|volunteered\s+to|would"
    r"|will(?!\s+(?:be|have|remain|continue|retire|leave|join|attend|chair|step)\b)"
    r"|is\s+to|was\s+to)\s+[a-z]"
)
# Taking something on in words no plan is written in: "The PCC undertook to…".
UNDERTAKEN = {"agreed to", "undertook to", "offered to", "volunteered to"}
# "the Chair asked officers to establish a rota", "requests the Policy Officer to
# investigate", "requested that the Police look into…": a task given to someone.
ASKED_OF = re.compile(
    r"\b(?:asked|asks|requested|requests|instructed|instructs|tasked)\s+"
    r"(?:(?P<that>that)\s+)?(?:(?i:the)\s+)?"
    r"(?P<owner>[A-Za-z][\w'’.-]*(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?[A-Z][\w'’.-]*){0,4})"
    r"\s+(?(that)(?!(?:was|were|is|are|had|has|have|would|could|should|be|and|or)\b)"
    r"|(?:to\s+))(?P<verb>[a-z]{3,})\b"
)
# "The Board agreed to…" is a decision of the meeting, not someone's action.
BODIES = {"board", "committee", "panel", "meeting", "group", "members", "council"}
# Sentences, and clauses after a semicolon: "Name approved; Frank will email".
CLAUSE_END = re.compile(r"(?<=[a-z0-9)’”'\"][.!?;])\s+(?=[A-Z])")
# "Officers to write to retiring Members…": a task line with its owner in front.
OWNER_TO_DO = re.compile(
    r"^(?:(?i:the)\s+)?(?P<owner>[A-Z][\w'’.&/-]*(?:\s+(?:[A-Z][\w'’.&/-]*|of|for|&)){0,4})"
    r"\s+to\s+(?P<verb>[a-z]{3,})\b"
)
# What the meeting itself does with a paper, not a task after it ("Chair to note").
AT_THE_MEETING = {"note", "receive", "consider"}
# Where a clause of its own starts: after a dash, a label's colon, or "however,".
CLAUSE_START = re.compile(r"\s[–—-]\s|:\s+|,\s+however,?\s+")
NOT_A_TASK = AT_THE_MEETING | {"be", "have"}
OFFICERS = {"officers", "staff", "police", "force", "constabulary", "secretariat"}


def undertaking_in(text, people):
    """(sentence, owner) of "Mr Ridley will check the figures…", "Mr Cosh agreed
    to ensure…", "the Chair asked officers to…": someone at the meeting or a post
    taking something on, in a sentence of its own; None when none does."""
    for sentence in CLAUSE_END.split(text):
        if owner := _asked_of(sentence, people):
            return sentence, owner
        match = PROSE_UNDERTAKING.match(sentence)
        # "would" is a plan, not an undertaking, unless the meeting agreed it.
        if not match or (match["verb"] == "would" and not match["agreed"]):
            continue
        owner = match["owner"]
        if (
            people.resolve(owner)
            or HONORIFIC_NAME.fullmatch(owner)
            or (
                (match["verb"] in UNDERTAKEN or match["agreed"])
                and names_someone(owner.removesuffix("s"))
                and owner.split()[-1].lower() not in BODIES
            )
        ):
            return sentence, owner
    return None


def tasks_in(text, people):
    """ "… the drain perhaps cleaned. JS to confirm.", "Bramble on the path – SV to
    ask the contractors…", "Actions: SS to discuss…", "Officers to write to…": each
    task with its owner in front, in a clause of its own, as (sentence, owner).
    Actions in any minutes; not "Members to note…" or "A director to be
    appointed"."""
    tasks = []
    for clause in CLAUSE_START.split(text):
        for sentence in CLAUSE_END.split(clause):
            match = OWNER_TO_DO.match(sentence)
            if match and match["verb"] not in NOT_A_TASK:
                owner = match["owner"]
                last = owner.split()[-1].lower()
                if last not in BODIES and (
                    last in OFFICERS or people.resolve(owner) or names_someone(owner)
                ):
                    tasks.append((sentence, owner))
    return tasks


def _asked_of(sentence, people):
    """Whom the sentence asks to do something, if someone at the meeting, a post
    or the officers: not "asked Members to note…" or "asked whether…"."""
    match = ASKED_OF.search(sentence)
    if not match or match["verb"] in AT_THE_MEETING:
        return None
    owner = match["owner"]
    last = owner.split()[-1].lower()
    if last in BODIES:
        return None
    if last in OFFICERS or people.resolve(owner) or names_someone(owner):
        return owner
    return None
