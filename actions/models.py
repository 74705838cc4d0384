import bisect
import itertools
import math
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from meetings.marking import (
    Marked,
    Marking,
    at_sensitive_item,
    marking_constraints,
    posts_held,
    sees_all_sensitive,
)
from meetings.models import AgendaItem, MeetingStatus, MeetingType


class Organisation(models.TextChoices):
    FORCE = "force", "Force"
    OPCC = "opcc", "OPCC"


class Post(models.Model):
    """An office that owns actions, e.g. Chief Constable: people go, the post stays."""

    Organisation = Organisation

    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(max_length=20, help_text="e.g. “ACC”.")
    organisation = models.CharField(max_length=10, choices=Organisation.choices)
    # Reminders go to whoever is in this list when they are sent.
    holders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="posts"
    )
    is_active = models.BooleanField(
        default=True, help_text="Untick when the post is abolished; its history stays."
    )

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__in=Organisation.values),
                name="post_organisation_valid",
            ),
            models.CheckConstraint(
                condition=~Q(abbreviation=""), name="post_has_abbreviation"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})"

    def is_held_by(self, user):
        # The user's posts are read once per request: a page asks this of several
        # rules (who may update, move, ask for more time).
        return user.is_authenticated and self.pk in posts_held(user)


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed – awaiting sign-off"
    CLOSED = "closed", "Closed"
    SUPERSEDED = "superseded", "Superseded"


# Not yet signed off or superseded: still owed to the PCC.
OPEN_STATUSES = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED]


# Marked itself, or raised at an item so marked.
SENSITIVE_ACTION = Q(marking=Marking.OFFICIAL_SENSITIVE) | at_sensitive_item()


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today):
        return self.filter(due_date__lt=today)

    def visible_to(self, user):
        """Need-to-know: OFFICIAL-SENSITIVE actions, and those raised at items so
        marked, only for those who see everything marked and the owner post's
        holders. Every list, count, search, export and feed goes through this."""
        if not user.is_authenticated:
            return self.none()
        if sees_all_sensitive(user):
            return self
        return self.filter(~SENSITIVE_ACTION | Q(owner__in=posts_held(user)))

    def marking(self):
        """The highest marking among these actions, for what lists them all."""
        if self.filter(SENSITIVE_ACTION).exists():
            return Marking.OFFICIAL_SENSITIVE
        return Marking.OFFICIAL

    def owned_by(self, user):
        """Actions owned by any post the user holds.

        The posts are read first (a query): joined through their holders instead,
        PostgreSQL walked every open action to find the few of one post."""
        return self.owned_by_posts(posts_held(user))

    def owned_by_posts(self, posts):
        return self.filter(owner__in=posts)

    def with_latest_update(self):
        """Annotate latest_update and latest_update_at: the newest progress note."""
        latest = ActionUpdate.objects.filter(action=models.OuterRef("pk")).order_by(
            "-created_at", "-pk"
        )
        return self.annotate(
            latest_update=models.Subquery(latest.values("text")[:1]),
            latest_update_at=models.Subquery(latest.values("created_at")[:1]),
        )

    def arising_at(self, meeting):
        """Matters arising: actions still open from earlier meetings of the same
        board, and from any meeting whose minutes name this one as the next; what
        the secretariat used to copy out by hand for the first item."""
        earlier = Q(
            agenda_item__meeting__board=meeting.board_id,
            agenda_item__meeting__date__lt=meeting.date,
        )
        return (
            self.open()
            .filter(earlier | Q(agenda_item__meeting__next_meeting=meeting.pk))
            .select_related("owner", "agenda_item__meeting")
            .with_latest_update()
            .order_by(models.F("due_date").asc(nulls_last=True), "reference")
        )

    def last_reference_number(self, prefix):
        """The highest n of the references "<prefix><n>", or 0 if there are none."""
        numbers = [
            int(suffix)
            for reference in self.filter(reference__startswith=prefix).values_list(
                "reference", flat=True
            )
            if (suffix := reference.removeprefix(prefix)).isdigit()
        ]
        return max(numbers, default=0)


class Action(Marked):
    """Something agreed at an agenda item, owned by a post, tracked until signed off."""

    Status = ActionStatus

    reference = models.CharField(
        max_length=30, unique=True, help_text="e.g. “2021-03/2”; never changes."
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField()
    # No owner: the minutes named nobody, so it "needs an owner" until assigned.
    owner = models.ForeignKey(
        Post, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    due_date = models.DateField(null=True, blank=True)
    # The due date first agreed, kept when it is extended: "due 23 Sep 2021,
    # extended to 31 Oct 2021".
    original_due_date = models.DateField(null=True, blank=True)
    due_phrase = models.CharField(
        max_length=200, blank=True, help_text="As minuted, e.g. “in 6 months”."
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: every change claims the version it was based on.
    version = models.PositiveIntegerField(default=1)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["due_date", "reference"]
        permissions = [
            ("change_action_status", "Can change the status of an action"),
            ("sign_off_action", "Can sign off or reject a completed action"),
        ]
        indexes = [
            # The actions list's order: due date, undated last, then reference.
            models.Index(fields=["due_date", "reference"], name="action_by_due"),
            # Used by the dashboard and the reminder sweep: the few actions still
            # owed among years of closed ones. The dashboard's figures are counted
            # from this index alone (an index-only scan, on PostgreSQL): it holds
            # every column they read.
            models.Index(
                fields=["due_date"],
                include=["status", "owner", "agenda_item"],
                condition=Q(status__in=OPEN_STATUSES),
                name="action_owed_by_due",
            ),
            # "My actions": the open actions of the posts a user holds, by due date.
            models.Index(
                fields=["owner", "due_date"],
                condition=Q(status__in=OPEN_STATUSES),
                name="action_owed_by_owner",
            ),
            # "Closed in the last 90 days" on the dashboard.
            models.Index(fields=["status", "closed_at"], name="action_by_closure"),
            # The reminder sweeps after a day's first: only the actions changed
            # since the last one (actions.reminders.record_due_reminders).
            models.Index(
                fields=["updated_at"],
                condition=Q(status__in=OPEN_STATUSES),
                name="action_owed_by_change",
            ),
            # Need-to-know: the items at which a user's posts own an action, read
            # from this index alone (meetings.marking.items_concerning).
            models.Index(fields=["owner", "agenda_item"], name="action_owner_item"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(reference=""), name="action_has_reference"
            ),
            models.CheckConstraint(
                condition=~Q(description=""), name="action_has_description"
            ),
            *marking_constraints(),
        ]

    def __str__(self):
        return f"{self.reference} {self.description[:60]}"

    @property
    def is_sensitive(self):
        """Marked itself, or raised at an item marked OFFICIAL-SENSITIVE."""
        return super().is_sensitive or self.agenda_item.is_sensitive

    def is_visible_to(self, user):
        return (
            not self.is_sensitive
            or sees_all_sensitive(user)
            or (self.owner_id is not None and self.owner.is_held_by(user))
        )

    @property
    def needs_owner(self):
        return self.owner_id is None

    @property
    def is_finished(self):
        """Signed off or superseded: it changes again only if reopened."""
        return self.status in (ActionStatus.CLOSED, ActionStatus.SUPERSEDED)

    @property
    def is_extended(self):
        return self.original_due_date is not None and self.original_due_date != (
            self.due_date
        )

    def days_overdue(self, today):
        return (today - self.due_date).days if self.is_overdue(today) else 0

    def is_overdue(self, today):
        return (
            self.due_date is not None
            and self.due_date < today
            and self.status in OPEN_STATUSES
        )

    def is_editable_by(self, user):
        """Description, owner and due date are the OPCC's to change."""
        return user.has_perm("actions.change_action")

    @property
    def wording_is_locked(self):
        """Once its minutes are approved, the action reads as approved: wording and
        owner change only by a correction, whose reason the history keeps."""
        return self.agenda_item.meeting.status != MeetingStatus.DRAFT

    def can_be_updated_by(self, user):
        """Progress notes: OPCC staff on any action, the force on its own posts'."""
        if self.status == self.Status.CLOSED or not user.has_perm(
            "actions.add_actionupdate"
        ):
            return False
        if user.has_perm("actions.change_action"):
            return True
        return (
            self.owner is not None
            and self.owner.organisation == Post.Organisation.FORCE
            and self.owner.is_held_by(user)
        )


class OverdueAtMonthEnd(models.Model):
    """The actions overdue at the end of a past month, kept: the dashboard's trend.

    Worked out once from the history (actions.trend), and again only when records
    dated back into it arrive."""

    month_end = models.DateField(unique=True)
    # [[owner post id or null, its organisation or null, meeting type id,
    #   1 if OFFICIAL-SENSITIVE else 0, overdue]]
    counts = models.JSONField(default=list)
    # The newest action, action version, meeting version and item version when it
    # was worked out: anything newer may have been dated back into it.
    seen = models.JSONField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["month_end"]
        verbose_name_plural = "overdue at month ends"

    def __str__(self):
        return f"Overdue at {self.month_end:%d %b %Y}"


class ActionUpdate(models.Model):
    """A dated progress note on an action, by the user who wrote it."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="action_updates",
    )
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField()

    class Meta:
        ordering = ["action", "created_at", "pk"]
        get_latest_by = "created_at"
        # Used by with_latest_update: the newest note of each action, read off the
        # index in its order (the pk breaks ties) rather than sorted per action.
        indexes = [
            models.Index(
                fields=["action", "-created_at", "-id"], name="update_newest_first"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""), name="action_update_has_text"
            ),
        ]

    def __str__(self):
        return f"{self.action.reference} update by {self.author}"


def attachment_path(attachment, filename):
    # An unguessable name with no extension: the original name is kept in the row.
    return f"attachments/{attachment.pk.hex}"


class Attachment(models.Model):
    """Evidence attached to an update; served only through the access-checked view."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    update = models.ForeignKey(
        ActionUpdate, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["update", "name"]

    def __str__(self):
        return self.name


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due soon"
    DUE_TODAY = "due_today", "Due today"
    OVERDUE = "overdue", "Overdue"


class ReminderState(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    # Not sent again automatically: a person decides (action page, admin).
    UNKNOWN = "unknown", "Outcome unknown"
    CANCELLED = "cancelled", "No longer needed"


class Reminder(models.Model):
    """One reminder about one action for one day, claimed before it is emailed."""

    Kind = ReminderKind
    State = ReminderState

    # The unique (action, kind, for_date) index serves lookups by action; a second
    # index would cost a first sweep's 70,000 inserts and updates for nothing.
    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="reminders", db_index=False
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The day the reminder fell due; a sweep that runs late still uses this date.
    for_date = models.DateField()
    state = models.CharField(
        max_length=20, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The sweep that holds the claim; a claim older than the timeout is taken over.
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Every sweep that claimed it, oldest first: their emails are its deliveries.
    claims = models.JSONField(default=list, editable=False)
    # When a person asked for it to be sent again: an unknown outcome before
    # this no longer counts as delivered.
    released_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-for_date", "action"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind", "for_date"], name="reminder_once_per_day"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReminderKind.values), name="reminder_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReminderState.values),
                name="reminder_state_valid",
            ),
        ]
        indexes = [
            # Used by claim_reminders: only the few unfinished rows are scanned.
            models.Index(
                fields=["state", "claimed_at"],
                condition=Q(state__in=[ReminderState.PENDING, ReminderState.SENDING]),
                name="reminder_unfinished",
            ),
            # A sweep looks up only the rows it is sending by its claim; kept to
            # those, the index costs nothing when a first sweep marks 70,000 rows
            # sent (no entry to add for each new row version).
            models.Index(
                fields=["claim"],
                condition=Q(state__in=[ReminderState.PENDING, ReminderState.SENDING]),
                name="reminder_claim_unfinished",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for {self.action.reference}"


class DeliveryOutcome(models.TextChoices):
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    UNKNOWN = "unknown", "Outcome unknown: the mail server never confirmed it"
    OPTED_OUT = "opted_out", "Not sent: opted out of due-soon emails"


class ReminderEmail(models.Model):
    """One email a sweep sent, or tried to (or held back from someone who opted
    out), and the reminders it carried: a resend skips whoever has a reminder.

    A row per email rather than per reminder and person: the OPCC staff and the
    PCC's office are copied on most reminders, and a first sweep over 100,000
    actions wrote 330,000 rows a reminder each."""

    Outcome = DeliveryOutcome

    # The sweep that sent it; a reminder lists every sweep that claimed it
    # (Reminder.claims), so its emails are found by these few tokens.
    claim = models.UUIDField()
    # Name and address as they were when sent: people change and leave.
    name = models.CharField(max_length=300)
    address = models.EmailField()
    # The reminders the recipient was sent as the owner, and as a copy: their pks
    # as runs, [[first, last], …] (a sweep numbers its reminders so that one
    # email's are a few runs: reminders.ROUTE_ORDER).
    reminders = models.JSONField(default=list)
    copies = models.JSONField(default=list)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    at = models.DateTimeField()
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=DeliveryOutcome.values),
                name="reminder_email_outcome_valid",
            ),
            # A sweep emails each address once (and may hold some back, opted
            # out): a row written again after a database cut is the same row.
            models.UniqueConstraint(
                fields=["claim", "address", "outcome"], name="reminder_email_once"
            ),
        ]

    def __str__(self):
        return f"Reminders to {self.address} at {self.at:%Y-%m-%d %H:%M}"

    def carries(self, reminder_pk):
        """None if this email did not carry the reminder; else whether as a copy."""
        if in_runs(reminder_pk, self.reminders):
            return False
        if in_runs(reminder_pk, self.copies):
            return True
        return None

    def still_counts_for(self, reminder):
        """Whether this email, which carried `reminder`, is still its news: a
        failure is, until a later sweep tries again; an unknown outcome, until a
        person asks for it to be sent again."""
        if self.outcome == DeliveryOutcome.FAILED:
            return reminder.claims[-1:] == [str(self.claim)]
        if self.outcome == DeliveryOutcome.UNKNOWN and reminder.released_at:
            return self.at >= reminder.released_at
        return True


def runs_of(pks):
    """Numbers as runs of consecutive ones: [3, 1, 2, 7] -> [[1, 3], [7, 7]]."""
    pks = sorted(pks)
    if not pks:
        return []
    # Comprehensions over pairs rather than a loop: a first sweep's emails carry
    # 330,000 numbers.
    gaps = [
        (before, after)
        for before, after in itertools.pairwise(pks)
        if after != before + 1
    ]
    firsts = [pks[0], *(after for _, after in gaps)]
    lasts = [*(before for before, _ in gaps), pks[-1]]
    return [[first, last] for first, last in zip(firsts, lasts, strict=True)]


def in_runs(pk, runs):
    at = bisect.bisect_right(runs, [pk, math.inf])
    return bool(at) and runs[at - 1][0] <= pk <= runs[at - 1][1]


def among(pks, runs):
    """Those of the sorted `pks` in `runs`."""
    for first, last in runs:
        yield from pks[bisect.bisect_left(pks, first) : bisect.bisect_right(pks, last)]


@dataclass(frozen=True)
class Delivery:
    """A reminder as one person got it (or did not): the latest email to their
    address that carried it."""

    name: str
    address: str
    copied: bool
    outcome: str
    at: object
    error: str

    def get_outcome_display(self):
        return DeliveryOutcome(self.outcome).label


def with_deliveries(reminders):
    """`reminders` as a list, each with its `deliveries` (deliveries_of)."""
    reminders = list(reminders)
    found = deliveries_of(reminders)
    for reminder in reminders:
        reminder.deliveries = found[reminder.pk]
    return reminders


def deliveries_of(reminders):
    """{reminder pk: [Delivery, …]} for `reminders` (with their claims), each
    address once, owners before copies: one query, whatever their number."""
    reminders = list(reminders)
    tokens = {claim for reminder in reminders for claim in reminder.claims}
    emails = ReminderEmail.objects.filter(claim__in=tokens).order_by("at", "pk")
    found = {reminder.pk: {} for reminder in reminders}
    for email in emails:
        for reminder in reminders:
            copied = email.carries(reminder.pk)
            if copied is not None and email.still_counts_for(reminder):
                found[reminder.pk][email.address] = Delivery(
                    email.name,
                    email.address,
                    copied,
                    email.outcome,
                    email.at,
                    email.error,
                )
    return {
        pk: sorted(by_address.values(), key=lambda d: (d.copied, d.name))
        for pk, by_address in found.items()
    }


class ReminderSweep(models.Model):
    """One sweep that ran to its end, with its figures: /healthz reads the latest."""

    # The reminder day swept (README "Reminders": the day starts at REMINDER_HOUR).
    for_date = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(db_index=True)
    reminders = models.PositiveIntegerField(help_text="Reminders claimed and due.")
    sent = models.PositiveIntegerField(help_text="Emails the mail server accepted.")
    failed = models.PositiveIntegerField(help_text="Emails that failed.")
    unknown = models.PositiveIntegerField(
        help_text="Emails whose outcome is unknown: the server took the message "
        "but never said whether it accepted it."
    )

    class Meta:
        ordering = ["-finished_at"]
        indexes = [
            # The latest sweep of a day: where the next one starts looking.
            models.Index(fields=["for_date", "started_at"], name="sweep_by_day"),
        ]

    def __str__(self):
        return f"Sweep for {self.for_date} finished {self.finished_at:%Y-%m-%d %H:%M}"


class DueSoonOptOut(models.Model):
    """A user who asked not to be emailed before an action is due.

    Due-today and overdue reminders cannot be opted out of."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="due_soon_opt_out",
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} opted out of due-soon reminders"


def new_calendar_token():
    return secrets.token_urlsafe(32)


class CalendarHolds(models.TextChoices):
    MINE = "mine", "My posts’ actions"
    EVERYTHING = "everything", "Everything owed, as on the dashboard"


class CalendarFeed(models.Model):
    """A user's private calendar address: whoever has it sees the due dates of the
    actions it holds, so it is random, and replaced when it may have leaked."""

    Holds = CalendarHolds

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(default=timezone.now)
    # The PCC and the OPCC hold no post that owns actions: their calendar holds
    # everything owed, narrowed by the dashboard's filters below.
    holds = models.CharField(max_length=20, choices=Holds.choices, default=Holds.MINE)
    meeting_type = models.ForeignKey(
        MeetingType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.CharField(
        max_length=10, choices=Organisation.choices, blank=True
    )
    owner = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(holds__in=CalendarHolds.values),
                name="calendar_holds_valid",
            ),
        ]

    def __str__(self):
        return f"Calendar of {self.user}"

    def replace_token(self):
        self.token = new_calendar_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])
