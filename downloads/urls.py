from django.urls import path

from downloads import views

app_name = "downloads"

urlpatterns = [
    path("downloads/new.<str:file_type>", views.start, name="start"),
    path("downloads/<uuid:pk>/", views.detail, name="detail"),
    path("downloads/<uuid:pk>/file/", views.download_file, name="file"),
]
