from django.contrib import admin

from meetings.models import AgendaItem, Attendee, Meeting, MeetingType


@admin.register(MeetingType)
class MeetingTypeAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "number", "title", "parent"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting_type", "date", "start_time", "venue", "status"]
    list_filter = ["status", "meeting_type", "date"]
    list_select_related = ["meeting_type"]
    search_fields = ["title", "chair", "minute_taker", "venue"]
    date_hierarchy = "date"
    autocomplete_fields = ["next_meeting"]
    inlines = [AttendeeInline, AgendaItemInline]


@admin.register(Attendee)
class AttendeeAdmin(admin.ModelAdmin):
    list_display = ["name", "capacity", "abbreviation", "attendance", "meeting"]
    list_filter = ["attendance", "meeting__meeting_type"]
    list_select_related = ["meeting"]
    search_fields = ["name", "capacity", "abbreviation", "meeting__title"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "meeting", "parent"]
    list_filter = ["meeting__meeting_type", "meeting__date"]
    list_select_related = ["meeting", "parent"]
    search_fields = ["number", "title", "discussion", "meeting__title"]
    autocomplete_fields = ["meeting", "parent"]
