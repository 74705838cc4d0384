"""On PostgreSQL, the database itself refuses to change or remove access log rows,
whoever asks (a psql session, another program). SQLite has no such need here."""

from django.db import migrations

CREATE = """
CREATE FUNCTION audit_accessevent_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_accessevent_append_only
    BEFORE UPDATE OR DELETE ON audit_accessevent
    FOR EACH ROW EXECUTE FUNCTION audit_accessevent_refuse_change();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_accessevent_append_only ON audit_accessevent;
DROP FUNCTION IF EXISTS audit_accessevent_refuse_change();
"""
# TRUNCATE stays possible: the test runner empties tables with it between tests,
# and in production only the table's owner may, which the application need not be.


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_access_log")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
