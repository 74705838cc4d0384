from django import template

register = template.Library()


@register.filter
def overdue_on(action, today):
    """{% if action|overdue_on:today %}: still owed and past its due date."""
    return action.is_overdue(today)
