from functools import partial

import structlog
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)
from kombu.exceptions import OperationalError

from actions.paging import missing_page
from meetings.models import Meeting
from publication.forms import MarkingForm, SearchForm, WithdrawForm
from publication.models import (
    PublishedAction,
    PublishedDecision,
    PublishedMeeting,
    PublishedPaper,
)
from publication.pdf import for_display, make_minutes_pdf
from publication.services import (
    Refused,
    is_public,
    publish_minutes,
    records_to_mark,
    set_markings,
    today_status,
    withdraw_publication,
)
from publication.tasks import make_pdf

logger = structlog.get_logger(__name__)
PER_PAGE = 25
can_publish = permission_required("meetings.change_meeting", raise_exception=True)

# What each kind of record is called on the "Prepare for publication" page.
KINDS = {
    "item": ("Items", lambda r: f"Item {r.number} {r.title}"),
    "paper": ("Papers", lambda r: f"Paper {r.name} (item {r.agenda_item.number})"),
    "decision": ("Decisions", lambda r: f"Decision {r.number}"),
    "action": ("Actions", lambda r: f"Action {r.reference}"),
}


# OPCC staff: marking, publishing, withdrawing.


@require_http_methods(["GET", "POST"])
@can_publish
def prepare(request, pk):
    """Every item, paper, decision and action of the minutes with its marking and
    publication choice, set together; then "Publish" once the minutes are approved."""
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    data = request.POST if request.method == "POST" else None
    sections = [
        (
            kind,
            KINDS[kind][0],
            [
                (
                    KINDS[kind][1](record),
                    MarkingForm(data, prefix=f"{kind}-{record.pk}", record=record),
                )
                for record in records
            ],
        )
        for kind, records in records_to_mark(meeting).items()
    ]
    forms = [form for _, _, entries in sections for _, form in entries]
    # Every form validated, so that each error shows, not only the first.
    valid = [form.is_valid() for form in forms]
    if request.method == "POST" and all(valid):
        changed = set_markings(
            [
                (
                    form.record,
                    form.cleaned_data["marking"],
                    form.cleaned_data["publication"],
                    form.cleaned_data["exemption"],
                )
                for form in forms
            ],
            by=request.user,
        )
        messages.success(
            request,
            f"The markings are saved ({changed} changed)."
            if changed
            else "Nothing was changed.",
        )
        return redirect("publication:prepare", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "sections": sections,
        "has_errors": any(form.errors for form in forms),
        "publication": PublishedMeeting.objects.filter(meeting=meeting).first(),
    }
    return render(request, "publication/prepare.html", context)


@require_POST
@can_publish
def publish(request, pk):
    """Publish approved minutes; any other minutes: 403, from publish_minutes."""
    meeting = get_object_or_404(Meeting, pk=pk)
    publication = publish_minutes(meeting, by=request.user, now=timezone.now())
    transaction.on_commit(partial(_make_pdf_later, publication.pk))
    messages.success(request, "The minutes are published on the public pages.")
    return redirect("publication:prepare", pk=publication.meeting_id)


def _make_pdf_later(publication_id):
    """A worker makes the PDF; if the broker cannot take the task, publishing has
    still happened, and the first request for the PDF makes it instead."""
    try:
        make_pdf.delay(publication_id)
    except (OSError, OperationalError):
        logger.warning("pdf_not_queued", exc_info=True, publication=publication_id)


@require_http_methods(["GET", "POST"])
@can_publish
def withdraw(request, pk):
    publication = get_object_or_404(PublishedMeeting, pk=pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_publication(
                publication,
                by=request.user,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "The publication is withdrawn.")
        return redirect("publication:prepare", pk=publication.meeting_id)
    return render(
        request, "publication/withdraw.html", {"publication": publication, "form": form}
    )


# The public pages: no sign-in, no input beyond search and paging.


def _bad_request(request, message):
    return render(
        request, "publication/bad_request.html", {"message": message}, status=400
    )


class BadPage(Exception):
    pass


def _page(request, object_list):
    """The page asked for; a page past the end shows the last, and says so."""
    asked = request.GET.get("page", "")
    if asked and not (asked.isascii() and asked.isdigit() and len(asked) < 7):
        raise BadPage(asked)
    page = Paginator(object_list, PER_PAGE).get_page(asked or 1)
    return page, missing_page(asked, page)


def paged(template):
    """Render `template` with the view's context and its rows paged; a page
    number that is not one is a 400 with a message, not a 500."""

    def decorate(view):
        def wrapper(request, *args, **kwargs):
            result = view(request, *args, **kwargs)
            if isinstance(result, HttpResponse):
                return result
            rows, context = result
            try:
                page, missing = _page(request, rows)
            except BadPage as bad:
                return _bad_request(
                    request, f"There is no page “{bad}”: pages are numbered 1, 2, 3…"
                )
            query = request.GET.copy()
            query.pop("page", None)
            context |= {
                "page": page,
                "missing_page": missing,
                "query_without_page": query.urlencode(),
            }
            return render(request, template, context)

        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        return login_not_required(require_GET(wrapper))

    return decorate


@paged("publication/index.html")
def index(request):
    """Each board's published meetings: date, time, place, agenda, papers, minutes."""
    rows = PublishedMeeting.objects.order_by("board_name", "-date", "-pk").defer(
        "content", "search_text"
    )
    return rows, {}


@login_not_required
@require_GET
def meeting(request, pk):
    publication = get_object_or_404(PublishedMeeting, pk=pk)
    if publication.is_withdrawn:
        return _withdrawn(request, publication)
    today = timezone.localdate()
    live = {
        row.reference: today_status(row.action, today)
        for row in publication.actions.select_related("action__agenda_item")
    }
    content = publication.content
    for item in content["items"]:
        for action in item.get("actions", []):
            action["today"] = live.get(action["reference"])
    return render(
        request,
        "publication/meeting.html",
        {"publication": publication, "minutes": for_display(content)},
    )


@login_not_required
@require_GET
def meeting_pdf(request, pk):
    publication = get_object_or_404(PublishedMeeting, pk=pk)
    if publication.is_withdrawn:
        return _withdrawn(request, publication)
    # Made by the worker after publication; by this request if it is not yet.
    make_minutes_pdf(publication)
    response = FileResponse(
        publication.pdf.open("rb"),
        filename=f"minutes-{publication.date:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )
    return response


@login_not_required
@require_GET
def paper(request, pk):
    """A published paper, while its minutes are published and it still is."""
    row = get_object_or_404(
        PublishedPaper.objects.select_related("publication", "paper__agenda_item"),
        pk=pk,
    )
    if row.publication.is_withdrawn or row.paper is None or not is_public(row.paper):
        raise Http404("This paper is not published.")
    return FileResponse(
        row.paper.file.open("rb"),
        as_attachment=True,
        filename=row.name,
        content_type=row.content_type,
    )


@paged("publication/decisions.html")
def decisions(request):
    """The decisions register: every published decision, newest meeting first."""
    rows = (
        PublishedDecision.objects.filter(publication__withdrawn_at=None)
        .select_related("publication")
        .only(
            "number",
            "item_number",
            "text",
            "significant_public_interest",
            "publication__title",
            "publication__date",
            "publication__board_name",
        )
    )
    return rows, {}


@paged("publication/actions.html")
def actions(request):
    """The action log: published actions, at approval and today."""
    rows = (
        PublishedAction.objects.filter(publication__withdrawn_at=None)
        .select_related("publication", "action__agenda_item")
        .defer("publication__content", "publication__search_text")
    )
    return rows, {"today": timezone.localdate()}


@paged("publication/search.html")
def search(request):
    """Search the published minutes: the snapshots, where no withheld word is."""
    if "q" not in request.GET:
        return PublishedMeeting.objects.none(), {"form": SearchForm()}
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "publication/search.html", {"form": form}, status=400)
    words = form.cleaned_data["q"].lower().split()
    rows = PublishedMeeting.objects.current().matching(words).defer("content")
    return rows, {"form": form, "words": words, "searched": True}


def _withdrawn(request, publication):
    """410: the page says when and why the publication was withdrawn."""
    return render(
        request, "publication/withdrawn.html", {"publication": publication}, status=410
    )
