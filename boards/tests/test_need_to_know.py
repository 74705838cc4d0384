"""Marked items, and the actions, decisions and papers at them, on the meeting page
(which is also its print), the Word minutes, the agenda, the agenda emails and the
decisions register, as a force user holding another post sees them."""

import csv
import io

import docx
import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from actions.tests.factories import ActionFactory, PostFactory, UserFactory
from assurance.tests.responses import close_response
from audit.models import AccessEvent
from boards.agenda import issue_agenda, send_agenda_emails
from boards.models import Decision, Paper
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Operation Kestrel"
SECRET = "Covert surveillance of the OCG at the docks"
NOT_SHOWN = "Item 2: OFFICIAL-SENSITIVE — not shown"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


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
    return UserFactory(username="outsider", role="Force")


@pytest.fixture
def meeting(acc, opcc_user):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, number="1", title="Apologies")
    item = AgendaItemFactory(
        meeting=meeting, number="2", title=SECRET_TITLE, sensitive=True
    )
    ActionFactory(agenda_item=item, owner=acc, description=SECRET, reference="A/1")
    Decision.objects.create(number="D/1", agenda_item=item, text=SECRET)
    Paper.objects.create(
        agenda_item=item,
        file=ContentFile(b"%PDF-1.4", name="kestrel.pdf"),
        name="kestrel.pdf",
        content_type="application/pdf",
        size=8,
        uploaded_by=opcc_user,
    )
    return meeting


def test_the_meeting_page_names_a_marked_item_as_not_shown(client, meeting, outsider):
    client.force_login(outsider)

    page = client.get(reverse("meetings:detail", args=[meeting.pk])).text

    assert NOT_SHOWN in page
    assert "Apologies" in page
    for words in (SECRET_TITLE, SECRET, "kestrel.pdf", "D/1", "A/1"):
        assert words not in page
    assert "protective-marking" not in page


def test_the_meeting_page_and_its_print_carry_the_marking_for_those_who_see_it(
    client, meeting, holder
):
    client.force_login(holder)

    page = client.get(reverse("meetings:detail", args=[meeting.pk])).text

    assert NOT_SHOWN not in page
    assert SECRET_TITLE in page
    assert SECRET in page
    # Printed as shown: the banners are not hidden from print.
    banners = page.count('<p class="protective-marking"')
    assert banners == 2
    assert "d-print-none protective-marking" not in page
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.VIEWED_SENSITIVE)
    assert "agenda item" in event.detail
    assert "(A/1)" in event.detail


def word_text(response):
    document = docx.Document(io.BytesIO(response.content))
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    section = document.sections[0]
    return body, section.header.paragraphs[0].text, section.footer.paragraphs[0].text


def test_the_word_minutes_name_a_marked_item_as_not_shown(client, meeting, outsider):
    client.force_login(outsider)

    body, header, footer = word_text(
        client.get(reverse("meetings:docx", args=[meeting.pk]))
    )

    assert NOT_SHOWN in body
    assert SECRET_TITLE not in body
    assert SECRET not in body
    assert header == footer == ""


def test_the_word_minutes_carry_the_marking_in_header_and_footer(
    client, meeting, opcc_user
):
    client.force_login(opcc_user)

    body, header, footer = word_text(
        client.get(reverse("meetings:docx", args=[meeting.pk]))
    )

    assert SECRET in body
    assert header == footer == "OFFICIAL-SENSITIVE"


def test_the_decisions_register_and_its_csv_leave_them_out_for_others(
    client, meeting, outsider
):
    Decision.objects.create(
        number="D/2", agenda_item=meeting.items.get(number="1"), text="Noted."
    )
    client.force_login(outsider)

    page = client.get(reverse("boards:decisions")).text
    rows = list(
        csv.reader(
            client.get(reverse("boards:decisions_csv"))
            .content.decode("utf-8-sig")
            .splitlines()
        )
    )

    assert "D/2" in page
    assert "D/1" not in page
    assert [row[0] for row in rows] == ["Number", "D/2"]


def test_a_marked_decisions_csv_says_so_first_and_last(client, meeting, pcc_user):
    client.force_login(pcc_user)

    page = client.get(reverse("boards:decisions")).text
    rows = list(
        csv.reader(
            client.get(reverse("boards:decisions_csv"))
            .content.decode("utf-8-sig")
            .splitlines()
        )
    )

    assert page.count('<p class="protective-marking"') == 2
    assert rows[0] == rows[-1] == ["OFFICIAL-SENSITIVE"]
    assert rows[2][0] == "D/1"


def test_the_agenda_and_its_papers_are_need_to_know(client, meeting, outsider, holder):
    paper = Paper.objects.get()
    client.force_login(outsider)

    page = client.get(reverse("boards:agenda", args=[meeting.pk])).text
    download = client.get(reverse("boards:paper", args=[paper.pk]))

    assert NOT_SHOWN in page
    assert "kestrel.pdf" not in page
    assert download.status_code == 404
    client.force_login(holder)
    shown = client.get(reverse("boards:paper", args=[paper.pk]))
    close_response(shown)
    assert shown.status_code == 200


def test_agenda_emails_carry_no_words_of_a_marked_item(meeting, opcc_user, acc):
    meeting.board.members.add(acc)
    UserFactory(username="member", role="Force").posts.add(acc)

    issue_agenda(meeting, by=opcc_user, now=timezone.now())
    send_agenda_emails(now=timezone.now())

    assert mail.outbox
    for email in mail.outbox:
        invitation = email.attachments[0].get_payload(decode=True).decode()
        for text in (email.body, email.alternatives[0][0], invitation):
            assert SECRET_TITLE not in text
            assert "kestrel.pdf" not in text
        assert "Apologies" in email.body
        assert "OFFICIAL-SENSITIVE" in email.body
