"""The people of a meeting, from its attendance, and the owners that name them.

Minutes name an action's owner in many ways: initials ("JH", "RB/TK"), a name
("Jane Hollis", "Mr Patel"), a post and surname ("DCC Morgan"), a capacity
("Deputy Chief Executive") or a team with initials ("Estates Services (DW)"). The
attendance says who each is; an owner that names nobody in it matches nobody.
"""

import itertools
import re
from dataclasses import dataclass

from meetings.importer.action_tables import HEADING_ROLES, heading_key

HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "cllr",
    "councillor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "supt",
    "ch",
    "insp",
    "sgt",
    "pc",
    "det",
    "cc",
    "dcc",
    "acc",
    "t/acc",
    "t/dcc",
}
# "Sarah Whitfield (SW) Chair – Police & Crime Commissioner"
NAME_THEN_BRACKETS = re.compile(
    r"^(?P<name>[^()]+?)\s*\((?P<letters>[A-Za-z&/. ]{1,12})\)"
    r"\s*[,:;–—-]*\s*(?P<rest>.*)$"
)
# "Mark Ellison – Chief Constable", "Jane Hollis, Director of Estates"
NAME_THEN_CAPACITY = re.compile(
    r"^(?P<name>[^,–—:]+?)\s*(?:,|\s[–—-]\s|:)\s*(?P<rest>.+)$"
)
CAPACITY_ABBREVIATION = re.compile(
    r"^(?P<capacity>.*?)\s*\((?P<abbr>[^()]{1,10})\)\s*$"
)
# The part a person plays in this meeting, not their post.
MEETING_ROLE = re.compile(
    r"^(?:(?:vice|deputy)[\s-])?(?:chair(?:man|person|woman)?|member)\b\s*[,:;–—-]*\s*"
    r"|^(?:minutes|minute[\s-]taker|note[\s-]?taker)$",
    re.IGNORECASE,
)
# "CC", "CEx", "T/ACC": a post's abbreviation.
ABBREVIATION = re.compile(r"(?:[A-Z]/)?[A-Z][A-Za-z]{0,4}[A-Z][a-z]?|[A-Z]{2,6}")
# "(Chair)", "Chair – Police & Crime Commissioner", "in the chair"; not "Vice-Chair".
CHAIRS = re.compile(
    r"(?<![\w-])(?:chair(?:man|person|woman)?\b|in the chair)", re.IGNORECASE
)
LEADING_ABBREVIATION = re.compile(
    r"^(?P<abbr>(?:[A-Z]/)?[A-Z][A-Za-z]{0,4}[A-Z][a-z]?|[A-Z]{2,6})\s+[A-Z][a-z]"
)
TRAILING_BRACKETS = re.compile(r"\s*\((?P<inner>[^()]{1,60})\)\s*$")
OWNER_SEPARATORS = re.compile(r"\s*(?:/|&|\band\b|,|\+)\s*")
INITIALS = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]{0,3}[a-z]?$")
ROLE_WORDS = re.compile(
    r"\b(?:chief|director|officer|commissioner|head|manager|secretary|treasurer|"
    r"clerk|chair|constable|superintendent|inspector|executive|lead|auditor|"
    r"advisor|adviser|controller|deputy|assistant|analyst|coordinator|"
    r"co-ordinator|team|board|committee|services|unit|office|department)\b",
    re.IGNORECASE,
)


HONORIFIC_NAME = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Prof)\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
)
INITIALS_LIST = re.compile(
    r"[A-Z][A-Za-z]{0,4}[A-Z][a-z]?"
    r"(?:(?:\s*[/,]\s*|\s+(?:&|and)\s+)[A-Z][A-Za-z]{0,4}[A-Z][a-z]?)*"
)


@dataclass
class Person:
    name: str
    capacity: str = ""
    abbreviation: str = ""
    initials: str = ""
    attendance: str = "present"
    short_form: str = ""  # the initials as written: "SHa"
    chairs: bool = False

    def as_json(self):
        return {
            "name": self.name,
            "capacity": self.capacity,
            "abbreviation": self.abbreviation,
            "initials": self.initials,
            "attendance": self.attendance,
        }

    def as_owner(self):
        return {
            "name": self.name,
            "capacity": self.capacity,
            "abbreviation": self.abbreviation,
            "initials": self.initials,
        }

    @property
    def surname(self):
        words = _name_words(self.name)
        return words[-1] if words else ""

    @property
    def written_initials(self):
        return "".join(word[0] for word in _name_words(self.name)).upper()


INITIALS_AND_CAPACITY = re.compile(
    r"\((?P<letters>[A-Z][A-Za-z]{0,4}[A-Z]?)\s*[;,]\s*(?P<capacity>[^)]+)\)$"
)


def person_from_entry(entry, attendance="present"):
    """A Person from one attendance entry, or None when it names nobody."""
    entry = " ".join(entry.strip(" \t;,.").split())
    if not entry or not re.search(r"[A-Za-z]", entry):
        return None
    if heading_key(entry) in HEADING_ROLES:
        return None  # "Action": a table's column heading below the attendance
    # "S Vaillant (SV; Clerk)": initials and capacity in one pair of brackets.
    entry = INITIALS_AND_CAPACITY.sub(r"(\g<letters>) \g<capacity>", entry)
    person = _person_from_entry(entry, attendance)
    if person is not None:
        person.chairs = bool(CHAIRS.search(entry))
    return person


def _person_from_entry(entry, attendance):
    bracketed = NAME_THEN_BRACKETS.match(entry)
    if bracketed and (person := _person_with_initials(bracketed, attendance)):
        return person
    if match := NAME_THEN_CAPACITY.match(entry):
        name, capacity = match["name"], match["rest"]
        if looks_like_role(name) and not looks_like_role(capacity):
            name, capacity = capacity, name
        return _person(name, capacity, attendance)
    if bracketed and not bracketed["rest"]:
        # "John Campion (PCC)": the brackets hold the post's abbreviation.
        person = _person(bracketed["name"], "", attendance)
        if not MEETING_ROLE.fullmatch(bracketed["letters"].strip()):
            person.abbreviation = bracketed["letters"].strip()
        return person
    return _person(entry, "", attendance)


def _person_with_initials(match, attendance):
    """ "Sarah Whitfield (SW) Chair – Police & Crime Commissioner", "Deputy Chief
    Constable Tim Madgwick (TM)": the brackets hold the initials of the name
    before them, and what is around the name is the capacity."""
    letters = match["letters"].replace(".", "").replace(" ", "")
    words = match["name"].split()
    for count in range(1, min(len(words), 4) + 1):
        name_words = words[-count:]
        name = " ".join(name_words)
        if looks_like_role(name) or "," in name or not _abbreviates(letters, name):
            continue
        before = " ".join(words[:-count]).strip(" ,–—-")
        capacity = " ".join(p for p in (before, match["rest"]) if p.strip(" ,–—-"))
        person = _person(" ".join(name_words), capacity, attendance)
        person.initials = letters if letters.isupper() else letters.upper()
        person.short_form = letters
        if ABBREVIATION.fullmatch(before) and not match["rest"]:
            person.capacity, person.abbreviation = "", before
        return person
    return None


def person_from_cells(name, capacity, attendance="present"):
    """A Person from a table's name and capacity cells, or None."""
    if not name.strip():
        return None
    if "(" not in name:
        return _person(name, capacity, attendance)
    person = person_from_entry(name, attendance)
    if person is not None and capacity.strip():
        other = _person(person.name, capacity, attendance)
        person.capacity = other.capacity
        person.abbreviation = person.abbreviation or other.abbreviation
    return person


def _person(name, capacity, attendance):
    name = MEETING_ROLE.sub("", name).strip(" ,;–—-") or name
    if match := TRAILING_BRACKETS.search(name):
        # "Sarah (SL)", "Mr Colin Dray (Independent Member)".
        inner, name = match["inner"].strip(), name[: match.start()].strip()
        if ABBREVIATION.fullmatch(inner):
            return _with_initials(_person(name, capacity, attendance), inner)
        if not MEETING_ROLE.fullmatch(inner) and not capacity:
            capacity = inner
    capacity = MEETING_ROLE.sub("", capacity.strip(" ,;–—-")).strip(" ,;–—-")
    abbreviation = ""
    if match := CAPACITY_ABBREVIATION.match(capacity):
        capacity, abbreviation = match["capacity"].strip(" ,–—-"), match["abbr"]
        if MEETING_ROLE.fullmatch(abbreviation):
            abbreviation = ""
    # "Chief Executive, OPCC": the organisation after the post is not part of it.
    capacity = capacity.split(", ")[0]
    if match := LEADING_ABBREVIATION.match(capacity):
        # "ACC Local Policing": the post's abbreviation, then its portfolio.
        abbreviation = abbreviation or match["abbr"]
    return Person(
        name=name.strip(),
        capacity=capacity,
        abbreviation=abbreviation.strip(),
        attendance=attendance,
    )


def _with_initials(person, letters):
    person.initials = letters.upper()
    return person


def looks_like_role(text):
    return bool(ROLE_WORDS.search(text))


def _abbreviates(letters, name):
    """ "SW" for Sarah Whitfield, "SHa" for Susan Haines, "RHL" for Rachel
    Hartland-Lane: each word of the name gives its first letter or more, in order."""
    words = [w for w in re.split(r"[\s-]+", " ".join(_name_words(name))) if w]
    return _spell(letters.lower(), [w.lower() for w in words])


def _spell(letters, words):
    if not words:
        return not letters
    word = words[0]
    return any(
        letters[:size] == word[:size] and _spell(letters[size:], words[1:])
        for size in range(1, min(len(letters), len(word)) + 1)
    )


def _name_words(name):
    words = [w.strip(".,") for w in name.split()]
    return [w for w in words if w and w.lower().strip(".") not in HONORIFICS]


# "Mark said…", "Priya Shah reported…": a first name the minutes use as someone's.
SPEAKS = re.compile(
    r"\b(?P<name>[A-Z][a-z]{2,})(?:\s+[A-Z][a-z]+)?\s+(?:also\s+)?(?:said|reported"
    r"|advised|explained|confirmed|asked|suggested|stated|added|commented|informed"
    r"|updated|queried|highlighted|mentioned|thanked|presented|introduced"
    r"|outlined|replied|responded|offered|agreed\s+to|undertook)\b"
)


def first_names_in(texts, task_verbs=()):
    """The single names that the minutes show speaking or taking a task on ("Mark
    said…", "Keith will advertise…", "Mark to send the figures."), so that "Mark
    to talk to the school" names someone though no list says who. Not a word
    the minutes also write in lower case ("Paper outlined…", "She said…",
    "Funding will provide…"), nor "Nothing to report"."""
    texts = list(texts)
    words = {word for text in texts for word in re.findall(r"\b[a-z]{3,}\b", text)}
    pronouns = {
        "she", "they", "this", "that", "who", "everyone", "all", "nothing", "none",
        "nobody", "someone", "anyone",
        # "Need to establish the landowner.": a sentence with no subject.
        "need", "needs", "want", "wish", "plan", "plans", "hope", "aim", "time",
    }  # fmt: skip
    patterns = [SPEAKS]
    if task_verbs:
        verbs = "|".join(sorted(task_verbs))
        patterns.append(
            re.compile(rf"\b(?P<name>[A-Z][a-z]{{2,}})\s+will\s+(?:{verbs})\b")
        )
        # "Mark to send the figures." opening a line or a sentence.
        patterns.append(
            re.compile(
                rf"(?:^|[.:;]\s+)(?P<name>[A-Z][a-z]{{2,}})\s+to\s+(?:{verbs})\b"
            )
        )
    return {
        match["name"]
        for text in texts
        for pattern in patterns
        for match in pattern.finditer(text)
        if match["name"].lower() not in words | pronouns
    }


class People:
    """Looks up who an owner's words name, among the people of the meeting."""

    def __init__(self, people, first_names=()):
        self.people = people
        self.first_names = set(first_names)

    def is_named(self, written):
        """A person, a post or a first name of the minutes: "ACC RJ", "Mark"."""
        return bool(
            written in self.first_names
            or names_someone(written)
            or self.resolve(written)
        )

    def resolve(self, written):
        """The people `written` names, in the order written; [] when it names none."""
        found = []
        for part in split_owners(written):
            person = self._one(part)
            if person is not None and person not in found:
                found.append(person)
        return found

    def _one(self, text):
        text = text.strip(" .:;")
        if text[:1] in "([" and text[-1:] in ")]":
            text = text[1:-1]
        text = re.sub(r"^(?i:the)\s+", "", text.strip())
        if not text:
            return None
        match = re.search(r"\((?P<inner>[A-Z]{2,5})\)", text)
        if match and _names_a_team(text[: match.start()]):
            # "Estates Services (DW)": the initials say who.
            return self._by_initials(match["inner"]) or self._one(text[: match.start()])
        if person := self._by_initials(text):
            return person
        words = text.split()
        # "ACC RJ": the post, then the person's initials.
        if (
            len(words) == 2
            and INITIALS.match(words[1])
            and (person := self._by_initials(words[1]))
        ):
            return person
        key = _key(text)
        for finder in (
            self._by_abbreviation,
            self._by_name,
            self._by_capacity,
            self._by_title_and_surname,
            self._by_end_of_capacity,
            self._by_first_name,
        ):
            if person := finder(key):
                return person
        return None

    def _unique(self, matches):
        return matches[0] if len({id(p) for p in matches}) == 1 else None

    def _by_initials(self, text):
        if not INITIALS.match(text):
            return None
        stated = [p for p in self.people if text in (p.short_form, p.initials)]
        if stated:
            return self._unique(stated)
        return self._unique(
            [p for p in self.people if not p.initials and p.written_initials == text]
        )

    def _by_abbreviation(self, key):
        return self._unique(
            [p for p in self.people if p.abbreviation and _key(p.abbreviation) == key]
        )

    def _by_name(self, key):
        return self._unique([p for p in self.people if _key(p.name) == key])

    def _by_capacity(self, key):
        return self._unique(
            [p for p in self.people if p.capacity and _key(p.capacity) == key]
        )

    def _by_end_of_capacity(self, key):
        """ "the Commissioner": the one person whose capacity ends so."""
        if not looks_like_role(key):
            return None
        return self._unique(
            [
                p
                for p in self.people
                if p.capacity and _key(p.capacity).endswith(f" {key}")
            ]
        )

    def _by_first_name(self, key):
        """ "Frank", when one person at the meeting is called Frank."""
        if " " in key:
            return None
        return self._unique(
            [p for p in self.people if _key(" ".join(_name_words(p.name)[:1])) == key]
        )

    def _by_title_and_surname(self, key):
        """ "Mr Patel", "DCC Morgan", "Cllr Hughes" or a unique surname alone."""
        words = key.split()
        if not words or len(words) > 3:
            return None
        surname = words[-1]
        candidates = [p for p in self.people if _key(p.surname) == surname]
        if len(words) > 1 and len(candidates) > 1:
            title = words[0]
            candidates = [
                p for p in candidates if _key(p.abbreviation) == title
            ] or candidates
        return self._unique(candidates)


def _names_a_team(words):
    """ "Estates Services", "COT", "": words before someone's initials that name
    where they work, not a sentence ("Circulate the plan")."""
    return all(
        word[:1].isupper() or word in {"of", "and", "&"} for word in words.split()
    )


def split_owners(written):
    """ "RB/TK", "JH and AL", "Estates Services (DW)": each owner named."""
    written = written.strip()
    if not written:
        return []
    # A bracket holds initials, not a second owner.
    protected = re.sub(
        r"\(([^()]*)\)", lambda m: "(" + m[1].replace("/", "|") + ")", written
    )
    return [
        part.replace("|", "/").strip()
        for part in OWNER_SEPARATORS.split(protected)
        if part.strip()
    ]


def _key(text):
    text = text.lower().replace("&", " and ").replace("’", "'")
    return " ".join(re.sub(r"[^\w' ]", " ", text).split())


def is_capitalised(words):
    """ "Deputy Chief Executive", "Head of Estates": a title, not a sentence."""
    return all(
        word[:1].isupper() or word in {"of", "and", "for", "&"}
        for word in words.split()
    )


INITIALS_WITH_STOPS = re.compile(r"(?:[A-Z]\.)+")


def is_full_name(words):
    """ "Jane Hollis", "Çağıl Uluşahin Sonmez", "P. Kelly": two to four capitalised
    words, any initials first ("Item A. Update" is none)."""
    names = words.split()
    after_initials = list(itertools.dropwhile(INITIALS_WITH_STOPS.fullmatch, names))
    return (
        2 <= len(names) <= 4
        and bool(after_initials)
        and all(
            name[0].isupper()
            and name[1:].replace("-", "").replace("’", "").isalpha()
            and not name[1:].isupper()
            for name in after_initials
        )
    )


def names_someone(words):
    """Initials ("JH", "RB/TK"), a title and name ("Mr Fenwick"), a full name
    ("Jane Hollis") or a post ("Deputy Chief Executive"): not "Members"."""
    return bool(
        INITIALS_LIST.fullmatch(words)
        or HONORIFIC_NAME.fullmatch(words)
        or is_full_name(words)
        or looks_like_role(words)
    )
