from django import template
from django.db.models import F

from actions.models import Action, Post

register = template.Library()


@register.filter
def overdue_on(action, today):
    """{% if action|overdue_on:today %}: still owed and past its due date."""
    return action.is_overdue(today)


@register.filter
def days_overdue_on(action, today):
    return action.days_overdue(today)


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
        .with_latest_update()
        .order_by(F("due_date").asc(nulls_last=True), "reference")
    )


@register.simple_tag
def known_posts():
    """The posts, for suggesting capacities and abbreviations in attendance."""
    return Post.objects.filter(is_active=True)
