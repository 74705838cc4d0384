from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("new/", views.meeting_create, name="create"),
    path("types/", views.meeting_type_list, name="types"),
    path("types/<int:pk>/edit/", views.meeting_type_edit, name="type_edit"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/minutes.docx", views.meeting_docx, name="docx"),
    path("<int:pk>/attendance/", views.attendance_edit, name="attendance"),
    path("<int:pk>/items/new/", views.item_form, name="item_create"),
    path("<int:pk>/items/<int:item_pk>/edit/", views.item_form, name="item_edit"),
    path("<int:pk>/advance/", views.meeting_advance, name="advance"),
]
