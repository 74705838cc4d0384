"""Actions written as prose rather than marked: undertakings ("Mr Ridley will
check the figures…"), tasks asked of someone ("the Chair asked officers to…") and
tasks with their owner in front ("JS to confirm.", "Officers to write to…")."""

import re

from meetings.importer.people import HONORIFIC_NAME, names_someone, split_owners

# "The Chief Constable is to retire in March": news of someone, not a task.
LEAVING = r"(?:retire|leave|join|step|remain)\b"
# "Following a question, Mr Ridley will check…": someone's undertaking.
PROSE_UNDERTAKING = re.compile(
    # "Under that item, the Head of Audit would provide…"; not "At the last
    # meeting, the Clerk agreed to…" (done since) nor "Going forward, …" (a plan).
    r"^(?:(?:(?:Following|After|Once|When|In\s+response\s+to|Responding\s+to)\b"
    r"[^,]{0,80}"
    r"|(?:Under|During|Regarding|On|For|As\s+part\s+of)\s+(?:[A-Za-z]+\s+){0,4}"
    r"[A-Za-z]+),\s+"
    # "Once received NR will do the return."
    r"|(?:Once|When)\s+(?:[a-z]+\s+){1,3}(?=[A-Z]))?"
    r"(?:(?P<agreed>(?:(?i:it\s+was|(?:the\s+)?(?:members|board|committee|panel"
    r"|council|group))\s+)?(?i:agreed|resolved)\s+(?:that\s+)?"
    # "agreed that with effect from the May meeting, WG Chairs would report…".
    r"(?:(?:with\s+effect\s+from|from|following|after|at|in)\s[^,]{3,60},\s+)?)"
    # "Confirmed DS would look at…": a task only if what follows is one.
    r"|(?i:confirmed)\s+(?:that\s+)?)?(?:(?i:the)\s+)?"
    r"(?P<owner>[A-Z][\w'’.-]*(?:\s+(?:(?:of|and)\s+(?:the\s+)?)?[A-Z][\w'’.-]*){0,4}"
    r"|officers|witnesses|representatives|clerk|treasurer|secretary)"
    # "has kindly volunteered to", "also agreed to".
    r"\s+(?:has\s+)?(?:(?:also|further|kindly|graciously)\s+)?"
    r"(?P<verb>agreed\s+to|undertook\s+to|offered\s+to|volunteered\s+to"
    r"|promised\s+to|would"
    # "officers will be required to liaise with…".
    r"|(?:will|would)\s+be\s+(?:required|asked)\s+to"
    r"|(?:will|shall|is\s+going\s+to)"
    # "Minutes will follow": they will come later, where "will follow this up"
    # is a task.
    rf"(?!\s+(?:be|have|continue|attend|chair|not)\b|\s+follow\W*$|\s+{LEAVING})"
    r"|should(?!\s+(?:be|have)\b)|needs\s+to(?!\s+be\b)"
    rf"|is\s+to(?!\s+{LEAVING}))\s+[a-z]"
)
# "Cart shall open a bank account", "Raven is going to look into…", "Nate needs
# to do a short video": what someone will do, as they or the meeting put it.
WILL = {"will", "shall", "is going to", "needs to"}
# Taking something on in words no plan is written in: "The PCC undertook to…".
UNDERTAKEN = {
    "agreed to", "undertook to", "offered to", "volunteered to", "promised to",
}  # fmt: skip
TAKEN_ON = re.compile(
    r"\b(?:agreed|undertook|offered|volunteered|promised|(?:was|were)\s+asked)"
    r"\s+to\s+[a-z]"
)
# What someone does after a meeting, so that "the Clerk would arrange…" is a task,
# where "the force would continue…" or "the PCC would like…" is not.
TASK_VERBS = {
    "advertise", "arrange", "ascertain", "ask", "book", "brief", "chase", "check",
    "circulate", "clarify", "collate", "confirm", "consult", "contact", "draft",
    "email", "ensure", "establish", "explore", "find", "follow", "forward",
    "identify", "inform", "investigate", "invite", "keep", "liaise", "meet",
    "notify", "obtain", "organise", "place", "prepare", "produce", "provide",
    "pursue",
    "raise", "reply", "report", "request", "research", "respond", "review", "seek",
    "send", "share", "speak", "submit", "write",
}  # fmt: skip
# Someone named ("Mr Hale", "the Head of Audit"), and the words that report what
# they said.
_SOMEONE = r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|and)\s+(?:the\s+)?)?[A-Z][\w'’.-]*){0,4}"
_REPORTED = (
    r"(?:said|advised|added|confirmed|explained|stated|indicated|noted|reported"
    r"|informed|mentioned|clarified)"
)
# "Randy advised that he will notify Bill": the speaker taking something on.
REPORTED_UNDERTAKING = re.compile(
    # "In response to a comment about the verges, the officer noted he would…".
    r"^(?:(?:In\s+response\s+to|Following|After|Responding\s+to)\b[^,]{0,120},\s+)?"
    r"(?:(?i:the)\s+)?(?P<owner>[A-Za-z][\w'’.-]*"
    r"(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.-]*){0,4})"
    # "JO apologised and said she would send it out".
    rf"\s+(?:also\s+)?(?:[a-z]+ed\s+and\s+)?{_REPORTED}\s+(?:that\s+)?"
    r"(?P<pronoun>he|she|they)\s+"
    r"(?:would|will|could|was\s+(?:prepared|willing|happy)\s+to)\s+"
    r"(?:(?:also|personally)\s+)?(?P<verb>[a-z]+)\b"
)
# "…and it was resolved that Cllr Simpson and Cllr Green would undertake the
# interviews", "It was proposed that Councillor Johnson would follow up…".
AGREED_SOMEONE_WOULD = re.compile(
    r"\b(?:agreed|resolved|proposed|decided|noted|note)\s+that\s+(?:(?i:the)\s+)?"
    r"(?P<owner>[A-Z][\w'’.-]*(?:\s+(?:(?:and|&|of|the)\s+)?[A-Z][\w'’.-]*){0,5})"
    # "…should be in contact with the council leaders" is to contact them.
    r"\s+(?:would|should|will)\s+(?:be\s+in\s+(?P<contact>contact|touch)\b"
    r"|(?P<verb>[a-z]+)\b)"
)
# "the GMCA will be writing to the government", "Mr Hale confirmed that, with the
# Chair, he would be meeting the Principal": someone's plan, in the progressive.
UNDER_WAY = re.compile(
    r"(?:^|\s[–—-]\s+)(?:(?i:that)\s+)?(?:(?i:it\s+(?:be|was)\s+noted\s+that)\s+)?"
    r"(?:(?i:the)\s+)?"
    rf"(?:(?P<owner>{_SOMEONE})"
    rf"|(?P<speaker>{_SOMEONE})\s+(?:also\s+)?{_REPORTED}\s+that,?\s+"
    r"(?:[^,]{3,60},\s+)?(?:(?i:the)\s+)?"
    rf"(?P<reported>{_SOMEONE}|he|she|they))"
    r"\s+(?:would|will)\s+be\s+(?P<verb>[a-z]{3,})ing\b"
)
# "PL has separate comments which he will send to JH": something of their own
# that they will pass on.
WHICH_THEY_WILL = re.compile(
    rf"^(?:(?i:the)\s+)?(?P<owner>{_SOMEONE})\s+(?:has|have)\s+(?:[\w'’-]+\s+){{1,6}}"
    r"(?:which|that)\s+(?P<pronoun>he|she|they)\s+(?:will|would)\s+(?P<verb>[a-z]+)\b"
)
# "Mr Cole raised the state of the verges and offered to pursue a response": the
# subject taking something on at the end of their own sentence (not after "that",
# where someone else is the subject).
UNDERTAKEN_AFTER = re.compile(
    r"^(?:(?i:the)\s+)?(?P<owner>[A-Z][\w'’.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.-]*)"
    r"{0,4})\s+[a-z]+(?:\s+(?!that\b)[\w'’,()-]+){0,20}?\s+and\s+(?:also\s+)?"
    r"(?:agreed|offered|undertook|volunteered)\s+to\s+[a-z]"
)
# "It was agreed that a summary note would be circulated", "requested that the
# matter be reviewed", "Ms Lee to be invited": a task the meeting set, no owner
# named.
TASK_UNOWNED = re.compile(
    # Not "Members had requested (agreed, resolved) that…": at an earlier meeting.
    r"(?:(?:(?<!\bhad\s)(?:\b(?:agreed|requested|resolved)\s+|\basked\s+(?=that\s))"
    r"|^(?i:that)\s+(?!it\b))"
    r"(?:that\s+)?(?!(?:that\s+)?(?i:the\s+)?(?:\w+\s+){0,2}(?:minutes|report|paper|item|accounts?"
    r"|update|they)\s+"
    r"(?:\w+\s+)?be\s+(?:noted|received|approved|signed|accepted|adopted|confirmed))"
    r"[^.;]{3,200}?\s+(?:(?:(?:should|would|will|could)\s+)?be|is|are)"
    # "Ms Lee to be invited", not "The report outlined indicators to be included".
    # Not "The updates were to be included…": what was planned then.
    # Nor "There were no items to be considered".
    r"|^(?![^.;]*?\b[a-z]{3,}ed\s[^.;]*?\bto\s+be\b)(?!There\s+(?:is|are|was|were)\s+no\b)"
    r"[A-Z][^.;]{1,80}?(?<!\bwas)(?<!\bwere)\s+to\s+be"
    # Not "…measures which would be reported quarterly": what a paper proposed.
    # "This will now be included in the next issue".
    r"|(?<!\bwhich\s)\b(?:would|will|(?:is|are)\s+to)\s+(?:(?:now|then|also)\s+)?be"
    r"(?!\s+considered\b))"
    r"\s+(?:(?:further|formally|also)\s+)?(?P<done>[a-z]+ed|sent|sought|written|"
    r"brought|put|set|drawn|undertaken|made|handed)\b"
)
# "The Commissioner noted that advertisements would be placed in May": news
# someone gave of what will be done, not a task the meeting set.
REPORTED_THAT = re.compile(
    rf"^(?:(?i:the)\s+)?{_SOMEONE}\s+(?:also\s+)?{_REPORTED}"
    r"\s+(?:(?:the\s+)?[A-Z]?[a-z]+\s+)?that\b"
)
# "Members requested the provision of a briefing note…", "The Panel asked if an
# event could be arranged…": something asked for, nobody named to provide it.
ASKED_FOR = re.compile(
    r"\b(?:requested|asked\s+for|promised)\s+(?:the\s+provision\s+of\s+)?"
    # "requested assurance on what was being done"; not "asked for clarification",
    # a question that is answered at the meeting, or taken on in the next sentence.
    r"(?:(?:further\s+)?assurance\b|"
    r"(?:a|an|further|more)\s+(?:[\w-]+\s+){0,2}?(?:briefing|report|update|note"
    r"|paper|breakdown|presentation|summary|session|visit|explanation|information"
    r"|details|analysis)s?\b)"
    r"|\basked\s+(?:if|whether)\s+[^.;?]{3,150}?\s+could\s+be\s+(?P<done>[a-z]+)\b"
    r"|\basked\s+for\s+[^.;?]{3,80}?\s+to\s+be\s+(?P<asked_done>[a-z]+)\b"
)
# "A member requested that this report include crime severity", "asked that
# Members complete the questionnaire": a task in the subjunctive, asked for.
REQUESTED_THAT = re.compile(
    r"\b(?:requested|ask(?:ed)?|recommended)\s+that\s+(?:(?:the|this|these|all|a|an)\s+)?"
    r"(?:[\w'’-]+\s+){1,3}?(?P<verb>[a-z]+)\b"
)
# Words before the verb that make it no subjunctive ("that the report would include").
MODALS = {"will", "would", "should", "could", "may", "might", "can", "must", "to", "be"}
WRITTEN_OFF = re.compile(r"written\s+off\b")
DONE_BY = re.compile(
    r"\bby\s+(?:the\s+)?(?P<owner>[A-Z]{2,4}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\W*$"
)
# "It was agreed to write to the Home Office", "Agreed to review fees": a task the
# meeting took on, no owner named; not "agreed to approve the accounts".
AGREED_TO = re.compile(
    # "The group discussed the draft and agreed to revisit it in June."
    r"(?:^|\b(?i:it\s+was)\s+|\s[–—-]\s+|(?<=[a-z])\s+and\s+|"
    r"^(?:[A-Z][a-z]+:\s+)?(?i:the\s+)?"
    r"(?i:board|committee|sub-committee|panel|members|group|council|authority)\s+)"
    r"(?i:(?:also\s+)?(?:agreed|decided))\s+"
    r"(?:by\s+(?:the\s+)?\w+\s+)?(?:to|(?:that\s+)?we\s+(?:will|would|should))\s+"
    r"(?:try\s+(?:and|to)\s+)?(?P<verb>[a-z]+)\b"
    # "decided to make no change", "agreed to take no further action".
    r"(?!\s+no\b)"
)
# "JM would also circulate the notes": the word after "would" is not the verb.
MODAL_ADVERBS = {"also", "then", "now", "further", "personally", "shortly"}
# "The Board agreed to keep the format" is a decision; "Kelechi would keep the
# Board informed" a task.
TASKS_AGREED = TASK_VERBS - {"keep"} | {
    "amend", "buy", "explore", "get", "install", "invite", "issue", "look", "make",
    "order",
    "produce", "publish", "purchase", "read", "refer", "repair", "replace",
    "review", "revisit", "update", "schedule", "advise",
}  # fmt: skip
# "– Investigate the cost of a container", "• Ask the Town Council for…", "Must
# start to look for…": a list entry that is an instruction; not "Review of the year".
IMPERATIVE = re.compile(
    r"^(?:Must\s+(?:start\s+to\s+)?(?P<must>[a-z]+)|(?P<verb>[A-Z][a-z]+))"
    r"\s+(?P<next>\S+)"
    # Four words or more: "Share this item" is a web page's button.
    r"(?:\s+\S+){2}"
)
PREPOSITIONS = {
    "of", "and", "for", "to", "on", "in", "at", "from", "with", "by", "into", "is",
    "was", "are", "were",
}  # fmt: skip
PHRASAL_VERBS = {
    ("look", "at"), ("look", "into"), ("look", "for"), ("speak", "to"),
    ("write", "to"), ("liaise", "with"), ("reply", "to"), ("respond", "to"),
    ("check", "with"), ("put", "together"),
}  # fmt: skip
# A task done after the meeting, not what the meeting did with a paper.
DONE_AFTER = {
    "added", "adjusted", "advertised", "amended", "arranged", "asked", "booked",
    "brought",
    "chased", "checked", "circulated", "clarified", "cleaned", "cleared",
    "completed", "considered", "contacted", "displayed", "distributed", "drafted",
    "drawn", "emailed", "explored", "fixed", "forwarded", "included", "informed",
    "installed", "investigated", "invited", "listed", "marketed", "mended",
    "obtained", "ordered", "organised", "painted", "passed", "pointed", "posted",
    "prepared", "presented", "produced", "progressed", "provided", "published",
    "purchased", "pursued", "put", "raised", "reconsidered", "repaired", "replaced",
    "reported", "requested", "returned", "revised", "reviewed", "revisited",
    "scheduled",
    "sent", "serviced", "set", "shared", "signed", "sought", "submitted", "tidied",
    "undertaken", "updated", "written", "made", "handed", "collected", "delivered",
    "moved", "removed", "renewed", "transferred", "trimmed", "issued",
}  # fmt: skip
# "the Chair asked officers to establish a rota", "requests the Policy Officer to
# investigate", "requested that the Police look into…": a task given to someone.
ASKED_OF = re.compile(
    r"\b(?:asked|asks|requested|requests|instructed|instructs|tasked"
    r"|(?P<agreed_for>(?i:resolved|agreed)\s+for))\s+"
    r"(?:(?P<that>that)\s+)?(?:(?i:the)\s+)?"
    r"(?P<owner>[A-Za-z][\w'’.-]*"
    r"(?:\s+(?:(?:of|for|&|and)\s+(?:the\s+)?)?[A-Z][\w'’.-]*){0,4})"
    r"\s+(?(that)(?!(?:was|were|is|are|had|has|have|would|could|should|be|and|or)\b)"
    r"|(?:to\s+))(?P<verb>[a-z]{3,})\b"
)
# "(b) that the Assistant Chief Executive be requested to give…": a resolution
# setting someone a task.
BE_ASKED = re.compile(
    # "… failed to attend and Janet was asked to write to him".
    r"(?:^|\b(?i:that|and)\s+|,\s+)(?:(?i:the)\s+)?(?P<owner>[A-Z][\w'’.-]*"
    r"(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?[A-Z][\w'’.-]*){0,5})\s+(?:be|was|were|is)\s+"
    r"(?:requested|asked|instructed|directed|tasked|invited|authori[sz]ed|empowered)"
    r"\s+to\s+"
    # "directed to re-evaluate".
    r"(?:re-)?(?P<verb>[a-z]{3,})\b"
)
# "The Board agreed to…" is a decision of the meeting, not someone's action.
BODIES = {
    "board", "body", "committee", "panel", "meeting", "group", "members", "council",
}  # fmt: skip
ANYONE = {"any", "anyone", "anybody", "whoever"}
# Sentences, and clauses after a semicolon: "Name approved; Frank will email".
CLAUSE_END = re.compile(
    # "… adjusted by PB. New nets…": initials end a sentence too.
    r"(?:(?<=[a-z0-9)’”'\"][.!?;])|(?<=\b[A-Z]{2}[.!?]))"
    # "Cllr. Adams to collate…": a title's full stop ends no sentence.
    r"(?<!\bCllr\.)(?<!\bCllrs\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)"
    # "…write to Peabody. 3 Concern was expressed…": numbered points run together.
    r"\s+(?=[A-Z]|\d{1,2}\s+[A-Z])"
)
# "clerk", "district councillor": a parish's officers, written in lower case.
PARISH_OFFICER = (
    r"(?:(?:district|county|parish|ward)\s+)?(?:clerk|councill?or|treasurer|secretary)"
)
PARISH_OFFICERS = re.compile(PARISH_OFFICER, re.IGNORECASE)
# "Officers to write to retiring Members…": a task line with its owner in front.
OWNER_TO_DO = re.compile(
    r"^(?:(?i:the)\s+)?(?P<owner>[A-Z][\w'’.&/-]*"
    r"(?:,?\s+(?:[A-Z][\w'’.&/-]*|of|for|&|and)){0,4}"
    # "clerk to get quotes", "district councillor and clerk to put a complaint in".
    rf"|{PARISH_OFFICER}(?:\s+and\s+(?:the\s+)?{PARISH_OFFICER})?)"
    # "The clerk: to obtain two more quotes.", "CB is to come in", "SV still to…"
    rf"\s*:?\s+(?:(?:is|are|still)\s+to\s+(?!{LEAVING})"
    r"|to\s+)(?P<verb>[a-z]{3,}|ACTION)\b"
)
FIRST_OF_TWO = re.compile(r"\bthat\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*)+$")
DECISION_WORDS = {"AGREED", "RESOLVED", "NOTED", "DECIDED", "APPROVED"}
SUBJECT_WORDS = 4  # fewer words before "and" are the first of two owners
TAKEN_ON_AFTER = re.compile(
    # "… bungalows, the Clerk will report this", "… needs attention - the Clerk
    # will report it".
    # "… report the sign to LCC and Cllr Davey will speak to…".
    r"(?:(?<=[A-Za-z,])\s+(?:and|although)|(?<=[a-z]),|\s[–—-])\s+"
    rf"(?=(?:the\s+)?(?:[A-Z]{{2,3}}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|{PARISH_OFFICER})\s+"
    r"(?:is\s+to|will|would|agreed\s+to|undertook\s+to|offered\s+to)\s+[a-z])"
)
# "Robin to ACTION.", "Clerk to action": who does the sentence before.
TO_ACTION = re.compile(r"^\S+(?:\s+\S+){0,3}\s+to\s+(?i:action)\W*$")
# What the meeting itself does with a paper, not a task after it ("Chair to note").
AT_THE_MEETING = {"note", "receive", "consider"}
# Where a clause of its own starts: after a dash, a label's colon, "however,", or
# after a comma before "Clerk to write…".
CLAUSE_START = re.compile(
    r"\s[–—-]\s|(?<=[a-z])[–—-]\s+(?=(?:[a-z]+\s+){1,4}to\s+[a-z])|:\s+(?!to\s)"
    # "Item 4.2.3 –EW to contact One Voice…".
    r"|\s[–—](?=[A-Z]{2,3}\s+to\s+[a-z])"
    r"|,\s+however,?\s+|,?\s+so\s+(?=[A-Z][\w'’.-]*\s+to\s+[a-z])"
    r"|,\s+(?=[A-Z][\w'’.-]*\s+to\s+[a-z])|\s\(?\d{1,2}\)\s+"
    # "…and Dylan to purchase a cover".
    r"|\s+(?:and|although)\s+(?=[A-Z][a-z]+\s+(?:is\s+to|to|will)\s+[a-z])"
)
# "Playground bin – ongoing MB to order a key": initials of someone at the meeting
# in the middle of a sentence; not "activity around SOC to communities".
MID_SENTENCE_TASK = re.compile(
    r"(?<=[a-z,])(?<!\sthe)(?<!\sand)\s+(?:and\s+|although\s+)?"
    r"(?P<task>(?P<owner>[A-Z]{2,3})\s+(?:(?:is|are|still)\s+to\s+"
    rf"(?!{LEAVING})|to\s+)(?P<verb>[a-z]{{3,}})\b.*)"
)
# "Clerk to the Council" is a title; "Clerk to action." names who does the
# sentence before it.
NOT_A_TASK = AT_THE_MEETING | {
    "be", "have", "action", "the", "all", "any", "his", "her", "its", "our", "their",
    "this", "that", "date", "remain",
}  # fmt: skip
CHAIRMAN = re.compile(r"(?:Vice[\s-])?Chair(?:man|woman|person)", re.IGNORECASE)
OFFICERS = {
    "officers", "staff", "police", "force", "constabulary", "secretariat",
    "witnesses", "representatives",
}  # fmt: skip
# "RESOLVED: (a) That the report be noted; (b) Table D be updated…": where each
# limb of a resolution starts.
LIMB_MARK = re.compile(r"(?:^|(?<=[\s;:,]))\((?:[a-h]|[ivx]{1,4}|\d{1,2})\)\s+")
# "Agreed: That a) the Engineer organise…": a limb's letter with only its closing
# bracket, counted as one only in a resolution.
LETTERED_LIMB_MARK = re.compile(r"(?:^|(?<=[\s;:,]))(?:[a-h]|[ivx]{1,4}|\d{1,2})\)\s+")
LIMB_THAT = re.compile(r"^(?:and\s+)?(?i:that)\b\s*,?\s*")
RESOLVED_THAT = re.compile(
    r"^(?:it\s+was\s+)?(?:resolved|agreed)\s*[–—:,-]?\s*(?=that\b)", re.IGNORECASE
)
# "…be noted and that any further comments be forwarded…": the next limb.
AND_THAT = re.compile(
    r";\s+and\s+(?=that\s)"
    r"|(?:(?<=\bnoted)|(?<=\bapproved)|(?<=\breceived))\s+and\s+(?=that\s)",
    re.IGNORECASE,
)
# "(c) the Scrutiny Coordinator email all members…", "That, in discussion with
# the OPCC, the working group develop a reporting mechanism": a limb whose verb is
# in the subjunctive sets someone a task; "the meeting in May includes…" does not.
SUBJUNCTIVE_TASK = re.compile(
    r"^(?:(?:in|following|after|with)\s[^,]{3,60},\s*)?(?:(?i:the)\s+)?"
    r"(?P<owner>[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|and|&)\s+(?:the\s+)?)?[A-Z][\w'’.-]*)"
    r"{0,4}|[a-z]+\s+(?:group|team|officers?))\s+(?P<verb>[a-z]+)\b"
)
LIMB_TASKS = TASKS_AGREED | {
    "complete", "develop", "email", "ensure", "include", "undertake",
}  # fmt: skip


def undertakings_in(text, people, *, limb=False, only_taken_on=False):
    """(sentence, owner) of each "Mr Ridley will check the figures…", "Mr Cosh
    agreed to ensure…", "the Chair asked officers to…", "It was agreed that the
    slides would be circulated" (no owner): someone at the meeting or a post
    taking something on, or a task the meeting set, in a sentence of its own.
    `limb`: the text is an entry of a list marked "(b)" or "2)", as a
    resolution's limbs are. `only_taken_on`: only what someone took on in so many
    words ("undertook to…", "agreed to…")."""
    found = []
    for number, clause in enumerate(_clauses(text)):
        if only_taken_on:
            if TAKEN_ON.search(clause) and (
                owner := _undertaken_by(clause, people) or _asked_of(clause, people)
            ):
                found.append((clause, owner))
            continue
        # Only the first sentence of "(d) …" is the limb; what follows is prose.
        limbs = _resolution_limbs(clause, limb and number == 0)
        for part in limbs or [clause]:
            # Read as the resolution says it ("that Table D be updated"), kept
            # as its own words ("Table D be updated").
            whole = LIMB_THAT.match(part) or RESOLVED_THAT.match(part)
            sentence = f"that {part}" if limbs and not whole else part
            owner = _asked_of(sentence, people) or _undertaken_by(sentence, people)
            if owner:
                found.append((part, owner))
            elif _set_without_owner(sentence):
                found.append((part, _done_by(sentence, people)))
            elif limbs and (owner := _set_in_resolution(part, people)) is not None:
                found.append((part, owner))
    return found


def _resolution_limbs(sentence, limb=False):
    """Each limb of "RESOLVED: (a) That…; (b) …" (or "Agreed: That a) …; b) …"),
    or a line "That…" or "RESOLVED that…" whole; none when the sentence is no
    resolution."""
    resolved = RESOLVED_THAT.match(sentence)
    parts = LIMB_MARK.split(sentence)
    if len(parts) == 1 and (resolved or LIMB_THAT.match(sentence)):
        parts = LETTERED_LIMB_MARK.split(sentence)
    if len(parts) > 1:
        return parts[1:]
    return parts if limb or resolved or LIMB_THAT.match(sentence) else []


def _set_in_resolution(limb, people):
    """The owner ("" for none named) of a limb that sets a task in the
    subjunctive; None if it sets none."""
    # "RESOLVED that the Clerk write…" read from "the Clerk".
    match = SUBJUNCTIVE_TASK.match(LIMB_THAT.sub("", RESOLVED_THAT.sub("", limb)))
    if not match or match["verb"] not in LIMB_TASKS:
        return None
    owner = match["owner"]
    if owner[0].islower():
        return ""  # "the working group develop…": a group nobody is named for
    return _someone(owner, people)


def _done_by(sentence, people):
    """ "The mowers would be adjusted by PJB": the task's agent, named at its end."""
    match = DONE_BY.search(sentence)
    return match["owner"] if match and people.is_named(match["owner"]) else ""


# "RESOLVED that the minutes of the Panel meeting held on 21 February be signed
# as a correct record": the meeting's own business with its minutes.
RECORD_APPROVED = re.compile(r"\b(?:correct|true|accurate)\s+record\b", re.IGNORECASE)


def _set_without_owner(sentence):
    if RECORD_APPROVED.search(sentence):
        return False
    # "It was agreed that the Parish Council would look into the cost": the body
    # set itself a task, nobody named.
    agreed = AGREED_SOMEONE_WOULD.search(sentence)
    if agreed and is_body(agreed["owner"]) and agreed["verb"] in TASKS_AGREED:
        return True
    task = TASK_UNOWNED.search(sentence)
    # "The old tools are to be written off" is an accounting decision.
    if (
        task
        and task["done"] in DONE_AFTER
        and not WRITTEN_OFF.match(sentence, task.start("done"))
        and not REPORTED_THAT.match(sentence[: task.start()])
    ):
        return True
    agreed = AGREED_TO.search(sentence)
    if agreed and agreed["verb"] in TASKS_AGREED:
        return True
    asked = ASKED_FOR.search(sentence)
    done = asked and (asked["done"] or asked["asked_done"])
    if asked and (done is None or done in DONE_AFTER):
        return True
    requested = REQUESTED_THAT.search(sentence)
    return bool(
        requested
        and requested["verb"] in LIMB_TASKS
        and not set(sentence[requested.start() : requested.start("verb")].split())
        & MODALS
    )


def _clauses(text):
    """Sentences, and the clauses of a sentence where someone takes a task on
    after "and" or "although" ("This was agreed although RB will provide…"), or
    a resolution goes on ("…be noted; and that the changes be submitted…")."""
    for sentence in CLAUSE_END.split(text):
        for clause in _taken_on_after(sentence):
            yield from AND_THAT.split(clause)


def _taken_on_after(sentence):
    """The sentence split where someone takes a task on after "and", unless what
    comes before is only the first of two owners ("The Chair and Clerk will…")."""
    clauses, start = [], 0
    for split in TAKEN_ON_AFTER.finditer(sentence):
        before = sentence[start : split.start()]
        # "The Chair and Clerk will…", "…resolved that Cllr Hart and Cllr Moss
        # would…": one subject of two.
        joint = split[0].split()[0] == "and" and (
            len(before.split()) < SUBJECT_WORDS or FIRST_OF_TWO.search(before)
        )
        if not joint:
            clauses.append(sentence[start : split.start()])
            start = split.end()
    return [*clauses, sentence[start:]]


def _undertaken_by(sentence, people):
    match = REPORTED_UNDERTAKING.match(sentence) or WHICH_THEY_WILL.match(sentence)
    if match and match["verb"] in TASK_VERBS | TASKS_AGREED:
        owner = match["owner"]
        # "Randy advised that he will notify Bill", "the officer noted he would
        # look into it": a person, if not one we know.
        if match["pronoun"] != "they":
            return None if is_body(owner) else owner
        return _someone(owner, people)
    match = PROSE_UNDERTAKING.match(sentence)
    if not match:
        later = UNDERTAKEN_AFTER.match(sentence)
        if later:
            return _someone(later["owner"], people)
        agreed = AGREED_SOMEONE_WOULD.search(sentence)
        if agreed and (
            agreed["contact"] or agreed["verb"] in TASKS_AGREED | {"undertake"}
        ):
            return _someone(agreed["owner"], people)
        return _under_way(sentence, people)
    owner, verb = match["owner"], match["verb"]
    after = sentence[match.end() - 1 :].split(maxsplit=3)
    if after[0] in MODAL_ADVERBS and len(after) > 1:
        after = after[1:]
    # "PR would look for a carpenter"; not "the Force would look to recruit".
    task = after[0] in TASK_VERBS or tuple(after[:2]) in PHRASAL_VERBS
    # "would" is a plan, not an undertaking, unless the meeting agreed it or it
    # is a task ("the Clerk would arrange the handover").
    if verb in ("would", "should") and not (match["agreed"] or task):
        return None
    if people.resolve(owner) or HONORIFIC_NAME.fullmatch(owner):
        return owner
    # "The Clerk will get in touch with…": someone's word for what they will do.
    if verb in UNDERTAKEN or match["agreed"] or task or verb in WILL:
        return _someone(owner, people)
    return None


def _under_way(sentence, people):
    """Who "the Service would be submitting a request…" says is doing it."""
    match = UNDER_WAY.search(sentence)
    if not match:
        return None
    stem = match["verb"]
    # "writing" is "write", "submitting" "submit", "visiting" "visit".
    if not {stem, stem + "e", stem[:-1]} & (TASKS_AGREED | {"visit", "submit"}):
        return None
    owner = match["owner"] or match["reported"]
    if owner in ("he", "she", "they"):
        owner = match["speaker"]
    if owner.split()[0] in ("It", "There", "This"):
        return None
    # "the GMCA will be writing…": the authority, by its initials.
    return _someone(owner, people) or (owner if owner.isupper() else None)


def is_body(owner):
    """ "The Board", "Members", "the Sub-committee": the meeting, not someone; "any
    Board Member interested…": whoever wishes, nobody in particular."""
    words = owner.lower().split()
    return words[-1].split("-")[-1] in BODIES or words[0] in ANYONE


def _someone(owner, people):
    """The owner if it names someone at the meeting, a person or a post: not
    "The Board", "Members"."""
    if is_body(owner):
        return None
    if _is_an_officer(owner):
        return owner
    if people.is_named(owner) or names_someone(owner.removesuffix("s")):
        return owner
    if _all_named(owner, people):
        return owner
    # "The Chairman undertook to…"; as an owner in front ("The Chairman to
    # report apologies") it is an agenda's wording, so only here.
    return owner if CHAIRMAN.fullmatch(owner) else None


def tasks_in(text, people):
    """ "… the drain perhaps cleaned. JS to confirm.", "Bramble on the path – SV to
    ask the contractors…", "Actions: SS to discuss…", "Officers to write to…": each
    task with its owner in front, in a clause of its own, as (sentence, owner).
    Actions in any minutes; not "Members to note…" or "A director to be
    appointed"."""
    tasks, previous = [], ""
    for clause in CLAUSE_START.split(text):
        for sentence in CLAUSE_END.split(clause):
            match = OWNER_TO_DO.match(sentence)
            if not match and (mid := MID_SENTENCE_TASK.search(sentence)):
                if people.resolve(mid["owner"]) and mid["verb"] not in NOT_A_TASK:
                    tasks.append((mid["task"], mid["owner"]))
            elif match and _names_a_doer(match["owner"], people):
                if match["verb"].lower() not in NOT_A_TASK:
                    tasks.append((sentence, match["owner"]))
                elif (
                    TO_ACTION.match(sentence)
                    and previous
                    and not (tasks and tasks[-1][0] == previous)
                ):
                    # "Agreed a hedge service should be obtained. Robin to ACTION."
                    tasks.append((previous, match["owner"]))
            previous = sentence
    return tasks


def _names_a_doer(owner, people):
    # "AGREED to accept the grant": what the meeting did.
    if owner.upper() in DECISION_WORDS:
        return False
    return not is_body(owner) and (
        _is_an_officer(owner) or people.is_named(owner) or _all_named(owner, people)
    )


def _is_an_officer(owner):
    """ "The Chief Executive", "district councillor and clerk": an officer's post."""
    return owner.split()[-1].lower() in OFFICERS or bool(
        PARISH_OFFICERS.fullmatch(owner)
    )


def _all_named(owner, people):
    """ "Cllr Hart and Cllr Moss", "Carole Lee and Ross Hay": each one someone."""
    parts = split_owners(owner)
    return len(parts) > 1 and all(
        people.is_named(part) or CHAIRMAN.fullmatch(part) for part in parts
    )


def _asked_of(sentence, people):
    """Whom the sentence asks to do something, if someone at the meeting, a post
    or the officers: not "asked Members to note…" or "asked whether…"."""
    match = ASKED_OF.search(sentence) or BE_ASKED.search(sentence)
    if not match or match["verb"] in AT_THE_MEETING:
        return None
    owner = match["owner"]
    last = owner.split()[-1].lower()
    if is_body(owner):
        return None
    # "The Council RESOLVED for Terry to carry out…": said of a person.
    agreed_for = match.groupdict().get("agreed_for") and owner[0].isupper()
    if agreed_for or last in OFFICERS or people.is_named(owner):
        return owner
    return None


def is_instruction(entry):
    """A list entry written as an instruction: a task the meeting set, no owner."""
    match = IMPERATIVE.match(entry)
    if not match:
        return False
    verb, then = (match["verb"] or match["must"]).lower(), match["next"].lower()
    # "Review of the year", "Update on the boiler": a noun, unless the verb goes
    # with its preposition ("Look at…", "Speak to…").
    if then in PREPOSITIONS and (verb, then) not in PHRASAL_VERBS:
        return False
    # Not "Draft accounts for the year…": a noun as often as a verb.
    return verb in (TASKS_AGREED | {"add", "keep"}) - {"draft", "update", "report"}
