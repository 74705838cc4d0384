"""The kept trend counts gain a column (OFFICIAL-SENSITIVE or not): those kept
before it are forgotten, and worked out again on the next view of the dashboard."""

from django.db import migrations


def forget_kept_counts(apps, schema_editor):
    apps.get_model("actions", "OverdueAtMonthEnd").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("actions", "0015_reminder_sweep_indexes")]

    operations = [migrations.RunPython(forget_kept_counts, forget_kept_counts)]
