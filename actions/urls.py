from django.urls import path

from actions import reminder_views, views

app_name = "actions"

urlpatterns = [
    path("", views.home, name="home"),
    path("actions/", views.action_list, name="list"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path(
        "meetings/items/<int:item_pk>/actions/new/",
        views.raise_action_at_item,
        name="raise",
    ),
    path(
        "meetings/<int:pk>/actions.csv",
        views.meeting_actions_csv,
        name="meeting_actions_csv",
    ),
    path("actions/reassign/", views.reassign, name="reassign"),
    path("actions/export.<str:file_type>", views.action_export, name="export"),
    path("actions/<int:pk>/", views.action_detail, name="detail"),
    path("actions/<int:pk>/status/", views.action_status, name="status"),
    path("actions/<int:pk>/updates/", views.action_add_update, name="add_update"),
    path("actions/<int:pk>/due-date/", views.action_change_due_date, name="due_date"),
    path("actions/<int:pk>/edit/", views.action_edit, name="edit"),
    path("actions/<int:pk>/correct/", views.action_correct, name="correct"),
    path("attachments/<uuid:pk>/", views.attachment, name="attachment"),
    path("reminders/", reminder_views.reminder_settings, name="reminder_settings"),
    path("reminders/stop/<str:token>/", reminder_views.opt_out, name="opt_out"),
    path(
        "reminders/calendar/",
        reminder_views.new_calendar_address,
        name="new_calendar_address",
    ),
    path(
        "reminders/calendar/contents/",
        reminder_views.calendar_contents,
        name="calendar_contents",
    ),
    path(
        "calendar/<str:token>.ics", reminder_views.calendar_feed, name="calendar_feed"
    ),
]
