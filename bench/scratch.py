"""A scratch database for a benchmark: Django's test database beside the configured
one (created, then dropped), or an in-memory SQLite one."""


class scratch_database:
    def __enter__(self):
        from django.db import connection

        self.old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)

    def __exit__(self, *exc):
        from django.db import connection

        connection.creation.destroy_test_db(self.old_name, verbosity=0)
