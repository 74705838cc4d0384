"""The PCC's figures: what the force owes and how late, counted by the database."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q

from actions.models import OPEN_STATUSES, ActionStatus

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
