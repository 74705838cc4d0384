from django.contrib import admin
from django.urls import include, path

from signin.views import LimitedPasswordResetView

admin.site.site_header = "Assurance administration"
admin.site.site_title = "Assurance admin"

urlpatterns = [
    # Before Django's own, which it replaces: the same page, with a limit.
    path(
        "accounts/password_reset/",
        LimitedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("signin.urls")),
    path("admin/", admin.site.urls),
    path("audit/", include("audit.urls")),
    path("", include("health.urls")),
    path("meetings/", include("meetings.urls")),
    path("", include("imports.urls")),
    path("", include("boards.urls")),
    path("", include("publication.urls")),
    path("", include("downloads.urls")),
    path("", include("actions.urls")),
]
