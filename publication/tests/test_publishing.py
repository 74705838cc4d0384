"""Marking, publishing and withdrawing, as OPCC staff; who may; bad input."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from meetings.models import Meeting
from publication.models import PublishedMeeting
from publication.tasks import make_pdf
from publication.tests.conftest import marking_data

pytestmark = pytest.mark.django_db


def prepare_url(meeting):
    return reverse("publication:prepare", args=[meeting.pk])


def test_the_prepare_page_lists_every_item_paper_decision_and_action(
    client, opcc, approved
):
    client.force_login(opcc)

    page = client.get(prepare_url(approved)).text

    assert "Item 1.2 Resources to tackle SOC" in page
    assert "Paper LPPT vacancies.pdf (item 1.2)" in page
    assert "Decision 2021-03/D1" in page
    assert "Action 2021-03/3" in page
    assert "Publish the minutes" in page


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (("official", "withhold", " "), "Say why it is withheld"),
        (
            ("official_sensitive", "publish", ""),
            "OFFICIAL-SENSITIVE content is never published",
        ),
    ],
)
def test_a_choice_the_rules_refuse_is_explained_and_nothing_is_saved(
    client, opcc, approved, choice, message
):
    item = approved.items.get(number="3")
    action = Action.objects.get(reference="2021-03/1")
    client.force_login(opcc)
    data = marking_data(
        approved,
        **{
            f"item-{item.pk}": choice,
            f"action-{action.pk}": ("official_sensitive", "withhold", "s.31"),
        },
    )

    response = client.post(prepare_url(approved), data)

    assert response.status_code == 200
    assert message in response.text
    assert "Nothing was changed." in response.text
    action.refresh_from_db()
    assert action.marking == "official"


def test_markings_are_saved_and_the_history_keeps_who(client, opcc, approved):
    item = approved.items.get(number="1.4")
    client.force_login(opcc)
    data = marking_data(
        approved, **{f"item-{item.pk}": ("official", "withhold", "s.43")}
    )

    response = client.post(prepare_url(approved), data, follow=True)

    assert "The markings are saved (1 changed)." in response.text
    item.refresh_from_db()
    assert (item.publication, item.exemption) == ("withhold", "s.43")
    assert item.history.latest().history_user == opcc


def test_draft_minutes_cannot_be_published(client, opcc, march):
    client.force_login(opcc)

    response = client.post(reverse("publication:publish", args=[march.pk]))

    assert response.status_code == 403
    march.refresh_from_db()
    assert march.status == Meeting.Status.DRAFT
    assert not PublishedMeeting.objects.exists()


@pytest.mark.parametrize("persona", ["force", "pcc"])
def test_the_force_and_the_pcc_cannot_publish(client, approved, persona):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=persona))

    assert (
        client.post(reverse("publication:publish", args=[approved.pk])).status_code
        == 403
    )
    assert client.get(prepare_url(approved)).status_code == 403
    assert not PublishedMeeting.objects.exists()


def test_anonymous_may_read_the_public_pages_but_not_prepare_or_publish(
    client, published
):
    assert client.get(reverse("publication:index")).status_code == 200
    for response in (
        client.get(prepare_url(published.meeting)),
        client.post(reverse("publication:publish", args=[published.meeting_id])),
        client.get(reverse("publication:withdraw", args=[published.pk])),
    ):
        assert response.status_code == 302
        assert "/login/" in response.url


def test_publishing_twice_changes_nothing(client, opcc, published):
    client.force_login(opcc)

    response = client.post(reverse("publication:publish", args=[published.meeting_id]))

    assert response.status_code == 403
    assert PublishedMeeting.objects.count() == 1


def test_the_record_keeps_the_status_at_approval_and_shows_today_s_beside_it(
    client, published
):
    action = Action.objects.get(reference="2021-03/1")
    closed = datetime.datetime(2021, 9, 30, 12, tzinfo=datetime.UTC)
    Action.objects.filter(pk=action.pk).update(status="closed", closed_at=closed)
    meeting_url = reverse("publication:meeting", args=[published.pk])
    approved_on = f"{published.approved_on:%-d %b %Y}"

    page = client.get(meeting_url).text
    log = client.get(reverse("publication:actions")).text

    assert f"Open at approval on {approved_on}; Closed on 30 Sep 2021" in page
    assert f"Open at approval on {approved_on}; Closed on 30 Sep 2021" in log
    published.refresh_from_db()
    assert "Closed" not in str(published.content)


def test_today_s_status_respects_withholding_too(client, published):
    Action.objects.filter(reference="2021-03/1").update(
        marking="official_sensitive", publication="withhold", exemption="s.31"
    )
    today = f"{timezone.localdate():%-d %b %Y}"

    page = client.get(reverse("publication:meeting", args=[published.pk])).text

    # The record stays as published; the live status is no longer given.
    assert "2021-03/1" in page
    assert f"Open on {today}" not in page


def test_a_withdrawn_publication_says_so_and_shows_nothing_more(
    client, opcc, published
):
    client.force_login(opcc)
    withdraw = reverse("publication:withdraw", args=[published.pk])
    assert "Why is it withdrawn?" in client.get(withdraw).text
    assert client.post(withdraw, {"reason": ""}).status_code == 200

    with time_machine.travel(datetime.datetime(2021, 5, 4, 9, tzinfo=datetime.UTC)):
        client.post(withdraw, {"reason": "Published before the board reviewed it."})
    client.logout()

    page = client.get(reverse("publication:meeting", args=[published.pk]))
    assert page.status_code == 410
    assert "withdrawn on 4 May 2021" in page.text
    assert "Published before the board reviewed it." in page.text
    assert "HMICFRS" not in page.text
    assert (
        client.get(reverse("publication:pdf", args=[published.pk])).status_code == 410
    )
    paper = published.papers.get()
    assert client.get(reverse("publication:paper", args=[paper.pk])).status_code == 404
    for name in ("decisions", "actions", "feed"):
        text = client.get(reverse(f"publication:{name}")).text
        assert "2021-03/D1" not in text, name
        assert "2021-03/1 " not in text, name
        assert "Monthly Assurance Meeting March 2021" not in text, name
    found = client.get(reverse("publication:search"), {"q": "HMICFRS"}).text
    assert "0 published minutes match" in found
    assert "Withdrawn on 4 May 2021" in client.get(reverse("publication:index")).text


def test_a_paper_withheld_after_publication_is_no_longer_downloaded(client, published):
    row = published.papers.get()
    row.paper.publication, row.paper.exemption = "withhold", "s.43"
    row.paper.save()

    assert client.get(reverse("publication:paper", args=[row.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("index", {"page": "abc"}),
        ("decisions", {"page": "-1"}),
        ("actions", {"page": "²"}),
        ("search", {"q": "x" * 201}),
        ("search", {"q": ""}),
        ("search", {"q": "HMICFRS", "page": "1e3"}),
    ],
)
def test_bad_input_is_a_400_with_a_message(client, published, name, query):
    response = client.get(reverse(f"publication:{name}"), query)

    assert response.status_code == 400
    assert "<h1" in response.text


def test_a_page_past_the_end_says_so(client, published):
    response = client.get(reverse("publication:decisions"), {"page": "99"})

    assert response.status_code == 200
    assert "There is no page 99; this is page 1." in response.text


@pytest.mark.parametrize("name", ["index", "decisions", "actions", "search", "feed"])
def test_the_public_lists_run_a_handful_of_queries(
    client, published, name, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        client.get(
            reverse(f"publication:{name}"), {"q": "soc"} if name == "search" else {}
        )


def test_the_public_meeting_page_runs_a_handful_of_queries(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get(reverse("publication:meeting", args=[published.pk]))


def test_publishing_stands_when_the_broker_cannot_take_the_pdf_task(
    client, opcc, approved, django_capture_on_commit_callbacks
):
    client.force_login(opcc)

    with (
        mock.patch("publication.tasks.make_pdf.delay", side_effect=OSError) as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("publication:publish", args=[approved.pk]))

    assert response.status_code == 302
    delay.assert_called_once_with(approved.publication.pk)
    approved.refresh_from_db()
    assert approved.status == Meeting.Status.PUBLISHED


def test_the_worker_makes_the_pdf_once(published):
    make_pdf(published.pk)
    published.refresh_from_db()
    made = published.pdf.name

    with mock.patch("publication.pdf.minutes_pdf") as render:
        make_pdf(published.pk)

    render.assert_not_called()
    assert made.startswith("publications/minutes-")
    with published.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
