from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

from meetings.models import AgendaItem, Attendee, Meeting, MeetingType


class DatesCheckedChangeList(ChangeList):
    """The date hierarchy's ?date__year=… as Django checks it, with a year too big
    to be a date refused like any other wrong filter, not a server error."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class DatesCheckedMixin:
    def get_changelist(self, request, **kwargs):
        return DatesCheckedChangeList


@admin.register(MeetingType)
class MeetingTypeAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class MinutesPermissionMixin:
    """Minutes are written on their own pages, where their rules are; here staff
    look at them and only superusers change them (as on the pages, superusers may
    correct approved minutes). Either way the row's own rules hold: see
    AgendaItem.clean and Attendee.clean."""

    def has_add_permission(self, request, *args):
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self.minutes_open(request, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return self.minutes_open(request, obj) and super().has_delete_permission(
            request, obj
        )

    def minutes_open(self, request, obj):
        if not request.user.is_superuser:
            return False
        # Inlines are asked about their parent meeting; model admins about a row.
        if obj is None:
            return True
        meeting = obj if isinstance(obj, Meeting) else obj.meeting
        return meeting.is_editable_by(request.user)


class StaysInItsMinutesMixin:
    """An item or attendee belongs to the minutes it was written in."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "meeting"] if obj else fields


class AttendeeInline(MinutesPermissionMixin, admin.TabularInline):
    model = Attendee
    extra = 0


class AgendaItemInline(MinutesPermissionMixin, admin.TabularInline):
    model = AgendaItem
    fields = ["position", "number", "title", "parent"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(DatesCheckedMixin, MinutesPermissionMixin, admin.ModelAdmin):
    list_display = ["title", "meeting_type", "date", "start_time", "venue", "status"]
    list_filter = ["status", "meeting_type", "date"]
    list_select_related = ["meeting_type"]
    search_fields = ["title", "chair", "minute_taker", "venue"]
    date_hierarchy = "date"
    autocomplete_fields = ["next_meeting"]
    # Minutes are approved and published only by Meeting.advance, from their page.
    readonly_fields = ["status"]
    inlines = [AttendeeInline, AgendaItemInline]


@admin.register(Attendee)
class AttendeeAdmin(StaysInItsMinutesMixin, MinutesPermissionMixin, admin.ModelAdmin):
    list_display = ["name", "capacity", "abbreviation", "attendance", "meeting"]
    list_filter = ["attendance", "meeting__meeting_type"]
    list_select_related = ["meeting"]
    search_fields = ["name", "capacity", "abbreviation", "meeting__title"]


@admin.register(AgendaItem)
class AgendaItemAdmin(StaysInItsMinutesMixin, MinutesPermissionMixin, admin.ModelAdmin):
    list_display = ["number", "title", "meeting", "parent"]
    list_filter = ["meeting__meeting_type", "meeting__date"]
    list_select_related = ["meeting", "parent"]
    search_fields = ["number", "title", "discussion", "meeting__title"]
    autocomplete_fields = ["meeting", "parent"]
