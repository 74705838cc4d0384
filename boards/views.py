from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from boards.forms import BoardForm
from boards.models import Board

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
