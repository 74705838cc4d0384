from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from meetings.models import AgendaItem, Meeting


@require_GET
@permission_required("meetings.view_meeting", raise_exception=True)
def meeting_detail(request, pk):
    """The minutes laid out as published: header, attendance, items, actions."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("meeting_type", "next_meeting").prefetch_related(
            "attendees",
            # Actions belong to the actions app; the reverse relation needs no import.
            Prefetch(
                "items",
                queryset=AgendaItem.objects.prefetch_related("actions__owner"),
            ),
        ),
        pk=pk,
    )
    context = {"meeting": meeting, "today": timezone.localdate()}
    return render(request, "meetings/meeting_detail.html", context)


@require_POST
@permission_required("meetings.change_meeting", raise_exception=True)
def meeting_advance(request, pk):
    """Approve, then publish; a second click on a stale page changes nothing."""
    meeting = get_object_or_404(Meeting, pk=pk)
    if request.POST.get("from_status") != meeting.status:
        messages.info(
            request,
            f"These minutes are already {meeting.get_status_display().lower()}.",
        )
    else:
        meeting.advance(by=request.user)
        messages.success(
            request, f"The minutes are {meeting.get_status_display().lower()}."
        )
    return redirect("meetings:detail", pk=meeting.pk)
