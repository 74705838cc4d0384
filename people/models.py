from django.conf import settings
from django.db import models
from django.db.models import F, Q

from actions.models import Post

# The role groups an administrator gives; each person has one of them.
ROLES = ["OPCC staff", "Force", "PCC", "Administrators"]
ADMINISTRATORS = "Administrators"


class TenureQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on=None)

    def held_on(self, day):
        """Tenures covering `day`; one with no start date is from before records."""
        return self.filter(
            Q(started_on__lte=day) | Q(started_on=None),
            Q(ended_on__gte=day) | Q(ended_on=None),
        )


class Tenure(models.Model):
    """Who held a post from when to when (both days included): its history, while
    Post.holders keeps only the current holders, whom reminders go to."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="tenures")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tenures"
    )
    # None for a holder recorded before tenures were: since when is not known.
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    objects = TenureQuerySet.as_manager()

    class Meta:
        ordering = [F("started_on").desc(nulls_last=True), "-pk"]
        permissions = [
            ("manage_people", "Can invite people, give roles and hand over posts")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on=None)
                | Q(started_on=None)
                | Q(ended_on__gte=F("started_on")),
                name="tenure_ends_after_it_starts",
            ),
            # A person holds a post once at a time.
            models.UniqueConstraint(
                fields=["post", "user"],
                condition=Q(ended_on=None),
                name="tenure_one_current_per_holder",
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.post}"
