from django import template

from publication.services import today_status

register = template.Library()


@register.filter
def status_today(action, today):
    """An action's live status on the public pages, or "" when not published."""
    return today_status(action, today) or ""


@register.simple_tag
def excerpt(publication, words):
    return publication.excerpt(words)
