from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from meetings.exports import minutes_docx
from meetings.forms import (
    AgendaItemForm,
    AttendanceFormSet,
    MeetingForm,
    MeetingTypeForm,
)
from meetings.marking import (
    banner,
    marking_of,
    set_shown,
    shown_sensitive,
    visible_related,
)
from meetings.models import AgendaItem, Meeting, MeetingType


def _minutes(user):
    """Meetings with what their minutes show `user`: the actions, decisions and
    papers they may see, and the matters arising frozen at approval likewise. Items
    are all there, to be numbered; `_as_seen_by` says which are shown."""
    frozen = Meeting._meta.get_field("frozen_arising").related_model
    frozen_shown = frozen.objects.filter(
        Q(action=None) | Q(action__in=visible_related(frozen, "action", user))
    ).select_related("action__agenda_item")
    return Meeting.objects.select_related(
        "board", "meeting_type", "next_meeting", "agreed_at"
    ).prefetch_related(
        "attendees",
        "agreed_minutes",
        Prefetch("frozen_arising", queryset=frozen_shown),
        # Actions belong to the actions app; the reverse relation needs no import.
        Prefetch(
            "items",
            queryset=AgendaItem.objects.select_related("presenter").prefetch_related(
                Prefetch(
                    "actions",
                    queryset=visible_related(
                        AgendaItem, "actions", user
                    ).select_related("owner"),
                ),
                Prefetch(
                    "decisions",
                    queryset=visible_related(AgendaItem, "decisions", user),
                ),
                Prefetch(
                    "papers", queryset=visible_related(AgendaItem, "papers", user)
                ),
            ),
        ),
    )


def _as_seen_by(request, meeting, arising=()):
    """Set `shown` on each item (False: marked, and not the user's to see), note
    the OFFICIAL-SENSITIVE records shown for the access log, and give the banner
    for the highest marking shown."""
    records = [*arising]
    records += [entry.action for entry in meeting.frozen_arising.all() if entry.action]
    for item in set_shown(meeting.items.all(), request.user):
        if item.shown:
            records += [item, *item.actions.all(), *item.decisions.all()]
            records += item.papers.all()
    shown_sensitive(request, records)
    return banner(marking_of(records))


@require_GET
@permission_required("meetings.view_meeting", raise_exception=True)
def meeting_detail(request, pk):
    """The minutes laid out as published: header, attendance, items, actions."""
    meeting = get_object_or_404(_minutes(request.user), pk=pk)
    # A draft's matters arising are worked out as it is shown; approval freezes them.
    arising = (
        list(visible_related(AgendaItem, "actions", request.user).arising_at(meeting))
        if meeting.status == Meeting.Status.DRAFT
        else []
    )
    context = {
        "meeting": meeting,
        "arising": arising,
        "marking": _as_seen_by(request, meeting, arising),
        "today": timezone.localdate(),
        "can_edit": meeting.is_editable_by(request.user),
        # Approval, withdrawal, agreement, publication: each step says so.
        "history": meeting.history.exclude(history_change_reason=None)
        .select_related("history_user")
        .order_by("history_date"),
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_POST
@permission_required("meetings.change_meeting", raise_exception=True)
def meeting_advance(request, pk):
    """The next step of the minutes: approval, or preparing their publication;
    a second click on a stale page changes nothing."""
    meeting = get_object_or_404(Meeting, pk=pk)
    if meeting.status == Meeting.Status.DRAFT:
        # Approval asks for confirmation first, and freezes the matters arising.
        return redirect("boards:approve", pk=meeting.pk)
    if request.POST.get("from_status") != meeting.status:
        messages.info(
            request,
            f"These minutes are already {meeting.get_status_display().lower()}.",
        )
        return redirect("meetings:detail", pk=meeting.pk)
    # Publication marks what is withheld first, and takes the public record.
    return redirect("publication:prepare", pk=meeting.pk)


@require_http_methods(["GET", "POST"])
@permission_required("meetings.add_meeting", raise_exception=True)
def meeting_create(request):
    """A new meeting; "?after=<id>" starts from the last one of its series."""
    previous = _previous_meeting(request)
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        initial=_carried_over(previous, _chosen_board(request)),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            meeting = form.save()
            if previous:
                meeting.copy_attendance_from(previous)
                previous.link_next_meeting(meeting)
        messages.success(request, f"{meeting.title} is created as a draft.")
        return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request, "meetings/meeting_form.html", {"form": form, "previous": previous}
    )


def _board_usual(board):
    """A new meeting of a board starts from its usual chair, venue and minute-taker."""
    return {
        "board": board.pk,
        "meeting_type": board.meeting_type_id,
        "venue": board.venue,
        "chair": board.chair,
        "minute_taker": board.minute_taker,
    }


# The largest id the database holds; a larger one would fail the query.
AN_ID = forms.IntegerField(min_value=1, max_value=2**63 - 1)


def _id_given(value, what):
    """The id in a query parameter, or BadRequest: "²" passes isdigit()."""
    try:
        return AN_ID.clean(value)
    except ValidationError as error:
        raise BadRequest(f"No {what} has the id {value!r}.") from error


def _chosen_board(request):
    if chosen := request.GET.get("board"):
        pk = _id_given(chosen, "board")
        return MeetingForm.base_fields["board"].queryset.filter(pk=pk).first()
    return None


def _previous_meeting(request):
    after = request.GET.get("after") or request.POST.get("after")
    if not after:
        return None
    return Meeting.objects.filter(pk=_id_given(after, "meeting")).first()


def _carried_over(previous, board=None):
    if previous is None:
        return _board_usual(board) if board else {}
    return {
        "board": previous.board_id,
        "meeting_type": previous.meeting_type_id,
        # The previous minutes usually say when and as what the next meeting is held.
        "title": previous.next_meeting_title,
        "date": previous.next_meeting_date,
        "start_time": previous.next_meeting_time,
        "venue": previous.venue,
        "chair": previous.chair,
        "minute_taker": previous.minute_taker,
    }


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = _get_meeting_to_edit(request, pk)
    form = MeetingForm(
        request.POST if request.method == "POST" else None, instance=meeting
    )
    if request.method == "POST" and form.is_valid():
        meeting._history_user = request.user
        form.save()
        messages.success(request, "The meeting is saved.")
        return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request, "meetings/meeting_form.html", {"form": form, "meeting": meeting}
    )


@require_http_methods(["GET", "POST"])
def attendance_edit(request, pk):
    """Everyone at the meeting in one form: add, correct, remove."""
    meeting = _get_meeting_to_edit(request, pk)
    formset = AttendanceFormSet(
        request.POST if request.method == "POST" else None, instance=meeting
    )
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for person in formset.save(commit=False):
                person._history_user = request.user
                person.save()
            for person in formset.deleted_objects:
                person._history_user = request.user
                person.delete()
        messages.success(request, "The attendance is saved.")
        # The form comes back with empty rows after everyone saved, for more.
        if request.POST.get("more"):
            return redirect("meetings:attendance", pk=meeting.pk)
        return redirect("meetings:detail", pk=meeting.pk)
    context = {"meeting": meeting, "formset": formset}
    return render(request, "meetings/attendance_form.html", context)


def _get_meeting_to_edit(request, pk):
    """The meeting, if this user may still change its minutes; else 403."""
    meeting = get_object_or_404(Meeting.objects.select_related("meeting_type"), pk=pk)
    if not meeting.is_editable_by(request.user):
        raise PermissionDenied(
            "These minutes are "
            f"{meeting.get_status_display().lower()}: only superusers change them now."
            if request.user.has_perm("meetings.change_meeting")
            else "Only OPCC staff change minutes."
        )
    return meeting


@require_http_methods(["GET", "POST"])
def item_form(request, pk, item_pk=None):
    """Add an item, or edit one; a save based on an older version is refused."""
    meeting = _get_meeting_to_edit(request, pk)
    item = (
        get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting) if item_pk else None
    )
    posted = request.method == "POST"
    form = AgendaItemForm(
        request.POST if posted else None, instance=item, meeting=meeting
    )
    newer = None
    if posted and form.is_valid():
        try:
            with transaction.atomic():
                if item is None or item.claim_version(
                    form.cleaned_data["version"] or 0
                ):
                    saved = form.save(commit=False)
                    saved._history_user = request.user
                    saved.save()
                    messages.success(request, f"Item {saved.number} is saved.")
                    return redirect(f"{meeting_url(meeting)}#item-{saved.pk}")
        except IntegrityError:
            # Someone took this number between the check and the save.
            form.add_error("number", "That number was just used: choose another.")
            context = {"meeting": meeting, "item": item, "form": form, "newer": None}
            return render(request, "meetings/item_form.html", context)
        newer = AgendaItem.objects.get(pk=item.pk)
        form = AgendaItemForm(
            {**request.POST.dict(), "version": newer.version},
            instance=newer,
            meeting=meeting,
        )
    context = {"meeting": meeting, "item": item, "form": form, "newer": newer}
    return render(
        request, "meetings/item_form.html", context, status=409 if newer else 200
    )


def meeting_url(meeting):
    return reverse("meetings:detail", args=[meeting.pk])


@require_GET
@permission_required("meetings.view_meeting", raise_exception=True)
def meeting_docx(request, pk):
    meeting = get_object_or_404(_minutes(request.user), pk=pk)
    marking = _as_seen_by(request, meeting)
    response = HttpResponse(
        minutes_docx(meeting, marking=marking),
        content_type="application/vnd.openxmlformats-officedocument."
        "wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(meeting.title)}.docx"'
    )
    return response


@require_GET
@permission_required("meetings.change_meetingtype", raise_exception=True)
def meeting_type_list(request):
    """The series meetings belong to, renamed here rather than in the admin."""
    types = MeetingType.objects.all()
    return render(request, "meetings/meeting_type_list.html", {"types": types})


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_meetingtype", raise_exception=True)
def meeting_type_edit(request, pk):
    meeting_type = get_object_or_404(MeetingType, pk=pk)
    form = MeetingTypeForm(
        request.POST if request.method == "POST" else None, instance=meeting_type
    )
    if form.is_valid():
        form.save()
        messages.success(request, f"The type of meeting is now {meeting_type}.")
        return redirect("meetings:types")
    context = {"form": form, "meeting_type": meeting_type}
    return render(
        request,
        "meetings/meeting_type_form.html",
        context,
        status=400 if form.is_bound else 200,
    )
