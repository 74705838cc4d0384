"""Trigram indexes for the actions list's search, on PostgreSQL.

The search is `icontains`, which PostgreSQL runs as UPPER(column) LIKE UPPER('%…%'):
only a trigram index on that same expression serves it. Creating the pg_trgm
extension needs a superuser (or the extension created beforehand by one). SQLite has
neither, and searches its smaller databases by scanning.

fastupdate is off: actions arrive a few at a time, and a GIN pending list would
make every search scan the entries added since the last VACUUM.
"""

from django.db import migrations

INDEXES = {
    "action_description_trgm": "description",
    "action_reference_trgm": "reference",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON actions_action "
            f"USING gin (UPPER({column}::text) gin_trgm_ops) WITH (fastupdate = off)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("actions", "0007_indexes")]

    operations = [migrations.RunPython(create, drop)]
