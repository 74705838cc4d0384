from django.urls import path

from signin import views

app_name = "signin"

urlpatterns = [
    path("two-step/", views.setup, name="setup"),
    path("two-step/code/", views.verify, name="verify"),
    path("still-here/", views.still_here, name="still_here"),
]
