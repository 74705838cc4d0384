from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from actions.models import Action


class ExtensionState(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class ExtensionRequest(models.Model):
    """The force asking for a later due date, and the OPCC's answer."""

    State = ExtensionState

    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="extension_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    # The due date when it was asked, and the one asked for.
    due_date = models.DateField(null=True, blank=True)
    new_due_date = models.DateField("New due date")
    reason = models.TextField("Why is more time needed?")
    state = models.CharField(
        max_length=20, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Why it was declined (needed), or a comment on approving it (optional).
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["action", "-requested_at"]
        constraints = [
            # One request at a time: a second waits until the first is decided.
            models.UniqueConstraint(
                fields=["action"],
                condition=Q(state=ExtensionState.PENDING),
                name="extension_one_pending_per_action",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ExtensionState.values),
                name="extension_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="extension_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(state=ExtensionState.DECLINED) | ~Q(decision_reason=""),
                name="extension_declined_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.action.reference}: more time to {self.new_due_date:%-d %b %Y}"

    @property
    def is_pending(self):
        return self.state == ExtensionState.PENDING
