"""OFFICIAL-SENSITIVE actions, and those raised at items so marked, reach only OPCC
staff, the PCC and the holders of the owning post: every list, count, export, feed
and page is tried as a force user holding another post."""

import csv
import datetime
import io

import icalendar
import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from actions.models import Action, CalendarFeed
from actions.reminders import send_due_reminders
from actions.tests.factories import ActionFactory, PostFactory, UserFactory
from actions.trend import overdue_trend
from audit.models import AccessEvent
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)
SECRET = "Covert surveillance of the OCG at the docks"
PLAIN = "Publish the victims code leaflet"


@pytest.fixture
def acc():
    return PostFactory(name="Assistant Chief Constable", abbreviation="ACC")


@pytest.fixture
def holder(acc):
    user = UserFactory(username="acc", role="Force")
    acc.holders.add(user)
    return user


@pytest.fixture
def outsider():
    """A force user holding a post, not the owning one."""
    user = UserFactory(username="outsider", role="Force")
    PostFactory(name="Chief Constable", abbreviation="CC").holders.add(user)
    return user


@pytest.fixture
def actions(acc):
    """Open and overdue: one plain, one marked itself, one at a marked item; agreed
    at meetings dated before they fell due, whatever the factories' sequences."""
    due = datetime.date(2026, 10, 1)
    agreed = {"meeting": MeetingFactory(date=datetime.date(2026, 9, 1))}
    return {
        "plain": ActionFactory(
            reference="2026-09/1",
            owner=acc,
            description=PLAIN,
            due_date=due,
            agenda_item=AgendaItemFactory(**agreed),
        ),
        "marked": ActionFactory(
            reference="2026-09/2",
            owner=acc,
            description=SECRET,
            due_date=due,
            sensitive=True,
            agenda_item=AgendaItemFactory(**agreed),
        ),
        "at marked item": ActionFactory(
            reference="2026-09/3",
            owner=acc,
            description=SECRET,
            due_date=due,
            agenda_item=AgendaItemFactory(sensitive=True, **agreed),
        ),
    }


def references(response):
    return {action.reference for action in response.context["page"].object_list}


def test_the_actions_list_leaves_them_out_for_others(client, actions, outsider):
    client.force_login(outsider)

    response = client.get(reverse("actions:list"))

    assert references(response) == {"2026-09/1"}
    assert SECRET not in response.text


def test_the_owning_posts_holder_sees_them_in_my_actions_and_the_list(
    client, actions, holder
):
    client.force_login(holder)

    home = client.get(reverse("actions:home"))
    listed = client.get(reverse("actions:list"))

    assert {a.reference for a in home.context["my_actions"]} == {
        "2026-09/1",
        "2026-09/2",
        "2026-09/3",
    }
    assert len(references(listed)) == 3


def test_home_counts_leave_them_out(client, actions, outsider):
    client.force_login(outsider)

    response = client.get(reverse("actions:home"))

    assert response.context["open_actions_count"] == 1
    assert [m.open_actions for m in response.context["meetings"]] == [1]


def test_the_dashboard_counts_only_what_its_reader_may_see(client, actions):
    """Someone who signs off without the need-to-know (not a role the site gives,
    but permissions are the admin's to grant) sees figures without the marked."""
    signer = UserFactory(username="signer", role="Force")
    signer.user_permissions.add(
        Permission.objects.get(codename="sign_off_action"),
    )
    client.force_login(signer)

    response = client.get(reverse("actions:home"))

    figures = response.context["figures"]
    assert figures["open"] == figures["overdue"] == 1
    assert [count for _, _, count in figures["by_post"]] == [1]


def test_the_dashboard_counts_everything_for_the_pcc(client, actions, pcc_user):
    client.force_login(pcc_user)

    figures = client.get(reverse("actions:home")).context["figures"]

    assert figures["open"] == figures["overdue"] == 3


def test_the_trend_counts_marked_actions_only_for_their_posts(actions, acc):
    months = {"today": TODAY, "months": 1}

    assert overdue_trend(**months)[0][1] == 3
    assert overdue_trend(**months, need_to_know=set())[0][1] == 1
    assert overdue_trend(**months, need_to_know={acc.pk})[0][1] == 3


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_exports_leave_them_out_for_others(client, actions, outsider, file_type):
    client.force_login(outsider)

    response = client.get(reverse("actions:export", args=[file_type]))

    content = b"".join(response.streaming_content)
    assert b"2026-09/1" in content or file_type == "xlsx"
    if file_type == "csv":
        lines = content.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("Reference")
        assert SECRET not in content.decode("utf-8-sig")
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
        assert "2026-09/1" in cells
        assert "2026-09/2" not in cells
        assert sheet.cell(1, 1).value == "Reference"


def test_a_marked_csv_says_so_in_its_first_and_last_lines(client, actions, holder):
    client.force_login(holder)

    response = client.get(reverse("actions:export", args=["csv"]))

    rows = list(
        csv.reader(
            b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
        )
    )
    assert rows[0] == rows[-1] == ["OFFICIAL-SENSITIVE"]
    assert rows[1][0] == "Reference"
    assert len(rows) == 6


def test_a_marked_sheet_says_so_in_its_first_and_last_rows_and_page_header(
    client, actions, holder
):
    client.force_login(holder)

    response = client.get(reverse("actions:export", args=["xlsx"]))

    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content))
    ).active
    assert sheet.cell(1, 1).value == "OFFICIAL-SENSITIVE"
    assert sheet.cell(2, 1).value == "Reference"
    assert sheet.cell(sheet.max_row, 1).value == "OFFICIAL-SENSITIVE"
    assert "OFFICIAL-SENSITIVE" in sheet.oddHeader.center.text


def test_the_meetings_actions_csv_leaves_them_out_for_others(client, actions, outsider):
    client.force_login(outsider)
    meeting = actions["marked"].agenda_item.meeting

    response = client.get(reverse("actions:meeting_actions_csv", args=[meeting.pk]))

    assert SECRET not in b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_action_page_is_not_found_for_others(client, actions, outsider):
    client.force_login(outsider)

    for key in ("marked", "at marked item"):
        response = client.get(reverse("actions:detail", args=[actions[key].pk]))
        assert response.status_code == 404
        assert SECRET not in response.text
    plain = reverse("actions:detail", args=[actions["plain"].pk])
    assert client.get(plain).status_code == 200


def test_the_action_page_shows_the_holder_the_marking_and_logs_the_view(
    client, actions, holder
):
    client.force_login(holder)
    action = actions["at marked item"]

    response = client.get(reverse("actions:detail", args=[action.pk]))

    assert response.status_code == 200
    assert response.text.count('class="protective-marking"') == 2
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.VIEWED_SENSITIVE)
    assert event.user == holder
    assert f"({action.reference})" in event.detail


def test_an_unmarked_action_page_has_no_banner_and_no_log(client, actions, holder):
    client.force_login(holder)

    response = client.get(reverse("actions:detail", args=[actions["plain"].pk]))

    assert "protective-marking" not in response.text
    assert not AccessEvent.objects.filter(kind=AccessEvent.Kind.VIEWED_SENSITIVE)


def feed_of(user, holds=CalendarFeed.Holds.MINE):
    feed = CalendarFeed.objects.create(user=user, holds=holds)
    return reverse("actions:calendar_feed", args=[feed.token])


def events(client, url):
    calendar = icalendar.Calendar.from_ical(client.get(url).content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_of_everything_leaves_them_out_for_others(
    client, actions, outsider
):
    found = events(client, feed_of(outsider, CalendarFeed.Holds.EVERYTHING))

    assert list(found) == [f"Due: 2026-09/1 {PLAIN}"]


def test_the_calendar_carries_only_reference_marking_and_link_of_marked_actions(
    client, actions, holder
):
    found = events(client, feed_of(holder))

    marked = found["Due: 2026-09/2 (OFFICIAL-SENSITIVE)"]
    assert SECRET not in str(marked["description"])
    assert "OFFICIAL-SENSITIVE" in str(marked["description"])
    assert str(marked["url"]).endswith(f"/actions/{actions['marked'].pk}/")
    assert "Due: 2026-09/3 (OFFICIAL-SENSITIVE)" in found
    assert f"Due: 2026-09/1 {PLAIN}" in found


def test_the_calendar_carries_no_words_at_all_when_emails_may_not(
    client, actions, holder, settings
):
    settings.EMAIL_SHOWS_TEXT = False

    found = events(client, feed_of(holder))

    assert "Due: 2026-09/1 (OFFICIAL)" in found
    assert PLAIN not in str(found["Due: 2026-09/1 (OFFICIAL)"]["description"])


def test_reminders_carry_only_reference_marking_and_link_of_marked_actions(
    actions, holder
):
    send_due_reminders(today=TODAY)

    (email,) = [m for m in mail.outbox if m.to[0].endswith("acc@example.org>")]
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert SECRET not in body
        assert "2026-09/2" in body
        assert "OFFICIAL-SENSITIVE" in body
        assert PLAIN in body
    assert f"/actions/{actions['marked'].pk}/" in email.body


def test_reminders_carry_no_words_when_emails_may_not(actions, holder, settings):
    settings.EMAIL_SHOWS_TEXT = False
    Action.objects.exclude(reference="2026-09/1").delete()

    send_due_reminders(today=TODAY)

    (email,) = [m for m in mail.outbox if m.to[0].endswith("acc@example.org>")]
    assert PLAIN not in email.subject
    assert PLAIN not in email.body
    assert "2026-09/1" in email.subject
    assert "OFFICIAL" in email.subject


def test_copies_of_reminders_go_only_to_those_who_may_see_them(
    actions, holder, outsider, settings
):
    """Copies go to groups named in the settings; named one without the
    need-to-know, its members get no word of the marked actions."""
    settings.REMINDER_SECRETARIAT_GROUP = "Force"

    send_due_reminders(today=TODAY)

    (copy,) = [m for m in mail.outbox if m.to[0].endswith("outsider@example.org>")]
    assert "2026-09/1" in copy.body
    assert "2026-09/2" not in copy.body
    assert "2026-09/3" not in copy.body
