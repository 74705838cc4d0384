import datetime
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from imports.forms import ActionOwnersForm, MinutesUploadForm
from imports.services import DuplicateMinutes, import_minutes

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
        return redirect("imports:preview", token=token)
    return render(request, "imports/upload.html", {"form": form})


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
            return redirect("imports:upload")
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
    return render(request, "imports/preview.html", context)


def _date_or_none(value):
    return datetime.date.fromisoformat(value) if value else None
