import datetime
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from actions.forms import ActionOwnersForm, MinutesUploadForm
from actions.models import OPEN_STATUSES, Action
from actions.services import DuplicateMinutes, import_minutes
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


# The minutes read from an upload wait in the session until the user confirms.
PENDING_IMPORT = "pending_minutes_import"
can_import = permission_required(
    ["meetings.add_meeting", "actions.add_action"], raise_exception=True
)


@require_http_methods(["GET", "POST"])
@can_import
def import_upload(request):
    """Step 1: choose a minutes file; it is read and checked, not saved."""
    posted = request.method == "POST"
    form = MinutesUploadForm(*([request.POST, request.FILES] if posted else []))
    if posted and form.is_valid():
        token = secrets.token_urlsafe(16)
        request.session[PENDING_IMPORT] = {
            "token": token,
            "minutes": form.cleaned_data["minutes"],
        }
        return redirect("actions:import_preview", token=token)
    return render(request, "actions/import_upload.html", {"form": form})


@require_http_methods(["GET", "POST"])
@can_import
def import_preview(request, token):
    """Step 2: see what the minutes hold, correct owners, and only then save."""
    pending = request.session.get(PENDING_IMPORT)
    if not pending or pending["token"] != token:
        raise Http404("These minutes are no longer waiting to be imported.")
    minutes = pending["minutes"]
    posted = request.method == "POST"
    form = ActionOwnersForm(
        request.POST if posted else None, actions=minutes["actions"]
    )
    if posted and form.is_valid():
        for action, owner in zip(minutes["actions"], form.owners(), strict=True):
            action["owner"] = owner
        try:
            meeting = import_minutes(minutes=minutes)
        except DuplicateMinutes as error:
            messages.error(request, f"{minutes['source']} {error}")
            return redirect("actions:import_upload")
        del request.session[PENDING_IMPORT]
        messages.success(
            request,
            f"Imported {meeting.title} with {len(minutes['actions'])} actions.",
        )
        return redirect("actions:home")
    context = {
        "minutes": minutes,
        "meeting_date": datetime.date.fromisoformat(minutes["meeting"]["date"]),
        "next_meeting_date": _date_or_none((minutes["next_meeting"] or {}).get("date")),
        "actions": [
            {**action, "due": _date_or_none(action["due_date"]), "owner_field": field}
            for action, field in zip(minutes["actions"], form, strict=True)
        ],
        "form": form,
    }
    return render(request, "actions/import_preview.html", context)


def _date_or_none(value):
    return datetime.date.fromisoformat(value) if value else None
