from django import template

from extensions.forms import AskForm
from extensions.services import may_ask, may_decide

register = template.Library()


@register.inclusion_tag("extensions/_action_section.html", takes_context=True)
def extension_section(context, action):
    """Requests for more time on the action page: those made, the one waiting,
    and the form the user may fill in (ask, or decide)."""
    user = context["request"].user
    requests = list(action.extension_requests.select_related("requested_by"))
    pending = next((r for r in requests if r.is_pending), None)
    return {
        "action": action,
        "requests": requests,
        "pending": pending,
        "ask_form": AskForm() if not pending and may_ask(action, user) else None,
        "can_decide": pending is not None and may_decide(user),
        "csrf_token": context.get("csrf_token"),
    }
