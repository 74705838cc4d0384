from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from actions.models import Action
from extensions.forms import AskForm, DecisionForm
from extensions.models import ExtensionRequest, ExtensionState
from extensions.services import (
    approve_extension,
    ask_for_extension,
    decline_extension,
    may_ask,
    may_decide,
)


def _get_action_for_user(request, pk):
    action = get_object_or_404(
        Action.objects.select_related("owner", "agenda_item__meeting"), pk=pk
    )
    if not action.is_visible_to(request.user):
        raise Http404("No such action.")
    return action


@require_http_methods(["GET", "POST"])
@permission_required("actions.view_action", raise_exception=True)
def ask(request, pk):
    """The force asks for a later due date, with its reason."""
    action = _get_action_for_user(request, pk)
    if not may_ask(action, request.user):
        raise PermissionDenied(
            "Only the force, holding the owner post, asks for more time, while the "
            "action is open."
        )
    form = AskForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            ask_for_extension(
                action,
                by=request.user,
                today=timezone.localdate(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Your request for more time on {action.reference} is sent to the "
                "OPCC.",
            )
            return redirect("actions:detail", pk=action.pk)
    context = {"action": action, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "extensions/ask.html", context, status=status)


@require_http_methods(["GET", "POST"])
@permission_required("actions.change_action", raise_exception=True)
def decide(request, pk):
    """OPCC staff approve the request waiting, or decline it with a reason."""
    action = _get_action_for_user(request, pk)
    if not may_decide(request.user):
        raise PermissionDenied("Only OPCC staff approve or decline more time.")
    pending = action.extension_requests.filter(state=ExtensionState.PENDING).first()
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        extension = get_object_or_404(
            ExtensionRequest, pk=data["extension"], action=action
        )
        try:
            if data["decision"] == DecisionForm.APPROVE:
                approve_extension(extension, by=request.user, comment=data["reason"])
            else:
                decline_extension(extension, by=request.user, reason=data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = (
                "approved" if data["decision"] == DecisionForm.APPROVE else "declined"
            )
            messages.success(request, f"More time on {action.reference} is {done}.")
            return redirect("actions:detail", pk=action.pk)
    context = {"action": action, "pending": pending, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "extensions/decide.html", context, status=status)
