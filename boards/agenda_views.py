from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from boards.agenda import issue_agenda
from boards.forms import AgendaEntryForm
from boards.models import Paper
from boards.services import Refused
from boards.views import can_run_meetings, can_view
from meetings.marking import banner, marking_of, set_shown, shown_sensitive
from meetings.models import AgendaItem, Meeting


def _get_meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("board"), pk=pk)


def _get_meeting_to_draft(request, pk):
    """The meeting, while its agenda and minutes are a draft; else 403."""
    meeting = _get_meeting(pk)
    if not meeting.is_editable_by(request.user):
        raise PermissionDenied(
            f"These minutes are {meeting.get_status_display().lower()}: the agenda "
            "is drafted before the meeting."
        )
    return meeting


@require_GET
@can_view
def agenda(request, pk):
    return _render_agenda(request, _get_meeting(pk))


def _render_agenda(request, meeting, *, refusal=None):
    user = request.user
    items = list(
        meeting.items.select_related("presenter").prefetch_related(
            Prefetch("papers", queryset=Paper.objects.visible_to(user))
        )
    )
    records = []
    for item in set_shown(items, user):
        if item.shown:
            records += [item, *item.papers.all()]
    shown_sensitive(request, records)
    context = {
        "meeting": meeting,
        "items": items,
        "marking": banner(marking_of(records)),
        "issues": meeting.agenda_issues.select_related("issued_by")
        .prefetch_related("emails")
        .order_by("-revision"),
        "can_draft": meeting.is_editable_by(request.user),
        "refusal": refusal,
    }
    return render(
        request, "boards/agenda.html", context, status=409 if refusal else 200
    )


@require_http_methods(["GET", "POST"])
@can_run_meetings
def agenda_item(request, pk, item_pk=None):
    """Add an item to the agenda, or change one, with its papers."""
    meeting = _get_meeting_to_draft(request, pk)
    item = (
        get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting) if item_pk else None
    )
    posted = request.method == "POST"
    form = AgendaEntryForm(
        *([request.POST, request.FILES] if posted else []),
        instance=item,
        meeting=meeting,
    )
    if posted and form.is_valid():
        try:
            saved = _save_agenda_entry(form, item, request.user)
        except IntegrityError:
            # Someone took this number between the check and the save.
            form.add_error("number", "That number was just used: choose another.")
        else:
            if saved is not None:
                messages.success(
                    request, f"Item {saved.number} of the agenda is saved."
                )
                return redirect("boards:agenda", pk=meeting.pk)
            form.add_error(
                None,
                "Someone else saved this item while you were editing it: nothing "
                "of yours was saved. Open it again to see their changes.",
            )
    context = {"meeting": meeting, "item": item, "form": form}
    return render(request, "boards/agenda_item_form.html", context)


@transaction.atomic
def _save_agenda_entry(form, item, user):
    """The saved item with its papers, or None when someone saved it since the
    form was opened (the minutes editor claims the same version)."""
    if item is not None and not item.claim_version(form.cleaned_data["version"] or 0):
        return None
    saved = form.save(commit=False)
    saved._history_user = user
    saved.save()
    for upload in form.cleaned_data["papers"]:
        Paper.objects.create(
            agenda_item=saved,
            file=upload,
            name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=user,
        )
    return saved


@require_POST
@can_run_meetings
def agenda_issue(request, pk):
    """Issue the agenda, or a revision, to the board's members."""
    meeting = _get_meeting_to_draft(request, pk)
    try:
        issue = issue_agenda(meeting, by=request.user, now=timezone.now())
    except Refused as error:
        return _render_agenda(request, meeting, refusal=str(error))
    count = issue.emails.count()
    messages.success(
        request,
        f"{issue.title} is issued to {count} member{'s' if count != 1 else ''} of "
        f"the {meeting.board}; the emails are being sent (their progress is below).",
    )
    return redirect("boards:agenda", pk=meeting.pk)


@require_GET
@can_view
def paper(request, pk):
    """Papers are served only here, to signed-in users who may see meetings and
    the paper (need-to-know)."""
    document = get_object_or_404(
        Paper.objects.visible_to(request.user).select_related("agenda_item"), pk=pk
    )
    shown_sensitive(request, [document])
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )


@require_POST
@can_run_meetings
def paper_withdraw(request, pk):
    """Take a paper off the agenda; a revision issued later says so."""
    document = get_object_or_404(Paper.objects.select_related("agenda_item"), pk=pk)
    meeting = _get_meeting_to_draft(request, document.agenda_item.meeting_id)
    document.delete()
    # After the row: a file left behind is harmless, a row without its file is not.
    document.file.delete(save=False)
    messages.success(request, f"{document.name} is withdrawn from the agenda.")
    return redirect("boards:agenda", pk=meeting.pk)
