"""The reminder sweep: which open actions need a reminder today, each emailed once.

Beat runs `send_due_reminders` every 15 minutes (see tasks.py). It is safe to run at
any time, twice, or in two processes at once; README "Reminders" states the guarantee.
"""

import contextlib
import datetime
import functools
import gc
import logging
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    JSONField,
    Max,
    Min,
    Q,
    Value,
    When,
)
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from actions.models import (
    Action,
    ActionStatus,
    DeliveryOutcome,
    DueSoonOptOut,
    Post,
    Reminder,
    ReminderEmail,
    ReminderKind,
    ReminderState,
    ReminderSweep,
    among,
    runs_of,
)
from actions.reminder_emails import latest_updates, message
from assurance.mail import OutcomeUnknown
from assurance.text import one_line

logger = logging.getLogger(__name__)

# A completed action awaits the OPCC's sign-off: its owner has nothing left to do.
REMINDED_STATUSES = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]


def reminder_day(now):
    """The day whose reminders are due at `now`: today in Europe/London from
    REMINDER_HOUR, yesterday before it. Beat sweeps all day, so a reminder goes at
    REMINDER_HOUR, and the night's sweeps still finish yesterday's."""
    # Wall-clock arithmetic on the London time: 07:00 stays 07:00 across the
    # clock changes.
    local = timezone.localtime(now)
    return (local - datetime.timedelta(hours=settings.REMINDER_HOUR)).date()


def reminder_due(due_date, today):
    """The latest reminder in an action's sequence that has fallen due by `today`,
    as (kind, for_date), or None if none has yet.

    The sequence: due soon REMINDER_DUE_SOON_DAYS before, due today, overdue the day
    after and then every REMINDER_OVERDUE_EVERY_DAYS. Only the latest counts, so
    after a missed sweep the action is reminded once of where it stands now.
    """
    if today < due_date:
        soon = datetime.timedelta(days=settings.REMINDER_DUE_SOON_DAYS)
        if soon and today >= due_date - soon:
            return ReminderKind.DUE_SOON, due_date - soon
        return None
    if today == due_date:
        return ReminderKind.DUE_TODAY, due_date
    every = settings.REMINDER_OVERDUE_EVERY_DAYS
    weeks_late = ((today - due_date).days - 1) // every
    return ReminderKind.OVERDUE, due_date + datetime.timedelta(
        days=1 + weeks_late * every
    )


# What routing and the email need of a reminder and its action, read as plain
# values: a first sweep over 100,000 actions claims 70,000 reminders.
DUE_FIELDS = {
    "action_id": "action_id",
    "reference": "action__reference",
    "description": "action__description",
    "due_date": "action__due_date",
    "status": "action__status",
    "owner_id": "action__owner_id",
    "owner_name": "action__owner__name",
    "owner_abbreviation": "action__owner__abbreviation",
    "item_number": "action__agenda_item__number",
    "meeting_title": "action__agenda_item__meeting__title",
    "meeting_date": "action__agenda_item__meeting__date",
    "marking": "action__marking",
    "item_marking": "action__agenda_item__marking",
}


@dataclass(slots=True)
class Due:
    """A reminder (saved, or only planned by a dry run) and its action."""

    pk: int | None
    kind: str
    for_date: datetime.date
    action_id: int
    reference: str
    description: str
    due_date: datetime.date
    status: str
    owner_id: int | None
    owner_name: str | None
    owner_abbreviation: str | None
    item_number: str
    meeting_title: str
    meeting_date: datetime.date
    marking: str
    item_marking: str

    @property
    def kind_label(self):
        return ReminderKind(self.kind).label

    @property
    def owner(self):
        return f"{self.owner_name} ({self.owner_abbreviation})" if self.owner_id else ""

    @property
    def url(self):
        return _action_url(settings.SITE_URL, self.action_id)

    # Dates as the emails write them: a first sweep's emails write 8,000.
    @property
    def due_day(self):
        return _day(self.due_date)

    @property
    def meeting_day(self):
        return _day(self.meeting_date)


# reverse() and date formatting cost 60 and 30 µs: a first sweep's emails hold
# 4,000 links and 8,000 dates, over a few hundred dates and each action twice.
@functools.lru_cache(maxsize=20_000)
def _action_url(site_url, action_id):
    return site_url + reverse("actions:detail", args=[action_id])


@functools.lru_cache(maxsize=2_000)
def _day(date):
    return date_format(date, "j M Y")


@dataclass(slots=True)
class Item:
    """One reminder as one person receives it: as the owner, or copied and why."""

    reminder: Due
    today: datetime.date
    copied: bool = False
    note: str = ""

    @property
    def when(self):
        """The email's line on when it is due: a line of Python rather than an
        included template, as a first sweep's emails write 7,000 of them."""
        due, late = self.reminder.due_day, (self.today - self.reminder.due_date).days
        if self.reminder.kind == ReminderKind.OVERDUE:
            return f"Due {due}: {late} day{pluralize(late)} overdue."
        if self.reminder.kind == ReminderKind.DUE_TODAY:
            return f"Due today, {due}."
        return f"Due {due}, in {-late} day{pluralize(-late)}."


@dataclass
class Digest:
    """Everything one person is reminded of by one sweep: one email."""

    name: str
    address: str
    user: object = None
    items: list[Item] = field(default_factory=list)
    # items_of's, worked out when the items are all there.
    _by_kind: dict = field(default=None, init=False, repr=False, compare=False)

    # Both read once the items are all there, by both parts of the email and
    # its ledger row: a first sweep's copies to the secretariat are 60,000 items.
    @functools.cached_property
    def owns_any(self):
        """Whether any of these is the recipient's own to act on, not a copy."""
        return any(not item.copied and not item.note for item in self.items)

    @functools.cached_property
    def runs(self):
        """(its own reminders, those it is copied on) as runs_of: what its ledger
        row stores, and what its Message-ID is made from."""
        return (
            runs_of([item.reminder.pk for item in self.items if not item.copied]),
            runs_of([item.reminder.pk for item in self.items if item.copied]),
        )

    def items_of(self, kind):
        if self._by_kind is None:
            self._by_kind = defaultdict(list)
            for item in self.items:
                self._by_kind[item.reminder.kind].append(item)
        return self._by_kind[kind]


@dataclass
class SweepReport:
    sent: list[Digest] = field(default_factory=list)
    failed: list[tuple[Digest, str]] = field(default_factory=list)
    unknown: list[tuple[Digest, str]] = field(default_factory=list)
    unsendable: dict[int, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    cancelled: int = 0
    retrying: int = 0
    # {"count": reminders another sweep holds, "since": its oldest claim}
    held_elsewhere: dict = field(default_factory=dict)


def send_due_reminders(*, today, now=None) -> SweepReport:
    """Send every reminder that has fallen due by `today`, once.

    1. Record each reminder due (one ledger row per action, kind and day; a row
       that exists already is left alone), claimed for this sweep as it is added.
    2. Claim the rows that wait with one conditional UPDATE, so a concurrent sweep
       cannot take the same rows; a claim older than the timeout is taken over.
    3. Route each claimed reminder to the current holders of the owner post (and
       the secretariat and PCC's office when overdue), skipping whoever has it.
    4. Send one digest per person, recording each delivery as soon as it is sent.
    5. Mark the rows sent; of unknown outcome where the mail server took an email
       but never confirmed it (not sent again: a person decides); back to pending
       for the next sweep where an email failed, or failed after the last attempt.
    """
    now = now or timezone.now()
    started = time.monotonic()
    report = SweepReport()
    token = uuid.uuid4()
    record_due_reminders(today=today, now=now, claim=token)
    claim_reminders(today=today, now=now, claim=token)
    report.held_elsewhere = _held_elsewhere(token, today)
    with without_cycle_collection():
        reminders = _still_needed(_claimed(token), today, now, report)
        if reminders:
            _send_all(token, reminders, report, today=today, now=now)
    _record_sweep(report, today, now, len(reminders), time.monotonic() - started)
    return report


@contextlib.contextmanager
def without_cycle_collection():
    """Python's cycle collector held off while a sweep holds its reminders.

    A first sweep over 100,000 actions holds 70,000 reminders in 330,000 places
    in digests; the collector walked them over and over as they were made, 1.5 to
    2 s of a 6 s sweep (bench/reminder_sweep.py). They hold no cycles: reference
    counting frees them, and whatever cycles the sweep leaves are collected after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _send_all(token, reminders, report, *, today, now):
    """Steps 3 to 5 for the reminders this sweep holds."""
    earlier = _delivered(token)
    skip = set(earlier)
    digests = _route(reminders, report, today=today, skip=skip, now=now, token=token)
    mailer = get_connection()
    claim = Claim(token)
    try:
        updates = latest_updates(digests, reminders)
        for digest in digests:
            if not claim.still_holds(digest.items[0].reminder.pk):
                logger.warning("Another sweep took over; this one stops sending.")
                break
            _send(token, digest, today, mailer, report, updates)
    finally:
        mailer.close()
    report.retrying = _finish(token, now, report, earlier)


def _record_sweep(report, today, now, due, seconds):
    """The sweep's one summary line, and its row for /healthz."""
    sweep = ReminderSweep.objects.create(
        for_date=today,
        started_at=now,
        finished_at=now + datetime.timedelta(seconds=seconds),
        reminders=due,
        sent=len(report.sent),
        failed=len(report.failed),
        unknown=len(report.unknown),
    )
    logger.info(
        "Reminder sweep for %s: %d due, %d sent, %d failed, %d unknown, %.1f s",
        today.isoformat(),
        due,
        sweep.sent,
        sweep.failed,
        sweep.unknown,
        seconds,
        extra={
            "for_date": today.isoformat(),
            "due": due,
            "sent": sweep.sent,
            "failed": sweep.failed,
            "unknown": sweep.unknown,
            "duration_s": round(seconds, 3),
        },
    )


class Claim:
    """This sweep's hold on its rows while it sends: renewed every few minutes, so
    only a sweep that died (or hung past the timeout) is taken over."""

    def __init__(self, token):
        self.token = token
        self.renewed = time.monotonic()
        self.every = settings.REMINDER_CLAIM_TIMEOUT_MINUTES * 60 / 3

    def still_holds(self, reminder_pk):
        """Whether the rows are still this sweep's; a takeover takes them all, so
        one row tells."""
        return through_outages(self._still_holds, reminder_pk)

    def _still_holds(self, reminder_pk):
        if time.monotonic() - self.renewed > self.every:
            Reminder.objects.filter(
                claim=self.token, state=ReminderState.SENDING
            ).update(claimed_at=timezone.now())
            self.renewed = time.monotonic()
        return Reminder.objects.filter(pk=reminder_pk, claim=self.token).exists()


def record_due_reminders(*, today, now, claim):
    """Add a ledger row, claimed by this sweep, for each reminder due; rows already
    there stay as they are (claim_reminders takes those that wait).

    Only the actions changed since the day's last finished sweep began are looked
    at: that sweep recorded the rest, and what is due for an action on a given day
    depends on nothing but its status and due date. So a sweep with nothing new to
    do reads a few index entries, not every open action."""
    candidates = _candidates(today)
    if since := _recorded_since(today):
        candidates = candidates.filter(updated_at__gt=since)
    if connection.vendor == "postgresql":
        _insert_in_one_statement(candidates, today, now, claim)
        return
    Reminder.objects.bulk_create(
        [
            Reminder(
                action_id=pk,
                kind=kind,
                for_date=for_date,
                state=ReminderState.SENDING,
                claim=claim,
                claims=[str(claim)],
                claimed_at=now,
                created_at=now,
            )
            for pk, kind, for_date in _due_now(candidates, today)
        ],
        ignore_conflicts=True,
    )


# ROUTE_ORDER: a sweep numbers the reminders it records by kind, escalation and
# owner post, so those one email carries are a few runs of consecutive numbers,
# and its row (ReminderEmail) stores those runs rather than 66,000 numbers.

# An action saved in a transaction that began before a sweep's snapshot but
# committed after it is dated before that sweep: the next sweeps look back this
# far, longer than any transaction that changes actions (a large import).
RECORDING_OVERLAP = datetime.timedelta(minutes=30)


def _recorded_since(today):
    """When the latest sweep of `today` to finish began, less the overlap; None if
    none has finished, and every candidate is looked at."""
    started = ReminderSweep.objects.filter(for_date=today).aggregate(
        at=Max("started_at")
    )["at"]
    return started and started - RECORDING_OVERLAP


def _insert_in_one_statement(candidates, today, now, claim):
    """One INSERT … SELECT for every action at once: reminder_due is worked out in
    Python once per distinct due date (a few hundred), and joined to the actions.

    Rows are numbered in the order of their routes (ROUTE_ORDER)."""
    due_dates = candidates.order_by().values_list("due_date", flat=True).distinct()
    by_due_date = [
        (due_date, kind, for_date, escalated(kind, for_date, due_date))
        for due_date in due_dates
        if (due := reminder_due(due_date, today))
        for kind, for_date in [due]
    ]
    if not by_due_date:
        return
    actions = candidates.order_by().values_list("pk", "due_date", "owner_id")
    actions_sql, actions_params = actions.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Reminder._meta.db_table} (action_id, kind, for_date, "
            "state, created_at, claim, claims, claimed_at, attempts, last_error) "
            "SELECT a.id, d.kind, d.for_date, %s, %s, %s, "
            "jsonb_build_array(%s::text), %s, 0, '' "
            f"FROM ({actions_sql}) AS a (id, due_date, owner_id) "
            "JOIN UNNEST(%s::date[], %s::text[], %s::date[], %s::boolean[]) AS d "
            "(due_date, kind, for_date, escalated) ON a.due_date = d.due_date "
            "ORDER BY d.kind, d.escalated, a.owner_id "
            "ON CONFLICT (action_id, kind, for_date) DO NOTHING",
            [
                ReminderState.SENDING,
                now,
                claim,
                str(claim),
                now,
                *actions_params,
                *map(list, zip(*by_due_date, strict=True)),
            ],
        )


def _due_now(candidates, today):
    """(action pk, kind, for_date) of the latest reminder due for each action, in
    the order of their routes (ROUTE_ORDER)."""
    due = []
    rows = candidates.values_list("pk", "due_date", "owner_id")
    for pk, due_date, owner_id in rows.iterator(chunk_size=5000):
        if reminder := reminder_due(due_date, today):
            kind, for_date = reminder
            route = (kind, escalated(kind, for_date, due_date), owner_id or 0)
            due.append((route, pk, kind, for_date))
    return [row[1:] for row in sorted(due)]


def _candidates(today):
    horizon = today + datetime.timedelta(days=settings.REMINDER_DUE_SOON_DAYS)
    return Action.objects.filter(status__in=REMINDED_STATUSES, due_date__lte=horizon)


def claim_reminders(*, today, now, claim):
    """Claim the unsent reminders recorded earlier for this sweep: those waiting,
    and those a sweep claimed longer than the timeout ago (it died, or hung)."""
    timeout = datetime.timedelta(minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES)
    Reminder.objects.filter(
        Q(state=ReminderState.PENDING)
        | Q(state=ReminderState.SENDING, claimed_at__lt=now - timeout),
        for_date__lte=today,
    ).update(
        state=ReminderState.SENDING,
        claim=claim,
        claims=Appended(F("claims"), str(claim)),
        claimed_at=now,
    )


class Appended(Func):
    """A JSON array with one more string at its end."""

    output_field = JSONField()

    def __init__(self, array, text):
        super().__init__(array, Value(text))

    def _compiled(self, compiler):
        array, text = (compiler.compile(e) for e in self.get_source_expressions())
        return array[0], text[0], (*array[1], *text[1])

    def as_postgresql(self, compiler, connection):
        array, text, params = self._compiled(compiler)
        return f"({array} || jsonb_build_array(({text})::text))", params

    def as_sqlite(self, compiler, connection):
        array, text, params = self._compiled(compiler)
        return f"JSON_INSERT({array}, '$[#]', {text})", params


def _held_elsewhere(token, today):
    """What another sweep is sending, or died sending: taken over once its claim
    is older than the timeout."""
    return (
        Reminder.objects.filter(state=ReminderState.SENDING, for_date__lte=today)
        .exclude(claim=token)
        .aggregate(count=Count("pk"), since=Min("claimed_at"))
    )


def _claimed(token):
    rows = (
        Reminder.objects.filter(claim=token, state=ReminderState.SENDING)
        .order_by()
        .values_list("pk", "kind", "for_date", *DUE_FIELDS.values())
    )
    # PostgreSQL cannot know how many rows a new claim holds and guesses a handful,
    # so it would join a first sweep's 70,000 to four tables one index lookup at a
    # time: hash joins save 0.15 s of 0.35 (bench/reminder_sweep.py). Only in a
    # transaction of its own, where the setting ends with it: inside another it
    # would hold for the rest of that one.
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return [Due(*row) for row in rows]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_nestloop = off")
        return [Due(*row) for row in rows]


def _still_needed(reminders, today, now, report):
    """Cancel claimed reminders overtaken since they were recorded: the action was
    completed, its due date moved, or a later reminder replaced a failed one."""
    needed, overtaken = [], []
    for reminder in reminders:
        current = reminder.status in REMINDED_STATUSES and reminder.due_date
        if current and reminder_due(reminder.due_date, today) == (
            reminder.kind,
            reminder.for_date,
        ):
            needed.append(reminder)
        else:
            overtaken.append(reminder.pk)
    if overtaken:
        Reminder.objects.filter(pk__in=overtaken).update(
            state=ReminderState.CANCELLED, finished_at=now
        )
    report.cancelled = len(overtaken)
    return sorted(needed, key=lambda r: (r.due_date, r.reference))


def _delivered(token):
    """{(reminder pk, address): (outcome, error)} for what earlier sweeps' emails
    already dealt with: sent, held back (opted out), or perhaps delivered (outcome
    unknown) unless a person has since asked for it to be sent again.

    Only the reminders that an earlier sweep claimed too are looked at: in a
    first sweep, none."""
    retried = {
        pk: (claims, released_at)
        for pk, claims, released_at in Reminder.objects.filter(
            claim=token, state=ReminderState.SENDING
        )
        .exclude(claims=[str(token)])
        .values_list("pk", "claims", "released_at")
    }
    tokens = {claim for claims, _ in retried.values() for claim in claims}
    emails = ReminderEmail.objects.filter(
        claim__in=tokens - {str(token)},
        outcome__in=[
            DeliveryOutcome.SENT,
            DeliveryOutcome.OPTED_OUT,
            DeliveryOutcome.UNKNOWN,
        ],
    ).order_by("at", "pk")
    done = {}
    pks = sorted(retried)
    for email in emails:
        for pk in [*among(pks, email.reminders), *among(pks, email.copies)]:
            released_at = retried[pk][1]
            if email.outcome == DeliveryOutcome.UNKNOWN and (
                released_at and email.at < released_at
            ):
                continue
            done[pk, email.address] = (email.outcome, email.error)
    return done


class People:
    """Who can be reminded, looked up once per sweep rather than once per action."""

    def __init__(self, reminders):
        User = get_user_model()
        post_ids = {r.owner_id for r in reminders} - {None}
        self.holders = defaultdict(list)
        for held in Post.holders.through.objects.filter(
            post_id__in=post_ids, user__is_active=True
        ).select_related("user"):
            self.holders[held.post_id].append(held.user)
        active = User.objects.filter(is_active=True).order_by("last_name", "pk")
        self.secretariat = list(
            active.filter(groups__name=settings.REMINDER_SECRETARIAT_GROUP)
        )
        self.pcc_office = list(
            active.filter(groups__name=settings.REMINDER_PCC_OFFICE_GROUP)
        )
        self.opted_out = set(DueSoonOptOut.objects.values_list("user_id", flat=True))
        everyone = [*self.secretariat, *self.pcc_office]
        everyone += [user for users in self.holders.values() for user in users]
        self.address = {user.pk: address_of(user) for user in everyone}


def _route(reminders, report, *, today, skip, now, token=None):
    """One digest per address. An owner who opted out of due-soon emails gets a
    row saying so instead of an email (unless `token` is None: a preview).

    A first sweep over 100,000 actions puts 70,000 reminders into 330,000 places
    in digests: who gets what is worked out once per route (_route_key), and the
    people who get a reminder alike share one Item."""
    people = People(reminders)
    digests, opted_out, routes = {}, {}, {}

    def digest_of(user, kind):
        address = people.address[user.pk]
        kept_in = (
            opted_out
            if kind == ReminderKind.DUE_SOON and user.pk in people.opted_out
            else digests
        )
        if address not in kept_in:
            kept_in[address] = Digest(_name(user), address, user)
        return kept_in[address]

    for reminder in reminders:
        key = _route_key(reminder)
        if key not in routes:
            problem, recipients = _recipients(reminder, people)
            # Each distinct (copied, note) is one Item, shared by its digests.
            ways = list(dict.fromkeys((copied, note) for _, copied, note in recipients))
            targets = [
                (digest_of(user, reminder.kind), ways.index((copied, note)))
                for user, copied, note in recipients
            ]
            routes[key] = problem, ways, targets
            if key is None:  # A problem of this action's own.
                del routes[key]
        else:
            problem, ways, targets = routes[key]
        if problem:
            report.problems.append(f"{reminder.reference}: {problem}")
            logger.warning("Reminder for %s: %s", reminder.reference, problem)
        if not targets:
            report.unsendable[reminder.pk] = (
                "Nobody to send it to: no holder of the owner post and nobody in the "
                f"{settings.REMINDER_SECRETARIAT_GROUP} group has an email address."
            )
        items = [Item(reminder, today, copied, note) for copied, note in ways]
        for digest, way in targets:
            if not skip or (reminder.pk, digest.address) not in skip:
                digest.items.append(items[way])
    if token:
        for digest in opted_out.values():
            if digest.items:
                _record_email(token, digest, outcome=DeliveryOutcome.OPTED_OUT, at=now)
    return [digest for digest in digests.values() if digest.items]


def _route_key(reminder):
    """What decides who gets a reminder: its owner post, kind and whether it is
    escalated. None for one whose due date is before its meeting's: a problem
    of its own, with the dates in it."""
    if reminder.due_date < reminder.meeting_date:
        return None
    return reminder.owner_id, reminder.kind, _escalated(reminder)


def _escalated(reminder):
    return escalated(reminder.kind, reminder.for_date, reminder.due_date)


def escalated(kind, for_date, due_date):
    """Whether a reminder is copied to the PCC's office too."""
    return (
        kind == ReminderKind.OVERDUE
        and (for_date - due_date).days >= settings.REMINDER_ESCALATE_AFTER_DAYS
    )


def _recipients(reminder, people):
    """(problem, [(user, copied, note)]): each person this reminder goes to,
    owners first, and why not as usual, for the secretariat to put right."""
    problem = _problem(reminder, people)
    owners = _owners(reminder, people)
    chosen = {}

    def choose(users, copied, note):
        for user in users:
            if address := people.address[user.pk]:
                chosen.setdefault(address, (user, copied, note))

    choose(owners, False, "")
    if problem or reminder.kind == ReminderKind.OVERDUE:
        note = problem or "Copied to the OPCC secretariat because it is overdue."
        choose(people.secretariat, bool(owners), note)
    if not problem and _escalated(reminder):
        note = (
            "Copied to the PCC’s office because it is more than "
            f"{settings.REMINDER_ESCALATE_AFTER_DAYS} days overdue."
        )
        choose(people.pcc_office, True, note)
    return problem, list(chosen.values())


def address_of(user):
    """The user's email address as one spelling, or "" if it is not one."""
    address = user.email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def _owners(reminder, people):
    if reminder.due_date < reminder.meeting_date:
        return []
    return [
        user for user in people.holders[reminder.owner_id] if people.address[user.pk]
    ]


def _problem(reminder, people):
    """Why the owner cannot be reminded as usual, for the secretariat to put right."""
    if reminder.due_date < reminder.meeting_date:
        return (
            f"Its due date, {_day(reminder.due_date)}, is before the meeting that "
            f"agreed it on {_day(reminder.meeting_date)}. Please correct the due date."
        )
    if reminder.owner_id is None:
        return "It needs an owner. Please assign it to a post."
    holders = people.holders[reminder.owner_id]
    if not holders:
        return f"Nobody holds the post {reminder.owner}. Please add its holder."
    without_email = [_name(user) for user in holders if not people.address[user.pk]]
    if without_email:
        return (
            f"{', '.join(without_email)} (holding {reminder.owner}) has no usable "
            "email address, so was not reminded. Please correct it."
        )
    return ""


def _name(user):
    # One line whatever is stored: a line break in an email header fails the send.
    return one_line(user.get_full_name()) or user.get_username()


def _send(token, digest, today, mailer, report, updates):
    try:
        message(digest, today, mailer, updates).send()
    except OutcomeUnknown as error:
        # Perhaps delivered: not sent again automatically, shown for a person.
        logger.warning("Reminder email to %s: outcome unknown", digest.address)
        report.unknown.append((digest, str(error)))
        outcome, error_text = DeliveryOutcome.UNKNOWN, str(error)
    # Whatever stops one email (SMTP down, an address the server refuses) is
    # recorded against it, and the others still go.
    except Exception as error:
        logger.exception("Reminder email to %s failed", digest.address)
        report.failed.append((digest, str(error) or repr(error)))
        outcome, error_text = DeliveryOutcome.FAILED, str(error) or repr(error)
    else:
        logger.info(
            "Reminded %s of %d action%s",
            digest.address,
            len(digest.items),
            pluralize(len(digest.items)),
        )
        report.sent.append(digest)
        outcome, error_text = DeliveryOutcome.SENT, ""
    # Recorded at once: a sweep killed after this email resends only the others,
    # and one whose database went away waits for it rather than forget the email.
    through_outages(
        _record_email,
        token,
        digest,
        outcome=outcome,
        at=timezone.now(),
        error=error_text,
    )


def through_outages(write, *args, **kwargs):
    """Call `write` until the database answers, for up to a third of the claim
    timeout: long enough to ride out a restart or a network cut, short enough that
    no other sweep takes the rows over meanwhile (the claim was renewed at most a
    third of the timeout ago). Then the error goes up and the sweep fails.

    Inside a transaction (tests) there is nothing to reconnect to: it fails at once.
    """
    deadline = time.monotonic() + settings.REMINDER_CLAIM_TIMEOUT_MINUTES * 20
    pause = 0.5
    while True:
        try:
            return write(*args, **kwargs)
        except (OperationalError, InterfaceError) as error:
            if connection.in_atomic_block or time.monotonic() + pause > deadline:
                raise
            logger.warning("Database unreachable mid-sweep, trying again: %s", error)
            # Django reconnects on the next query once the broken one is closed.
            connection.close()
            time.sleep(pause)
            pause = min(pause * 2, 10)


def _record_email(token, digest, *, outcome, at, error=""):
    """One row for the email, naming the reminders it carried (a resend skips
    whoever has one): one insert, however many reminders and copies."""
    email = ReminderEmail(
        claim=token,
        name=digest.name,
        address=digest.address,
        reminders=digest.runs[0],
        copies=digest.runs[1],
        outcome=outcome,
        at=at,
        error=error,
    )
    # Written again after a database cut hid that it was: the row is there.
    with contextlib.suppress(IntegrityError):
        email.save(force_insert=True)


def _finish(token, now, report, earlier):
    """Settle this sweep's claimed rows; returns how many wait for a retry.

    A reminder is sent again (up to REMINDER_MAX_ATTEMPTS) if an email of this
    sweep carrying it failed; else of unknown outcome if one carrying it, now or
    earlier, may not have arrived; else sent. Worked out here from the emails
    this sweep sent, so a sweep where all went well settles its rows with one
    UPDATE."""
    claimed = Reminder.objects.filter(claim=token, state=ReminderState.SENDING)
    for reason, pks in _by_value(report.unsendable).items():
        _update_each(
            claimed, pks, state=ReminderState.FAILED, finished_at=now, last_error=reason
        )
    failed = _errors_of(report.failed)
    unknown = {
        pk: error
        for (pk, _), (outcome, error) in earlier.items()
        if outcome == DeliveryOutcome.UNKNOWN
    }
    unknown.update(_errors_of(report.unknown))
    last_try = Q(attempts__gte=settings.REMINDER_MAX_ATTEMPTS - 1)
    for error, pks in _by_value(failed).items():
        _update_each(
            claimed,
            pks,
            attempts=F("attempts") + 1,
            last_error=Value(error),
            state=Case(
                When(last_try, then=Value(ReminderState.FAILED)),
                default=Value(ReminderState.PENDING),
            ),
            finished_at=Case(When(last_try, then=Value(now)), default=None),
        )
    for error, pks in _by_value(unknown).items():
        _update_each(
            claimed,
            pks - failed.keys(),
            state=ReminderState.UNKNOWN,
            finished_at=now,
            last_error=error,
        )
    claimed.update(state=ReminderState.SENT, finished_at=now, last_error="")
    return Reminder.objects.filter(claim=token, state=ReminderState.PENDING).count()


def _errors_of(emails):
    """{reminder pk: error} for the reminders the (digest, error) pairs carried."""
    return {
        item.reminder.pk: error for digest, error in emails for item in digest.items
    }


def _by_value(mapping):
    grouped = defaultdict(set)
    for key, value in mapping.items():
        grouped[value].add(key)
    return grouped


def _update_each(queryset, pks, **values):
    """queryset.filter(pk__in=pks).update(**values), a few thousand pks at a time:
    SQLite takes only so many parameters."""
    pks = sorted(pks)
    for start in range(0, len(pks), 5000):
        queryset.filter(pk__in=pks[start : start + 5000]).update(**values)


def preview_due_reminders(*, today) -> tuple[list[Digest], SweepReport]:
    """The digests a sweep would send today, and the problems it would report,
    without writing or sending anything.

    (A reminder an earlier attempt delivered to some of its recipients is shown
    with all of them.)"""
    settled = set(
        Reminder.objects.filter(action__in=_candidates(today))
        .exclude(state=ReminderState.PENDING)
        .values_list("action_id", "kind", "for_date")
    )
    on_action = [path.removeprefix("action__") for path in DUE_FIELDS.values()]
    on_action[on_action.index("action_id")] = "pk"
    reminders = []
    for row in _candidates(today).values_list(*on_action):
        values = dict(zip(DUE_FIELDS, row, strict=True))
        due = reminder_due(values["due_date"], today)
        if due and (values["action_id"], *due) not in settled:
            reminders.append(Due(None, *due, **values))
    report = SweepReport()
    digests = _route(reminders, report, today=today, skip=set(), now=None)
    return digests, report
