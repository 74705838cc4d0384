"""Minutes shaped as the import contract says the parser returns them, by hand, so
these tests do not depend on how the parser reads any file."""

import copy

MEETING = {
    "title": "Police Accountability Board July 2022",
    "type": "Police Accountability Board",
    "date": "2022-07-14",
    "time": "09:30",
    "chair": "Sarah Whitfield",
    "minute_taker": "Amy Clarke",
    "venue": "Force Headquarters",
}


def person(name, capacity="", abbreviation="", initials=""):
    return {
        "name": name,
        "capacity": capacity,
        "abbreviation": abbreviation,
        "initials": initials,
    }


def attendee(name, capacity="", abbreviation="", initials="", attendance="present"):
    return {**person(name, capacity, abbreviation, initials), "attendance": attendance}


def action(written="", people=(), *, item="1", description=None, **fields):
    return {
        "item": item,
        "description": description or f"Report back on the estates plan ({written}).",
        "owner": None,
        "owner_as_written": written,
        "owner_people": list(people),
        "due_date": None,
        "due_phrase": None,
        "status": "open",
        "updates": [],
        **fields,
    }


def minutes(*actions, attendees=(), **meeting):
    return {
        "source": "board-2022-07.docx",
        "meeting": {**copy.deepcopy(MEETING), **meeting},
        "attendees": list(attendees),
        "items": [
            {
                "number": "1",
                "title": "Estates Strategy",
                "parent": None,
                "discussion": "<p>The board <strong>discussed</strong> the estate.</p>",
            }
        ],
        "actions": list(actions),
        "next_meeting": None,
        "warnings": [],
    }
