"""GIN indexes on the search vectors of search/vectors.py, on PostgreSQL only.

The tables belong to other apps; an index added from here through their models'
Meta would make those apps depend on this one. SQLite searches by scanning.
"""

from django.db import migrations

from search.vectors import SEARCHED, index


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (app_label, model_name, _) in SEARCHED.items():
        schema_editor.add_index(apps.get_model(app_label, model_name), index(name))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (app_label, model_name, _) in SEARCHED.items():
        schema_editor.remove_index(apps.get_model(app_label, model_name), index(name))


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0014_need_to_know"),
        ("boards", "0002_protective_marking"),
        ("meetings", "0006_protective_marking"),
    ]

    operations = [migrations.RunPython(create, drop)]
