import io

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.services import change_status
from boards.models import Board
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(db):
    call_command("seed_demo", force=True, stdout=None)
    return Meeting.objects.get(date="2021-03-23")


@pytest.fixture
def april(march):
    april = Meeting.objects.create(
        board=Board.objects.get(name="Performance Review Board"),
        meeting_type=march.meeting_type,
        title="Performance Review April 2021",
        date="2021-04-27",
    )
    march.link_next_meeting(april)
    return april


def url(name, meeting):
    return reverse(f"boards:{name}", args=[meeting.pk])


def arising_section(page):
    return page.split('id="arising-heading"')[1].split("</section>")[0]


def test_the_confirmation_shows_what_is_locked_and_what_looks_unfinished(
    client, opcc_user, march
):
    AgendaItemFactory(meeting=march, number="9", title="AOB", discussion="")
    client.force_login(opcc_user)

    page = client.get(url("approve", march)).text

    assert "8 items and their discussion" not in page
    assert "9 items and their discussion." in page
    assert "3 actions raised at them: 2021-03/1, 2021-03/2, 2021-03/3." in page
    assert "2 items have no discussion:" in page
    assert ">9 AOB</a>" in page
    assert "1 action has no owner:" in page
    assert ">2021-03/2</a>" in page
    march.refresh_from_db()
    assert march.status == "draft"


def test_approval_freezes_the_matters_arising_as_they_stood(
    client, opcc_user, march, april
):
    client.force_login(opcc_user)

    response = client.post(url("approve", april))

    assert response.url == reverse("meetings:detail", args=[april.pk])
    april.refresh_from_db()
    assert april.status == "approved"
    assert [e.reference for e in april.frozen_arising.all()] == [
        "2021-03/2",
        "2021-03/1",
        "2021-03/3",
    ]
    # Later, the force finishes one and the OPCC signs it off.
    action = Action.objects.get(reference="2021-03/1")
    for status in ("completed", "closed"):
        change_status(
            action, to=status, by=opcc_user, version=action.version, now=timezone.now()
        )

    arising = arising_section(
        client.get(reverse("meetings:detail", args=[april.pk])).text
    )
    assert "As they stood when the minutes were approved." in arising
    assert "2021-03/1" in arising
    assert "Closed" not in arising
    assert arising.count("Open") == 3
    document = docx.Document(
        io.BytesIO(client.get(reverse("meetings:docx", args=[april.pk])).content)
    )
    rows = [[cell.text for cell in row.cells] for row in document.tables[2].rows]
    assert rows[0] == ["Action", "Owner", "Due", "Status", "Latest update"]
    assert [row[0].split()[0] for row in rows[1:]] == [
        "2021-03/2",
        "2021-03/1",
        "2021-03/3",
    ]
    assert {row[3] for row in rows[1:]} == {"Open"}


def test_approving_approved_minutes_is_refused_and_changes_nothing(
    client, opcc_user, march
):
    client.force_login(opcc_user)
    client.post(url("approve", march))
    history = march.history.count()

    response = client.post(url("approve", march))

    assert response.status_code == 409
    assert "These minutes are already approved: nothing was changed." in response.text
    assert march.history.count() == history


def test_opcc_staff_withdraw_an_approval_with_a_reason(client, opcc_user, march):
    client.force_login(opcc_user)
    client.post(url("approve", march))

    refused = client.post(url("withdraw", march), {"reason": ""})
    client.post(url("withdraw", march), {"reason": "The chair asked for item 3."})

    assert refused.status_code == 400
    march.refresh_from_db()
    assert march.status == "draft"
    assert not march.frozen_arising.exists()
    page = client.get(reverse("meetings:detail", args=[march.pk])).text
    assert "Minutes approved (Priya" not in page
    assert "Approval withdrawn: The chair asked for item 3." in page


def test_an_approval_cannot_be_withdrawn_after_publication(client, opcc_user, march):
    march.status = Meeting.Status.PUBLISHED
    march.save()
    client.force_login(opcc_user)

    response = client.post(url("withdraw", march), {"reason": "Typo."})

    assert response.status_code == 409
    assert "an approval cannot be withdrawn after publication" in response.text
    march.refresh_from_db()
    assert march.status == "published"


def test_minutes_agreed_at_the_next_meeting_head_its_items(
    client, opcc_user, march, april
):
    client.force_login(opcc_user)
    refused = client.post(url("agreed", march), {"at": april.pk})
    client.post(url("approve", march))

    form = client.get(url("agreed", march)).context["form"]
    client.post(url("agreed", march), {"at": april.pk})

    assert refused.status_code == 409
    assert "Approve the minutes before" in refused.text
    assert form["at"].initial == april.pk
    march.refresh_from_db()
    assert march.agreed_at == april
    april_page = client.get(reverse("meetings:detail", args=[april.pk])).text
    items = april_page.split('id="items-heading"')[1]
    assert items.index("Minutes of the previous meeting") < items.index("</section>")
    assert (
        "Monthly Assurance Meeting March 2021</a> held on 23 Mar 2021 were agreed"
        in (items)
    )
    assert march.history.first().history_change_reason == (
        "Agreed as a true record at Performance Review April 2021 (27 Apr 2021)"
    )
    document = docx.Document(
        io.BytesIO(client.get(reverse("meetings:docx", args=[april.pk])).content)
    )
    paragraphs = [p.text for p in document.paragraphs]
    first = paragraphs.index("Items") + 1
    assert paragraphs[first : first + 2] == [
        "Minutes of the previous meeting",
        (
            "The minutes of the Monthly Assurance Meeting March 2021 held on "
            "23 Mar 2021 were agreed as a true record."
        ),
    ]


def test_minutes_are_agreed_only_at_a_later_meeting(client, opcc_user, march):
    earlier = Meeting.objects.create(
        board=march.board,
        meeting_type=march.meeting_type,
        title="February",
        date="2021-02-23",
    )
    client.force_login(opcc_user)
    client.post(url("approve", march))

    response = client.post(url("agreed", march), {"at": earlier.pk})

    assert response.status_code == 400
    march.refresh_from_db()
    assert march.agreed_at is None


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
@pytest.mark.parametrize("step", ["approve", "withdraw", "agreed"])
def test_only_opcc_staff_take_these_steps(client, request, persona, step, march):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url(step, march)).status_code == 403
    assert client.post(url(step, march), {"reason": "x"}).status_code == 403


def test_where_minutes_were_agreed_is_recorded_once_and_never_at_published_minutes(
    client, opcc_user, march, april
):
    client.force_login(opcc_user)
    client.post(url("approve", march))
    may = Meeting.objects.create(
        board=march.board,
        meeting_type=march.meeting_type,
        title="Monthly Assurance Meeting May 2021",
        date="2021-05-25",
        status=Meeting.Status.PUBLISHED,
    )

    at_published = client.post(url("agreed", march), {"at": may.pk})
    client.post(url("agreed", march), {"at": april.pk})
    again = client.post(url("agreed", march), {"at": april.pk})

    assert at_published.status_code == 400  # the form refuses the choice
    assert "Select a valid choice" in at_published.text
    assert again.status_code == 409
    assert "already recorded as agreed" in again.text
    march.refresh_from_db()
    assert march.agreed_at == april


def test_an_approval_stands_once_the_meeting_that_agreed_it_is_published(
    client, opcc_user, march, april
):
    client.force_login(opcc_user)
    client.post(url("approve", march))
    client.post(url("agreed", march), {"at": april.pk})
    Meeting.objects.filter(pk=april.pk).update(status=Meeting.Status.PUBLISHED)

    response = client.post(url("withdraw", march), {"reason": "A typo"})

    assert response.status_code == 409
    march.refresh_from_db()
    assert (march.status, march.agreed_at) == (Meeting.Status.APPROVED, april)


def test_approved_minutes_with_nothing_frozen_say_so_rather_than_show_todays_list(
    client, opcc_user, march
):
    Meeting.objects.filter(pk=march.pk).update(status=Meeting.Status.APPROVED)
    client.force_login(opcc_user)

    page = client.get(reverse("meetings:detail", args=[march.pk])).text

    assert "None were recorded when these minutes were approved." in page
