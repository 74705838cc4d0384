from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from actions.exports import download_name
from actions.filters import ActionFilter
from actions.models import Action
from audit.models import AccessEvent
from audit.services import record
from downloads.models import Download
from downloads.services import request_download

FILE_TYPES = {"csv": "CSV", "xlsx": "Excel (XLSX)"}
# The page of a download being built asks again this often, without JavaScript.
REFRESH_SECONDS = 3


def _get_download_for_user(request, pk):
    """Only the person who asked sees a download: anyone else is told there is none."""
    return get_object_or_404(Download, pk=pk, user=request.user)


@require_http_methods(["GET", "POST"])
@permission_required("actions.view_action", raise_exception=True)
def start(request, file_type):
    """Offer, then start, building the actions list as a file in the background."""
    if file_type not in FILE_TYPES:
        raise Http404("Actions download as .csv or .xlsx.")
    query = (
        request.POST.get("query", "")
        if request.method == "POST"
        else (request.GET.urlencode())
    )
    filters = ActionFilter(
        QueryDict(query), queryset=Action.objects.visible_to(request.user)
    )
    if request.method == "POST" and filters.is_valid():
        download = request_download(
            user=request.user,
            file_type=file_type,
            query=query,
            name=download_name(filters),
        )
        # Asked for now, built later: the access log has the filters at the asking.
        record(
            AccessEvent.Kind.EXPORT, request=request, query=query, detail=download.name
        )
        return redirect("downloads:detail", pk=download.pk)
    context = {
        "file_type": FILE_TYPES[file_type],
        "query": query,
        "filters_valid": filters.is_valid(),
    }
    return render(request, "downloads/start.html", context)


@require_GET
@permission_required("actions.view_action", raise_exception=True)
def detail(request, pk):
    download = _get_download_for_user(request, pk)
    context = {
        "download": download,
        "refresh": download.state in (Download.State.WAITING, Download.State.BUILDING),
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "downloads/detail.html", context)


@require_GET
@permission_required("actions.view_action", raise_exception=True)
def download_file(request, pk):
    download = _get_download_for_user(request, pk)
    if download.state != Download.State.READY:
        raise Http404("This download is not ready.")
    return FileResponse(
        download.file.open("rb"), as_attachment=True, filename=download.filename
    )
