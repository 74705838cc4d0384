from django.urls import path

from actions import views

app_name = "actions"

urlpatterns = [
    path("", views.home, name="home"),
    path("minutes/import/", views.import_upload, name="import_upload"),
    path("minutes/import/<str:token>/", views.import_preview, name="import_preview"),
]
