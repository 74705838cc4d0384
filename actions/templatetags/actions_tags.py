from django import template
from django.db.models import F, OuterRef, Subquery

from actions.models import Action, ActionUpdate, Post

register = template.Library()


@register.filter
def overdue_on(action, today):
    """{% if action|overdue_on:today %}: still owed and past its due date."""
    return action.is_overdue(today)


@register.simple_tag
def matters_arising(meeting):
    """Actions still open from earlier meetings of the same series: what the
    secretariat used to copy out by hand for the first item of a meeting."""
    return (
        Action.objects.open()
        .filter(
            agenda_item__meeting__meeting_type=meeting.meeting_type_id,
            agenda_item__meeting__date__lt=meeting.date,
        )
        .select_related("owner", "agenda_item__meeting")
        .annotate(
            latest_update=Subquery(_latest_update.values("text")[:1]),
            latest_update_at=Subquery(_latest_update.values("created_at")[:1]),
        )
        .order_by(F("due_date").asc(nulls_last=True), "reference")
    )


_latest_update = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by(
    "-created_at", "-pk"
)


@register.simple_tag
def known_posts():
    """The posts, for suggesting capacities and abbreviations in attendance."""
    return Post.objects.filter(is_active=True)
