from django.contrib.auth.decorators import login_not_required
from django.urls import path

from signin import oidc, views

app_name = "signin"

urlpatterns = [
    path("two-step/", views.setup, name="setup"),
    path("two-step/code/", views.verify, name="verify"),
    path("still-here/", views.still_here, name="still_here"),
    # The organisation's account (OpenID Connect): register the callback's full
    # address, e.g. https://assurance.opcc.example/accounts/oidc/callback/, with
    # the provider as the redirect URI.
    path(
        "oidc/start/",
        login_not_required(oidc.StartView.as_view()),
        name="oidc_start",
    ),
    path(
        "oidc/callback/",
        login_not_required(oidc.CallbackView.as_view()),
        name="oidc_callback",
    ),
]
