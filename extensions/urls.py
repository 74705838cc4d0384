from django.urls import path

from extensions import views

app_name = "extensions"

urlpatterns = [
    path("actions/<int:pk>/more-time/", views.ask, name="ask"),
    path("actions/<int:pk>/more-time/decision/", views.decide, name="decide"),
]
