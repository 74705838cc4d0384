"""What full-text search reads of each kind of record, on PostgreSQL.

Each table searched gets a stored generated column, `search_vector`, and a GIN
index on it (migration 0001). Stored, not an index on an expression: a phrase
search rechecks each candidate row's vector and ranking reads every match's, and
computing those from an item's discussion again (tenths of a millisecond each) made
a common word take seconds over 60,000 items. The models do not declare the column:
SQLite has none, and Django need never write it. `StoredVector` names it in queries.

Discussion is HTML; the English configuration's parser reads tags as tokens of
their own and indexes none of them, so the words are searched, not the markup.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db.models import Expression

CONFIG = "english"
COLUMN = "search_vector"


def _text(*columns):
    return " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)


# Table: what its vector reads. A file name's words are split, as the parser
# reads "audit-plan.pdf" as one token.
SEARCHED = {
    "meetings_meeting": _text("title"),
    "meetings_agendaitem": _text("title", "discussion"),
    "actions_action": _text("description"),
    "actions_actionupdate": _text("text"),
    "boards_decision": _text("text"),
    "boards_paper": "translate(name, '._-', '   ')",
}


def add_column_sql(table):
    return [
        (
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('{CONFIG}', {SEARCHED[table]})) STORED"
        ),
        # fastupdate off, as for the trigram indexes of actions 0008: rows arrive a
        # few at a time, and a pending list would make every search read the rows
        # added since the last VACUUM.
        (
            f"CREATE INDEX {table}_search ON {table} USING gin ({COLUMN}) "
            "WITH (fastupdate = off)"
        ),
    ]


def drop_column_sql(table):
    return [f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}"]


class StoredVector(Expression):
    """The search_vector column of the query's own table (its alias included, as
    inside a subquery)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{COLUMN}", []
