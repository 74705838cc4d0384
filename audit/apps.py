from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = "Access log"

    def ready(self):
        # Sign-ins, failures and lockouts are told by django.contrib.auth and axes.
        from audit import signals  # noqa: F401
