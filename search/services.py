"""One search across minutes, actions, decisions and papers, as a user may see them.

On PostgreSQL: full-text search in English (stems, stop words, "quoted phrases",
-not), through the GIN indexes of migration 0001, ranked. Elsewhere (SQLite): each
word of the search, anywhere in the text, newest first.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
)
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from actions.models import Action, ActionUpdate
from assurance.lookups import AnyOf
from boards.models import Decision, Paper
from meetings.marking import Marking
from meetings.models import AgendaItem, Meeting
from search.highlight import as_html, has_match, headlines, plain_text
from search.vectors import CONFIG, StoredVector

# Matches are ranked when there are at most this many; more (a common word) are
# shown newest first, found by walking the newest rows: ranking reads every
# match's row, and among thousands of matches a rank says little.
RANKED_UP_TO = 300
# A reference has no spaces and is short; longer input is not looked up as one.
REFERENCE = re.compile(r"\S{1,30}")
WORDS_AT_MOST = 10


@dataclass
class Hit:
    url: str
    title: str  # marked
    label: str = ""
    meta: str = ""
    snippet: str = ""  # marked
    marking: str = ""


@dataclass
class Group:
    kind: "Kind"
    hits: list
    # Exact when at most RANKED_UP_TO, else None: "more than RANKED_UP_TO".
    count: int | None
    has_next: bool = False
    ranked: bool = True


class Search:
    """The words searched for, and who searches."""

    def __init__(self, text, user):
        self.text = text
        self.user = user
        self.on_postgresql = connection.vendor == "postgresql"
        self.query = SearchQuery(text, config=CONFIG, search_type="websearch")
        self.words = re.findall(r"\w+", text)[:WORDS_AT_MOST]

    def matches(self, fields):
        """A condition: the words in any of `fields` (SQLite)."""
        condition = Q()
        for word in self.words:
            either = Q()
            for name in fields:
                either |= Q(**{f"{name}__icontains": word})
            condition &= either
        return condition if self.words else Q(pk__in=[])


class Kind:
    key = label = ""
    fields = []

    def visible(self, search):
        raise NotImplementedError

    def condition(self, search):
        """The rows whose text matches: through the GIN index on PostgreSQL."""
        if search.on_postgresql:
            return Q(SearchVectorExact(StoredVector(), search.query))
        return search.matches(self.fields)

    def matching_ids(self, search, queryset, limit):
        """The ids of up to `limit` matches, in no order: read only as far as
        that, whatever the plan (ordered, a common word's matches were all read
        and sorted when PostgreSQL misjudged how many there were)."""
        matching = queryset.filter(self.condition(search)).order_by()
        return list(matching.values_list("pk", flat=True)[:limit])

    def newest(self, search, queryset, start, end):
        """The matches from `start` to `end` and one more, newest first."""
        matching = self.related(search, queryset.filter(self.condition(search)))
        return list(matching.order_by("-pk")[start : end + 1])

    def rows(self, search, page, per_page):
        """(rows of the page, exact count or None, has a next page, ranked).

        1. The ids of the matches, up to RANKED_UP_TO and one more.
        2. If that is all of them, the page of those, ranked (PostgreSQL).
        3. Else the page of all matches, newest first."""
        queryset = self.visible(search)
        ids = self.matching_ids(search, queryset, RANKED_UP_TO + 1)
        start = (page - 1) * per_page
        end = start + per_page
        if not ids:
            return [], 0, False, search.on_postgresql
        if len(ids) <= RANKED_UP_TO:
            chosen = self.related(search, self.model.objects.filter(pk__in=ids))
            if search.on_postgresql:
                rank = SearchRank(StoredVector(), search.query)
                chosen = chosen.annotate(_rank=rank).order_by("-_rank", "-pk")
            else:
                chosen = chosen.order_by("-pk")
            rows = list(chosen[start:end])
            return rows, len(ids), end < len(ids), search.on_postgresql
        rows = self.newest(search, queryset, start, end)
        return rows[:per_page], None, len(rows) > per_page, False

    def related(self, search, queryset):
        return queryset

    def texts(self, row):
        """(title, longer text to show fragments of, or ""), plain."""
        raise NotImplementedError

    def hit(self, row, title, snippet):
        raise NotImplementedError


def _marking(row):
    return row.get_marking_display() if row.marking != Marking.OFFICIAL else ""


def _on(meeting):
    return f"{meeting.title} · {meeting.date:%-d %b %Y}"


def _item_url(item):
    return reverse("meetings:detail", args=[item.meeting_id]) + f"#item-{item.pk}"


class MeetingKind(Kind):
    key, label, model = "meetings", "Meetings", Meeting
    fields = ["title"]

    def visible(self, search):
        return Meeting.objects.all()

    def related(self, search, queryset):
        return queryset.select_related("board")

    def texts(self, row):
        return row.title, ""

    def hit(self, row, title, snippet):
        return Hit(
            url=reverse("meetings:detail", args=[row.pk]),
            title=title,
            meta=f"{row.board} · {row.date:%-d %b %Y}",
        )


class ItemKind(Kind):
    key, label, model = "items", "Minutes", AgendaItem
    fields = ["title", "discussion"]

    def visible(self, search):
        return AgendaItem.objects.visible_to(search.user)

    def related(self, search, queryset):
        return queryset.select_related("meeting")

    def texts(self, row):
        return row.title, plain_text(row.discussion)

    def hit(self, row, title, snippet):
        return Hit(
            url=_item_url(row),
            label=f"Item {row.number}",
            title=title,
            snippet=snippet,
            meta=_on(row.meeting),
            marking=_marking(row),
        )


class ActionKind(Kind):
    """Actions by their wording, their reference and their progress updates."""

    key, label, model = "actions", "Actions", Action
    fields = ["description"]

    def visible(self, search):
        return Action.objects.visible_to(search.user)

    def condition(self, search):
        updates = self._updates(search).filter(action=OuterRef("pk"))
        return (
            super().condition(search) | self._by_reference(search) | Q(Exists(updates))
        )

    def _ways(self, search, queryset, updated):
        """The ids of the actions found by their wording, by an update (and not
        by their wording: `updated`, a condition on the ids) and by their
        reference, each through its own index: one condition with OR read every
        match, and every matching update."""
        by_words = super().condition(search)
        ids = queryset.order_by().values_list("pk", flat=True)
        return (
            ids.filter(by_words),
            ids.filter(updated).exclude(by_words),
            ids.filter(self._by_reference(search)),
        )

    def matching_ids(self, search, queryset, limit):
        if not search.on_postgresql:
            return super().matching_ids(search, queryset, limit)
        # The ids of the actions with a matching update, read once into an
        # array: as a semijoin, PostgreSQL misjudged a word few updates have
        # and read every action, in parallel (15 ms of starting workers).
        updated = AnyOf(F("pk"), Subquery(self._updates(search).values("action_id")))
        by_words, by_update, by_reference = self._ways(search, queryset, updated)
        # UNION ALL, read only as far as the limit (UNION would read every match
        # to remove duplicates first); the reference may repeat one action found
        # another way, hence one more.
        found = by_words.union(by_update, by_reference, all=True)[: limit + 1]
        return list(dict.fromkeys(found))[:limit]

    def newest(self, search, queryset, start, end):
        """On PostgreSQL, the newest of each way, merged. Those found by an
        update are looked for only from the last of those found by their wording
        that may be shown: walking the updates newest first, PostgreSQL may
        otherwise read every one looking for a word few have."""
        if not search.on_postgresql:
            return super().newest(search, queryset, start, end)
        by_words = queryset.order_by("-pk").values_list("pk", flat=True)
        by_words = by_words.filter(super().condition(search))
        from_id = Coalesce(Subquery(by_words[end : end + 1]), 0)
        updates = self._updates(search).filter(action__gte=from_id)
        updated = Q(pk__gte=from_id, pk__in=updates.values("action_id"))
        _, by_update, by_reference = self._ways(search, queryset, updated)
        found = by_words[: end + 1].union(
            by_update.order_by("-pk")[: end + 1], by_reference, all=True
        )
        rows = self.related(search, Action.objects.filter(pk__in=found))
        return list(rows.order_by("-pk")[start : end + 1])

    def _updates(self, search):
        if search.on_postgresql:
            return ActionUpdate.objects.filter(
                SearchVectorExact(StoredVector(), search.query)
            )
        return ActionUpdate.objects.filter(search.matches(["text"]))

    def _by_reference(self, search):
        """A reference, as written whole; on SQLite, a part of one."""
        text = search.text.strip()
        if not search.on_postgresql:
            return Q(reference__icontains=text)
        if not REFERENCE.fullmatch(text):
            return Q(pk__in=[])
        return Q(reference__iexact=text)

    def related(self, search, queryset):
        # The newest update that matches, to show beside the wording.
        update = self._updates(search).filter(action=OuterRef("pk"))
        return queryset.select_related("owner", "agenda_item").annotate(
            matching_update=Subquery(
                update.order_by("-created_at", "-pk").values("text")[:1]
            )
        )

    def texts(self, row):
        return row.description, row.matching_update or ""

    def hit(self, row, title, snippet):
        return Hit(
            url=reverse("actions:detail", args=[row.pk]),
            label=row.reference,
            title=title,
            snippet=snippet,
            meta=f"{row.owner or 'Needs an owner'} · {row.get_status_display()}",
            marking=_marking(row) or _marking(row.agenda_item),
        )


class DecisionKind(Kind):
    key, label, model = "decisions", "Decisions", Decision
    fields = ["text"]

    def visible(self, search):
        return Decision.objects.visible_to(search.user)

    def related(self, search, queryset):
        return queryset.select_related("agenda_item__meeting")

    def texts(self, row):
        return row.text, ""

    def hit(self, row, title, snippet):
        return Hit(
            url=_item_url(row.agenda_item),
            label=row.number,
            title=title,
            meta=_on(row.agenda_item.meeting),
            marking=_marking(row),
        )


class PaperKind(Kind):
    key, label, model = "papers", "Papers", Paper
    fields = ["name"]

    def visible(self, search):
        return Paper.objects.visible_to(search.user)

    def related(self, search, queryset):
        return queryset.select_related("agenda_item__meeting")

    def texts(self, row):
        return row.name, ""

    def hit(self, row, title, snippet):
        return Hit(
            url=reverse("boards:paper", args=[row.pk]),
            title=title,
            meta=f"Item {row.agenda_item.number}, {_on(row.agenda_item.meeting)}",
            marking=_marking(row),
        )


KINDS = {
    kind.key: kind
    for kind in (MeetingKind(), ItemKind(), ActionKind(), DecisionKind(), PaperKind())
}


def search_everything(*, text, user, shown):
    """The first `shown` matches of each kind, grouped, words marked."""
    search = Search(text, user)
    groups = [_group(search, kind, 1, shown) for kind in KINDS.values()]
    _mark(search, groups)
    return groups


def search_kind(*, text, user, kind, page, per_page):
    """One page of one kind's matches, words marked."""
    search = Search(text, user)
    group = _group(search, KINDS[kind], page, per_page)
    _mark(search, [group])
    return group


def _group(search, kind, page, per_page):
    rows, count, has_next, ranked = kind.rows(search, page, per_page)
    return Group(kind, rows, count, has_next, ranked)


def _mark(search, groups):
    """Every group's rows made hits, their texts marked in one go."""
    texts = [
        text for group in groups for row in group.hits for text in group.kind.texts(row)
    ]
    marked = iter(headlines(texts, search.text, search.words))
    for group in groups:
        hits = []
        for row in group.hits:
            title, snippet = next(marked), next(marked)
            hits.append(
                group.kind.hit(
                    row,
                    as_html(title),
                    as_html(snippet) if has_match(snippet) else "",
                )
            )
        group.hits = hits
