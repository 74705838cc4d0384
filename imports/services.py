import datetime

from django.db import transaction

from actions.models import Action, Post
from meetings.models import AgendaItem, Attendee, Meeting, MeetingType


@transaction.atomic
def record_minutes(*, minutes: dict) -> Meeting:
    """Create a meeting, its attendance, items and actions from structured minutes.

    `minutes` has the shape `import_minutes --json` prints (see README). Owners are
    post abbreviations; an unknown one raises Post.DoesNotExist and nothing is saved.
    """
    header = minutes["meeting"]
    next_meeting = minutes.get("next_meeting") or {}
    meeting = Meeting.objects.create(
        meeting_type=MeetingType.objects.get_or_create(name=header["type"])[0],
        title=header["title"],
        date=datetime.date.fromisoformat(header["date"]),
        start_time=_time_or_none(header.get("time")),
        venue=header.get("venue") or "",
        chair=header.get("chair") or "",
        minute_taker=header.get("minute_taker") or "",
        next_meeting_title=next_meeting.get("title") or "",
        next_meeting_date=_date_or_none(next_meeting.get("date")),
        next_meeting_time=_time_or_none(next_meeting.get("time")),
    )
    Attendee.objects.bulk_create(
        Attendee(meeting=meeting, position=position, **attendee)
        for position, attendee in enumerate(minutes["attendees"])
    )
    items = _create_items(meeting, minutes["items"])
    _create_actions(meeting, items, minutes["actions"])
    _link_neighbours(meeting)
    return meeting


class DuplicateMinutes(Exception):
    """These minutes are in Assurance already; the message completes "<file> ..."."""


def match_posts(minutes: dict) -> dict:
    """Match the minutes' abbreviations to posts.

    An action owner that is no post's abbreviation is left unassigned, with a
    warning; an attendee written as "Name (CC)" takes the post's name as capacity.
    """
    posts = dict(
        Post.objects.filter(is_active=True).values_list("abbreviation", "name")
    )
    for attendee in minutes["attendees"]:
        if not attendee["capacity"] and attendee["abbreviation"] in posts:
            attendee["capacity"] = posts[attendee["abbreviation"]]
    for action in minutes["actions"]:
        if action["owner"] and action["owner"] not in posts:
            minutes["warnings"].append(
                f"Action at item {action['item']} names “{action['owner']}”, which is "
                "not a post in Assurance: imported unassigned."
            )
            action["owner"] = None
    return minutes


@transaction.atomic
def import_minutes(*, minutes: dict, replace: bool = False) -> Meeting:
    """Record imported minutes once: a second import is refused or, for a draft,
    replaces the first when `replace` is given."""
    if existing := existing_meeting_for(minutes):
        _remove_for_replacement(existing, replace)
    return record_minutes(minutes=minutes)


def existing_meeting_for(minutes: dict) -> Meeting | None:
    header = minutes["meeting"]
    return Meeting.objects.filter(
        meeting_type__name=header["type"], date=header["date"], title=header["title"]
    ).first()


def _remove_for_replacement(meeting, replace):
    if not replace:
        raise DuplicateMinutes(
            f"was imported before, as “{meeting}”: nothing imported. To import it "
            "again over a draft, use --replace."
        )
    if meeting.status != Meeting.Status.DRAFT:
        raise DuplicateMinutes(
            f"was imported before, as “{meeting}”, which is "
            f"{meeting.get_status_display().lower()}: only a draft can be replaced."
        )
    actions = Action.objects.filter(agenda_item__meeting=meeting)
    if actions.filter(updates__isnull=False).exists():
        raise DuplicateMinutes(
            f"was imported before, as “{meeting}”, and its actions have progress "
            "updates: it cannot be replaced."
        )
    actions.delete()
    meeting.delete()


def _link_neighbours(meeting):
    """Link this meeting and the meetings either side of it that the minutes name."""
    Meeting.objects.filter(
        next_meeting_date=meeting.date, next_meeting__isnull=True
    ).exclude(pk=meeting.pk).update(next_meeting=meeting)
    if meeting.next_meeting_date:
        candidates = list(
            Meeting.objects.filter(date=meeting.next_meeting_date).exclude(
                pk=meeting.pk
            )[:2]
        )
        if len(candidates) == 1:
            meeting.next_meeting = candidates[0]
            meeting.save(update_fields=["next_meeting"])


def _create_items(meeting, rows):
    """Create items in document order; a parent is named by its number as written."""
    items = {}
    for position, row in enumerate(rows):
        items[row["number"]] = AgendaItem.objects.create(
            meeting=meeting,
            parent=items[row["parent"]] if row.get("parent") else None,
            number=row["number"],
            title=row["title"],
            discussion=row.get("discussion", ""),
            position=position,
        )
    return items


def _create_actions(meeting, items, rows):
    posts = {post.abbreviation: post for post in Post.objects.all()}
    prefix = f"{meeting.date:%Y-%m}/"
    number = Action.objects.last_reference_number(prefix)
    for row in rows:
        number += 1
        owner = row.get("owner")
        if owner and owner not in posts:
            raise Post.DoesNotExist(f"No post is abbreviated “{owner}”.")
        Action.objects.create(
            reference=f"{prefix}{number}",
            agenda_item=items[row["item"]],
            description=row["description"],
            owner=posts.get(owner) if owner else None,
            due_date=_date_or_none(row.get("due_date")),
            due_phrase=row.get("due_phrase") or "",
        )


def _date_or_none(value):
    return datetime.date.fromisoformat(value) if value else None


def _time_or_none(value):
    return datetime.time.fromisoformat(value) if value else None
