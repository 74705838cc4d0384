"""The PCC's figures: what the force owes and how late, counted by the database."""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Q,
    When,
    Window,
)
from django.db.models.functions import Lead, RowNumber, TruncDate
from django.utils import timezone

from actions.models import OPEN_STATUSES, Action, ActionStatus
from meetings.models import AgendaItem, Meeting

FORTNIGHT = datetime.timedelta(days=14)
RECENTLY_CLOSED = datetime.timedelta(days=90)


@dataclass(frozen=True)
class AgeBand:
    label: str
    first_day: int
    last_day: int | None

    def q(self, today):
        """Open actions overdue by first_day to last_day days on `today`."""
        latest_due = today - datetime.timedelta(days=self.first_day)
        condition = Q(due_date__lte=latest_due)
        if self.last_day is not None:
            condition &= Q(due_date__gte=today - datetime.timedelta(days=self.last_day))
        return condition


AGE_BANDS = [
    AgeBand("0–30 days", 1, 30),
    AgeBand("31–90 days", 31, 90),
    AgeBand("91–180 days", 91, 180),
    AgeBand("Over 180 days", 181, None),
]


def figures(actions, *, today, now):
    """The headline counts and the overdue age bands, in one query."""
    is_open = Q(status__in=OPEN_STATUSES)
    overdue = is_open & Q(due_date__lt=today)
    counts = {
        "open": is_open,
        "overdue": overdue,
        "due_soon": is_open & Q(due_date__gte=today, due_date__lte=today + FORTNIGHT),
        "awaiting_sign_off": Q(status=ActionStatus.COMPLETED),
        "closed_recently": Q(
            status=ActionStatus.CLOSED, closed_at__gte=now - RECENTLY_CLOSED
        ),
        "needs_owner": is_open & Q(owner__isnull=True),
    }
    for number, band in enumerate(AGE_BANDS):
        counts[f"age_{number}"] = overdue & band.q(today)
    # Every count is of these: the indexes find them among years of closed ones.
    counted = actions.filter(
        is_open | Q(status=ActionStatus.CLOSED, closed_at__gte=now - RECENTLY_CLOSED)
    )
    result = counted.aggregate(
        **{name: Count("pk", filter=condition) for name, condition in counts.items()}
    )
    result["by_age"] = [
        (band, result.pop(f"age_{number}")) for number, band in enumerate(AGE_BANDS)
    ]
    return result


def overdue_by_post(actions, *, today):
    """[(owner post pk, name, count)], the post owing most first; pk and name are
    None for the actions that need an owner."""
    return list(
        actions.open()
        .overdue(today)
        .values("owner", "owner__name")
        .annotate(count=Count("pk"))
        .order_by("-count", F("owner__name").asc(nulls_last=True))
        .values_list("owner", "owner__name", "count")
    )


def overdue_actions(actions, *, today):
    """The overdue actions, longest overdue first, each with its latest update."""
    return (
        actions.open()
        .overdue(today)
        .select_related("owner", "agenda_item__meeting")
        .with_latest_update()
        .order_by("due_date", "reference")
    )


def column_chart(trend, *, height=120, top=22, gutter=10):
    """The trend's columns for an SVG drawn without a viewBox, so its labels keep
    their size on a phone: x and width in percent of the chart's width (after a
    gutter for the axis' figures), y and height in pixels. Every third month is
    labelled; on a phone only every sixth ("minor" labels are hidden)."""
    heights = scaled([count for _, count in trend], to=height)
    slot = (100 - gutter) / max(len(trend), 1)
    return [
        {
            "x": round(gutter + number * slot, 2),
            "y": top + height - length,
            "width": round(slot * 0.75, 2),
            "height": length,
            "label": f"{end:%b %y}" if number % 3 == 0 else "",
            "minor": number % 6 == 3,
            "end": end,
            "count": count,
        }
        for number, ((end, count), length) in enumerate(
            zip(trend, heights, strict=True)
        )
    ]


def scaled(counts, *, to=100):
    """Each count as a length, the longest `to`: the bars of a chart."""
    longest = max(counts, default=0) or 1
    return [round(count * to / longest, 1) for count in counts]


def month_ends(today, months=24):
    """The last `months` month ends before `today`, oldest first."""
    ends = []
    end = today.replace(day=1) - datetime.timedelta(days=1)
    for _ in range(months):
        ends.append(end)
        end = end.replace(day=1) - datetime.timedelta(days=1)
    return ends[::-1]


def overdue_trend(
    *, today, months=24, owner=None, organisation=None, meeting_type=None
):
    """[(month end, overdue actions then)] for the last `months` month ends.

    Worked out from each action's history: the due date, status and owner it had at
    the end of that day, so an extension, a closure or a reassignment counts from
    the day it was made. An action's first version counts from its meeting's date,
    as minutes imported later were agreed then. Filters (an owner post, "null" for
    none, an organisation, a meeting type) apply to each version as it was.

    A change to an action is recorded today and moves no past month end, so the
    figures are cached until an action is added or a meeting or item changes.
    """
    ends = month_ends(today, months)
    chosen = {"owner": owner, "organisation": organisation, "type": meeting_type}
    scope = f"{sorted(chosen.items())}|{ends[-1]}|{months}|{_newest_changes()}"
    key = "overdue-trend:" + hashlib.sha256(scope.encode()).hexdigest()
    trend = cache.get(key)
    if trend is None:
        trend = _count_overdue_at(ends, _as_it_was(**chosen))
        cache.set(key, trend, timeout=24 * 60 * 60)
    return trend


def _as_it_was(owner, organisation, type):
    """The dashboard's filters, on a version of an action."""
    condition = Q()
    if owner == "null":
        condition &= Q(owner__isnull=True)
    elif owner:
        condition &= Q(owner=owner)
    if organisation:
        condition &= Q(owner__organisation=organisation)
    if type:
        condition &= Q(agenda_item__meeting__meeting_type=type)
    return condition


def _newest_changes():
    """The newest action, and the newest history row of the meetings and items:
    what can move a past month end."""
    newest = ", ".join(
        [
            f"(SELECT MAX(id) FROM {Action._meta.db_table})",
            *(
                f"(SELECT MAX(history_id) FROM {model.history.model._meta.db_table})"
                for model in (Meeting, AgendaItem)
            ),
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {newest}")
        return cursor.fetchone()


def _count_overdue_at(ends, chosen):
    """1. Give each history row the days it held: from the day it was made (the
    meeting's, for an action's first row) until the day the next row was made.
    2. Count, for each month end, the rows holding then that were open, past their
    due date and within the filters."""
    history = Action.history.model
    day_made = TruncDate("history_date", tzinfo=timezone.get_current_timezone())
    in_order = {
        "partition_by": [F("id")],
        "order_by": [F("history_date").asc(), F("history_id").asc()],
    }
    # Every version of the actions that were ever within the filters: a version
    # outside them still ends the one before.
    ever = history.objects.filter(chosen).values("id") if chosen else None
    versions = (
        history.objects.filter(id__in=ever) if ever is not None else history.objects
    )
    rows = versions.annotate(
        first=Window(RowNumber(), **in_order),
        held_until=Window(Lead(day_made), **in_order),
    ).annotate(
        held_from=Case(
            When(first=1, then=F("agenda_item__meeting__date")),
            default=day_made,
            output_field=DateField(),
        ),
    )
    counts = rows.aggregate(
        **{
            end.isoformat(): Count(
                "pk",
                filter=Q(held_from__lte=end, due_date__lt=end, status__in=OPEN_STATUSES)
                & (Q(held_until__isnull=True) | Q(held_until__gt=end))
                & chosen,
            )
            for end in ends
        }
    )
    return [(end, counts[end.isoformat()]) for end in ends]
