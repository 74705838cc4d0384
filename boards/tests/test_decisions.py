import csv
import datetime
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AccessEvent
from boards.models import Board, Decision
from imports.services import record_minutes
from imports.tests import contract
from imports.tests.preview import preview_data
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db
REGISTER = reverse("boards:decisions")


@pytest.fixture
def item():
    meeting = MeetingFactory(date=datetime.date(2021, 3, 23), title="March 2021")
    return AgendaItemFactory(meeting=meeting, number="4", title="Estates")


def record(client, item, **data):
    return client.post(
        reverse("boards:record_decision", args=[item.pk]),
        {"text": "The Board agreed the estates plan.", **data},
    )


def test_opcc_staff_record_a_decision_at_an_item(client, opcc_user, item):
    client.force_login(opcc_user)

    response = record(client, item, significant_public_interest="on")
    record(client, item, text="RESOLVED: to meet quarterly.")

    assert response.url.endswith(f"#item-{item.pk}")
    assert [
        (d.number, d.significant_public_interest) for d in Decision.objects.all()
    ] == [("2021-03/D1", True), ("2021-03/D2", False)]
    page = client.get(reverse("meetings:detail", args=[item.meeting.pk])).text
    assert "DECISION 2021-03/D1:</strong> The Board agreed the estates plan." in page
    assert page.count("Of significant public interest</span>") == 1
    document = docx.Document(
        io.BytesIO(client.get(reverse("meetings:docx", args=[item.meeting.pk])).content)
    )
    assert "DECISION 2021-03/D2: RESOLVED: to meet quarterly." in [
        p.text for p in document.paragraphs
    ]


def test_a_decision_needs_its_wording(client, opcc_user, item):
    client.force_login(opcc_user)

    response = record(client, item, text="  ")

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Decision.objects.exists()


def test_no_decisions_are_recorded_on_approved_minutes(client, opcc_user, item):
    item.meeting.status = Meeting.Status.APPROVED
    item.meeting.save()
    client.force_login(opcc_user)

    response = record(client, item)

    assert response.status_code == 403
    assert not Decision.objects.exists()


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
def test_only_opcc_staff_record_decisions(client, request, persona, item):
    client.force_login(request.getfixturevalue(persona))

    assert record(client, item).status_code == 403
    assert not Decision.objects.exists()


@pytest.fixture
def register(item):
    other = AgendaItemFactory(
        meeting=MeetingFactory(
            board=Board.objects.create(
                name="Joint Audit Committee", meeting_type=item.meeting.meeting_type
            ),
            date=datetime.date(2022, 6, 1),
        )
    )
    Decision.objects.create(
        number="2021-03/D1",
        agenda_item=item,
        text="=HYPERLINK() agreed the estates plan.",
        significant_public_interest=True,
    )
    Decision.objects.create(number="2022-06/D1", agenda_item=other, text="Noted.")


def test_the_register_lists_decisions_newest_first_and_filters_them(
    client, force_user, register, django_assert_max_num_queries
):
    client.force_login(force_user)

    with django_assert_max_num_queries(8):
        everything = client.get(REGISTER).text
    significant = client.get(REGISTER, {"significant": "yes"}).text
    audit = client.get(
        REGISTER, {"board": Board.objects.get(name="Joint Audit Committee").pk}
    ).text
    searched = client.get(REGISTER, {"q": "estates", "year": "2021"}).text

    assert everything.index("2022-06/D1") < everything.index("2021-03/D1")
    assert "2021-03/D1" in significant
    assert "2022-06/D1" not in significant
    assert "2022-06/D1" in audit
    assert "2021-03/D1" not in audit
    assert "2021-03/D1" in searched
    assert "2022-06/D1" not in searched


def test_the_register_downloads_as_csv_as_filtered(client, force_user, register):
    client.force_login(force_user)

    response = client.get(reverse("boards:decisions_csv"), {"significant": "yes"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    export = AccessEvent.objects.get(kind=AccessEvent.Kind.EXPORT)
    assert (export.user, export.query) == (force_user, "significant=yes")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "Number",
            "Decision",
            "Of significant public interest",
            "Board",
            "Meeting",
            "Meeting date",
            "Item",
        ],
        [
            "2021-03/D1",
            "'=HYPERLINK() agreed the estates plan.",
            "Yes",
            "Monthly Assurance Meeting",
            "March 2021",
            "2021-03-23",
            "4",
        ],
    ]


def test_a_filter_not_understood_downloads_nothing(client, force_user, register):
    client.force_login(force_user)

    response = client.get(reverse("boards:decisions_csv"), {"year": "soon"})

    assert response.status_code == 302


def test_someone_in_no_role_sees_no_decisions(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor"))

    assert client.get(REGISTER).status_code == 403
    assert client.get(reverse("boards:decisions_csv")).status_code == 403


def test_imported_decisions_are_recorded_at_their_items():
    minutes = contract.minutes()
    minutes["decisions"] = [
        {"item": "1", "text": "RESOLVED: the estates strategy is approved."}
    ]

    meeting = record_minutes(minutes=minutes)

    decision = Decision.objects.get()
    assert (decision.number, decision.agenda_item.meeting) == ("2022-07/D1", meeting)
    assert decision.text == "RESOLVED: the estates strategy is approved."


def test_minutes_from_an_importer_without_decisions_are_recorded():
    minutes = contract.minutes()
    minutes.pop("decisions", None)

    record_minutes(minutes=minutes)

    assert Meeting.objects.count() == 1
    assert not Decision.objects.exists()


def test_a_decision_at_an_item_the_minutes_lack_saves_nothing():
    minutes = contract.minutes()
    minutes["decisions"] = [{"item": "7", "text": "Agreed."}]

    with pytest.raises(ValueError, match="at item 7, which these minutes do not"):
        record_minutes(minutes=minutes)


def test_the_import_preview_shows_the_decisions(client, opcc_user, monkeypatch):
    minutes = contract.minutes()
    minutes["decisions"] = [{"item": "1", "text": "The Board agreed the plan."}]
    monkeypatch.setattr(
        "imports.forms.read_minutes_in_time", lambda *args, **kw: minutes
    )
    client.force_login(opcc_user)
    upload = SimpleUploadedFile("board-2022-07.docx", b"minutes")
    preview = client.post(reverse("imports:upload"), {"file": upload}).url

    shown = client.get(preview)
    client.post(preview, preview_data(shown))

    assert "Item 1: The Board agreed the plan." in shown.text
    assert Decision.objects.get().text == "The Board agreed the plan."


@pytest.mark.parametrize("year", ["10000", "0", "-5", "1e30"])
def test_a_year_the_register_cannot_hold_is_a_message_not_an_error(
    client, pcc_user, year
):
    client.force_login(pcc_user)

    page = client.get(reverse("boards:decisions"), {"year": year})
    csv_file = client.get(reverse("boards:decisions_csv"), {"year": year})

    assert page.status_code == 200
    assert "Ensure this value is" in page.text or "Enter a whole number" in page.text
    # The export sends the person back to the register, which says what is wrong.
    assert (csv_file.status_code, csv_file.url) == (
        302,
        reverse("boards:decisions") + f"?year={year}",
    )
