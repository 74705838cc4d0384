import datetime
import json
import re
import zoneinfo
from importlib import import_module
from types import SimpleNamespace

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from actions.models import Action, OverdueAtMonthEnd
from actions.services import change_due_date, change_status
from actions.tests.factories import ActionFactory, ActionUpdateFactory, PostFactory
from actions.trend import month_ends, overdue_trend
from meetings.tests.factories import AgendaItemFactory, MeetingTypeFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
TODAY = datetime.date(2026, 11, 26)
D = datetime.date


def at(day):
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(12), tzinfo=LONDON), tick=False
    )


@pytest.fixture
def cc():
    return PostFactory()


def due(day, **fields):
    return ActionFactory(due_date=day, **fields)


def test_month_ends_are_the_last_24_before_today():
    ends = month_ends(TODAY)

    assert (len(ends), ends[0], ends[-1]) == (24, D(2024, 11, 30), D(2026, 10, 31))
    assert D(2025, 2, 28) in ends


def test_the_trend_follows_due_dates_extensions_and_closures(opcc_user):
    """Five actions agreed on 15 Jan 2025, all due 10 Feb 2025."""
    item = AgendaItemFactory(meeting__date=D(2025, 1, 15))
    with at(D(2025, 1, 15)):
        never_done, extended, closed, superseded = [
            ActionFactory(agenda_item=item, due_date=D(2025, 2, 10)) for _ in range(4)
        ]
    with at(D(2025, 3, 20)):
        change_due_date(
            extended,
            to=D(2025, 6, 30),
            reason="Waiting for HMICFRS",
            by=opcc_user,
            version=extended.version,
        )
    with at(D(2025, 4, 5)):
        now = datetime.datetime(2025, 4, 5, 12, tzinfo=LONDON)
        change_status(
            closed, to="completed", by=opcc_user, version=closed.version, now=now
        )
        change_status(
            closed, to="closed", by=opcc_user, version=closed.version, now=now
        )
    with at(D(2025, 3, 15)):
        change_status(
            superseded,
            to="superseded",
            reason="Folded into 2025-01/9",
            by=opcc_user,
            version=superseded.version,
            now=now,
        )
    # Minutes of the same meeting imported a year later.
    with at(D(2026, 1, 1)):
        imported = ActionFactory(agenda_item=item, due_date=D(2025, 2, 10))

    trend = dict(overdue_trend(today=TODAY))

    assert trend[D(2025, 1, 31)] == 0
    assert trend[D(2025, 2, 28)] == 5  # all five
    assert trend[D(2025, 3, 31)] == 3  # not the extended or superseded one
    assert trend[D(2025, 4, 30)] == 2  # nor the closed one
    assert trend[D(2025, 6, 30)] == 2  # the extension falls due that day
    assert trend[D(2025, 7, 31)] == 3  # and is overdue after it
    assert trend[D(2026, 10, 31)] == 3
    assert {never_done.pk, imported.pk} < set(
        Action.objects.open().values_list("pk", flat=True)
    )


def test_a_change_made_today_moves_no_past_month_end(opcc_user, cc):
    with at(D(2025, 1, 15)):
        action = due(D(2025, 2, 10), owner=cc, agenda_item__meeting__date=D(2025, 1, 6))
    assert dict(overdue_trend(today=TODAY))[D(2026, 10, 31)] == 1

    with at(TODAY):
        change_status(
            action,
            to="superseded",
            reason="Replaced",
            by=opcc_user,
            version=action.version,
            now=datetime.datetime(2026, 11, 26, tzinfo=LONDON),
        )
    cache.clear()

    assert dict(overdue_trend(today=TODAY))[D(2026, 10, 31)] == 1
    # It counts from the day it was made: from the end of this month.
    december = dict(overdue_trend(today=D(2026, 12, 1)))
    assert december[D(2026, 10, 31)] == 1
    assert december[D(2026, 11, 30)] == 0


def test_the_trend_counts_an_action_for_the_post_that_owned_it_then(opcc_user, cc):
    acc = PostFactory(name="Assistant Chief Constable", abbreviation="ACC")
    with at(D(2025, 1, 15)):
        action = due(D(2025, 2, 10), owner=cc, agenda_item__meeting__date=D(2025, 1, 6))
    with at(D(2025, 5, 20)):
        action.owner = acc
        action.save()

    for owner, expected in [
        (cc.pk, [1, 1, 0]),
        (acc.pk, [0, 0, 1]),
        ("null", [0, 0, 0]),
    ]:
        trend = dict(overdue_trend(today=TODAY, owner=owner))
        assert [
            trend[end] for end in [D(2025, 3, 31), D(2025, 4, 30), D(2025, 5, 31)]
        ] == expected
    trend = dict(overdue_trend(today=TODAY, organisation="opcc"))
    assert trend[D(2025, 3, 31)] == 0


@time_machine.travel(datetime.datetime(2026, 11, 26, 9, tzinfo=LONDON), tick=False)
def test_the_figures_count_and_link_to_the_lists_they_count(client, pcc_user, cc):
    due(TODAY - datetime.timedelta(days=3), owner=cc)
    due(TODAY - datetime.timedelta(days=200), owner=None)
    due(TODAY + datetime.timedelta(days=14), owner=cc)
    due(TODAY - datetime.timedelta(days=40), owner=cc, status="completed")
    ActionFactory(
        owner=cc,
        status="closed",
        closed_at=datetime.datetime(2026, 10, 1, tzinfo=LONDON),
    )
    ActionFactory(
        owner=cc,
        status="closed",
        closed_at=datetime.datetime(2026, 6, 1, tzinfo=LONDON),
    )
    client.force_login(pcc_user)

    page = client.get(reverse("actions:home"))

    figures = page.context["figures"]
    assert {
        name: figures[name]
        for name in [
            "open",
            "overdue",
            "due_soon",
            "awaiting_sign_off",
            "closed_recently",
            "needs_owner",
        ]
    } == {
        "open": 4,
        "overdue": 3,
        "due_soon": 1,
        "awaiting_sign_off": 1,
        "closed_recently": 1,
        "needs_owner": 1,
    }
    assert [count for _, count in figures["by_age"]] == [1, 1, 0, 1]


def assert_each_figure_lists_what_it_counts(client, page):
    for name, link in page.context["links"].items():
        count = page.context["figures"][name]
        if link is None:
            assert count == 0, name
            continue
        listed = client.get(link)
        assert listed.context["page"].paginator.count == count, name


@time_machine.travel(datetime.datetime(2026, 11, 26, 9, tzinfo=LONDON), tick=False)
def test_the_overdue_table_puts_the_longest_overdue_first_with_its_latest_update(
    client, pcc_user, cc
):
    recent = due(D(2026, 11, 1), owner=cc, reference="2026-10/1")
    oldest = due(D(2025, 1, 31), owner=cc, reference="2025-01/4")
    ActionUpdateFactory(action=oldest, text="Draft plan with the Chief Officer Team.")
    client.force_login(pcc_user)

    page = client.get(reverse("actions:home"))

    overdue = page.text.split('id="overdue-heading"')[1]
    assert overdue.index("2025-01/4") < overdue.index("2026-10/1")
    assert "Draft plan with the Chief Officer Team." in overdue
    assert ">664<" in overdue  # days overdue
    assert recent.days_overdue(TODAY) == 25


def test_overdue_by_post_counts_each_post_and_links_its_list(client, pcc_user, cc):
    acc = PostFactory(name="Assistant Chief Constable", abbreviation="ACC")
    for owner in [cc, cc, acc, None]:
        due(D(2025, 1, 31), owner=owner)
    client.force_login(pcc_user)

    by_post = client.get(reverse("actions:home")).context["by_post"]

    assert [(name, count) for name, count, _, _ in by_post] == [
        ("Chief Constable", 2),
        ("Assistant Chief Constable", 1),
        (None, 1),
    ]
    assert by_post[0][2] == 100.0
    assert f"owner={cc.pk}" in by_post[0][3]
    assert "owner=null" in by_post[2][3]


def test_filters_narrow_every_figure_and_are_kept_in_the_links(client, pcc_user, cc):
    panel = MeetingTypeFactory(name="Police and Crime Panel")
    due(D(2025, 1, 31), owner=cc, agenda_item__meeting__meeting_type=panel)
    due(D(2025, 1, 31), owner=cc)
    client.force_login(pcc_user)

    page = client.get(reverse("actions:home"), {"meeting_type": panel.pk})

    assert page.context["figures"]["overdue"] == 1
    assert f"meeting_type={panel.pk}" in page.context["links"]["overdue"]
    listed = client.get(page.context["links"]["overdue"])
    assert listed.context["page"].paginator.count == 1


@pytest.mark.parametrize(
    ("query", "heading", "overdue"),
    [
        ({}, "What is owed: open actions of every post", 3),
        (
            {"organisation": "force"},
            "What the force owes: open actions of its posts",
            1,
        ),
        ({"organisation": "opcc"}, "What the OPCC owes: open actions of its posts", 1),
        ({"owner": "null"}, "What is owed: open actions that need an owner", 1),
        ({"owner": "cc"}, "What is owed by the Chief Constable (CC)", 1),
    ],
)
def test_the_heading_says_what_the_figures_count(
    client, pcc_user, cc, query, heading, overdue
):
    # The OPCC's own posts owe actions too: unfiltered, they are counted.
    chief_executive = PostFactory(
        name="Chief Executive", abbreviation="CEx", organisation="opcc"
    )
    for owner in [cc, chief_executive, None]:
        due(D(2025, 1, 31), owner=owner)
    client.force_login(pcc_user)
    if query.get("owner") == "cc":
        query = {"owner": cc.pk}

    page = client.get(reverse("actions:home"), query)

    assert f'<h1 class="h2 mb-1">{heading}</h1>' in page.text
    assert page.context["figures"]["overdue"] == overdue
    assert_each_figure_lists_what_it_counts(client, page)


def test_an_invalid_organisation_is_not_in_the_heading(client, pcc_user, cc):
    client.force_login(pcc_user)

    page = client.get(reverse("actions:home"), {"organisation": "police"})

    assert "What is owed: open actions of every post" in page.text


def test_bad_filters_and_pages_render_with_a_message(client, pcc_user, cc):
    due(D(2025, 1, 31), owner=cc)
    client.force_login(pcc_user)

    page = client.get(
        reverse("actions:home"),
        {"owner": "999", "organisation": "police", "meeting_type": "x", "page": "99"},
    )

    assert page.status_code == 200
    assert "Some filters were not understood" in page.text
    assert "There is no page 99; this is page 1." in page.text
    assert page.context["figures"]["overdue"] == 1
    assert "owner=999" not in page.context["links"]["overdue"]


@pytest.mark.parametrize("actions", [5, 60])
def test_the_dashboard_makes_the_same_few_queries_whatever_the_data(
    client, pcc_user, cc, django_assert_max_num_queries, actions
):
    for number in range(actions):
        action = due(D(2025, 1, 1) + datetime.timedelta(days=number), owner=cc)
        ActionUpdateFactory(action=action)
    client.force_login(pcc_user)

    filtered = {
        "owner": cc.pk,
        "meeting_type": Action.objects.first().agenda_item.meeting.meeting_type_id,
        "organisation": "force",
    }
    for query in [{}, filtered]:
        cache.clear()
        with django_assert_max_num_queries(12):
            assert client.get(reverse("actions:home"), query).status_code == 200


@time_machine.travel(datetime.datetime(2026, 11, 26, 9, tzinfo=LONDON), tick=False)
def test_the_force_lands_on_its_own_actions_with_its_overdue_count(client, force_user):
    mine = PostFactory(holders=[force_user])
    due(D(2026, 1, 31), owner=mine)
    due(D(2026, 2, 28), owner=mine)
    due(D(2027, 2, 28), owner=mine)
    client.force_login(force_user)

    page = client.get(reverse("actions:home"))

    assert "What is owed" not in page.text
    assert "2 of your actions are past their due date." in page.text


def test_an_actions_first_version_counts_from_its_meeting_whatever_its_kind(cc):
    with at(D(2025, 1, 15)):
        action = due(D(2025, 2, 10), owner=cc, agenda_item__meeting__date=D(2025, 1, 6))
    with at(D(2025, 6, 1)):
        action.description = "Reworded"
        action.save()
    action.history.filter(history_type="+").delete()

    trend = dict(overdue_trend(today=TODAY))

    assert trend[D(2025, 2, 28)] == 1


def test_actions_recorded_before_their_history_get_a_first_version(cc):
    from django.apps import apps

    action = due(D(2025, 2, 10), owner=cc, agenda_item__meeting__date=D(2025, 1, 6))
    action.history.all().delete()
    assert dict(overdue_trend(today=TODAY))[D(2025, 2, 28)] == 0

    import_module("actions.migrations.0009_first_versions").add_first_versions(
        apps, None
    )
    cache.clear()  # as a deployment's restart does

    assert action.history.count() == 1
    assert dict(overdue_trend(today=TODAY))[D(2025, 2, 28)] == 1


def test_the_trend_is_worked_out_again_when_a_meeting_moves(cc):
    action = due(D(2026, 9, 10), owner=cc, agenda_item__meeting__date=D(2026, 9, 1))
    assert dict(overdue_trend(today=TODAY))[D(2026, 9, 30)] == 1

    meeting = action.agenda_item.meeting
    meeting.date = D(2026, 10, 5)
    meeting.save()

    assert dict(overdue_trend(today=TODAY))[D(2026, 9, 30)] == 0


def test_kept_counts_read_before_are_not_decoded_again_and_a_change_shows_at_once(
    cc, monkeypatch
):
    """The kept counts are held by their text: the same text is not decoded again,
    and whatever changes the text (a month end worked out again) is read at once."""
    due(D(2026, 9, 10), owner=cc, agenda_item__meeting__date=D(2026, 9, 1))
    # Worked out and kept, then read from what was kept.
    for _ in range(2):
        assert dict(overdue_trend(today=TODAY))[D(2026, 9, 30)] == 1
    decoded = []
    monkeypatch.setattr(
        "actions.trend.json",
        SimpleNamespace(loads=lambda text: decoded.append(text) or json.loads(text)),
    )

    assert dict(overdue_trend(today=TODAY))[D(2026, 9, 30)] == 1
    assert dict(overdue_trend(today=TODAY, owner=cc.pk))[D(2026, 9, 30)] == 1
    assert dict(overdue_trend(today=TODAY, owner="null"))[D(2026, 9, 30)] == 0
    assert decoded == []

    OverdueAtMonthEnd.objects.filter(month_end=D(2026, 9, 30)).update(
        counts=[[cc.pk, cc.organisation, 1, 0, 7], [None, None, 1, 0, 2]]
    )

    assert dict(overdue_trend(today=TODAY))[D(2026, 9, 30)] == 9
    assert dict(overdue_trend(today=TODAY, owner="null"))[D(2026, 9, 30)] == 2
    assert len(decoded) == 1


def test_each_filter_offers_its_empty_choice_once_and_marks_the_chosen(
    client, pcc_user, cc
):
    panel = MeetingTypeFactory(name="Police and Crime Panel")
    kinds = sorted([panel, MeetingTypeFactory(name="Joint Audit Committee")], key=str)
    client.force_login(pcc_user)

    page = client.get(reverse("actions:home"), {"meeting_type": panel.pk})

    select = re.search(r'id="id_meeting_type">(.*?)</select>', page.text, re.DOTALL)
    assert re.findall(r'<option value="(\w*)"( selected)?>', select[1]) == [
        ("", ""),
        *((str(kind.pk), " selected" if kind == panel else "") for kind in kinds),
    ]
    assert page.text.count(">Force and OPCC</option>") == 1
    assert page.text.count(">Any owner</option>") == 1
