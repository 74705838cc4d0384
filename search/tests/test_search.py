import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from actions.tests.factories import (
    ActionFactory,
    ActionUpdateFactory,
    PostFactory,
    UserFactory,
)
from boards.models import Decision, Paper
from meetings.marking import Marking, Publication
from meetings.models import AgendaItem
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from search.forms import MAX_LENGTH
from search.views import SHOWN

URL = reverse("search:results")


def search(client, q, **more):
    return client.get(URL, {"q": q, **more})


def marked(item_or_decision_or_paper):
    """Marked OFFICIAL-SENSITIVE, and so withheld from publication."""
    record = item_or_decision_or_paper
    record.marking = Marking.OFFICIAL_SENSITIVE
    record.publication = Publication.WITHHOLD
    record.exemption = "section 31 — law enforcement"
    record.save()
    return record


def decision(item, text, number="2021-03/D1"):
    return Decision.objects.create(agenda_item=item, text=text, number=number)


def paper(item, name, by):
    return Paper.objects.create(
        agenda_item=item,
        file="papers/x",
        name=name,
        content_type="application/pdf",
        size=1,
        uploaded_by=by,
    )


@pytest.fixture
def everything(db, opcc_user):
    """A word, "Uplift", in one record of each kind."""
    meeting = MeetingFactory(title="Uplift Programme Board June 2021")
    item = AgendaItemFactory(
        meeting=meeting,
        title="Recruitment",
        discussion="<p>The officer <u>uplift</u> numbers were reviewed.</p>",
    )
    action = ActionFactory(agenda_item=item, description="Report on the uplift.")
    ActionUpdateFactory(
        action=ActionFactory(agenda_item=item, description="Recruit PCSOs."),
        text="Linked to the uplift target.",
    )
    decision(item, "RESOLVED: the uplift plan is approved.")
    paper(item, "uplift-plan.pdf", opcc_user)
    return {"meeting": meeting, "item": item, "action": action}


def test_hmicfrs_finds_item_3_of_the_march_2021_minutes_by_its_discussion(
    client, force_user
):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    item = AgendaItem.objects.get(meeting__date="2021-03-23", number="3")
    assert "HMICFRS" not in item.title
    assert "HMICFRS" in item.discussion
    client.force_login(force_user)

    response = search(client, "HMICFRS")

    assert response.status_code == 200
    html = response.content.decode()
    link = reverse("meetings:detail", args=[item.meeting_id]) + f"#item-{item.pk}"
    assert f'href="{link}"' in html
    assert "<mark>HMICFRS</mark>" in html


def test_results_are_grouped_by_kind_each_linking_to_its_page(
    client, force_user, everything
):
    client.force_login(force_user)

    response = search(client, "uplift")

    html = response.content.decode()
    headings = [g.kind.label for g in response.context["groups"] if g.hits]
    assert headings == ["Meetings", "Minutes", "Actions", "Decisions", "Papers"]
    counts = {g.kind.key: g.count for g in response.context["groups"]}
    assert counts == {
        "meetings": 1,
        "items": 1,
        "actions": 2,
        "decisions": 1,
        "papers": 1,
    }
    item, action = everything["item"], everything["action"]
    assert reverse("meetings:detail", args=[everything["meeting"].pk]) in html
    assert f"#item-{item.pk}" in html
    assert reverse("actions:detail", args=[action.pk]) in html
    assert reverse("boards:paper", args=[item.papers.get().pk]) in html
    # The action found by its update shows the update's words.
    assert "Linked to the <mark>uplift</mark> target." in html


def test_matching_words_are_marked_and_discussion_cannot_inject_markup(
    client, force_user
):
    AgendaItemFactory(
        title="Custody",
        discussion='<p>Custody <script>alert("x")</script> & <img src=x '
        "onerror=alert(1)> &lt;b onmouseover=alert(2)&gt;custody&lt;/b&gt;</p>",
    )
    ActionFactory(description='Custody <b onclick="alert(3)">review</b>.')
    client.force_login(force_user)

    response = search(client, "custody")

    html = response.content.decode().split('<main id="main"')[1]
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "<b " not in html
    assert "&lt;b onmouseover=alert(2)&gt;<mark>custody</mark>&lt;/b&gt;" in html
    assert "<mark>Custody</mark> &lt;b onclick=&quot;alert(3)&quot;&gt;" in html


def test_a_force_user_does_not_find_what_is_official_sensitive(
    client, force_user, opcc_user
):
    item = marked(
        AgendaItemFactory(title="Covert", discussion="<p>Operation Kestrel.</p>")
    )
    open_item = AgendaItemFactory(title="Estates")
    marked(decision(open_item, "Kestrel funding agreed."))
    marked(paper(open_item, "kestrel.pdf", opcc_user))
    marked(ActionFactory(agenda_item=open_item, description="Kestrel briefing."))
    ActionFactory(agenda_item=item, description="Kestrel follow-up.", owner=None)

    client.force_login(force_user)
    hidden = search(client, "Kestrel")
    assert not any(group.hits for group in hidden.context["groups"])
    for words in ("Operation Kestrel", "Kestrel funding", "kestrel.pdf", "briefing"):
        assert words not in hidden.content.decode()

    client.force_login(opcc_user)
    found = search(client, "Kestrel")
    counts = {g.kind.key: g.count for g in found.context["groups"]}
    assert counts == {
        "meetings": 0,
        "items": 1,
        "actions": 2,
        "decisions": 1,
        "papers": 1,
    }
    assert "OFFICIAL-SENSITIVE" in found.content.decode()


def test_holders_of_the_post_owning_its_action_find_a_marked_item(client, force_user):
    item = marked(AgendaItemFactory(discussion="<p>Operation Kestrel.</p>"))
    post = PostFactory(name="Head of Crime", abbreviation="HoC")
    post.holders.add(force_user)
    ActionFactory(agenda_item=item, owner=post, description="Brief the PCC.")
    client.force_login(force_user)

    groups = search(client, "Kestrel").context["groups"]

    assert {g.kind.key: g.count for g in groups}["items"] == 1


def test_more_than_a_few_of_a_kind_link_to_all_of_them_page_by_page(client, force_user):
    item = AgendaItemFactory()
    for number in range(25):
        ActionFactory(agenda_item=item, description=f"Audit finding {number}.")
    client.force_login(force_user)

    everything = search(client, "audit")
    actions = search(client, "audit", kind="actions")
    second = search(client, "audit", kind="actions", page=2)
    past_the_last = search(client, "audit", kind="actions", page=3)

    html = everything.content.decode()
    assert len(everything.context["groups"][2].hits) == SHOWN
    assert "?q=audit&amp;kind=actions" in html
    assert len(actions.context["groups"]) == 1
    assert len(actions.context["groups"][0].hits) == 20
    assert "page=2" in actions.content.decode()
    assert len(second.context["groups"][0].hits) == 5
    assert [(g.count, g.hits) for g in past_the_last.context["groups"]] == [(25, [])]


def ranked_up_to(monkeypatch, number):
    monkeypatch.setattr("search.services.RANKED_UP_TO", number)
    monkeypatch.setattr("search.views.RANKED_UP_TO", number)


def test_beyond_those_ranked_the_newest_come_first_each_once(
    client, force_user, monkeypatch
):
    item = AgendaItemFactory()
    both = ActionFactory(agenda_item=item, description="Audit of custody.")
    ActionUpdateFactory(action=both, text="Audit report circulated.")
    by_update = ActionFactory(agenda_item=item, description="Review custody.")
    ActionUpdateFactory(action=by_update, text="The audit is done.")
    by_words = [
        ActionFactory(agenda_item=item, description=f"Audit finding {n}.")
        for n in range(3)
    ]
    client.force_login(force_user)

    ranked_up_to(monkeypatch, 5)
    ranked = search(client, "audit", kind="actions").context["groups"][0]
    # More than 4 in all; more than 2 found by their wording alone.
    ranked_up_to(monkeypatch, 4)
    response = search(client, "audit", kind="actions")
    ranked_up_to(monkeypatch, 2)
    by_wording = search(client, "audit", kind="actions").context["groups"][0]

    assert (ranked.count, ranked.ranked) == (5, connection.vendor == "postgresql")
    newest_first = [
        reverse("actions:detail", args=[action.pk])
        for action in [*reversed(by_words), by_update, both]
    ]
    for group in (response.context["groups"][0], by_wording):
        assert (group.count, group.ranked, group.has_next) == (None, False, False)
        assert [hit.url for hit in group.hits] == newest_first
    html = response.content.decode()
    assert "more than 4" in html
    assert "Too many to rank: newest first." in html


def test_newest_first_pages_hold_what_updates_found_in_its_place(
    client, force_user, monkeypatch
):
    ranked_up_to(monkeypatch, 2)
    item = AgendaItemFactory()
    oldest = ActionFactory(agenda_item=item, description="Review custody.")
    ActionUpdateFactory(action=oldest, text="Audit done.")
    by_words = [
        ActionFactory(agenda_item=item, description=f"Audit finding {n}.")
        for n in range(21)
    ]
    newest = ActionFactory(agenda_item=item, description="Review estates.")
    ActionUpdateFactory(action=newest, text="Audit booked.")
    client.force_login(force_user)

    first = search(client, "audit").context["groups"][2]
    second = search(client, "audit", kind="actions", page=2).context["groups"][0]

    def urls(actions):
        return [reverse("actions:detail", args=[action.pk]) for action in actions]

    assert [hit.url for hit in first.hits] == urls([newest, *by_words[:-5:-1]])
    assert first.has_next
    assert [hit.url for hit in second.hits] == urls([by_words[1], by_words[0], oldest])
    assert not second.has_next


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * (MAX_LENGTH + 1)}, "Search for at most 200 characters"),
        ({"q": "abc\x00"}, "Null characters are not allowed."),
        ({"q": "audit", "kind": "everything"}, "Select a valid choice."),
        ({"q": "audit", "kind": "actions", "page": "two"}, "A page is a number"),
        ({"q": "audit", "kind": "actions", "page": "0"}, "greater than or equal"),
    ],
)
def test_bad_input_is_a_message_never_an_error(client, force_user, params, message):
    client.force_login(force_user)

    response = client.get(URL, params)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "groups" not in response.context


@pytest.mark.parametrize("q", ["", "   ", "!!!", "the", '"', "-", "a & b | !c"])
def test_searches_with_no_words_to_look_for_answer(client, force_user, q):
    ActionFactory(description="The plan.")
    client.force_login(force_user)

    response = search(client, q)

    assert response.status_code == 200


def test_a_search_of_everything_takes_a_fixed_number_of_queries(
    client,
    force_user,
    opcc_user,
    everything,
    django_assert_max_num_queries,
    monkeypatch,
):
    for number in range(10):
        ActionUpdateFactory(
            action=ActionFactory(
                agenda_item=everything["item"], description=f"Uplift {number}"
            ),
            text="Uplift on track.",
        )
    client.force_login(force_user)
    search(client, "uplift")

    # Session, user, permissions, posts; then at most two per kind (the ids of
    # up to 301 matches, then the page of them) and the marks (PostgreSQL).
    with django_assert_max_num_queries(15):
        response = search(client, "uplift")
    assert len(response.context["groups"][2].hits) == SHOWN
    # Too many to rank: the page newest first, still two queries a kind.
    ranked_up_to(monkeypatch, 1)
    with django_assert_max_num_queries(15):
        response = search(client, "uplift")
    assert response.context["groups"][2].count is None


def test_the_search_box_is_in_the_header_for_those_who_may_search(client, force_user):
    client.force_login(force_user)
    assert 'id="site-search"' in client.get(reverse("actions:home")).content.decode()

    client.force_login(UserFactory(username="norole"))
    assert (
        'id="site-search"'
        not in client.get("/accounts/password_change/").content.decode()
    )
    assert search(client, "uplift").status_code == 403
