from django.urls import path

from imports import views

app_name = "imports"

# The paths the import had under actions, so links and bookmarks still work.
urlpatterns = [
    path("minutes/import/", views.import_upload, name="upload"),
    path("minutes/import/<str:token>/", views.import_preview, name="preview"),
    path(
        "minutes/import/<str:token>/posts/<int:number>/",
        views.import_create_post,
        name="create_post",
    ),
]
