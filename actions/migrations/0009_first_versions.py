"""A first version in the history of every action that has none.

Actions recorded before migration 0003 added their history have no rows there, and
the dashboard's month-end trend reads the history: without a row they would never
count as overdue.
"""

from django.db import migrations


def add_first_versions(apps, schema_editor):
    Action = apps.get_model("actions", "Action")
    History = apps.get_model("actions", "HistoricalAction")
    recorded = History.objects.values("id")
    fields = [
        field.attname for field in Action._meta.fields if field.attname != "updated_at"
    ]
    History.objects.bulk_create(
        (
            History(
                **{name: getattr(action, name) for name in fields},
                history_date=action.created_at,
                history_type="+",
                history_change_reason="History started",
            )
            for action in Action.objects.exclude(pk__in=recorded).iterator()
        ),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("actions", "0008_search_trigrams")]

    operations = [migrations.RunPython(add_first_versions, migrations.RunPython.noop)]
