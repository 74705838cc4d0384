"""Ten years of synthetic meetings and actions, to measure pages against."""

import datetime
import io
import random
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from actions.models import Action, ActionStatus, ActionUpdate, Organisation, Post
from meetings.marking import Marking, Publication
from meetings.models import AgendaItem, Meeting, MeetingType

LONDON = zoneinfo.ZoneInfo("Europe/London")
POSTS = [
    ("Chief Constable", "CC", Organisation.FORCE),
    ("Deputy Chief Constable", "DCC", Organisation.FORCE),
    ("Assistant Chief Constable (Crime)", "ACC-C", Organisation.FORCE),
    ("Assistant Chief Constable (Operations)", "ACC-O", Organisation.FORCE),
    ("Assistant Chief Officer", "ACO", Organisation.FORCE),
    ("Head of Professional Standards", "HoPS", Organisation.FORCE),
    ("Head of Contact Management", "HCM", Organisation.FORCE),
    ("Chief Superintendent, Local Policing", "CSLP", Organisation.FORCE),
    ("Chief Executive", "CEx", Organisation.OPCC),
    ("Chief Finance Officer", "CFO", Organisation.OPCC),
    ("Head of Performance", "HoP", Organisation.OPCC),
    ("Commissioning Manager", "CM", Organisation.OPCC),
]
# (meeting type, months between meetings)
SERIES = [
    ("Monthly Assurance Meeting", 1),
    ("Performance and Accountability Board", 3),
    ("Joint Audit Committee", 3),
    ("Estates Board", 6),
]
TOPICS = [
    "Serious and Organised Crime (SOC)",
    "Violence against women and girls",
    "Call handling: 999 and 101 answer times",
    "Neighbourhood policing",
    "Stop and search",
    "Police Uplift Programme",
    "Road safety",
    "Complaints and misconduct",
]
DOINGS = [
    "Provide a written update on",
    "Report back on progress against",
    "Circulate the force's plan for",
    "Review the performance data for",
    "Revisit in 6 months the balance of activity on",
    "Brief the PCC on the HMICFRS findings about",
]
UPDATES = [
    "Draft plan went to the Chief Officer Team.",
    "Data requested from the performance team; due next month.",
    "Meeting held with partners; actions agreed.",
    "Report circulated to the OPCC.",
    "Delayed by the HMICFRS inspection; new date proposed.",
]


class Command(BaseCommand):
    help = (
        "Add ten years of synthetic meetings, items, posts, actions, progress "
        "updates and history, for benchmarks. Refused with DEBUG off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--actions", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, actions, seed, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "generate_load fills the database with made-up data: "
                "run it with DEBUG=1, or --force."
            )
        if Action.objects.filter(reference__startswith="L").exists():
            raise CommandError("This database has generated actions already.")
        rng = random.Random(seed)
        today = timezone.localdate()
        with transaction.atomic(), _without_secondary_indexes(LOADED):
            posts = _posts()
            items = _items(today)
            author = get_user_model().objects.get(username="load0")
            next_id = (Action.objects.aggregate(Max("pk"))["pk__max"] or 0) + 1
            updates = 0
            # A batch at a time, so memory stays flat however many are asked for.
            for first in range(0, actions, BATCH):
                batch = [
                    _action(rng, number, next_id + number, items, posts, today)
                    for number in range(first, min(first + BATCH, actions))
                ]
                _write(Action, ACTION_COLUMNS, batch)
                _write(HISTORY, HISTORY_COLUMNS, _history(rng, batch, today))
                written = _updates(rng, batch, today, author)
                _write(ActionUpdate, UPDATE_COLUMNS, written)
                updates += len(written)
            _reset_sequence(Action)
        self.stdout.write(
            f"Added {actions:,} actions at {len(items):,} agenda items of "
            f"{len({item.meeting_id for item in items}):,} meetings, "
            f"{updates:,} updates."
        )


def _posts():
    User = get_user_model()
    posts = []
    for number, (name, abbreviation, organisation) in enumerate(POSTS):
        post, _ = Post.objects.get_or_create(
            name=name,
            defaults={"abbreviation": abbreviation, "organisation": organisation},
        )
        holder, _ = User.objects.get_or_create(
            username=f"load{number}",
            defaults={"email": f"load{number}@example.org", "first_name": abbreviation},
        )
        post.holders.add(holder)
        posts.append(post)
    return posts


def _items(today):
    meetings = []
    for name, every in SERIES:
        kind, _ = MeetingType.objects.get_or_create(name=name)
        board, _ = kind.boards.get_or_create(name=name)
        for months_back in range(0, 120, every):
            year, month = divmod(today.year * 12 + today.month - 1 - months_back, 12)
            date = datetime.date(year, month + 1, 12 + every)
            meetings.append(
                Meeting(
                    board=board,
                    meeting_type=kind,
                    title=f"{name} {date:%B %Y} (generated)",
                    date=date,
                    status=Meeting.Status.PUBLISHED,
                )
            )
    meetings = Meeting.objects.bulk_create(meetings)
    return AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            number=str(number),
            title=TOPICS[number % len(TOPICS)],
            position=number,
        )
        for meeting in meetings
        for number in range(1, 9)
    )


def _action(rng, number, pk, items, posts, today):
    """One action's columns (ACTION_COLUMNS), as a dict."""
    item = rng.choice(items)
    meeting = item.meeting
    due = meeting.date + datetime.timedelta(days=rng.choice([14, 28, 42, 90, 180]))
    owner = None if rng.random() < 0.02 else rng.choice(posts)
    action = {
        "id": pk,
        "reference": f"L{meeting.date:%Y-%m}/{number + 1}",
        "agenda_item_id": item.pk,
        "description": f"{rng.choice(DOINGS)} {item.title.lower()} "
        f"({rng.choice(posts).abbreviation}).",
        "owner_id": owner.pk if owner else None,
        "due_date": due,
        "original_due_date": None,
        "due_phrase": "",
        "status": ActionStatus.OPEN,
        "closed_at": None,
        "created_at": NOW,
        "updated_at": NOW,
        "version": 1,
        "marking": Marking.OFFICIAL,
        "publication": Publication.PUBLISH,
        "exemption": "",
        # Not a column: the meeting's date, for the history and the updates.
        "meeting_date": meeting.date,
    }
    _live(rng, action, today)
    return action


def _live(rng, action, today):
    """Extend some, and close most of those long past their due date."""
    if rng.random() < 0.15:
        action["original_due_date"] = action["due_date"]
        action["due_date"] += datetime.timedelta(days=rng.randint(28, 120))
    age = (today - action["due_date"]).days
    odds_done = 0.97 if age > 180 else 0.8 if age > 30 else 0.3 if age > 0 else 0.05
    roll = rng.random()
    if roll < odds_done * 0.96:
        done = action["due_date"] + datetime.timedelta(days=rng.randint(-20, 40))
        done = min(done, today - datetime.timedelta(days=1))
        action["status"] = ActionStatus.CLOSED
        action["closed_at"] = datetime.datetime.combine(done, datetime.time(15), LONDON)
    elif roll < odds_done:
        action["status"] = ActionStatus.SUPERSEDED
    elif roll < odds_done + 0.1:
        action["status"] = ActionStatus.COMPLETED
    elif roll < odds_done + 0.3:
        action["status"] = ActionStatus.IN_PROGRESS


def _history(rng, actions, today):
    """The versions simple-history would have kept: created the day after the
    meeting, extended, then finished."""
    rows = []
    for action in actions:
        made = action["meeting_date"] + datetime.timedelta(days=1)
        first_due = action["original_due_date"] or action["due_date"]
        rows.append(
            _version(
                action, made, "+", due_date=first_due, status="open", closed_at=None
            )
        )
        if action["original_due_date"]:
            extended = max(
                made, first_due - datetime.timedelta(days=rng.randint(0, 10))
            )
            rows.append(_version(action, extended, "~", status="open", closed_at=None))
        if action["status"] != ActionStatus.OPEN:
            finished = (
                action["closed_at"].date()
                if action["closed_at"]
                else min(today, action["due_date"])
            )
            rows.append(_version(action, max(made, finished), "~"))
    return rows


def _version(action, day, kind, **changed):
    return {
        **action,
        **changed,
        "history_date": datetime.datetime.combine(day, datetime.time(10), LONDON),
        "history_type": kind,
    }


def _updates(rng, actions, today, author):
    updates = []
    for action in actions:
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            day = action["meeting_date"] + datetime.timedelta(days=rng.randint(7, 90))
            updates.append(
                {
                    "action_id": action["id"],
                    "author_id": author.pk,
                    "text": rng.choice(UPDATES),
                    "created_at": datetime.datetime.combine(
                        min(day, today), datetime.time(11), LONDON
                    ),
                }
            )
    return updates


def _write(model, columns, rows):
    """Insert the rows' columns: with COPY on PostgreSQL, ten times faster than
    INSERT; elsewhere (SQLite) as one statement executed many times."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text = "".join(
                "\t".join(_copy_text(row[column]) for column in columns) + "\n"
                for row in rows
            )
            cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", io.StringIO(text))
            return
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({placeholders})",
            [[_adapted(row[column]) for column in columns] for row in rows],
        )


def _copy_text(value):
    if value is None:
        return "\\N"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def _adapted(value):
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _reset_sequence(model):
    """The actions were given their ids here: the next one made is numbered after."""
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class _without_secondary_indexes:
    """On PostgreSQL, the tables' indexes (other than their keys and unique
    constraints) and foreign keys dropped while they are filled, and made again
    after: building a trigram index once over a million rows is many times faster
    than updating it a row at a time, and checking a foreign key once is faster
    than a deferred check queued per row."""

    def __init__(self, models):
        self.tables = [model._meta.db_table for model in models]

    def __enter__(self):
        self.indexes, self.foreign_keys = [], []
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'f' "
                "AND conrelid::regclass::text = ANY(%s)",
                [self.tables],
            )
            self.foreign_keys = cursor.fetchall()
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE schemaname = current_schema() AND tablename = ANY(%s) "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [self.tables],
            )
            self.indexes = cursor.fetchall()
            for table, name, _ in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _ in self.indexes:
                cursor.execute(f'DROP INDEX "{name}"')

    def __exit__(self, kind, *exc):
        if kind is not None or connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _, definition in self.indexes:
                cursor.execute(definition)
            for table, name, definition in self.foreign_keys:
                cursor.execute(
                    f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
                )


BATCH = 20_000
NOW = timezone.now()
HISTORY = Action.history.model
LOADED = [Action, HISTORY, ActionUpdate]
ACTION_COLUMNS = [
    "id",
    "reference",
    "agenda_item_id",
    "description",
    "owner_id",
    "due_date",
    "original_due_date",
    "due_phrase",
    "status",
    "closed_at",
    "created_at",
    "updated_at",
    "version",
    "marking",
    "publication",
    "exemption",
]
HISTORY_COLUMNS = [
    *(column for column in ACTION_COLUMNS if column != "updated_at"),
    "history_date",
    "history_type",
]
UPDATE_COLUMNS = ["action_id", "author_id", "text", "created_at"]
