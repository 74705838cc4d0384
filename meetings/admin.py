from django.contrib import admin

from meetings.models import AgendaItem, Attendee, Meeting, MeetingType


@admin.register(MeetingType)
class MeetingTypeAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class MinutesPermissionMixin:
    """Approved minutes are read-only, here as in the minutes pages."""

    def has_change_permission(self, request, obj=None):
        return self.minutes_open(request, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return self.minutes_open(request, obj) and super().has_delete_permission(
            request, obj
        )

    def minutes_open(self, request, obj):
        # Inlines are asked about their parent meeting; model admins about a row.
        if obj is None:
            return True
        meeting = obj if isinstance(obj, Meeting) else obj.meeting
        return meeting.is_editable_by(request.user)


class MinutesInlineMixin(MinutesPermissionMixin):
    def has_add_permission(self, request, obj):
        return self.minutes_open(request, obj) and super().has_add_permission(
            request, obj
        )


class AttendeeInline(MinutesInlineMixin, admin.TabularInline):
    model = Attendee
    extra = 0


class AgendaItemInline(MinutesInlineMixin, admin.TabularInline):
    model = AgendaItem
    fields = ["position", "number", "title", "parent"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(MinutesPermissionMixin, admin.ModelAdmin):
    list_display = ["title", "meeting_type", "date", "start_time", "venue", "status"]
    list_filter = ["status", "meeting_type", "date"]
    list_select_related = ["meeting_type"]
    search_fields = ["title", "chair", "minute_taker", "venue"]
    date_hierarchy = "date"
    autocomplete_fields = ["next_meeting"]
    inlines = [AttendeeInline, AgendaItemInline]


@admin.register(Attendee)
class AttendeeAdmin(MinutesPermissionMixin, admin.ModelAdmin):
    list_display = ["name", "capacity", "abbreviation", "attendance", "meeting"]
    list_filter = ["attendance", "meeting__meeting_type"]
    list_select_related = ["meeting"]
    search_fields = ["name", "capacity", "abbreviation", "meeting__title"]


@admin.register(AgendaItem)
class AgendaItemAdmin(MinutesPermissionMixin, admin.ModelAdmin):
    list_display = ["number", "title", "meeting", "parent"]
    list_filter = ["meeting__meeting_type", "meeting__date"]
    list_select_related = ["meeting", "parent"]
    search_fields = ["number", "title", "discussion", "meeting__title"]
    autocomplete_fields = ["meeting", "parent"]
