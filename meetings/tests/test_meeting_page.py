import io

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(db):
    call_command("seed_demo", force=True, stdout=None)
    return Meeting.objects.get(date="2021-03-23")


def test_it_lays_out_the_minutes(client, opcc_user, march):
    client.force_login(opcc_user)

    page = client.get(reverse("meetings:detail", args=[march.pk])).text

    assert "Tuesday 23 March 2021, 10:30" in page
    assert "Anthony Bangham</td><td>Chief Constable (CC)" in page
    assert (
        page.index(">2 AOB<")
        < page.index(">3 Holding to account")
        < page.index(">1.2 Resources to tackle SOC<")
    )
    assert "<u>Appointment, support and development for LROs</u>" in page
    assert "Revisit in 6 months to see how SOC activity" in page
    assert "Needs an owner" in page
    assert "Performance of Review of the year 2021, 27 Apr 2021, 14:00" in page


def test_it_never_shows_script_from_stored_minutes(client, opcc_user):
    item = AgendaItemFactory(
        discussion='<p onclick="steal()">Noted.</p><script>alert(1)</script>'
    )
    client.force_login(opcc_user)

    page = client.get(reverse("meetings:detail", args=[item.meeting.pk])).text

    assert "<p>Noted.</p>" in page
    assert "alert(1)" not in page
    assert "steal()" not in page


def test_it_refuses_a_user_in_no_role(client, django_user_model, march):
    client.force_login(django_user_model.objects.create_user("visitor"))

    assert client.get(reverse("meetings:detail", args=[march.pk])).status_code == 403


def test_it_runs_a_handful_of_queries(
    client, pcc_user, march, django_assert_max_num_queries
):
    client.force_login(pcc_user)

    # The minutes, their matters arising (live or frozen), the minutes agreed
    # at this meeting and the history of approval: a fixed number, however long.
    with django_assert_max_num_queries(15):
        client.get(reverse("meetings:detail", args=[march.pk]))


def test_opcc_staff_approve_then_publish_and_the_history_keeps_who(
    client, opcc_user, march
):
    client.force_login(opcc_user)
    advance = reverse("meetings:advance", args=[march.pk])

    # Approval goes through its confirmation page, not straight from the button.
    assert client.post(advance, {"from_status": "draft"}).url == reverse(
        "boards:approve", args=[march.pk]
    )
    client.post(reverse("boards:approve", args=[march.pk]))
    client.post(advance, {"from_status": "draft"})  # a second click, from a stale page
    march.refresh_from_db()
    assert march.status == "approved"
    # Publication starts from marking what is withheld.
    assert client.post(advance, {"from_status": "approved"}).url == reverse(
        "publication:prepare", args=[march.pk]
    )
    client.post(reverse("publication:publish", args=[march.pk]))

    march.refresh_from_db()
    assert march.status == "published"
    changes = list(march.history.order_by("history_id")[1:])
    assert [(h.status, h.history_user, h.history_change_reason) for h in changes] == [
        ("approved", opcc_user, "Minutes approved"),
        ("published", opcc_user, "Minutes published"),
    ]


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
def test_only_opcc_staff_approve_minutes(client, request, persona, march):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(reverse("boards:approve", args=[march.pk]))

    assert response.status_code == 403
    march.refresh_from_db()
    assert march.status == "draft"


def test_the_minutes_download_as_a_word_document_with_every_item_and_action(
    client, force_user, march
):
    client.force_login(force_user)

    response = client.get(reverse("meetings:docx", args=[march.pk]))

    assert response["Content-Disposition"] == (
        'attachment; filename="monthly-assurance-meeting-march-2021.docx"'
    )
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    for item in march.items.all():
        assert f"{item.number} {item.title}" in text
    for reference in ("2021-03/1", "2021-03/2", "2021-03/3"):
        assert f"ACTION {reference}:" in text
    assert "4P's is balanced. (Owner: needs an owner; due: 23 Sep 2021)" in text
    attendance = document.tables[1]
    assert [row.cells[0].text for row in attendance.rows] == [
        "Name",
        "John Campion",
        "Natasha Noorbakhsh",
        "Charity Pearce",
        "Anthony Bangham",
        "Geoff Wessell",
        "Jack Taylor",
    ]
    assert any(
        run.underline and run.text == "Appointment, support and development for LROs"
        for p in document.paragraphs
        for run in p.runs
    )
