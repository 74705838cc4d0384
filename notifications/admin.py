from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The ledger, to see what was sent to whom and what failed; written only by
    the sweep."""

    list_display = ["action", "kind", "recipient", "state", "happened_at", "attempts"]
    list_filter = ["state", "kind", "delivery"]
    search_fields = ["action__reference", "recipient__username", "recipient__email"]
    list_select_related = ["action", "recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
