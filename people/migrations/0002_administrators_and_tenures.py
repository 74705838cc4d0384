"""The Administrators role, and an open tenure for each current post holder."""

from importlib import import_module

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Administrators see what everyone sees, and run people, posts and meeting types.
ADMINISTRATOR_PERMISSIONS = [
    *import_module("actions.migrations.0002_roles").VIEW_ALL,
    "people.manage_people",
    "meetings.change_meetingtype",
]


def create_administrators(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    create_group(apps)


def create_group(apps):
    """Also used by the browser tests, whose database is emptied after each test."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Administrators")
    for dotted in ADMINISTRATOR_PERMISSIONS:
        app_label, codename = dotted.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_administrators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Administrators").delete()


def open_tenures(apps, schema_editor):
    """Each current holder holds the post from a date nobody recorded."""
    Post = apps.get_model("actions", "Post")
    Tenure = apps.get_model("people", "Tenure")
    Tenure.objects.bulk_create(
        Tenure(post_id=held.post_id, user_id=held.user_id)
        for held in Post.holders.through.objects.all()
    )


def forget_tenures(apps, schema_editor):
    apps.get_model("people", "Tenure").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_tenure"),
        ("actions", "0005_reminder_permissions"),
        ("meetings", "0005_every_meeting_has_a_board"),
    ]

    operations = [
        migrations.RunPython(create_administrators, remove_administrators),
        migrations.RunPython(open_tenures, forget_tenures),
    ]
