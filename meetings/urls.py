from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/advance/", views.meeting_advance, name="advance"),
]
