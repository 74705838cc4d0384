import datetime

import pytest

from actions.models import Action, ActionUpdate, Post
from actions.services import timeline
from actions.tests.factories import ActionFactory, PostFactory
from imports.management.commands.seed_demo import DEMO_MINUTES
from imports.services import record_minutes
from imports.tests import contract
from meetings.importer import read_minutes
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes():
    PostFactory(name="Chief Constable", abbreviation="CC")
    PostFactory(name="Police and Crime Commissioner", abbreviation="PCC")
    return read_minutes(DEMO_MINUTES.read_bytes(), DEMO_MINUTES.name)


def test_it_continues_the_months_reference_numbers(minutes):
    # At an earlier meeting of the month: the factory's own date sequence reaches
    # the imported meeting's 23 March and would clash with it.
    ActionFactory(
        reference="2021-03/4",
        agenda_item__meeting__date=datetime.date(2021, 3, 2),
        agenda_item__meeting__title="Extraordinary Assurance Meeting",
    )

    record_minutes(minutes=minutes)

    assert set(
        Action.objects.filter(
            agenda_item__meeting__title=minutes["meeting"]["title"]
        ).values_list("reference", flat=True)
    ) == {"2021-03/5", "2021-03/6", "2021-03/7"}


def test_it_saves_nothing_when_an_owner_is_no_longer_a_post(minutes):
    abolished = PostFactory(
        name="Deputy Chief Constable", abbreviation="DCC", is_active=False
    )
    minutes["actions"][2].update(owner="DCC", owner_id=abolished.pk)

    with pytest.raises(Post.DoesNotExist, match="DCC, is no longer a post"):
        record_minutes(minutes=minutes)

    assert not Meeting.objects.exists()
    assert not Action.objects.exists()


@pytest.fixture
def contract_minutes():
    PostFactory(name="Chief Constable", abbreviation="CC")
    return contract.minutes(
        contract.action("CC", owner="CC", status="in_progress"),
        contract.action(
            "CC",
            owner="CC",
            status="closed",
            updates=[
                {"date": "2022-06-30", "text": "Plan agreed by the Executive."},
                {"date": None, "text": "C/Fwd."},
            ],
        ),
        attendees=[contract.attendee("Sarah Whitfield", "Chair", initials="SW")],
    )


def test_it_records_each_actions_status_as_minuted(contract_minutes):
    record_minutes(minutes=contract_minutes)

    statuses = Action.objects.order_by("reference").values_list("status", flat=True)
    assert list(statuses) == ["in_progress", "closed"]


def test_it_closes_a_closed_action_at_midday_on_the_meeting_date(contract_minutes):
    record_minutes(minutes=contract_minutes)

    closed = Action.objects.get(status="closed")
    assert closed.closed_at == datetime.datetime(
        2022, 7, 14, 11, 0, tzinfo=datetime.UTC
    )
    assert Action.objects.get(status="in_progress").closed_at is None


def test_it_keeps_the_minuted_progress_in_the_actions_history(contract_minutes):
    record_minutes(minutes=contract_minutes)

    closed = Action.objects.get(status="closed")
    assert closed.history.get().history_change_reason == (
        "Imported as closed: Progress as minuted\n"
        "30 Jun 2022 – Plan agreed by the Executive.\n"
        "Undated – C/Fwd."
    )
    assert not ActionUpdate.objects.exists()
    [event] = timeline(closed)
    assert (event.title, event.detail.splitlines()[1]) == (
        "Imported as closed",
        "30 Jun 2022 – Plan agreed by the Executive.",
    )


def test_an_open_action_without_updates_has_the_usual_first_version(contract_minutes):
    contract_minutes["actions"][0]["status"] = "open"

    record_minutes(minutes=contract_minutes)

    first = Action.objects.get(status="open")
    assert first.history.get().history_change_reason is None
    assert timeline(first)[0].title == "Recorded"


@pytest.mark.parametrize("status", ["draft", "approved", "published"])
def test_it_records_the_minutes_with_the_status_chosen(contract_minutes, status):
    meeting = record_minutes(minutes=contract_minutes, status=status)

    assert Meeting.objects.get(pk=meeting.pk).status == status


def test_it_keeps_attendees_without_their_initials(contract_minutes):
    meeting = record_minutes(minutes=contract_minutes)

    assert list(meeting.attendees.values_list("name", "capacity")) == [
        ("Sarah Whitfield", "Chair")
    ]


def test_it_refuses_minutes_without_a_meeting_date(contract_minutes):
    contract_minutes["meeting"]["date"] = None

    with pytest.raises(ValueError, match=r"board-2022-07\.docx has no meeting date"):
        record_minutes(minutes=contract_minutes)

    assert not Meeting.objects.exists()


def test_minutes_dated_back_recompute_exactly_the_month_ends_they_touch():
    """The dashboard's trend keeps each past month end; minutes of a June meeting
    imported in November change the month ends from June on, and only those."""
    from actions.models import OverdueAtMonthEnd
    from actions.trend import overdue_trend

    today = datetime.date(2026, 11, 26)
    cc = PostFactory(name="Chief Constable", abbreviation="CC")
    ActionFactory(
        owner=cc,
        due_date=datetime.date(2024, 9, 1),
        agenda_item__meeting__date=datetime.date(2024, 8, 1),
    )
    before = dict(overdue_trend(today=today))
    kept = dict(OverdueAtMonthEnd.objects.values_list("month_end", "computed_at"))
    assert len(kept) == 24
    assert set(before.values()) == {1}

    late = contract.minutes(
        contract.action("CC", owner="CC", owner_id=cc.pk, due_date="2026-07-31"),
        date="2026-06-10",
    )
    record_minutes(minutes=late, status=Meeting.Status.APPROVED)
    after = dict(overdue_trend(today=today))

    june = datetime.date(2026, 6, 30)
    assert {end: after[end] - before[end] for end in after} == {
        end: 1 if end > datetime.date(2026, 7, 31) else 0 for end in after
    }
    again = dict(OverdueAtMonthEnd.objects.values_list("month_end", "computed_at"))
    assert sorted(end for end in again if again[end] != kept[end]) == [
        end for end in sorted(kept) if end >= june
    ]
    # Nothing newer since: the kept figures are read, nothing is worked out again.
    dict(overdue_trend(today=today))
    assert dict(OverdueAtMonthEnd.objects.values_list("month_end", "computed_at")) == (
        again
    )
