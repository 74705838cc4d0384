from django.urls import path

from health.views import HealthzView

app_name = "health"
urlpatterns = [path("healthz", HealthzView.as_view(), name="healthz")]
