import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from actions.models import Post
from meetings.marking import AtItem, AtItemQuerySet, marking_constraints
from meetings.models import AgendaItem, Meeting, MeetingType
from notifications.models import EmailLedger, EmailState


class Board(models.Model):
    """The body that meets, e.g. the Police Accountability Board."""

    name = models.CharField(max_length=200, unique=True)
    # The label its meetings usually carry in the minutes; imported minutes of
    # this type join this board.
    meeting_type = models.ForeignKey(
        MeetingType,
        on_delete=models.PROTECT,
        related_name="boards",
        verbose_name="Usual type of meeting",
    )
    members = models.ManyToManyField(
        Post,
        blank=True,
        related_name="boards",
        help_text="The posts that sit on the board; whoever holds them gets the "
        "agenda.",
    )
    chair = models.CharField("Usual chair", max_length=200, blank=True)
    venue = models.CharField("Usual venue", max_length=200, blank=True)
    minute_taker = models.CharField("Usual minute-taker", max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="board_has_name")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def for_meeting_type(cls, meeting_type):
        """The board whose meetings carry this label, made if there is none."""
        board = cls.objects.filter(meeting_type=meeting_type).first()
        if board is None:
            board, _ = cls.objects.get_or_create(
                name=meeting_type.name, defaults={"meeting_type": meeting_type}
            )
        return board


class FrozenMatterArising(models.Model):
    """An action as it stood under matters arising when the minutes were approved:
    the record of what the meeting reviewed, unchanged when the action moves on."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="frozen_arising"
    )
    position = models.PositiveIntegerField()
    # A link while the action exists; the words below are the record.
    action = models.ForeignKey(
        "actions.Action", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reference = models.CharField(max_length=30)
    description = models.TextField()
    raised_on = models.DateField()
    owner = models.CharField(max_length=300, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=100)
    latest_update = models.TextField(blank=True)
    latest_update_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name_plural = "frozen matters arising"

    def __str__(self):
        return f"{self.reference} as arising at {self.meeting}"


class DecisionQuerySet(AtItemQuerySet):
    def last_number(self, prefix):
        """The highest n of the numbers "<prefix><n>", or 0 if there are none."""
        numbers = [
            int(suffix)
            for number in self.filter(number__startswith=prefix).values_list(
                "number", flat=True
            )
            if (suffix := number.removeprefix(prefix)).isdigit()
        ]
        return max(numbers, default=0)


class Decision(AtItem):
    """What a board decided at an item ("RESOLVED: …"), as the minutes record it."""

    number = models.CharField(
        max_length=30, unique=True, help_text="e.g. “2021-03/D1”; never changes."
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="decisions"
    )
    text = models.TextField("Decision")
    significant_public_interest = models.BooleanField(
        "Of significant public interest",
        default=False,
        help_text="Decisions the PCC must publish.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item__meeting__date", "agenda_item__position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="decision_has_text"),
            models.CheckConstraint(condition=~Q(number=""), name="decision_has_number"),
            *marking_constraints(),
        ]

    def __str__(self):
        return f"{self.number} {self.text[:60]}"


def paper_path(paper, filename):
    # An unguessable name with no extension: the original name is kept in the row.
    return f"papers/{paper.pk.hex}"


class Paper(AtItem):
    """A paper for an agenda item; served only through the access-checked view."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="papers"
    )
    file = models.FileField(upload_to=paper_path, max_length=200)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = AtItemQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item", "name"]
        constraints = marking_constraints()

    def __str__(self):
        return self.name


class AgendaIssue(models.Model):
    """One issue of a meeting's agenda to the board's members: the first, or a
    revision. `contents` is the agenda as sent, to say what the next one changes."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_issues"
    )
    revision = models.PositiveIntegerField()
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    contents = models.JSONField()
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["meeting", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "revision"], name="agenda_issue_revision_unique"
            )
        ]

    def __str__(self):
        return f"{self.title} of {self.meeting}"

    @property
    def title(self):
        return "Agenda" if self.revision == 1 else f"Agenda — revision {self.revision}"

    def has_unsent_emails(self):
        return any(email.state != EmailState.SENT for email in self.emails.all())


class AgendaEmail(EmailLedger):
    """One member's email of one issue of the agenda: recorded with the issue,
    sent by a worker after it (notifications.outbox), tried again if it fails."""

    State = EmailState

    issue = models.ForeignKey(
        AgendaIssue, on_delete=models.CASCADE, related_name="emails"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Name and address as they were at the issue: people change and leave.
    name = models.CharField(max_length=300)
    address = models.EmailField()

    class Meta:
        ordering = ["issue", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "address"], name="agenda_email_once_per_address"
            ),
            models.CheckConstraint(
                condition=Q(state__in=EmailState.values),
                name="agenda_email_state_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["state", "send_after"],
                condition=Q(state__in=["pending", "sending"]),
                name="agenda_email_unfinished",
            ),
        ]

    def __str__(self):
        return f"{self.issue} to {self.address}"
