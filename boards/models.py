from django.db import models
from django.db.models import Q

from actions.models import Post
from meetings.models import Meeting, MeetingType


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
