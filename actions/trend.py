"""The dashboard's trend: overdue actions at each of the last 24 month ends.

A past month end stays as it was, except through records dated back into it (minutes
imported late, a meeting's date corrected): each is worked out once from the history
and kept (OverdueAtMonthEnd), and worked out again only when such a record touches it.
"""

import datetime
import json

from django.db import connection
from django.db.models import (
    Case,
    DateField,
    F,
    IntegerField,
    Min,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Lead, RowNumber, TruncDate
from django.utils import timezone

from actions.models import OPEN_STATUSES, Action, OverdueAtMonthEnd
from meetings.marking import Marking
from meetings.models import AgendaItem, Meeting


def month_ends(today, months=24):
    """The last `months` month ends before `today`, oldest first."""
    ends = []
    end = today.replace(day=1) - datetime.timedelta(days=1)
    for _ in range(months):
        ends.append(end)
        end = end.replace(day=1) - datetime.timedelta(days=1)
    return ends[::-1]


def overdue_trend(
    *,
    today,
    months=24,
    owner=None,
    organisation=None,
    meeting_type=None,
    need_to_know=None,
):
    """[(month end, overdue actions then)] for the last `months` month ends.

    Worked out from each action's history: the due date, status and owner it had at
    the end of that day, so an extension, a closure or a reassignment counts from
    the day it was made. An action's first version counts from its meeting's date,
    as minutes imported later were agreed then. Filters (an owner post, "null" for
    none, an organisation, a meeting type) apply to each version as it was.

    OFFICIAL-SENSITIVE actions (marked in that version, or at an item marked now)
    are counted for everyone only when `need_to_know` is None (those who see
    everything marked); otherwise it is the posts the user holds, and only their
    marked actions are counted. The kept counts hold both, apart: one store serves
    every user.
    """
    stored = _kept_month_ends(month_ends(today, months))

    def chosen(post, post_organisation, kind, sensitive):
        return (
            (not owner or str(post) == str(owner) or (owner == "null" and post is None))
            and (not organisation or post_organisation == organisation)
            and (not meeting_type or str(kind) == str(meeting_type))
            and (not sensitive or need_to_know is None or post in need_to_know)
        )

    asked = (
        owner,
        organisation,
        meeting_type,
        None if need_to_know is None else frozenset(need_to_know),
    )
    return [(end, counts.total(asked, chosen)) for end, counts in stored.items()]


class _Counts:
    """A month end's kept counts by group, and the totals already asked of them."""

    # Enough for every filter a dashboard offers and every set of posts held; past
    # it, the totals are summed again rather than kept without end.
    TOTALS_KEPT = 256

    def __init__(self, groups):
        self.groups = groups
        self.totals = {}

    def total(self, asked, chosen):
        if asked not in self.totals:
            if len(self.totals) >= self.TOTALS_KEPT:
                self.totals.clear()
            self.totals[asked] = sum(
                count for *group, count in self.groups if chosen(*group)
            )
        return self.totals[asked]


# The kept counts this process has read, by their text as the database holds it:
# the same text is the same counts, so a month end read again on the next request is
# neither decoded from JSON nor summed again (at 50,000 actions, over a thousand
# groups on every dashboard). Only the month ends read last are held.
_read = {}


def _counts_of(texts):
    """{text: _Counts} of the kept counts' texts, decoded only when not read before."""
    global _read
    _read = {text: _read.get(text) or _Counts(json.loads(text)) for text in texts}
    return _read


def _kept_month_ends(ends):
    """{month end: its _Counts}, kept ones read and the others worked out.

    1. Read the kept rows, each with the newest ids now of what can move a past
       month end (_NEWEST).
    2. A row kept before something newer was recorded: find the earliest day those
       newer records touch; rows from that month end on are worked out again, the
       others are marked as seen up to now.
    3. Work out the month ends not kept (one query for all of them) and keep them.
    """
    kept = {
        row["month_end"]: row
        for row in OverdueAtMonthEnd.objects.filter(month_end__in=ends).values(
            "pk",
            "month_end",
            "seen",
            # As text: decoded only when this process has not read it before.
            text=Cast("counts", TextField()),
            **{f"newest_{n}": RawSQL(sql, []) for n, sql in enumerate(_NEWEST)},
        )
    }
    newest = None
    if kept:
        row = next(iter(kept.values()))
        newest = [row[f"newest_{n}"] or 0 for n in range(len(_NEWEST))]
    stale = [row for row in kept.values() if row["seen"] != newest]
    if stale:
        oldest = [min(ids) for ids in zip(*(row["seen"] for row in stale), strict=True)]
        touched = _first_day_touched_since(oldest)
        if touched is not None:
            OverdueAtMonthEnd.objects.filter(month_end__gte=touched).delete()
            kept = {end: row for end, row in kept.items() if end < touched}
        OverdueAtMonthEnd.objects.filter(
            pk__in=[row["pk"] for row in stale if row["month_end"] in kept]
        ).update(seen=newest)
    read = _counts_of(row["text"] for row in kept.values())
    stored = {end: read[row["text"]] for end, row in kept.items()}
    missing = [end for end in ends if end not in kept]
    if missing:
        counted, seen = _count_overdue_at(missing)
        worked_out = [
            OverdueAtMonthEnd(month_end=end, counts=counts, seen=newest or seen)
            for end, counts in counted.items()
        ]
        # Another request may have kept the same month end meanwhile: the same figures.
        OverdueAtMonthEnd.objects.bulk_create(worked_out, ignore_conflicts=True)
        stored.update({row.month_end: _Counts(row.counts) for row in worked_out})
    return {end: stored[end] for end in ends}


# The newest action, action version, meeting version and item version: whatever can
# move a past month end is newer than one of these.
_NEWEST = [
    f"SELECT MAX({column}) FROM {model._meta.db_table}"
    for column, model in [
        ("id", Action),
        ("history_id", Action.history.model),
        ("history_id", Meeting.history.model),
        ("history_id", AgendaItem.history.model),
    ]
]


def _first_day_touched_since(seen):
    """The earliest day that records newer than `seen` (as _NEWEST) can
    change the count of, or None: an action's first version counts from its
    meeting's date, a later version from the day it was made, and a meeting or item
    changed (moved, retyped) from the earliest date it has had."""
    action, version, meeting, item = seen
    versions = Action.history.filter(history_id__gt=version).aggregate(
        first=Min("agenda_item__meeting__date", filter=Q(history_type="+")),
        later=Min(_day_made(), filter=~Q(history_type="+")),
    )
    meetings = Meeting.history.filter(history_id__gt=meeting).values("id")
    items = AgendaItem.history.filter(history_id__gt=item).values("id")
    days = [
        Action.objects.filter(pk__gt=action).aggregate(
            day=Min("agenda_item__meeting__date")
        )["day"],
        *versions.values(),
        Meeting.history.filter(id__in=meetings).aggregate(day=Min("date"))["day"],
        AgendaItem.history.filter(id__in=items).aggregate(day=Min("meeting__date"))[
            "day"
        ],
    ]
    return min((day for day in days if day is not None), default=None)


def _day_made():
    return TruncDate("history_date", tzinfo=timezone.get_current_timezone())


def _count_overdue_at(ends):
    """{month end: [[owner post, its organisation, meeting type, 1 if
    OFFICIAL-SENSITIVE else 0, overdue], ...]}, and the newest ids (_NEWEST) it was
    worked out from.

    1. Give each history row the days it held: from the day it was made (the
       meeting's, for an action's first row) until the day the next row was made.
    2. Count, for each month end, the rows holding then that were open and past
       their due date, by the owner post and meeting type they had, in one pass.
    """
    in_order = {
        "partition_by": [F("id")],
        "order_by": [F("history_date").asc(), F("history_id").asc()],
    }
    versions = (
        Action.history.annotate(
            first=Window(RowNumber(), **in_order),
            held_until=Window(Lead(_day_made()), **in_order),
        )
        .annotate(
            held_from=Case(
                When(first=1, then=F("agenda_item__meeting__date")),
                default=_day_made(),
                output_field=DateField(),
            ),
        )
        .values(
            "due_date",
            "status",
            "held_from",
            "held_until",
            post=F("owner"),
            post_organisation=F("owner__organisation"),
            kind=F("agenda_item__meeting__meeting_type"),
            sensitive=Case(
                When(
                    Q(marking=Marking.OFFICIAL_SENSITIVE)
                    | Q(agenda_item__marking=Marking.OFFICIAL_SENSITIVE),
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
    )
    # Django's ORM cannot group rows by fields of a window's result; the window
    # query it builds is wrapped in SQL that does.
    inner, inner_params = versions.query.sql_with_params()
    day = connection.ops.adapt_datefield_value
    is_open = ", ".join(["%s"] * len(OPEN_STATUSES))
    held = (
        "SUM(CASE WHEN held_from <= %s AND due_date < %s "
        f"AND status IN ({is_open}) AND (held_until IS NULL OR held_until > %s) "
        "THEN 1 ELSE 0 END)"
    )
    # The newest ids are read in the same statement, so they match the counts; the
    # join keeps them when there is no history yet.
    newest = ", ".join(f"({sql})" for sql in _NEWEST)
    sql = (
        f"SELECT * FROM (SELECT {newest}) newest LEFT JOIN ("
        f"SELECT post, post_organisation, kind, sensitive, "
        f"{', '.join([held] * len(ends))} FROM ({inner}) versions "
        "GROUP BY post, post_organisation, kind, sensitive"
        ") counted ON 1 = 1"
    )
    params = [
        value
        for end in ends
        for value in (day(end), day(end), *OPEN_STATUSES, day(end))
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *inner_params])
        rows = cursor.fetchall()
    seen = [number or 0 for number in rows[0][: len(_NEWEST)]]
    groups = [row[len(_NEWEST) :] for row in rows]
    counted = {
        end: [[*group[:4], group[4 + n]] for group in groups if group[4 + n]]
        for n, end in enumerate(ends)
    }
    return counted, seen
