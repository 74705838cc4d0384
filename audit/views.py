import csv

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from actions.exports import spreadsheet_safe
from audit.filters import AccessEventFilter
from audit.models import AccessEvent

EVENTS_PER_PAGE = 50
CSV_COLUMNS = [
    "When (UTC)",
    "What",
    "User",
    "Address",
    "Method",
    "Path",
    "Filters",
    "Detail",
]


def _superuser_only(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def _filtered_events(request):
    return AccessEventFilter(
        request.GET, queryset=AccessEvent.objects.select_related("user")
    )


@require_GET
def access_log(request):
    """The access log, newest first, for superusers."""
    _superuser_only(request)
    filters = _filtered_events(request)
    page = Paginator(filters.qs, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/access_log.html",
        {"filters": filters, "page": page, "query_without_page": query.urlencode()},
    )


@require_GET
def export(request):
    """The access log as filtered, as CSV (this export is itself recorded)."""
    _superuser_only(request)
    filters = _filtered_events(request)
    if not filters.is_valid():
        return redirect(reverse("audit:log") + "?" + request.GET.urlencode())
    name = f"access-log-{timezone.localdate():%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for event in filters.qs.iterator():
        writer.writerow(
            spreadsheet_safe(value)
            for value in (
                event.at.strftime("%Y-%m-%d %H:%M:%S"),
                event.get_kind_display(),
                event.username,
                event.address or "",
                event.method,
                event.path,
                event.query,
                event.detail,
            )
        )
    return response
