"""OPCC staff and the PCC need to know what is marked OFFICIAL-SENSITIVE."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NEED_TO_KNOW = ["OPCC staff", "PCC"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant_need_to_know(apps)


def grant_need_to_know(apps):
    """Also used by the browser tests, whose database is emptied after each test."""
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="meetings", codename="view_official_sensitive"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=NEED_TO_KNOW):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="meetings", codename="view_official_sensitive"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0013_protective_marking"),
        ("meetings", "0006_protective_marking"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
