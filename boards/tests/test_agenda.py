import datetime
import smtplib
from unittest import mock

import pytest
from celery.schedules import crontab
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from actions.tests.factories import PostFactory, UserFactory
from assurance.celery import app
from assurance.mail import OutcomeUnknown
from audit.models import AccessEvent
from boards.agenda import send_agenda_emails
from boards.models import AgendaEmail, AgendaIssue, Board, Paper
from meetings.models import AgendaItem
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def board(db):
    chief = UserFactory(first_name="Anthony", last_name="Bangham", username="cc")
    assistant = UserFactory(first_name="Geoff", last_name="Wessell", username="acc")
    board = Board.objects.create(
        name="Police Accountability Board",
        meeting_type=MeetingFactory().meeting_type,
    )
    board.members.set(
        [
            PostFactory(name="Chief Constable", abbreviation="CC", holders=[chief]),
            PostFactory(
                name="Assistant Chief Constable",
                abbreviation="ACC",
                holders=[assistant],
            ),
        ]
    )
    return board


@pytest.fixture
def meeting(board):
    return MeetingFactory(
        board=board,
        title="Police Accountability Board May 2021",
        date=datetime.date(2021, 5, 25),
        start_time=datetime.time(10, 30),
        venue="Room 4, Police HQ",
    )


def add_item(client, meeting, number, title, *papers, presenter=""):
    return client.post(
        reverse("boards:agenda_item_create", args=[meeting.pk]),
        {
            "number": number,
            "title": title,
            "presenter": presenter,
            "position": number,
            "papers": list(papers),
        },
    )


def issue(client, meeting):
    """Issue the agenda, then send its emails as the worker asked after the commit
    does."""
    with (
        mock.patch("boards.tasks.send_agenda_emails.delay") as delay,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = client.post(reverse("boards:issue", args=[meeting.pk]))
    if delay.called:
        send_agenda_emails(now=timezone.now())
    return response


def test_opcc_staff_draft_the_agenda_with_papers(client, opcc_user, meeting):
    client.force_login(opcc_user)
    chief = PostFactory(name="Chief Constable")

    response = add_item(
        client,
        meeting,
        "1",
        "Estates strategy",
        SimpleUploadedFile("Estates plan.pdf", PDF),
        presenter=chief.pk,
    )

    assert response.url == reverse("boards:agenda", args=[meeting.pk])
    item = meeting.items.get()
    assert (item.number, item.title, item.presenter) == ("1", "Estates strategy", chief)
    paper = Paper.objects.get()
    assert (paper.name, paper.content_type) == ("Estates plan.pdf", "application/pdf")
    page = client.get(response.url).text
    assert "Chief Constable (CC)" in page
    assert f'href="/papers/{paper.pk}/">Estates plan.pdf</a>' in page
    assert "Not issued yet." in page


def test_a_paper_of_the_wrong_type_or_too_big_is_refused_at_the_field(
    client, opcc_user, meeting, monkeypatch
):
    client.force_login(opcc_user)

    wrong = add_item(client, meeting, "1", "Estates", SimpleUploadedFile("a.pdf", PNG))
    monkeypatch.setattr("actions.forms.MAX_ATTACHMENT_BYTES", 10)
    big = add_item(client, meeting, "1", "Estates", SimpleUploadedFile("b.pdf", PDF))

    assert "a.pdf cannot be attached: it is a png file. Attach PDF, Word or Excel" in (
        wrong.text
    )
    assert "b.pdf is 0.0 MB; attachments may be up to 20 MB." in big.text
    assert not meeting.items.exists()
    assert not Paper.objects.exists()


def test_issuing_sends_each_member_the_agenda_and_an_invitation(
    client, opcc_user, meeting
):
    client.force_login(opcc_user)
    add_item(client, meeting, "1", "Estates strategy", SimpleUploadedFile("p.pdf", PDF))
    add_item(client, meeting, "2", "AOB")

    response = issue(client, meeting)

    assert response.url == reverse("boards:agenda", args=[meeting.pk])
    assert sorted(email.to[0] for email in mail.outbox) == [
        "Anthony Bangham <cc@example.org>",
        "Geoff Wessell <acc@example.org>",
    ]
    email = mail.outbox[0]
    assert email.subject == (
        "Agenda: Police Accountability Board May 2021, 25 May 2021 at 10:30"
    )
    paper = Paper.objects.get()
    assert f"Paper: p.pdf http://127.0.0.1:8000/papers/{paper.pk}/" in email.body
    assert "2  AOB" in email.body
    invitation = next(
        part
        for part in email.message().walk()
        if part.get_content_type() == "text/calendar"
    )
    assert invitation.get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(invitation.get_payload(decode=True))
    assert str(calendar["method"]) == "REQUEST"
    event = calendar.events[0]
    assert str(event["location"]) == "Room 4, Police HQ"
    assert event["sequence"] == 0
    assert event.decoded("dtstart") == datetime.datetime(
        2021, 5, 25, 9, 30, tzinfo=datetime.UTC
    )
    assert sorted(str(a) for a in event["attendee"]) == [
        "mailto:acc@example.org",
        "mailto:cc@example.org",
    ]
    assert AgendaIssue.objects.get().revision == 1


def test_a_changed_agenda_goes_again_as_a_revision_saying_what_changed(
    client, opcc_user, meeting
):
    client.force_login(opcc_user)
    add_item(client, meeting, "1", "Estates strategy", SimpleUploadedFile("p.pdf", PDF))
    add_item(client, meeting, "2", "AOB")
    issue(client, meeting)
    mail.outbox.clear()
    estates = meeting.items.get(number="1")
    client.post(
        reverse("boards:agenda_item_edit", args=[meeting.pk, estates.pk]),
        {
            "number": "1",
            "title": "Estates strategy 2021-2025",
            "position": "1",
            "papers": [SimpleUploadedFile("Costs.pdf", PDF)],
            "version": estates.version,
        },
    )
    add_item(client, meeting, "3", "Victims’ survey")
    client.post(
        reverse("boards:paper_withdraw", args=[Paper.objects.get(name="p.pdf").pk])
    )

    issue(client, meeting)

    assert len(mail.outbox) == 2
    email = mail.outbox[0]
    assert email.subject.startswith("Agenda — revision 2: Police Accountability")
    changes = email.body.split("WHAT CHANGED SINCE REVISION 1")[1].split("AGENDA")[0]
    assert changes.split("\n")[1:-2] == [
        "- Item 1 retitled: Estates strategy 2021-2025 (was Estates strategy)",
        "- Item 1: paper added, Costs.pdf",
        "- Item 1: paper withdrawn, p.pdf",
        "- Item 3 added: Victims’ survey",
    ]
    calendar = Calendar.from_ical(
        next(
            part
            for part in email.message().walk()
            if part.get_content_type() == "text/calendar"
        ).get_payload(decode=True)
    )
    assert calendar.events[0]["sequence"] == 1


def test_emails_that_cannot_be_sent_wait_and_go_later_each_once(
    client, opcc_user, meeting, monkeypatch
):
    send = mail.backends.locmem.EmailBackend.send_messages

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(mail.backends.locmem.EmailBackend, "send_messages", refuse)
    client.force_login(opcc_user)
    add_item(client, meeting, "1", "Estates strategy")

    issued = issue(client, meeting)

    assert issued.status_code == 302
    assert AgendaIssue.objects.get().revision == 1
    page = client.get(issued.url)
    assert (
        "Anthony Bangham: Waiting to be sent (tried 1 time; the last error: "
        "Connection unexpectedly closed)"
    ) in page.text
    monkeypatch.setattr(mail.backends.locmem.EmailBackend, "send_messages", send)
    # Not before the wait after the first failure (a minute)…
    assert send_agenda_emails(now=timezone.now()).sent == []
    later = timezone.now() + datetime.timedelta(minutes=2)
    assert len(send_agenda_emails(now=later).sent) == 2
    assert send_agenda_emails(now=later).sent == []

    assert len(mail.outbox) == 2
    assert set(AgendaEmail.objects.values_list("state", flat=True)) == {"sent"}


def test_an_email_whose_outcome_is_unknown_is_never_sent_again(
    client, opcc_user, meeting, monkeypatch
):
    def unanswered(self, messages):
        raise OutcomeUnknown("The mail server did not answer after the message")

    monkeypatch.setattr(mail.backends.locmem.EmailBackend, "send_messages", unanswered)
    client.force_login(opcc_user)
    add_item(client, meeting, "1", "Estates strategy")
    issue(client, meeting)

    later = timezone.now() + datetime.timedelta(hours=2)
    assert send_agenda_emails(now=later).unknown == []
    assert set(AgendaEmail.objects.values_list("state", flat=True)) == {"unknown"}


def test_a_member_who_has_left_before_it_goes_is_not_emailed(
    client, opcc_user, meeting
):
    client.force_login(opcc_user)
    add_item(client, meeting, "1", "Estates strategy")
    with mock.patch("boards.tasks.send_agenda_emails.delay"):
        client.post(reverse("boards:issue", args=[meeting.pk]))
    get_user_model().objects.filter(username="acc").update(is_active=False)

    report = send_agenda_emails(now=timezone.now())

    assert (report.sent, report.cancelled) == (["cc@example.org"], 1)
    assert AgendaEmail.objects.get(address="acc@example.org").state == "cancelled"


def test_beat_sends_waiting_agenda_emails_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-agenda-emails"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab()


def test_the_agenda_page_runs_a_handful_of_queries(
    client, force_user, meeting, django_assert_max_num_queries
):
    for number in range(1, 11):
        item = AgendaItemFactory(meeting=meeting, number=str(number))
        Paper.objects.create(
            agenda_item=item,
            file="papers/x",
            name=f"{number}.pdf",
            content_type="application/pdf",
            size=1,
            uploaded_by=force_user,
        )
    client.force_login(force_user)

    with django_assert_max_num_queries(9):
        page = client.get(reverse("boards:agenda", args=[meeting.pk])).text

    assert "10.pdf" in page


def test_an_unchanged_agenda_is_not_issued_again(client, opcc_user, meeting):
    client.force_login(opcc_user)
    add_item(client, meeting, "1", "Estates strategy")
    issue(client, meeting)

    response = issue(client, meeting)

    assert response.status_code == 409
    assert "The agenda has not changed since it was issued on" in response.text
    assert len(mail.outbox) == 2


def test_an_agenda_with_no_items_is_refused(client, opcc_user, meeting):
    client.force_login(opcc_user)

    response = issue(client, meeting)

    assert response.status_code == 409
    assert "The agenda has no items: add them before issuing it." in response.text
    assert not mail.outbox
    assert not AgendaIssue.objects.exists()


def test_an_agenda_for_a_board_with_no_members_is_refused(client, opcc_user, meeting):
    meeting.board.members.clear()
    AgendaItemFactory(meeting=meeting)
    client.force_login(opcc_user)

    response = issue(client, meeting)

    assert response.status_code == 409
    assert (
        "The Police Accountability Board has no members: add its members before "
        "issuing the agenda." in response.text
    )
    assert not mail.outbox
    assert not AgendaIssue.objects.exists()


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
def test_only_opcc_staff_draft_and_issue_agendas(client, request, persona, meeting):
    AgendaItemFactory(meeting=meeting)
    client.force_login(request.getfixturevalue(persona))

    assert add_item(client, meeting, "9", "AOB").status_code == 403
    assert issue(client, meeting).status_code == 403
    assert client.get(reverse("boards:agenda", args=[meeting.pk])).status_code == 200
    assert not mail.outbox


def test_papers_are_served_to_signed_in_users_who_see_meetings(
    client, opcc_user, force_user, django_user_model, meeting
):
    client.force_login(opcc_user)
    add_item(client, meeting, "1", "Estates", SimpleUploadedFile("p.pdf", PDF))
    url = reverse("boards:paper", args=[Paper.objects.get().pk])

    client.force_login(force_user)
    served = client.get(url)
    client.force_login(django_user_model.objects.create_user("visitor"))
    refused = client.get(url)
    client.logout()
    anonymous = client.get(url)

    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Disposition"] == 'attachment; filename="p.pdf"'
    assert refused.status_code == 403
    assert anonymous.status_code == 302
    taken = AccessEvent.objects.get(kind=AccessEvent.Kind.DOWNLOAD)
    assert (taken.user, taken.detail) == (force_user, "p.pdf")


def test_the_agenda_is_drafted_only_before_approval(client, opcc_user, meeting):
    meeting.status = "approved"
    meeting.save()
    client.force_login(opcc_user)

    assert add_item(client, meeting, "1", "Estates").status_code == 403
    assert issue(client, meeting).status_code == 403


def test_an_agenda_item_saved_by_someone_else_meanwhile_is_not_overwritten(
    client, opcc_user, meeting
):
    client.force_login(opcc_user)
    add_item(client, meeting, "1", "Estates strategy")
    item = meeting.items.get()
    opened_at = item.version
    item.claim_version(opened_at)  # the minutes editor saved it meanwhile
    AgendaItem.objects.filter(pk=item.pk).update(title="Estates and fleet")

    response = client.post(
        reverse("boards:agenda_item_edit", args=[meeting.pk, item.pk]),
        {"number": "1", "title": "Estates", "position": 1, "version": opened_at},
    )

    assert response.status_code == 200
    assert "Someone else saved this item" in response.text
    assert meeting.items.get().title == "Estates and fleet"
