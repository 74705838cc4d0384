"""A stored search vector, with its GIN index, on each table searched, on
PostgreSQL only (see search/vectors.py). SQLite searches by scanning.

The tables belong to other apps; the column is theirs in the database only. A
later migration that changes the type of a column the vector reads (e.g. a longer
agenda item title) must drop the vector first and add it again after:
PostgreSQL refuses to alter a column a generated column depends on.
"""

from django.db import migrations

from search.vectors import SEARCHED, add_column_sql, drop_column_sql


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SEARCHED:
        for statement in add_column_sql(table):
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SEARCHED:
        for statement in drop_column_sql(table):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0014_need_to_know"),
        ("boards", "0002_protective_marking"),
        ("meetings", "0006_protective_marking"),
    ]

    operations = [migrations.RunPython(create, drop)]
