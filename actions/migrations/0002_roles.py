"""The three roles as groups with their model permissions.

Object-level rules (a Force user only touches actions of the posts he holds; approved
minutes are read-only) sit on top of these in the models' `is_editable_by` methods.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_ALL = [
    "meetings.view_meetingtype",
    "meetings.view_meeting",
    "meetings.view_attendee",
    "meetings.view_agendaitem",
    "actions.view_post",
    "actions.view_action",
    "actions.view_actionupdate",
]

ROLE_PERMISSIONS = {
    "OPCC staff": VIEW_ALL
    + [
        f"meetings.{verb}_{model}"
        for verb in ("add", "change")
        for model in ("meetingtype", "meeting", "attendee", "agendaitem")
    ]
    + [
        "meetings.delete_attendee",
        "meetings.delete_agendaitem",
        "actions.add_post",
        "actions.change_post",
        "actions.add_action",
        "actions.change_action",
        "actions.change_action_status",
        "actions.sign_off_action",
        "actions.add_actionupdate",
    ],
    "Force": [*VIEW_ALL, "actions.change_action_status", "actions.add_actionupdate"],
    "PCC": [*VIEW_ALL, "actions.sign_off_action"],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    create_groups(apps)


def create_groups(apps):
    """Also used by the browser tests, whose database is emptied after each test."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
        ("meetings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
