from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from boards.forms import AgreedForm, BoardForm, WithdrawForm
from boards.models import Board
from boards.services import (
    Refused,
    approve_minutes,
    check_approval,
    mark_agreed,
    withdraw_approval,
)
from meetings.models import Meeting

can_view = permission_required("meetings.view_meeting", raise_exception=True)
# OPCC staff run the meeting cycle: the permission that lets them minute meetings.
can_run_meetings = permission_required("meetings.change_meeting", raise_exception=True)


@require_GET
@can_view
def board_list(request):
    boards = (
        Board.objects.select_related("meeting_type")
        .prefetch_related("members")
        .annotate(meeting_count=Count("meetings"))
    )
    return render(request, "boards/board_list.html", {"boards": boards})


@require_GET
@can_view
def board_detail(request, pk):
    board = get_object_or_404(
        Board.objects.select_related("meeting_type").prefetch_related("members"),
        pk=pk,
    )
    context = {"board": board, "meetings": board.meetings.order_by("-date")[:50]}
    return render(request, "boards/board_detail.html", context)


@require_http_methods(["GET", "POST"])
@can_run_meetings
def board_form(request, pk=None):
    """A new board, or changes to one: its members get the agenda."""
    board = get_object_or_404(Board, pk=pk) if pk else None
    form = BoardForm(request.POST if request.method == "POST" else None, instance=board)
    if request.method == "POST" and form.is_valid():
        board = form.save()
        messages.success(request, f"{board.name} is saved.")
        return redirect("boards:detail", pk=board.pk)
    return render(request, "boards/board_form.html", {"form": form, "board": board})


def _get_meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("board"), pk=pk)


@require_http_methods(["GET", "POST"])
@can_run_meetings
def approve(request, pk):
    """What approving locks, and what looks unfinished; then approve."""
    meeting = _get_meeting(pk)
    refusal = None
    if request.method == "POST":
        try:
            approve_minutes(meeting, by=request.user)
        except Refused as error:
            refusal = str(error)
        else:
            messages.success(request, "The minutes are approved.")
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"meeting": meeting, "check": check_approval(meeting), "refusal": refusal}
    return render(
        request, "boards/approve.html", context, status=409 if refusal else 200
    )


@require_http_methods(["GET", "POST"])
@can_run_meetings
def withdraw(request, pk):
    """Back to a draft, with a reason, while the minutes are not published."""
    meeting = _get_meeting(pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    refusal = None
    if form.is_valid():
        try:
            withdraw_approval(
                meeting, by=request.user, reason=form.cleaned_data["reason"]
            )
        except Refused as error:
            refusal = str(error)
        else:
            messages.success(
                request, "The approval is withdrawn: the minutes are a draft."
            )
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"meeting": meeting, "form": form, "refusal": refusal}
    status = 409 if refusal else 400 if form.errors else 200
    return render(request, "boards/withdraw.html", context, status=status)


@require_http_methods(["GET", "POST"])
@can_run_meetings
def agreed(request, pk):
    """Record the later meeting at which the minutes were agreed as a true record."""
    meeting = _get_meeting(pk)
    form = AgreedForm(
        request.POST if request.method == "POST" else None, meeting=meeting
    )
    refusal = None
    if form.is_valid():
        try:
            later = form.cleaned_data["at"]
            mark_agreed(meeting, at=later, by=request.user)
        except Refused as error:
            refusal = str(error)
        else:
            messages.success(
                request,
                f"The minutes are recorded as agreed at {later.title}.",
            )
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"meeting": meeting, "form": form, "refusal": refusal}
    status = 409 if refusal else 400 if form.errors else 200
    return render(request, "boards/agreed.html", context, status=status)
