from django.contrib import admin
from django.urls import include, path

from signin.views import LimitedPasswordResetView, SignInView

admin.site.site_header = "Assurance administration"
admin.site.site_title = "Assurance admin"

urlpatterns = [
    # Before Django's own, which it replaces: the same page, with a limit.
    path(
        "accounts/password_reset/",
        LimitedPasswordResetView.as_view(),
        name="password_reset",
    ),
    # Before Django's own too: the sign-in page offers the organisation's account.
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("signin.urls")),
    path("admin/", admin.site.urls),
    path("audit/", include("audit.urls")),
    path("", include("health.urls")),
    path("meetings/", include("meetings.urls")),
    path("search/", include("search.urls")),
    path("", include("imports.urls")),
    path("", include("boards.urls")),
    path("", include("publication.urls")),
    path("", include("downloads.urls")),
    path("", include("extensions.urls")),
    path("", include("notifications.urls")),
    path("", include("people.urls")),
    path("", include("actions.urls")),
]
