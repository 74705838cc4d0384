"""A user's choice of reminder emails, from their settings or from a link in one."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from actions.calendar import calendar_for
from actions.forms import CalendarContentsForm, ReminderSettingsForm
from actions.models import CalendarFeed, DueSoonOptOut
from actions.reminder_emails import LinkExpired, user_for_opt_out


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
    feed = CalendarFeed.objects.filter(user=user).first()
    return _render_settings(
        request,
        form=form,
        feed=feed,
        calendar_form=CalendarContentsForm(instance=feed, user=user),
    )


@require_POST
def calendar_contents(request):
    """Save what the user's calendar holds; choosing makes the address if need be."""
    feed, _ = CalendarFeed.objects.get_or_create(user=request.user)
    form = CalendarContentsForm(request.POST, instance=feed, user=request.user)
    if not form.is_valid():
        return _render_settings(
            request,
            form=ReminderSettingsForm(
                initial={
                    "due_soon": not DueSoonOptOut.objects.filter(
                        user=request.user
                    ).exists()
                }
            ),
            feed=feed,
            calendar_form=form,
        )
    form.save()
    messages.success(request, "Your calendar now holds what you chose.")
    return redirect(reverse("actions:reminder_settings") + "#calendar-heading")


def _render_settings(request, *, form, feed, calendar_form):
    context = {
        "form": form,
        "calendar_form": calendar_form,
        "days": settings.REMINDER_DUE_SOON_DAYS,
        "email": request.user.email,
        "feed_url": feed
        and settings.SITE_URL + reverse("actions:calendar_feed", args=[feed.token]),
    }
    return render(request, "actions/reminder_settings.html", context)


@require_POST
def new_calendar_address(request):
    """Make the user's calendar address, or replace it: the old one stops working."""
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.replace_token()
    messages.success(
        request,
        "Your calendar has a new address; the old one no longer works."
        if not created
        else "Your calendar address is ready.",
    )
    return redirect(reverse("actions:reminder_settings") + "#calendar-heading")


@login_not_required
@require_safe
def calendar_feed(request, token):
    """The feed a calendar app polls: the address is the only key, no session."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    if not feed.user.is_active:
        raise Http404()
    response = HttpResponse(
        calendar_for(feed), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="assurance.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def opt_out(request, token):
    """The link in every reminder email: no sign-in needed, as the email is read
    on a phone. GET only asks, so a mail scanner following links changes nothing;
    the page names nobody, as whoever has the link may not be its owner."""
    try:
        user = user_for_opt_out(token)
    except LinkExpired:
        context = {"expired": True, "days": settings.REMINDER_DUE_SOON_DAYS}
        return render(request, "actions/opt_out.html", context, status=410)
    if user is None:
        raise Http404("This link is not valid.")
    done = request.method == "POST"
    if done:
        DueSoonOptOut.objects.get_or_create(user=user)
    return render(
        request,
        "actions/opt_out.html",
        {"done": done, "days": settings.REMINDER_DUE_SOON_DAYS},
    )
