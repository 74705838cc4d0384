import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action, Organisation
from actions.tests.factories import ActionFactory, PostFactory
from meetings.tests.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db
LIST = reverse("actions:list")
TODAY = datetime.date(2021, 9, 24)


@pytest.fixture
def actions(force_user):
    cc = PostFactory(holders=[force_user])
    pcc = PostFactory(
        name="Police and Crime Commissioner",
        abbreviation="PCC",
        organisation=Organisation.OPCC,
    )
    return {
        "overdue": ActionFactory(
            description="Revisit SOC 4P balance",
            owner=cc,
            due_date=TODAY.replace(day=23),
        ),
        "soon": ActionFactory(
            description="Night time economy plan",
            owner=cc,
            due_date=TODAY.replace(day=30),
        ),
        "later": ActionFactory(
            description="LPPT teams", owner=pcc, due_date=datetime.date(2021, 12, 1)
        ),
        "undated": ActionFactory(description="Review the briefing note", owner=None),
        "closed": ActionFactory(
            description="Old news",
            owner=cc,
            status="closed",
            due_date=TODAY.replace(day=1),
        ),
    }


def listed(client, **query):
    response = client.get(LIST, query)
    assert response.status_code == 200
    return [a.description for a in response.context["page"].object_list]


@time_machine.travel(TODAY)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"due": "overdue"}, ["Revisit SOC 4P balance"]),
        ({"due": "soon"}, ["Night time economy plan"]),
        ({"due": "later"}, ["LPPT teams"]),
        ({"due": "none"}, ["Review the briefing note"]),
        ({"status": "closed"}, ["Old news"]),
        ({"organisation": "opcc"}, ["LPPT teams"]),
        ({"q": "lppt"}, ["LPPT teams"]),
    ],
)
def test_it_filters(client, opcc_user, actions, query, expected):
    client.force_login(opcc_user)

    found = listed(client, **query)

    assert found == expected


def test_it_searches_references(client, opcc_user, actions):
    client.force_login(opcc_user)

    assert listed(client, q=actions["later"].reference) == ["LPPT teams"]


@time_machine.travel(TODAY)
def test_it_sorts_by_due_date_with_undated_last(client, opcc_user, actions):
    client.force_login(opcc_user)

    assert listed(client) == [
        "Old news",
        "Revisit SOC 4P balance",
        "Night time economy plan",
        "LPPT teams",
        "Review the briefing note",
    ]


def test_it_shows_a_force_user_his_actions_first(client, force_user, actions):
    client.force_login(force_user)

    response = client.get(LIST)

    mine = response.text.split('id="my-actions"')[1].split("</section>")[0]
    assert "Revisit SOC 4P balance" in mine
    assert "LPPT teams" not in mine
    assert "Old news" not in mine
    assert response.text.index('id="my-actions"') < response.text.index(
        'id="all-actions"'
    )


def test_it_says_so_when_a_filter_value_is_unknown(client, opcc_user, actions):
    client.force_login(opcc_user)

    response = client.get(LIST, {"status": "lost", "page": "999"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_a_page_past_the_end_shows_the_last_page(client, opcc_user):
    ActionFactory.create_batch(30, owner=None)
    client.force_login(opcc_user)

    response = client.get(LIST, {"page": "999"})

    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 5
    assert "There is no page 999; this is page 2." in response.text
    assert "There is no page" not in client.get(LIST, {"page": "2"}).text
    assert (
        "There is no page abc; this is page 1."
        in client.get(LIST, {"page": "abc"}).text
    )


def test_it_runs_the_same_queries_for_10_and_500_actions(client, force_user):
    post = PostFactory(holders=[force_user])
    item = AgendaItemFactory()
    client.force_login(force_user)
    counts = []
    for total in (10, 500):
        Action.objects.all().delete()
        Action.objects.bulk_create(
            Action(
                reference=f"2021-03/{n}",
                agenda_item=item,
                description=f"Action {n}",
                owner=post,
            )
            for n in range(total)
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        assert response.context["page"].paginator.count == total
        counts.append(len(queries))

    assert counts[0] == counts[1] <= 10


def test_it_counts_no_further_than_the_cap_and_says_there_are_more(
    client, opcc_user, monkeypatch
):
    from actions.paging import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 30)
    ActionFactory.create_batch(31)
    client.force_login(opcc_user)

    page = client.get(LIST)

    assert 'All actions <span class="badge text-bg-secondary">over 30</span>' in (
        page.text
    )
    assert "Page 1 of 2 shown (there are more: narrow them with the filters)." in (
        page.text
    )
    assert "Download these more than 30 actions" in page.text
    exact = client.get(
        LIST, {"q": ActionFactory(description="Unique words").description}
    )
    assert 'All actions <span class="badge text-bg-secondary">1</span>' in exact.text
    assert "there are more" not in exact.text
