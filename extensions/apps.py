from django.apps import AppConfig


class ExtensionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "extensions"
    verbose_name = "Requests for more time"
