from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from actions.models import (
    Action,
    ActionUpdate,
    Attachment,
    Post,
    Reminder,
    deliveries_of,
)
from actions.tasks import send_due_reminders
from assurance.text import validate_one_line
from meetings.admin import DatesCheckedMixin


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "organisation", "is_active"]
    list_filter = ["organisation", "is_active"]
    search_fields = ["name", "abbreviation", "holders__username", "holders__last_name"]
    # Holders change by "Hand over this post" (people/), which keeps who held the
    # post when; changed here, the tenure history would be wrong.
    readonly_fields = ["holders"]


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    # An update is signed by whoever writes it, at the time they write it.
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "description", "owner", "due_date", "status"]
    list_filter = [
        "status",
        "owner__organisation",
        "owner",
        "agenda_item__meeting__meeting_type",
        "due_date",
    ]
    list_select_related = ["owner"]
    search_fields = ["reference", "description", "due_phrase"]
    autocomplete_fields = ["agenda_item", "owner"]
    inlines = [ActionUpdateInline]

    def has_add_permission(self, request):
        # An action is raised at its item on the minutes page (raise_action), which
        # numbers it and starts it open: never made here with a status of its own.
        return False

    def has_change_permission(self, request, obj=None):
        # An action changes only on its own page: through the workflow, with a
        # reason and a version check. Here it is inspected.
        return False

    def has_delete_permission(self, request, obj=None):
        # An accountability record: actions are superseded, never deleted.
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a POST here even with revert disabled: old
        # versions are shown, never restored.
        if request.method == "POST":
            raise PermissionDenied("An old version of an action cannot be restored.")
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(ActionUpdate)
class ActionUpdateAdmin(admin.ModelAdmin):
    list_display = ["action", "author", "created_at"]
    list_filter = ["created_at", "action__owner"]
    list_select_related = ["action", "author"]
    search_fields = ["text", "action__reference", "author__username"]

    def has_add_permission(self, request):
        # Updates are written on the action's page (add_update), with evidence.
        return False

    def has_change_permission(self, request, obj=None):
        # What someone wrote stays as they wrote it.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "content_type", "size", "update"]
    list_filter = ["content_type"]
    list_select_related = ["update__action"]
    search_fields = ["name", "update__action__reference"]
    readonly_fields = ["id", "update", "file", "name", "content_type", "size"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(DatesCheckedMixin, admin.ModelAdmin):
    """The ledger: what was sent, to whom, and what failed. Rows are written only
    by the sweep; a failed one can be queued to send again."""

    list_display = ["action", "kind", "for_date", "state", "attempts", "finished_at"]
    list_filter = ["state", "kind", "for_date"]
    list_select_related = ["action"]
    search_fields = ["action__reference", "action__description"]
    date_hierarchy = "for_date"
    fields = [
        "action",
        "kind",
        "for_date",
        "state",
        "attempts",
        "created_at",
        "claimed_at",
        "finished_at",
        "last_error",
        "sent_to",
    ]
    readonly_fields = fields
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Sent to")
    def sent_to(self, reminder):
        return render_to_string(
            "admin/actions/reminder_deliveries.html",
            {"deliveries": deliveries_of([reminder])[reminder.pk]},
        )

    def has_change_permission(self, request, obj=None):
        # The list's "send again" needs the permission; a row itself is not edited.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description="Send the selected failed or unknown-outcome reminders again",
        permissions=["change"],
    )
    def send_again(self, request, queryset):
        chosen = queryset.filter(
            state__in=[Reminder.State.FAILED, Reminder.State.UNKNOWN]
        )
        # Whoever the server never confirmed gets it again; whoever it did, not.
        count = chosen.update(
            state=Reminder.State.PENDING,
            attempts=0,
            claim=None,
            claimed_at=None,
            released_at=timezone.now(),
        )
        if count:
            send_due_reminders.delay_on_commit()
        self.message_user(
            request,
            f"{count} reminder{pluralize(count)} queued to be sent again. A "
            "reminder the action has moved past (completed, a new due date, or a "
            "later reminder) is cancelled instead; its page says so.",
        )


class OneLineNamesForm(UserChangeForm):
    """Names go into email headers, calendars and page titles: one line each."""

    def clean_first_name(self):
        validate_one_line(self.cleaned_data["first_name"])
        return self.cleaned_data["first_name"]

    def clean_last_name(self):
        validate_one_line(self.cleaned_data["last_name"])
        return self.cleaned_data["last_name"]


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class PersonAdmin(UserAdmin):
    form = OneLineNamesForm
