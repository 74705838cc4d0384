from django import template
from django.utils.safestring import mark_safe

from meetings.html import sanitise_minutes_html

register = template.Library()


@register.filter
def minutes_html(html):
    """Minutes text as HTML, cleaned again on the way out whatever stored it."""
    return mark_safe(sanitise_minutes_html(html))
