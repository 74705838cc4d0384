from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from actions.reminders import address_of
from notifications.forms import PreferencesForm
from notifications.models import DEFAULT_DELIVERY, Preference


@require_http_methods(["GET", "POST"])
def preferences(request):
    """The signed-in user's choice, per topic, of how to be told."""
    user = request.user
    current = DEFAULT_DELIVERY | dict(
        user.notification_preferences.values_list("topic", "delivery")
    )
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, current=current
    )
    if form.is_bound and form.is_valid():
        for topic, delivery in form.cleaned_data.items():
            Preference.objects.update_or_create(
                user=user, topic=topic, defaults={"delivery": delivery}
            )
        messages.success(request, "Your notification choices are saved.")
        return redirect("notifications:preferences")
    context = {
        "form": form,
        "email": address_of(user),
        "reminder_hour": settings.REMINDER_HOUR,
    }
    status = 400 if form.is_bound else 200
    return render(request, "notifications/preferences.html", context, status=status)
