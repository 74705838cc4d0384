"""A user's choice of reminder emails, from their settings or from a link in one."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from actions.forms import ReminderSettingsForm
from actions.models import DueSoonOptOut
from actions.reminders import user_for_opt_out


@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    user = request.user
    opted_out = DueSoonOptOut.objects.filter(user=user).exists()
    form = ReminderSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"due_soon": not opted_out},
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["due_soon"]:
            DueSoonOptOut.objects.filter(user=user).delete()
            messages.success(request, "You will be emailed before actions fall due.")
        else:
            DueSoonOptOut.objects.get_or_create(user=user)
            messages.success(
                request, "You will no longer be emailed before actions fall due."
            )
        return redirect("actions:reminder_settings")
    return render(
        request,
        "actions/reminder_settings.html",
        {"form": form, "days": settings.REMINDER_DUE_SOON_DAYS, "email": user.email},
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def opt_out(request, token):
    """The link in every reminder email: no sign-in needed, as the email is read
    on a phone. GET only asks, so a mail scanner following links changes nothing."""
    user = user_for_opt_out(token)
    if user is None:
        raise Http404("This link is not valid.")
    done = request.method == "POST"
    if done:
        DueSoonOptOut.objects.get_or_create(user=user)
    return render(
        request,
        "actions/opt_out.html",
        {"person": user, "done": done, "days": settings.REMINDER_DUE_SOON_DAYS},
    )
