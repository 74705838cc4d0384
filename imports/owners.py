"""Who owns each imported action: the owner as written, resolved to a post through
its own words or the people of the meeting it names. Nothing is ever guessed."""

import re

from actions.models import Organisation
from meetings.importer.people import split_owners

BRACKETED = re.compile(r"(?P<outside>[^()]+?)\s*\((?P<inside>[^()]+)\)")
# Police ranks and words that only a force's posts carry; the user confirms.
FORCE_WORDS = re.compile(
    r"\b(constable|sergeant|inspector|superintendent|detective|force)\b",
    re.IGNORECASE,
)


def post_key(words):
    """Words as a post is looked up: case, spacing and "&" for "and" do not count."""
    words = re.sub(r"\s*&\s*", " and ", words or "")
    return " ".join(words.split()).casefold()


class PostIndex:
    """Active posts by abbreviation and by name; the first post listed wins a tie."""

    def __init__(self, posts):
        self._posts = {}
        for post in posts:
            self._posts.setdefault(post_key(post.abbreviation), post)
            self._posts.setdefault(post_key(post.name), post)

    def find(self, words):
        return self._posts.get(post_key(words)) if words else None


def written_owners(text):
    """The whole text first, since a post's name can hold "and", then each owner;
    of "Katie (Secretary)" the words outside the brackets and those inside."""
    parts = split_owners(text or "")
    owners = [text, *parts] if len(parts) > 1 else [text]
    for owner in list(owners):
        if match := BRACKETED.fullmatch(owner.strip()):
            owners += [match["outside"], match["inside"]]
    return owners


def resolve_owner(action, posts):
    """The post the action's owner is, or None.

    1. Each written owner, whole text first, as a post's abbreviation or name.
    2. Else each person the parser matched, in the order written: their
       abbreviation or capacity as a post's abbreviation or name.
    """
    for words in written_owners(action["owner_as_written"]):
        if post := posts.find(words):
            return post
    for person in action["owner_people"]:
        for words in (person.get("abbreviation"), person.get("capacity")):
            if post := posts.find(words):
                return post
    return None


def unresolved_warning(action):
    """The warning for an owner that is written but is no post, quoting its words."""
    start = f"Action at item {action['item']} names “{action['owner_as_written']}”"
    people = action["owner_people"]
    if not people:
        return f"{start}, who is not in the attendance nor a post: imported unassigned."
    described = "; ".join(
        ", ".join(filter(None, [person.get("name"), person.get("capacity")]))
        for person in people
    )
    holds = "holds" if len(people) == 1 else "hold"
    return (
        f"{start} ({described}), who {holds} no post in Assurance: imported unassigned."
    )


def suggest_posts(actions, unresolved, *, taken):
    """Posts to offer from the capacities of the people that unowned actions name.

    `unresolved` are the indexes of those actions. `taken` holds every post's name
    and abbreviation as post_key gives them, abolished posts included: a name
    taken is not offered again, and no abbreviation is offered that a post or an
    earlier suggestion has.
    """
    suggestions = {}
    # Grows with each suggestion: two people's initials are often the same.
    unavailable = set(taken)
    for number in unresolved:
        for person in actions[number]["owner_people"]:
            capacity = (person.get("capacity") or "").strip()
            if not capacity or post_key(capacity) in taken:
                continue
            if post_key(capacity) not in suggestions:
                suggestion = _suggestion(capacity, person, unavailable)
                unavailable.add(post_key(suggestion["abbreviation"]))
                suggestions[post_key(capacity)] = suggestion
            suggestion = suggestions[post_key(capacity)]
            if number not in suggestion["actions"]:
                suggestion["actions"].append(number)
    return list(suggestions.values())


def _suggestion(capacity, person, unavailable):
    abbreviation = person.get("abbreviation") or person.get("initials")
    if not abbreviation or post_key(abbreviation) in unavailable:
        abbreviation = _available(_initials(capacity), unavailable)
    return {
        "name": capacity,
        "abbreviation": abbreviation,
        "organisation": organisation_for(capacity),
        "actions": [],
        # Set by create_suggested_post; a suggestion is never removed, so its place
        # in the list identifies it (the preview's post-N fields) throughout.
        "created": False,
    }


def _available(abbreviation, unavailable):
    """The abbreviation, numbered ("DE2") if a post or a suggestion has it."""
    candidate, number = abbreviation, 1
    while post_key(candidate) in unavailable:
        number += 1
        # A post's abbreviation is at most 20 characters.
        candidate = f"{abbreviation[: 20 - len(str(number))]}{number}"
    return candidate


def organisation_for(capacity):
    if FORCE_WORDS.search(capacity):
        return Organisation.FORCE.value
    return Organisation.OPCC.value


def _initials(capacity):
    # A post needs an abbreviation: "Director of Estates" gives "DE".
    words = re.findall(r"[^\W\d_]+", capacity)
    capitals = [word[0] for word in words if word[0].isupper()]
    initials = "".join(capitals or [word[0].upper() for word in words])
    return initials[:20] or capacity[:20]
