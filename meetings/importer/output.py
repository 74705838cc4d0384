"""Structured minutes fitted to the fields they will be saved in."""

import re
from html import escape

from meetings.html import sanitise_minutes_html
from meetings.models import AgendaItem, Attendee, Meeting, MeetingType

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


def fit_to_fields(minutes):
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


def item_json(item):
    return {
        "number": item.number,
        "title": item.title.rstrip(" :"),
        "parent": item.parent,
        "discussion": sanitise_minutes_html(" ".join(item.fragments)),
    }


def clean_title(title):
    return TITLE_SUFFIX.sub("", title).strip()


def meeting_type(title):
    meeting_type = TITLE_PREFIX.sub("", TITLE_DATE.sub("", clean_title(title)))
    return meeting_type.strip() or clean_title(title)
