from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Assurance administration"
admin.site.site_title = "Assurance admin"

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("health.urls")),
    path("meetings/", include("meetings.urls")),
    path("", include("imports.urls")),
    path("", include("actions.urls")),
]
