"""OPCC staff see the reminder ledger in the admin and can send a failed one again."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REMINDER_PERMISSIONS = {
    "OPCC staff": [
        "actions.view_reminder",
        "actions.change_reminder",
        "actions.view_reminderdelivery",
    ],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant_reminder_permissions(apps)


def grant_reminder_permissions(apps):
    """Also used by the browser tests, whose database is emptied after each test.

    (There, with today's models: the deliveries' model has gone since, 0018.)"""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in REMINDER_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in REMINDER_PERMISSIONS.items():
        group = apps.get_model("auth", "Group").objects.get(name=role)
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="actions",
                codename__in=[dotted.split(".")[1] for dotted in codenames],
            )
        )


class Migration(migrations.Migration):
    dependencies = [("actions", "0004_reminders")]

    operations = [migrations.RunPython(grant, revoke)]
