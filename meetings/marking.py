"""Protective marking and the publication choice, carried by every item, paper,
action and decision.

OFFICIAL-SENSITIVE content is need-to-know: OPCC staff and the PCC see it (the
`meetings.view_official_sensitive` permission), as do holders of the post that owns
it; nobody else. Publication is chosen per record: withheld content states its
exemption in words, and OFFICIAL-SENSITIVE content is never published.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

SEE_SENSITIVE = "meetings.view_official_sensitive"


class Marking(models.TextChoices):
    OFFICIAL = "official", "OFFICIAL"
    OFFICIAL_SENSITIVE = "official_sensitive", "OFFICIAL-SENSITIVE"


class Publication(models.TextChoices):
    PUBLISH = "publish", "Publish"
    WITHHOLD = "withhold", "Withhold"


class Marked(models.Model):
    """The marking and publication fields; subclasses add `marking_constraints()`
    to their own Meta, as a Meta of their own would replace this one's."""

    Marking = Marking
    Publication = Publication

    marking = models.CharField(
        "Protective marking",
        max_length=20,
        choices=Marking.choices,
        default=Marking.OFFICIAL,
    )
    publication = models.CharField(
        "On publication",
        max_length=10,
        choices=Publication.choices,
        default=Publication.PUBLISH,
    )
    exemption = models.CharField(
        "Exemption",
        max_length=200,
        blank=True,
        help_text="Why it is withheld, in words, e.g. “section 31 — law enforcement”.",
    )

    class Meta:
        abstract = True

    @property
    def is_sensitive(self):
        return self.marking == Marking.OFFICIAL_SENSITIVE

    @property
    def is_withheld(self):
        return self.publication == Publication.WITHHOLD

    def clean(self):
        super().clean()
        errors = marking_errors(self.marking, self.publication, self.exemption)
        if errors:
            raise ValidationError(errors)


def marking_errors(marking, publication, exemption):
    """The rules of `marking_constraints`, as messages for a form."""
    errors = {}
    if publication == Publication.WITHHOLD and not exemption.strip():
        errors["exemption"] = (
            "Say why it is withheld, e.g. “section 31 — law enforcement”."
        )
    if marking == Marking.OFFICIAL_SENSITIVE and publication == Publication.PUBLISH:
        errors["publication"] = (
            "OFFICIAL-SENSITIVE content is never published: withhold it, with the "
            "exemption, or mark it OFFICIAL."
        )
    return errors


def marking_constraints():
    return [
        models.CheckConstraint(
            condition=Q(marking__in=Marking.values),
            name="%(app_label)s_%(class)s_marking_valid",
        ),
        models.CheckConstraint(
            condition=Q(publication=Publication.PUBLISH)
            | (Q(publication=Publication.WITHHOLD) & ~Q(exemption="")),
            name="%(app_label)s_%(class)s_withheld_says_why",
        ),
        models.CheckConstraint(
            condition=Q(marking=Marking.OFFICIAL) | Q(publication=Publication.WITHHOLD),
            name="%(app_label)s_%(class)s_sensitive_never_published",
        ),
    ]


def sees_all_sensitive(user):
    """OPCC staff, the PCC and superusers need to know everything marked."""
    return user.has_perm(SEE_SENSITIVE)


def shows_text_in_email(record):
    """Whether an email or the calendar feed may carry the record's wording; when
    not, they carry only its reference, marking and a link."""
    return settings.EMAIL_SHOWS_TEXT and not record.is_sensitive
