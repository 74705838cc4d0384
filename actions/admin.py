from django.contrib import admin

from actions.models import Action, ActionUpdate, Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "organisation", "is_active"]
    list_filter = ["organisation", "is_active"]
    search_fields = ["name", "abbreviation", "holders__username", "holders__last_name"]
    filter_horizontal = ["holders"]


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    autocomplete_fields = ["author"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
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
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ActionUpdateInline]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(admin.ModelAdmin):
    list_display = ["action", "author", "created_at"]
    list_filter = ["created_at", "action__owner"]
    list_select_related = ["action", "author"]
    search_fields = ["text", "action__reference", "author__username"]
    autocomplete_fields = ["action", "author"]
