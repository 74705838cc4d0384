from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from actions.paging import missing_page
from boards.exports import decisions_csv
from boards.forms import (
    AgreedForm,
    BoardForm,
    DecisionFilter,
    DecisionForm,
    WithdrawForm,
)
from boards.models import Board, Decision
from boards.services import (
    Refused,
    approve_minutes,
    check_approval,
    mark_agreed,
    record_decision,
    withdraw_approval,
)
from meetings.marking import banner, marking_of, shown_sensitive
from meetings.models import AgendaItem, Meeting

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


@require_http_methods(["GET", "POST"])
@can_run_meetings
def decision_create(request, item_pk):
    """Record what the board decided at an item, while the minutes are a draft."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=item_pk)
    meeting = item.meeting
    if not meeting.is_editable_by(request.user):
        raise PermissionDenied(
            f"These minutes are {meeting.get_status_display().lower()}: decisions "
            "are recorded while they are a draft."
        )
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decision = record_decision(item, by=request.user, **form.cleaned_data)
        messages.success(request, f"Decision {decision.number} is recorded.")
        return redirect(
            f"{reverse('meetings:detail', args=[meeting.pk])}#item-{item.pk}"
        )
    context = {"item": item, "meeting": meeting, "form": form}
    return render(request, "boards/decision_form.html", context)


DECISIONS_PER_PAGE = 50


def _decisions(request):
    decisions = (
        Decision.objects.visible_to(request.user)
        .select_related("agenda_item__meeting__board")
        .order_by("-agenda_item__meeting__date", "-pk")
    )
    return DecisionFilter(request.GET, queryset=decisions)


@require_GET
@can_view
def decision_register(request):
    """Every decision, newest first, filtered by board, year and public interest."""
    filters = _decisions(request)
    page = Paginator(filters.qs, DECISIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    shown = list(page.object_list)
    shown_sensitive(request, shown)
    context = {
        "filters": filters,
        "page": page,
        "marking": banner(marking_of(shown)),
        "page_missing": missing_page(request.GET.get("page"), page),
        "query_without_page": query.urlencode(),
    }
    return render(request, "boards/decision_register.html", context)


@require_GET
@can_view
def decision_export(request):
    """The register as filtered, as CSV that opens safely in a spreadsheet."""
    filters = _decisions(request)
    if not filters.is_valid():
        messages.error(request, "Nothing was downloaded: a filter was not understood.")
        return redirect(reverse("boards:decisions") + "?" + request.GET.urlencode())
    return decisions_csv(filters.qs, name=f"decisions {timezone.localdate()}")
