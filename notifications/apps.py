from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"

    def ready(self):
        from actions.events import action_event
        from notifications.services import record_event

        def heard(sender, event, **kwargs):
            record_event(event)

        action_event.connect(heard, weak=False, dispatch_uid="notifications")
