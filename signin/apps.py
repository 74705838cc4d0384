from django.apps import AppConfig


class SigninConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "signin"
    verbose_name = "Sign-in"

    def ready(self):
        # A deactivated account's sessions end; a sign-in starts the session clock.
        from signin import signals  # noqa: F401
