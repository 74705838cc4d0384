from django.contrib.auth.decorators import permission_required
from django.db.models import Count, F, Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from actions.models import OPEN_STATUSES, Action
from meetings.models import Meeting

HOME_ACTIONS_SHOWN = 25
HOME_MEETINGS_SHOWN = 10


@require_GET
@permission_required(
    ["actions.view_action", "meetings.view_meeting"], raise_exception=True
)
def home(request):
    """The meetings and the actions still owed; the user's own actions first."""
    open_actions = (
        Action.objects.open()
        .select_related("owner", "agenda_item__meeting")
        .order_by(F("due_date").asc(nulls_last=True), "reference")
    )
    meetings = Meeting.objects.select_related("meeting_type").annotate(
        open_actions=Count(
            "items__actions", filter=Q(items__actions__status__in=OPEN_STATUSES)
        )
    )
    context = {
        "today": timezone.localdate(),
        "my_actions": list(open_actions.owned_by(request.user)),
        "open_actions": open_actions[:HOME_ACTIONS_SHOWN],
        "open_actions_count": open_actions.count(),
        "meetings": meetings[:HOME_MEETINGS_SHOWN],
        "holds_posts": request.user.posts.exists(),
    }
    return render(request, "actions/home.html", context)
