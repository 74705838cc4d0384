"""People and posts as other apps' pages show them; `actions` loads these in its
templates and never imports `people`."""

from django import template

from people.services import administrators, holders_on

register = template.Library()


@register.inclusion_tag("people/_administrators.html")
def administrators_to_ask():
    """The administrators, by name and email, for someone who needs one."""
    return {"administrators": list(administrators())}


@register.inclusion_tag("people/_post_holders.html")
def post_holders(post, due_date, today):
    """Who holds the post now and, for a due date passed, who held it then."""
    passed = due_date is not None and due_date <= today
    return {
        "holders": list(post.holders.order_by("last_name", "first_name")),
        "due_date": due_date,
        "held_then": holders_on(post.pk, due_date) if passed else None,
    }
