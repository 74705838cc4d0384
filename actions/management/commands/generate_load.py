"""Ten years of synthetic meetings and actions, to measure pages against."""

import datetime
import random
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from actions.models import Action, ActionStatus, ActionUpdate, Organisation, Post
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
        with transaction.atomic():
            posts = _posts()
            items = _items(today)
            created = _actions(rng, items, posts, today, actions)
            _history(rng, created, today)
            _updates(rng, created, today)
        self.stdout.write(
            f"Added {len(created):,} actions at {len(items):,} agenda items of "
            f"{len({item.meeting_id for item in items}):,} meetings, "
            f"{ActionUpdate.objects.count():,} updates."
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


def _actions(rng, items, posts, today, count):
    actions = []
    for number in range(count):
        item = rng.choice(items)
        meeting = item.meeting
        due = meeting.date + datetime.timedelta(days=rng.choice([14, 28, 42, 90, 180]))
        action = Action(
            reference=f"L{meeting.date:%Y-%m}/{number + 1}",
            agenda_item=item,
            description=f"{rng.choice(DOINGS)} {item.title.lower()} "
            f"({rng.choice(posts).abbreviation}).",
            owner=None if rng.random() < 0.02 else rng.choice(posts),
            due_date=due,
            due_phrase="",
            status=ActionStatus.OPEN,
        )
        _live(rng, action, today)
        actions.append(action)
    return Action.objects.bulk_create(actions, batch_size=5000)


def _live(rng, action, today):
    """Extend some, and close most of those long past their due date."""
    if rng.random() < 0.15:
        action.original_due_date = action.due_date
        action.due_date += datetime.timedelta(days=rng.randint(28, 120))
    age = (today - action.due_date).days
    odds_done = 0.97 if age > 180 else 0.8 if age > 30 else 0.3 if age > 0 else 0.05
    roll = rng.random()
    if roll < odds_done * 0.96:
        done = action.due_date + datetime.timedelta(days=rng.randint(-20, 40))
        done = min(done, today - datetime.timedelta(days=1))
        action.status = ActionStatus.CLOSED
        action.closed_at = datetime.datetime.combine(done, datetime.time(15), LONDON)
    elif roll < odds_done:
        action.status = ActionStatus.SUPERSEDED
    elif roll < odds_done + 0.1:
        action.status = ActionStatus.COMPLETED
    elif roll < odds_done + 0.3:
        action.status = ActionStatus.IN_PROGRESS


def _history(rng, actions, today):
    """The versions simple-history would have kept: created the day after the
    meeting, extended, then finished."""
    model = Action.history.model
    rows = []
    for action in actions:
        made = action.agenda_item.meeting.date + datetime.timedelta(days=1)
        first_due = action.original_due_date or action.due_date
        rows.append(
            _version(
                model,
                action,
                made,
                "+",
                due_date=first_due,
                status=ActionStatus.OPEN,
                closed_at=None,
            )
        )
        if action.original_due_date:
            extended = max(
                made, first_due - datetime.timedelta(days=rng.randint(0, 10))
            )
            rows.append(
                _version(
                    model,
                    action,
                    extended,
                    "~",
                    status=ActionStatus.OPEN,
                    closed_at=None,
                )
            )
        if action.status != ActionStatus.OPEN:
            finished = (
                action.closed_at.date()
                if action.closed_at
                else min(today, action.due_date)
            )
            rows.append(_version(model, action, max(made, finished), "~"))
    model.objects.bulk_create(rows, batch_size=5000)


def _version(model, action, day, kind, **changed):
    values = {
        field.attname: getattr(action, field.attname)
        for field in Action._meta.fields
        if field.attname != "updated_at"
    }
    values.update(changed)
    return model(
        **values,
        history_date=datetime.datetime.combine(day, datetime.time(10), LONDON),
        history_type=kind,
    )


def _updates(rng, actions, today):
    author = get_user_model().objects.get(username="load0")
    updates = []
    for action in actions:
        meeting_date = action.agenda_item.meeting.date
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            day = meeting_date + datetime.timedelta(days=rng.randint(7, 90))
            updates.append(
                ActionUpdate(
                    action=action,
                    author=author,
                    text=rng.choice(UPDATES),
                    created_at=datetime.datetime.combine(
                        min(day, today), datetime.time(11), LONDON
                    ),
                )
            )
    ActionUpdate.objects.bulk_create(updates, batch_size=5000)
