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


SENSITIVE = Q(marking=Marking.OFFICIAL_SENSITIVE)


def need_to_know(queryset, user, *, sensitive, concerning):
    """The rows of `queryset` `user` may see: every one for those who see
    everything marked; for others, those not `sensitive` (a Q) and those
    `concerning(posts)` (a Q) the posts they hold. Each kind of record's
    `visible_to` says what is sensitive and whom it concerns, and goes through here."""
    if not user.is_authenticated:
        return queryset.none()
    if sees_all_sensitive(user):
        return queryset
    # The posts' ids read first (once a request, as Action.objects.visible_to
    # does): asked through their holders, PostgreSQL read every action to find
    # those of the posts.
    return queryset.filter(~sensitive | concerning(posts_held(user)))


def posts_held(user):
    """The ids of the posts `user` holds, read once per user object (a request's
    user is read afresh for each request), as a page asks several visible_to."""
    if not hasattr(user, "_posts_held"):
        user._posts_held = list(user.posts.values_list("pk", flat=True))
    return user._posts_held


def items_concerning(posts):
    """The items at which an action is owned by one of `posts`: a marked item is
    the need-to-know of its actions' owners, as is what was decided and read there."""
    from meetings.models import AgendaItem

    action = AgendaItem._meta.get_field("actions").related_model
    return action.objects.filter(owner__in=posts).values("agenda_item")


def at_sensitive_item():
    """A condition: the record (an action, decision or paper) is at an item marked
    OFFICIAL-SENSITIVE. The few marked items are read once (index
    agenda_item_sensitive) and hashed, not joined to every row: the join made
    PostgreSQL sort every match of a search before taking the first few. Not a
    correlated NOT EXISTS either: costed per row, it pushed plans over 100,000 actions
    past the JIT threshold (a millisecond or more of compiling per query)."""
    from meetings.models import AgendaItem

    return Q(agenda_item__in=AgendaItem.objects.filter(SENSITIVE).values("pk"))


def visible_related(model, relation, user):
    """What `user` may see of the records `model`'s `relation` leads to, by their
    own visible_to; reached through the relation, as meetings imports neither
    actions nor boards."""
    return model._meta.get_field(relation).related_model.objects.visible_to(user)


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Marked items: for those who see everything marked and the holders of the
        posts owning an action raised at them."""
        return need_to_know(
            self,
            user,
            sensitive=SENSITIVE,
            concerning=lambda posts: Q(pk__in=items_concerning(posts)),
        )


class AtItem(Marked):
    """A decision or a paper: sensitive if marked or at an item so marked; who sees
    it is AtItemQuerySet.visible_to's to say."""

    class Meta:
        abstract = True

    @property
    def is_sensitive(self):
        return super().is_sensitive or self.agenda_item.is_sensitive


class AtItemQuerySet(models.QuerySet):
    """Decisions and papers: need-to-know if marked or at an item so marked, and
    then shown to those who see everything marked and to the holders of the posts
    owning an action at that item."""

    def visible_to(self, user):
        return need_to_know(
            self,
            user,
            sensitive=SENSITIVE | at_sensitive_item(),
            concerning=lambda posts: Q(agenda_item__in=items_concerning(posts)),
        )


def marking_of(records):
    """The highest marking among `records` (anything with `is_sensitive`):
    OFFICIAL-SENSITIVE if any is, else OFFICIAL."""
    if any(record.is_sensitive for record in records):
        return Marking.OFFICIAL_SENSITIVE
    return Marking.OFFICIAL


def marking_label(record):
    """The record's marking in capitals, its item's counted: what an email or the
    calendar feed says in place of the words."""
    return marking_of([record]).label


def banner(marking):
    """What a page, print or document carrying content of this marking says at its
    top and bottom: OFFICIAL-SENSITIVE content is marked; OFFICIAL is left unmarked,
    as the Government Security Classifications allow, so the marking that matters
    stands out."""
    return Marking(marking).label if marking == Marking.OFFICIAL_SENSITIVE else ""


def shown_sensitive(request, records):
    """Note on the request each OFFICIAL-SENSITIVE record among `records` (anything
    with `is_sensitive`) that its answer shows; the access log records them
    (audit.middleware), as the apps know nothing of it."""
    shown = [_label(record) for record in records if record.is_sensitive]
    if shown:
        request.sensitive_shown = [*getattr(request, "sensitive_shown", []), *shown]
    return shown


def _label(record):
    """ "action 12 (2021-03/2)": the id, and the reference people use, not the words."""
    label = f"{record._meta.verbose_name} {record.pk}"
    reference = getattr(record, "reference", None) or getattr(record, "number", None)
    return f"{label} ({reference})" if reference else label


def set_shown(items, user):
    """Set `shown` on each of a meeting's items: False for a marked one `user` may
    not see, which pages and documents name as "not shown". No query for those who
    see everything marked."""
    visible = None
    if any(item.is_sensitive for item in items) and not sees_all_sensitive(user):
        from meetings.models import AgendaItem

        visible = set(
            AgendaItem.objects.filter(pk__in=[item.pk for item in items])
            .visible_to(user)
            .values_list("pk", flat=True)
        )
    for item in items:
        item.shown = visible is None or item.pk in visible
    return items
