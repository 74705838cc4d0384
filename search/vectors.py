"""What full-text search reads of each kind of record, on PostgreSQL.

One expression per table, used both by the GIN indexes of migration 0001 and by
the searches: PostgreSQL uses an expression index only for the very expression it
was built on. Discussion is HTML; the English configuration's parser reads tags as
tokens of their own and indexes none of them, so the text is searched, not the markup.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector

CONFIG = "english"

# (app label, model name, fields): the fields read into one search vector.
SEARCHED = {
    "search_meeting_title": ("meetings", "Meeting", ["title"]),
    "search_agendaitem_text": ("meetings", "AgendaItem", ["title", "discussion"]),
    "search_action_description": ("actions", "Action", ["description"]),
    "search_actionupdate_text": ("actions", "ActionUpdate", ["text"]),
    "search_decision_text": ("boards", "Decision", ["text"]),
    "search_paper_name": ("boards", "Paper", ["name"]),
}


def vector(*fields):
    return SearchVector(*fields, config=CONFIG)


def index(name):
    """The GIN index on one table's vector. fastupdate is off, as for the trigram
    indexes of actions 0008: rows arrive a few at a time, and a pending list would
    make every search scan the rows added since the last VACUUM."""
    _, _, fields = SEARCHED[name]
    return GinIndex(vector(*fields), name=name, fastupdate=False)
