import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from actions.models import Action, ActionStatus, Post
from boards.models import Board, Decision
from imports.owners import (
    PostIndex,
    post_key,
    resolve_owner,
    suggest_posts,
    unresolved_warning,
)
from meetings.models import AgendaItem, Attendee, Meeting, MeetingType

LONDON = ZoneInfo("Europe/London")


@transaction.atomic
def record_minutes(*, minutes: dict, status: str = Meeting.Status.DRAFT) -> Meeting:
    """Create a meeting, its attendance, items and actions from structured minutes.

    `minutes` has the shape of the import contract (`import_minutes --json`), with
    a meeting date: the parser may give none, and the preview or `--date` must.
    Each action's owner is the active post `owner_id` names, as match_posts or the
    preview sets it; one that is no active post raises Post.DoesNotExist and
    nothing is saved. `status` is the minutes' own: archive minutes may be
    recorded as already approved or published.
    """
    header = minutes["meeting"]
    if not header.get("date"):
        raise ValueError(
            f"{minutes.get('source', 'These minutes')} has no meeting date: "
            "give one before recording it."
        )
    next_meeting = minutes.get("next_meeting") or {}
    meeting_type = MeetingType.objects.get_or_create(name=header["type"])[0]
    meeting = Meeting.objects.create(
        board=Board.for_meeting_type(meeting_type),
        meeting_type=meeting_type,
        title=header["title"],
        date=datetime.date.fromisoformat(header["date"]),
        start_time=_time_or_none(header.get("time")),
        venue=header.get("venue") or "",
        chair=header.get("chair") or "",
        minute_taker=header.get("minute_taker") or "",
        status=status,
        next_meeting_title=next_meeting.get("title") or "",
        next_meeting_date=date_or_none(next_meeting.get("date")),
        next_meeting_time=_time_or_none(next_meeting.get("time")),
    )
    Attendee.objects.bulk_create(
        Attendee(
            meeting=meeting,
            position=position,
            **{key: attendee[key] for key in ATTENDEE_FIELDS if key in attendee},
        )
        for position, attendee in enumerate(minutes["attendees"])
    )
    items = _create_items(meeting, minutes["items"])
    _create_actions(meeting, items, minutes["actions"])
    # Output of an importer older than decisions has no "decisions".
    _create_decisions(meeting, items, minutes.get("decisions") or [])
    _link_neighbours(meeting)
    return meeting


# What an attendee keeps; the contract's "initials" served owner matching only.
ATTENDEE_FIELDS = ["name", "capacity", "abbreviation", "attendance"]


class DuplicateMinutes(Exception):
    """These minutes are in Assurance already, as `meeting`; the message completes
    "<file> ..."."""

    def __init__(self, message, *, meeting):
        super().__init__(message)
        self.meeting = meeting


def match_posts(minutes: dict, *, create_posts: bool = False) -> dict:
    """Resolve each action's owner to an active post, as the import contract says.

    `owner_id` becomes a post's primary key or None, and `owner` its abbreviation,
    for people reading the minutes; `owner_as_written` is kept.
    An owner written but resolved to nothing is left unassigned with a warning,
    and the capacities of the people it names become `suggested_posts`, which
    `create_posts` creates (marking them created and listing them in
    `created_posts`). An attendee written
    as "Name (CC)" takes the post's name as capacity.
    """
    posts = list(Post.objects.all())
    index = PostIndex(post for post in posts if post.is_active)
    _name_capacities(minutes["attendees"], index)
    unresolved = []
    for number, action in enumerate(minutes["actions"]):
        # A parser that predates owner_as_written gives the words in owner.
        action["owner_as_written"] = (
            action.get("owner_as_written") or action.get("owner") or ""
        )
        action["owner_people"] = action.get("owner_people") or []
        post = resolve_owner(action, index)
        set_owner(action, post)
        if post is None and action["owner_as_written"]:
            unresolved.append(number)
            minutes["warnings"].append(unresolved_warning(action))
    minutes["suggested_posts"] = suggest_posts(
        minutes["actions"],
        unresolved,
        taken={post_key(words) for p in posts for words in (p.name, p.abbreviation)},
    )
    if create_posts:
        minutes["created_posts"] = [
            _described(create_suggested_post(minutes, suggestion))
            for suggestion in minutes["suggested_posts"]
        ]
    return minutes


def _name_capacities(attendees, posts):
    for attendee in attendees:
        post = posts.find(attendee["abbreviation"])
        if not attendee["capacity"] and post:
            attendee["capacity"] = post.name


@transaction.atomic
def create_suggested_post(
    minutes: dict, suggestion: dict, *, organisation=None
) -> Post:
    """Create a post the minutes suggest (one of their `suggested_posts`), and give
    it the unowned actions it would own; their "imported unassigned" warnings go."""
    suggestion["created"] = True
    post, _ = Post.objects.get_or_create(
        name=suggestion["name"],
        defaults={
            "abbreviation": suggestion["abbreviation"],
            "organisation": organisation or suggestion["organisation"],
        },
    )
    for action in (minutes["actions"][n] for n in suggestion["actions"]):
        if action["owner_id"] is None:
            warning = unresolved_warning(action)
            if warning in minutes["warnings"]:
                minutes["warnings"].remove(warning)
            set_owner(action, post)
    return post


def set_owner(action: dict, post: Post | None) -> None:
    """Give the action its owner: by primary key, since two posts may share an
    abbreviation, and by abbreviation for people reading the minutes."""
    action["owner_id"] = post.pk if post else None
    action["owner"] = post.abbreviation if post else None


def _described(post):
    return {
        "name": post.name,
        "abbreviation": post.abbreviation,
        "organisation": post.organisation,
    }


@transaction.atomic
def import_minutes(
    *, minutes: dict, replace: bool = False, status: str = Meeting.Status.DRAFT
) -> Meeting:
    """Record imported minutes once: a second import is refused or, for a draft,
    replaces the first when `replace` is given."""
    _wait_for_imports_of_the_type(minutes["meeting"]["type"])
    if existing := existing_meeting_for(minutes):
        _remove_for_replacement(existing, replace)
    return record_minutes(minutes=minutes, status=status)


def _wait_for_imports_of_the_type(name):
    """Lock the meeting type until this import commits.

    Two imports of the same minutes at once (a confirmation submitted twice) would
    each find no meeting, and the second would fail on meeting_unique_sitting with
    a server error. Locked, the second waits for the first to commit and then
    finds its meeting; a new type's unique name makes the second wait in the same
    way. SQLite locks no rows: there the second still fails, on the constraint or
    on the database's single writer.
    """
    meeting_type, _ = MeetingType.objects.get_or_create(name=name)
    MeetingType.objects.select_for_update().get(pk=meeting_type.pk)


def existing_meeting_for(minutes: dict) -> Meeting | None:
    header = minutes["meeting"]
    return Meeting.objects.filter(
        meeting_type__name=header["type"], date=header["date"], title=header["title"]
    ).first()


def _remove_for_replacement(meeting, replace):
    if not replace:
        raise DuplicateMinutes(
            f"was imported before, as “{meeting}”: nothing imported. To import it "
            "again over a draft, use --replace.",
            meeting=meeting,
        )
    if meeting.status != Meeting.Status.DRAFT:
        raise DuplicateMinutes(
            f"was imported before, as “{meeting}”, which is "
            f"{meeting.get_status_display().lower()}: only a draft can be replaced.",
            meeting=meeting,
        )
    actions = Action.objects.filter(agenda_item__meeting=meeting)
    if actions.filter(updates__isnull=False).exists():
        raise DuplicateMinutes(
            f"was imported before, as “{meeting}”, and its actions have progress "
            "updates: it cannot be replaced.",
            meeting=meeting,
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
    posts = Post.objects.filter(is_active=True).in_bulk()
    prefix = f"{meeting.date:%Y-%m}/"
    number = Action.objects.last_reference_number(prefix)
    for row in rows:
        number += 1
        owner = row.get("owner_id")
        if owner and owner not in posts:
            raise Post.DoesNotExist(
                f"The owner of “{row['description']}”, {row.get('owner') or owner}, "
                "is no longer a post."
            )
        status = row.get("status") or ActionStatus.OPEN
        action = Action(
            reference=f"{prefix}{number}",
            agenda_item=items[row["item"]],
            description=row["description"],
            owner=posts.get(owner),
            due_date=date_or_none(row.get("due_date")),
            due_phrase=row.get("due_phrase") or "",
            status=status,
            closed_at=_closed_at(meeting) if status == ActionStatus.CLOSED else None,
        )
        # The first version is all the history an imported action has: its
        # timeline shows the status it came with and the progress minuted, since
        # an ActionUpdate needs an author and minutes name none.
        action._change_reason = _imported_reason(status, row.get("updates") or [])
        action.save()


def _create_decisions(meeting, items, rows):
    prefix = f"{meeting.date:%Y-%m}/D"
    number = Decision.objects.last_number(prefix)
    for row in rows:
        if row["item"] not in items:
            raise ValueError(
                f"The decision “{row['text'][:60]}” is at item {row['item']}, which "
                "these minutes do not have."
            )
        number += 1
        Decision.objects.create(
            number=f"{prefix}{number}", agenda_item=items[row["item"]], text=row["text"]
        )


def _closed_at(meeting):
    # Signed off at that meeting as far as anyone can tell: midday, London time.
    return datetime.datetime.combine(meeting.date, datetime.time(12), tzinfo=LONDON)


def _imported_reason(status, updates):
    """E.g. "Imported as closed: Progress as minuted\n14 Jul 2022 – Plan agreed."."""
    title = "Imported"
    if status != ActionStatus.OPEN:
        title = f"Imported as {ActionStatus(status).label.lower()}"
    if not updates:
        return None if status == ActionStatus.OPEN else title
    lines = [
        f"{_day_or_undated(update.get('date'))} – {update['text']}"
        for update in updates
    ]
    return "\n".join([f"{title}: Progress as minuted", *lines])


def _day_or_undated(value):
    return f"{datetime.date.fromisoformat(value):%-d %b %Y}" if value else "Undated"


def date_or_none(value):
    """An ISO date of the minutes dict, or None."""
    return datetime.date.fromisoformat(value) if value else None


def _time_or_none(value):
    return datetime.time.fromisoformat(value) if value else None
