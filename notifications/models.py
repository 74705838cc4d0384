from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from actions.models import Action


class Topic(models.TextChoices):
    """What a person chooses how to hear about."""

    ASSIGNED = "assigned", "An action is raised or reassigned to a post you hold"
    COMPLETED = "completed", "An action is marked completed and awaits sign-off"
    SIGNED_OFF = "signed_off", "Your post’s action is signed off or not accepted"
    DUE_DATE = "due_date", "The due date of your post’s action changes"
    PROGRESS = "progress", "A progress update on an action an OPCC post owns"
    MORE_TIME_ASKED = "more_time_asked", "The force asks for more time"
    MORE_TIME_DECIDED = "more_time_decided", "More time is approved or declined"


class Delivery(models.TextChoices):
    AT_ONCE = "at_once", "At once"
    DIGEST = "digest", "In the morning email"
    NEVER = "never", "Not at all"


# The morning is enough for the busiest topic; everything else is told at once.
DEFAULT_DELIVERY = {topic: Delivery.AT_ONCE for topic in Topic} | {
    Topic.PROGRESS: Delivery.DIGEST
}


class Preference(models.Model):
    """How one person hears about one topic; without a row, DEFAULT_DELIVERY."""

    Topic = Topic
    Delivery = Delivery

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    topic = models.CharField(max_length=30, choices=Topic.choices)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"], name="notification_preference_once"
            ),
            models.CheckConstraint(
                condition=Q(topic__in=Topic.values), name="preference_topic_valid"
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=Delivery.values),
                name="preference_delivery_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_topic_display()} {self.get_delivery_display()}"


class EmailState(models.TextChoices):
    """How an email of a ledger (notifications, agenda emails) stands."""

    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    # Not sent again automatically: it may have arrived.
    UNKNOWN = "unknown", "Outcome unknown"
    CANCELLED = "cancelled", "No longer needed"


class EmailLedger(models.Model):
    """What notifications.outbox needs of a ledger of emails: how each stands,
    when it may go, the run that claimed it, its tries and how it ended."""

    state = models.CharField(
        max_length=20, choices=EmailState.choices, default=EmailState.PENDING
    )
    send_after = models.DateTimeField()
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        abstract = True


class Notification(EmailLedger):
    """One event told to one person: recorded once, claimed before it is sent."""

    State = EmailState

    # actions.events.ActionEvent.id: the same event heard twice is recorded once.
    event_id = models.UUIDField(editable=False)
    kind = models.CharField(max_length=40)
    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    detail = models.TextField(blank=True)
    happened_at = models.DateTimeField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    delivery = models.CharField(max_length=20, choices=Delivery.choices)
    # send_after: at once, ten minutes after the event, with everything else then
    # waiting for the same person; morning digest: the next REMINDER_HOUR.
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-happened_at", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_id", "recipient"], name="notification_once_per_person"
            ),
            models.CheckConstraint(
                condition=Q(state__in=EmailState.values),
                name="notification_state_valid",
            ),
        ]
        indexes = [
            # Used by claim_notifications: only the few unfinished rows are scanned.
            models.Index(
                fields=["state", "send_after"],
                condition=Q(state__in=["pending", "sending"]),
                name="notification_unfinished",
            ),
            models.Index(fields=["claim"], name="notification_claim"),
        ]

    def __str__(self):
        return f"{self.kind} on {self.action.reference} to {self.recipient}"
