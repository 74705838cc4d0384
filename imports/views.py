import secrets

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST

from actions.models import ActionStatus, Post
from imports.forms import (
    MinutesUploadForm,
    PreviewForms,
    SuggestedPostForm,
    imported_before,
)
from imports.services import (
    DuplicateMinutes,
    create_suggested_post,
    date_or_none,
    import_minutes,
)
from meetings.models import MeetingType

# The minutes read from an upload wait in the session until the user confirms.
PENDING_IMPORT = "pending_minutes_import"
# More warnings than this would push the meeting off the first screen; the rest
# are one click away.
WARNINGS_SHOWN = 10
can_import = permission_required(
    ["meetings.add_meeting", "actions.add_action"], raise_exception=True
)
can_create_posts = permission_required("actions.add_post", raise_exception=True)


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
    """Step 2: see what the minutes hold, correct anything, and only then save."""
    minutes = _pending_minutes(request, token)
    if request.method == "GET":
        return _render_preview(request, token, PreviewForms(minutes))
    forms = PreviewForms(minutes, request.POST)
    if not forms.is_valid():
        return _render_preview(request, token, forms, tried=True)
    corrected = forms.corrected_minutes()
    try:
        # Checks for the meeting again, since the title, type or date may have
        # just been corrected.
        meeting = import_minutes(minutes=corrected, status=forms.status)
    except DuplicateMinutes as error:
        forms.header.add_error(None, imported_before(error.meeting))
        return _render_preview(request, token, forms, tried=True)
    except (Post.DoesNotExist, ValueError) as error:
        # E.g. an owner's post abolished since the owners were checked.
        forms.header.add_error(None, str(error))
        return _render_preview(request, token, forms, tried=True)
    del request.session[PENDING_IMPORT]
    messages.success(request, _imported(meeting, corrected["actions"]))
    return redirect("meetings:detail", pk=meeting.pk)


def _imported(meeting, actions):
    """The landing page's message: which meeting, and what still needs doing."""
    message = (
        f"Imported {meeting.title}, {date_format(meeting.date)}, with "
        f"{len(actions)} action{pluralize(actions)}."
    )
    # Unowned actions are the one thing an import leaves to do.
    if unowned := sum(1 for action in actions if not action["owner_id"]):
        message += f" {unowned} need{pluralize(unowned, 's,')} an owner."
    return message


@require_POST
@can_import
@can_create_posts
def import_create_post(request, token, number):
    """A post the minutes suggest, created from the preview; what was typed stays."""
    minutes = _pending_minutes(request, token)
    suggestions = minutes["suggested_posts"]
    if number >= len(suggestions) or suggestions[number]["created"]:
        raise Http404("That post is no longer suggested.")
    data = request.POST.copy()
    form = SuggestedPostForm(data, prefix=f"post-{number}")
    if form.is_valid():
        suggestion = suggestions[number]
        post = create_suggested_post(
            minutes, suggestion, organisation=form.cleaned_data["organisation"]
        )
        request.session.modified = True
        for field in (f"owner_{n + 1}" for n in suggestion["actions"]):
            # An owner the user chose already stays theirs.
            if not data.get(field):
                data[field] = str(post.pk)
        messages.success(
            request,
            f"Created the post {post}, {post.get_organisation_display()}; "
            "the actions it owns are assigned to it below. Nothing else is saved yet.",
        )
    return _render_preview(request, token, PreviewForms(minutes, data))


def _pending_minutes(request, token):
    pending = request.session.get(PENDING_IMPORT)
    if not pending or pending["token"] != token:
        raise Http404("These minutes are no longer waiting to be imported.")
    return pending["minutes"]


def _render_preview(request, token, forms, *, tried=False):
    """The preview; `tried` when an import was refused, to say why at the top."""
    minutes = forms.minutes
    actions = [
        {
            **action,
            "number": number,
            "due": date_or_none(action["due_date"]),
            "status_label": ActionStatus(action.get("status") or "open").label,
            "updates": [
                {**update, "date": date_or_none(update.get("date"))}
                for update in action.get("updates") or []
            ],
            "owner_field": field,
            "as_written": _as_written(action),
        }
        for number, (action, field) in enumerate(
            zip(minutes["actions"], forms.owners, strict=True), start=1
        )
    ]
    context = {
        "token": token,
        "minutes": minutes,
        "forms": forms,
        "problems": forms.problems() if tried else [],
        "warnings": {
            "first": minutes["warnings"][:WARNINGS_SHOWN],
            "others": minutes["warnings"][WARNINGS_SHOWN:],
        },
        "next_meeting_date": date_or_none((minutes["next_meeting"] or {}).get("date")),
        "meeting_types": MeetingType.objects.values_list("name", flat=True),
        "attendees": zip(minutes["attendees"], forms.attendees, strict=True),
        "actions": actions,
        "suggested_posts": [
            {
                **minutes["suggested_posts"][number],
                "number": number,
                "form": form,
                "owned": [
                    actions[n] for n in minutes["suggested_posts"][number]["actions"]
                ],
            }
            for number, form in forms.suggested_posts.items()
        ],
    }
    return render(request, "imports/preview.html", context)


def _as_written(action):
    """ "JH (Jane Hollis, Director of Estates)": the owner's words and who they are."""
    people = "; ".join(
        ", ".join(filter(None, [person.get("name"), person.get("capacity")]))
        for person in action["owner_people"]
    )
    written = action["owner_as_written"]
    return f"{written} ({people})" if people else written
