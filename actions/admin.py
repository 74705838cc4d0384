from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action, ActionUpdate, Attachment, Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "organisation", "is_active"]
    list_filter = ["organisation", "is_active"]
    search_fields = ["name", "abbreviation", "holders__username", "holders__last_name"]
    filter_horizontal = ["holders"]


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

    def get_readonly_fields(self, request, obj=None):
        # A reference is quoted in minutes and emails: it never changes once given.
        # The workflow fields change only through the action page, with a reason.
        stable = (
            ["reference", "status", "original_due_date", "closed_at"] if obj else []
        )
        return [*stable, "version", "created_at", "updated_at"]

    def has_delete_permission(self, request, obj=None):
        # An accountability record: actions are superseded, never deleted.
        return False

    def save_model(self, request, obj, form, change):
        if change:
            # Forms open on the action page were based on the old version.
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for update in formset.save(commit=False):
            update.author = request.user
            update.save()
        formset.save_m2m()


@admin.register(ActionUpdate)
class ActionUpdateAdmin(admin.ModelAdmin):
    list_display = ["action", "author", "created_at"]
    list_filter = ["created_at", "action__owner"]
    list_select_related = ["action", "author"]
    search_fields = ["text", "action__reference", "author__username"]
    autocomplete_fields = ["action"]
    readonly_fields = ["author", "created_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "content_type", "size", "update"]
    list_filter = ["content_type"]
    list_select_related = ["update__action"]
    search_fields = ["name", "update__action__reference"]
    readonly_fields = ["id", "update", "file", "name", "content_type", "size"]

    def has_add_permission(self, request):
        return False
