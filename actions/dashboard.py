"""The PCC's figures: what the force owes and how late, counted by the database."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from actions.models import ActionStatus

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


def figures(actions, *, today, now, names):
    """The headline counts, the overdue age bands and the overdue by owner post
    (named from `names`, {post pk: name}).

    Two queries, each answered from an index alone: the open actions counted by
    owner post from the covering index of open actions (action_owed_by_due), and
    those closed recently from action_by_closure. Years of closed actions are never
    read."""
    overdue = Q(due_date__lt=today)
    counts = {
        "open": Q(),
        "overdue": overdue,
        "due_soon": Q(due_date__gte=today, due_date__lte=today + FORTNIGHT),
        "awaiting_sign_off": Q(status=ActionStatus.COMPLETED),
    }
    for number, band in enumerate(AGE_BANDS):
        counts[f"age_{number}"] = overdue & band.q(today)
    by_owner = list(
        actions.open()
        .order_by()
        .values("owner")
        # Count(status), not COUNT(*), which Django takes with no filter: status is
        # in the index, so the count never reads the table.
        .annotate(
            **{
                name: Count("status", filter=condition)
                for name, condition in counts.items()
            }
        )
    )
    result = {name: sum(row[name] for row in by_owner) for name in counts}
    result["needs_owner"] = sum(row["open"] for row in by_owner if row["owner"] is None)
    result["closed_recently"] = actions.filter(
        status=ActionStatus.CLOSED, closed_at__gte=now - RECENTLY_CLOSED
    ).count()
    result["by_age"] = [
        (band, result.pop(f"age_{number}")) for number, band in enumerate(AGE_BANDS)
    ]
    # Named apart: joined to every open action, the posts cost a third of its time.
    # The post owing most first; the actions that need an owner after the posts
    # that owe as many.
    result["by_post"] = [
        (row["owner"], names.get(row["owner"]), row["overdue"])
        for row in sorted(
            by_owner,
            key=lambda row: (
                -row["overdue"],
                row["owner"] is None,
                names.get(row["owner"], ""),
            ),
        )
        if row["overdue"]
    ]
    return result


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
