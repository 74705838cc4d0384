from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from actions.dashboard_views import dashboard_page
from actions.exports import actions_csv, actions_xlsx, download_name
from actions.filters import ActionFilter, MeetingFilter
from actions.forms import (
    ActionCorrectionForm,
    ActionEditForm,
    ActionRaiseForm,
    DueDateForm,
    ReassignForm,
    StatusForm,
    UpdateForm,
)
from actions.models import Action, Attachment, with_deliveries
from actions.paging import CappedPaginator, missing_page
from actions.services import (
    ActionChanged,
    add_update,
    change_due_date,
    change_status,
    correct_action,
    edit_action,
    raise_action,
    reassign_open_actions,
    timeline,
    wording_locked,
)
from actions.workflow import available_transitions
from meetings.marking import banner, marking_of, posts_held, shown_sensitive
from meetings.models import AgendaItem, Meeting

HOME_ACTIONS_SHOWN = 25
MEETINGS_PER_PAGE = 25
HOME_MEETINGS_SHOWN = 10


def _meetings_with_open_action_counts(user):
    # Lives here, not in meetings: only the actions app knows which are open.
    # Counted per meeting shown, not over every action ever minuted, and only those
    # the user may see.
    open_actions = (
        Action.objects.visible_to(user)
        .open()
        .filter(agenda_item__meeting=OuterRef("pk"))
        .order_by()
        .values("agenda_item__meeting")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Meeting.objects.select_related("meeting_type")
        .annotate(open_actions=Coalesce(Subquery(open_actions), 0))
        .order_by("-date", "-start_time", "-pk")
    )


@require_GET
@permission_required(
    ["actions.view_action", "meetings.view_meeting"], raise_exception=True
)
def meeting_list(request):
    """Every meeting, newest first, by type, year and title."""
    filters = MeetingFilter(
        request.GET, queryset=_meetings_with_open_action_counts(request.user)
    )
    page = Paginator(filters.qs, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "page_missing": missing_page(request.GET.get("page"), page),
        "query_without_page": _query_without_page(request),
    }
    return render(request, "actions/meeting_list.html", context)


@require_GET
def home(request):
    """The PCC and the OPCC land on the dashboard; the force on its own actions;
    someone with no role yet on whom to ask for one (not a 403 whose link home
    leads back to it)."""
    if not request.user.has_perms(["actions.view_action", "meetings.view_meeting"]):
        return render(request, "actions/no_role.html")
    if request.user.has_perm("actions.sign_off_action"):
        return dashboard_page(request)
    open_actions = (
        Action.objects.visible_to(request.user)
        .open()
        .select_related("owner", "agenda_item__meeting")
        .order_by(F("due_date").asc(nulls_last=True), "reference")
    )
    meetings = _meetings_with_open_action_counts(request.user)
    today = timezone.localdate()
    posts = posts_held(request.user)
    is_mine = Q(owner__in=posts)
    context = {
        "today": today,
        "my_actions": open_actions.owned_by_posts(posts)[:HOME_ACTIONS_SHOWN],
        # Counted by the database in one pass, however many there are.
        **open_actions.aggregate(
            open_actions_count=Count("pk"),
            my_count=Count("pk", filter=is_mine),
            my_overdue=Count("pk", filter=is_mine & Q(due_date__lt=today)),
        ),
        "open_actions": open_actions[:HOME_ACTIONS_SHOWN],
        "meetings": meetings[:HOME_MEETINGS_SHOWN],
        "holds_posts": bool(posts),
        "force_without_post": not posts
        and request.user.groups.filter(name="Force").exists(),
    }
    return render(request, "actions/home.html", context)


ACTIONS_PER_PAGE = 25
SEARCH_COUNT_CAP = 1_000
MY_ACTIONS_SHOWN = 10


def _get_action(request, pk):
    """The action, or 404 to those it is not shown to (need-to-know): the same
    answer as for an action that does not exist, which tells nothing."""
    return get_object_or_404(
        Action.objects.visible_to(request.user).select_related(
            "owner", "agenda_item__meeting"
        ),
        pk=pk,
    )


@require_GET
@permission_required("actions.view_action", raise_exception=True)
def action_list(request):
    """All actions, filtered and paginated; the user's own posts' actions first."""
    actions = (
        Action.objects.visible_to(request.user)
        .select_related("owner", "agenda_item__meeting")
        .order_by(F("due_date").asc(nulls_last=True), "reference")
    )
    filters = ActionFilter(request.GET, queryset=actions)
    cap = SEARCH_COUNT_CAP if request.GET.get("q") else None
    page = CappedPaginator(filters.qs, ACTIONS_PER_PAGE, cap=cap).get_page(
        request.GET.get("page")
    )
    filtered = _filtered(request)
    context = {
        "filters": filters,
        "page": page,
        "page_missing": missing_page(request.GET.get("page"), page),
        "my_actions": []
        if filtered
        else actions.open().owned_by(request.user)[:MY_ACTIONS_SHOWN],
        "today": timezone.localdate(),
        "query_without_page": _query_without_page(request),
    }
    return render(request, "actions/action_list.html", context)


EXPORTS = {"csv": actions_csv, "xlsx": actions_xlsx}


@require_GET
@permission_required("actions.view_action", raise_exception=True)
def action_export(request, file_type):
    """The actions list as it is filtered, as a spreadsheet named for the filters."""
    if file_type not in EXPORTS:
        raise Http404("Actions download as .csv or .xlsx.")
    actions = (
        Action.objects.visible_to(request.user)
        .select_related("owner", "agenda_item__meeting")
        .order_by(F("due_date").asc(nulls_last=True), "reference")
    )
    filters = ActionFilter(request.GET, queryset=actions)
    if not filters.is_valid():
        # Not every action instead: back to the list, which says what is wrong.
        messages.error(request, "Nothing was downloaded: a filter was not understood.")
        return redirect(reverse("actions:list") + "?" + request.GET.urlencode())
    if filters.qs.order_by()[: settings.EXPORT_INLINE_MAX + 1].count() > (
        settings.EXPORT_INLINE_MAX
    ):
        # Too long to build while the browser waits: a worker builds it.
        start = reverse("downloads:start", args=[file_type])
        return redirect(f"{start}?{request.GET.urlencode()}")
    return EXPORTS[file_type](filters.qs, name=download_name(filters))


def _filtered(request):
    return any(value for key, value in request.GET.items() if key != "page")


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
@permission_required("actions.view_action", raise_exception=True)
def action_detail(request, pk):
    return _render_action(request, _get_action(request, pk))


def _render_action(request, action, *, status=200, bound=None, conflict=None):
    """The action page; `bound` holds forms the user filled in, to show again."""
    bound = bound or {}
    user = request.user
    can_edit = action.is_editable_by(user) and not action.is_finished
    transitions = [
        (
            step,
            bound.get(step.target.value)
            or StatusForm(
                initial={"to": step.target, "version": action.version}, auto_id=False
            ),
        )
        for step in available_transitions(action, user)
    ]
    shown_sensitive(request, [action])
    context = {
        "action": action,
        "marking": banner(marking_of([action])),
        "today": timezone.localdate(),
        "timeline": timeline(action),
        "reminders": with_deliveries(action.reminders.all()),
        "transitions": transitions,
        "update_form": bound.get("update")
        or (UpdateForm() if action.can_be_updated_by(user) else None),
        "due_date_form": bound.get("due_date")
        or (DueDateForm(initial={"version": action.version}) if can_edit else None),
        "can_edit": can_edit and not action.wording_is_locked,
        "can_correct": action.is_editable_by(user) and action.wording_is_locked,
        "conflict": conflict,
    }
    return render(request, "actions/action_detail.html", context, status=status)


@require_POST
@permission_required("actions.view_action", raise_exception=True)
def action_status(request, pk):
    action = _get_action(request, pk)
    form = StatusForm(request.POST, auto_id=False)
    if not form.is_valid():
        return _render_action(request, action, status=400)
    data = form.cleaned_data
    try:
        change_status(
            action,
            to=data["to"],
            by=request.user,
            version=data["version"],
            reason=data["reason"],
            now=timezone.now(),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _render_action(request, action, status=400, bound={data["to"]: form})
    except ActionChanged as conflict:
        return _render_action(
            request,
            conflict.current,
            status=409,
            conflict=conflict,
            bound={data["to"]: _rebased(StatusForm, request.POST, conflict.current)},
        )
    messages.success(
        request, f"{action.reference} is now “{action.get_status_display()}”."
    )
    return redirect("actions:detail", pk=action.pk)


@require_POST
@permission_required("actions.view_action", raise_exception=True)
def action_add_update(request, pk):
    action = _get_action(request, pk)
    if not action.can_be_updated_by(request.user):
        raise PermissionDenied(f"You cannot add updates to {action.reference}.")
    form = UpdateForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_action(request, action, status=400, bound={"update": form})
    add_update(
        action,
        by=request.user,
        text=form.cleaned_data["text"],
        files=form.cleaned_data["attachments"],
    )
    messages.success(request, "Your update is recorded.")
    return redirect("actions:detail", pk=action.pk)


@require_POST
@permission_required("actions.view_action", raise_exception=True)
def action_change_due_date(request, pk):
    action = _get_action(request, pk)
    if not action.is_editable_by(request.user):
        raise PermissionDenied("Only OPCC staff change due dates.")
    form = DueDateForm(request.POST)
    if not form.is_valid():
        return _render_action(request, action, status=400, bound={"due_date": form})
    try:
        change_due_date(
            action,
            to=form.cleaned_data["due_date"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            version=form.cleaned_data["version"],
        )
    except ActionChanged as conflict:
        return _render_action(
            request,
            conflict.current,
            status=409,
            conflict=conflict,
            bound={"due_date": _rebased(DueDateForm, request.POST, conflict.current)},
        )
    messages.success(request, f"The due date of {action.reference} is changed.")
    return redirect("actions:detail", pk=action.pk)


@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    """Reword or reassign an action while its minutes are a draft."""
    action = _get_action(request, pk)
    if not action.is_editable_by(request.user):
        raise PermissionDenied("Only OPCC staff edit an action's wording and owner.")
    if action.wording_is_locked:
        raise PermissionDenied(wording_locked(action))
    return _change_wording(request, action, ActionEditForm, edit_action)


@require_http_methods(["GET", "POST"])
def action_correct(request, pk):
    """Correct an action of approved minutes, with a reason the timeline shows."""
    action = _get_action(request, pk)
    if not action.is_editable_by(request.user):
        raise PermissionDenied("Only OPCC staff correct an action.")
    return _change_wording(request, action, ActionCorrectionForm, correct_action)


def _change_wording(request, action, form_class, service):
    context = {"action": action, "correcting": form_class is ActionCorrectionForm}
    if request.method == "GET":
        form = form_class(instance=action, initial={"version": action.version})
        return render(request, "actions/action_edit.html", {**context, "form": form})
    # The form changes the instance it validates: the service gets the one read.
    form = form_class(request.POST, instance=Action.objects.get(pk=action.pk))
    if form.is_valid():
        try:
            service(action, by=request.user, **form.cleaned_data)
        except ActionChanged as conflict:
            context = {
                **context,
                "action": conflict.current,
                "form": _rebased(form_class, request.POST, conflict.current),
                "conflict": conflict,
            }
            return render(request, "actions/action_edit.html", context, status=409)
        messages.success(request, f"{action.reference} is saved.")
        return redirect("actions:detail", pk=action.pk)
    context["form"] = form
    return render(request, "actions/action_edit.html", context, status=400)


def _rebased(form_class, data, current):
    """The user's form again, now based on the current version they have seen."""
    data = data.copy()
    data["version"] = current.version
    if issubclass(form_class, ActionEditForm):
        return form_class(data, instance=current)
    if form_class is StatusForm:
        return form_class(data, auto_id=False)
    return form_class(data)


@require_GET
@permission_required("actions.view_action", raise_exception=True)
def attachment(request, pk):
    """Evidence is served only here, to signed-in users who may see its action."""
    evidence = get_object_or_404(
        Attachment.objects.filter(
            update__action__in=Action.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )


@require_http_methods(["GET", "POST"])
@permission_required("actions.change_action", raise_exception=True)
def reassign(request):
    """Hand all open actions of one post to another, e.g. when an ACC retires."""
    posted = request.method == "POST"
    form = ReassignForm(request.POST if posted else None)
    if posted and form.is_valid():
        moved = reassign_open_actions(
            from_post=form.cleaned_data["from_post"],
            to_post=form.cleaned_data["to_post"],
            by=request.user,
        )
        messages.success(
            request,
            f"{moved} open action{'s' if moved != 1 else ''} moved from "
            f"{form.cleaned_data['from_post']} to {form.cleaned_data['to_post']}.",
        )
        return redirect("actions:list")
    return render(request, "actions/reassign.html", {"form": form})


@require_GET
@permission_required(
    ["actions.view_action", "meetings.view_meeting"], raise_exception=True
)
def meeting_actions_csv(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    actions = (
        Action.objects.visible_to(request.user)
        .filter(agenda_item__meeting=meeting)
        .order_by("agenda_item__position", "pk")
    )
    return actions_csv(actions, name=f"{meeting.title} actions")


@require_http_methods(["GET", "POST"])
@permission_required("actions.add_action", raise_exception=True)
def raise_action_at_item(request, item_pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=item_pk)
    meeting = item.meeting
    if not meeting.is_editable_by(request.user):
        raise PermissionDenied(
            f"These minutes are {meeting.get_status_display().lower()}: actions are "
            "raised while they are a draft."
        )
    posted = request.method == "POST"
    form = ActionRaiseForm(request.POST if posted else None, meeting=meeting)
    if posted and form.is_valid():
        action = raise_action(item, by=request.user, **form.cleaned_data)
        messages.success(request, f"Action {action.reference} is raised.")
        return redirect(
            f"{reverse('meetings:detail', args=[meeting.pk])}#item-{item.pk}"
        )
    return render(
        request,
        "actions/action_raise.html",
        {"item": item, "meeting": meeting, "form": form},
    )
