"""The public record: what was published of each meeting's approved minutes.

A publication is a snapshot taken when the minutes were published. It holds only
what was published (withheld content is never stored here, so no page, PDF, feed
or search built on it can show it), and it never changes afterwards, except to be
withdrawn, with a reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from meetings.models import Meeting


class PublishedMeetingQuerySet(models.QuerySet):
    def current(self):
        """Publications the public may read: not withdrawn."""
        return self.filter(withdrawn_at=None)

    def matching(self, words):
        """Every word somewhere in the published text (case-insensitive)."""
        query = Q()
        for word in words:
            query &= Q(search_text__icontains=word)
        return self.filter(query)


class PublishedMeeting(models.Model):
    """The published minutes of one meeting, as they stood when published."""

    # PROTECT: a meeting whose minutes were published stays, as the record does.
    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="publication"
    )
    # Copied, to list and order publications without reading the snapshot.
    board_name = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    date = models.DateField()
    start_time = models.CharField(max_length=5, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    approved_on = models.DateField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The published minutes: header, attendance, items (withheld ones as a line
    # saying so), matters arising. See publication.services.snapshot.
    content = models.JSONField()
    # Made once, by a worker after publication (or by the first request for it,
    # if that comes first): the snapshot it is made from never changes.
    pdf = models.FileField(upload_to="publications/", blank=True)
    # The published words, lower-cased, for the public search.
    search_text = models.TextField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_reason = models.TextField(blank=True)

    objects = PublishedMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["board_name", "-date"], name="published_by_board")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at=None) | ~Q(withdrawn_reason=""),
                name="published_withdrawal_says_why",
            )
        ]

    def __str__(self):
        return f"{self.title} (published {self.published_at:%d %b %Y})"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def excerpt(self, words, around=80):
        """The published text around the first word found, for search results."""
        text = " ".join(self.search_text.split())
        at = min((text.find(w) for w in words if w in text), default=0)
        start = max(at - around, 0)
        return ("…" if start else "") + text[start : at + around] + "…"


class PublishedDecision(models.Model):
    """A published decision, for the public decisions register."""

    publication = models.ForeignKey(
        PublishedMeeting, on_delete=models.CASCADE, related_name="decisions"
    )
    number = models.CharField(max_length=30)
    item_number = models.CharField(max_length=20)
    text = models.TextField()
    significant_public_interest = models.BooleanField()

    class Meta:
        ordering = ["-publication__date", "number"]

    def __str__(self):
        return self.number


class PublishedAction(models.Model):
    """A published action as it stood when the minutes were approved; `action`
    links it to today's status while it exists."""

    publication = models.ForeignKey(
        PublishedMeeting, on_delete=models.CASCADE, related_name="actions"
    )
    action = models.ForeignKey(
        "actions.Action", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reference = models.CharField(max_length=30)
    item_number = models.CharField(max_length=20)
    description = models.TextField()
    owner = models.CharField(max_length=300, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status_at_approval = models.CharField(max_length=100)

    class Meta:
        ordering = ["-publication__date", "reference"]

    def __str__(self):
        return self.reference


class PublishedPaper(models.Model):
    """A paper published with the minutes; downloaded through the public page
    while the paper is still there and still published."""

    publication = models.ForeignKey(
        PublishedMeeting, on_delete=models.CASCADE, related_name="papers"
    )
    paper = models.ForeignKey(
        "boards.Paper", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    item_number = models.CharField(max_length=20)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["publication", "item_number", "name"]

    def __str__(self):
        return self.name
