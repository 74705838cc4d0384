from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from meetings.marking import (
    SENSITIVE,
    AgendaItemQuerySet,
    Marked,
    marking_constraints,
)


class MeetingType(models.Model):
    """A series of meetings, e.g. "Monthly Assurance Meeting"."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"


class Meeting(models.Model):
    """One sitting of a meeting, and the header block of its minutes."""

    Status = MeetingStatus

    # The body that meets; named by string so that meetings imports no board code.
    board = models.ForeignKey(
        "boards.Board", on_delete=models.PROTECT, related_name="meetings"
    )
    # A label, as the minutes call the meeting ("Performance Review").
    meeting_type = models.ForeignKey(
        MeetingType, on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(max_length=300)
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(
        max_length=200, blank=True, help_text="“Virtual” is a venue."
    )
    chair = models.CharField(max_length=200, blank=True)
    minute_taker = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # The minutes' own words about the next meeting, kept even before that
    # meeting exists in Assurance; `next_meeting` links it once it does.
    next_meeting_title = models.CharField(max_length=300, blank=True)
    next_meeting_date = models.DateField(null=True, blank=True)
    next_meeting_time = models.TimeField(null=True, blank=True)
    next_meeting = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="previous_meetings",
    )
    # In UK practice minutes are agreed as a true record at a later meeting,
    # which then lists them as its first item.
    agreed_at = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreed_minutes",
        verbose_name="Agreed as a true record at",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values),
                name="meeting_status_valid",
            ),
            # Importing the same minutes twice must not create a second meeting.
            models.UniqueConstraint(
                fields=["meeting_type", "date", "title"], name="meeting_unique_sitting"
            ),
            models.CheckConstraint(
                condition=~Q(next_meeting=models.F("pk")),
                name="meeting_next_is_not_itself",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d %b %Y})"

    @property
    def next_meeting_on(self):
        """The next meeting's date: the linked meeting's if known, else as minuted."""
        if self.next_meeting_id:
            return self.next_meeting.date
        return self.next_meeting_date

    def publish(self, *, by):
        """Publish approved minutes, as OPCC staff; the history keeps who.

        Approval is boards.services.approve_minutes: it freezes the matters
        arising, which this app cannot list."""
        if self.status != MeetingStatus.APPROVED or not by.has_perm(
            "meetings.change_meeting"
        ):
            status = self.get_status_display().lower()
            raise PermissionDenied(f"You cannot publish minutes that are {status}.")
        self.status = MeetingStatus.PUBLISHED
        self._history_user = by
        self._change_reason = "Minutes published"
        self.save(update_fields=["status", "updated_at"])

    def link_next_meeting(self, following):
        """The meeting after this one now exists: link it, and note its date, while
        these minutes are a draft; approved minutes stay as approved."""
        if self.next_meeting_id is None and self.status == MeetingStatus.DRAFT:
            self.next_meeting = following
            self.next_meeting_date = self.next_meeting_date or following.date
            self.save(update_fields=["next_meeting", "next_meeting_date", "updated_at"])

    def copy_attendance_from(self, previous):
        """Start the attendance list from the previous meeting of the series."""
        Attendee.objects.bulk_create(
            Attendee(
                meeting=self,
                name=person.name,
                capacity=person.capacity,
                abbreviation=person.abbreviation,
                position=person.position,
            )
            for person in previous.attendees.all()
        )

    def is_editable_by(self, user):
        """OPCC staff edit minutes until they are approved; then superusers only."""
        if user.is_superuser:
            return True
        return self.status == self.Status.DRAFT and user.has_perm(
            "meetings.change_meeting"
        )


class StaysInItsMinutes:
    """An attendee or item belongs to the minutes it was written in: moving it
    would add to minutes approved without it. Whoever saves it (the pages, the
    admin, a superuser) goes through `clean`."""

    @classmethod
    def from_db(cls, db, field_names, values):
        row = super().from_db(db, field_names, values)
        # What the row was read with, to compare without another query.
        row._meeting_as_read = row.__dict__.get("meeting_id")
        return row

    def clean(self):
        super().clean()
        as_read = getattr(self, "_meeting_as_read", None)
        if self.pk and as_read is not None and as_read != self.meeting_id:
            raise ValidationError(
                {"meeting": "This stays in the minutes it was written in."}
            )


class Attendance(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    IN_ATTENDANCE = "in_attendance", "In attendance"


class Attendee(StaysInItsMinutes, models.Model):
    """A person at (or sending apologies to) a meeting, as the minutes name them."""

    Attendance = Attendance

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendees"
    )
    name = models.CharField(max_length=200)
    capacity = models.CharField(
        max_length=200, help_text="As written, e.g. “Police and Crime Commissioner”."
    )
    abbreviation = models.CharField(max_length=20, blank=True, help_text="e.g. “PCC”.")
    attendance = models.CharField(
        max_length=20, choices=Attendance.choices, default=Attendance.PRESENT
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance__in=Attendance.values),
                name="attendee_attendance_valid",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="attendee_has_name"),
        ]

    def __str__(self):
        if self.abbreviation:
            return f"{self.name} ({self.abbreviation})"
        return self.name


class AgendaItem(StaysInItsMinutes, Marked):
    """A numbered item of the minutes; sub-items point to their parent.

    `number` is kept exactly as written ("3", "1.2") and `position` orders the
    items, because minutes number them inconsistently. `discussion` holds the
    minuted text as HTML, sub-headings included as underlined lines.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    number = models.CharField(max_length=20)
    title = models.CharField(max_length=500)
    # Who presents it, as the agenda says; named by string, as meetings imports
    # nothing from actions.
    presenter = models.ForeignKey(
        "actions.Post",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Presented by",
    )
    discussion = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    # Two people minuting the same item: the second save is refused, not lost.
    version = models.PositiveIntegerField(default=1)

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="agenda_item_number_unique"
            ),
            models.CheckConstraint(
                condition=~Q(number=""), name="agenda_item_has_number"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="agenda_item_parent_not_itself",
            ),
            *marking_constraints(),
        ]
        indexes = [
            # The few marked items, read whole by every need-to-know filter of an
            # action, decision or paper (meetings.marking.at_sensitive_item).
            models.Index(
                fields=["id"], condition=SENSITIVE, name="agenda_item_sensitive"
            ),
        ]
        permissions = [
            ("view_official_sensitive", "Can see content marked OFFICIAL-SENSITIVE")
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def claim_version(self, version):
        """True if nobody saved the item since `version`; this save is then next."""
        won = AgendaItem.objects.filter(pk=self.pk, version=version).update(
            version=version + 1
        )
        if won:
            self.version = version + 1
        return bool(won)

    def clean(self):
        super().clean()
        if self.parent_id and self.parent.meeting_id != self.meeting_id:
            raise ValidationError(
                {"parent": "A sub-item must belong to the same meeting as its parent."}
            )
