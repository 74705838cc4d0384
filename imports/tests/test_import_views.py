from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action, Organisation, Post
from actions.tests.factories import PostFactory
from imports.tests.preview import preview_data
from meetings.models import Meeting
from meetings.tests.samples import MARCH_2021

pytestmark = pytest.mark.django_db
UPLOAD = reverse("imports:upload")
CORPUS = Path(__file__).resolve().parents[2] / "meetings" / "tests" / "corpus"


@pytest.fixture(autouse=True)
def posts():
    PostFactory(name="Chief Constable", abbreviation="CC")
    PostFactory(name="Assistant Chief Constable", abbreviation="ACC")
    PostFactory(
        name="Police and Crime Commissioner",
        abbreviation="PCC",
        organisation=Organisation.OPCC,
    )


@pytest.fixture
def opcc_client(client, opcc_user):
    client.force_login(opcc_user)
    return client


def pk(abbreviation):
    """The owner select's value for the post: its primary key."""
    return str(Post.objects.get(abbreviation=abbreviation).pk)


def upload(client, name="monthly-assurance-2021-03.txt", data=None, **fields):
    data = MARCH_2021.read_bytes() if data is None else data
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), **fields})


def confirm(client, preview_url, **changes):
    data = preview_data(client.get(preview_url), **changes)
    return client.post(preview_url, data)


def test_it_offers_opcc_staff_a_labelled_upload_form(opcc_client):
    response = opcc_client.get(UPLOAD)

    assert response.status_code == 200
    assert 'for="id_file"' in response.text
    assert 'for="id_encoding"' in response.text


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
def test_it_refuses_force_and_pcc_users(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(UPLOAD).status_code == 403
    assert upload(client).status_code == 403
    assert not Meeting.objects.exists()


def test_it_shows_what_it_read_and_saves_nothing(opcc_client):
    response = upload(opcc_client)
    assert response.status_code == 302

    preview = opcc_client.get(response.url)

    header = preview.context["forms"].header
    assert header["title"].value() == "Monthly Assurance Meeting March 2021"
    assert (header["date"].value(), header["time"].value()) == ("2021-03-23", "10:30")
    assert "Revisit in 6 months" in preview.text
    assert "23 Sep 2021" in preview.text
    assert "names no owner: imported unassigned" in preview.text
    assert "Performance of Review of the year 2021, 27 Apr 2021, 14:00" in preview.text
    owners = preview.context["forms"].owners
    assert str(owners["owner_1"].value()) == pk("CC")
    assert owners["owner_2"].value() == ""
    assert not Meeting.objects.exists()


def test_it_imports_on_confirm_with_the_owners_chosen(opcc_client):
    preview_url = upload(opcc_client).url
    preview = opcc_client.get(preview_url)

    response = opcc_client.post(
        preview_url,
        preview_data(preview, owner_1=pk("CC"), owner_2=pk("ACC"), owner_3=pk("PCC")),
        follow=True,
    )

    meeting = Meeting.objects.get()
    assert response.redirect_chain == [
        (reverse("meetings:detail", args=[meeting.pk]), 302)
    ]
    owners = dict(Action.objects.values_list("reference", "owner__abbreviation"))
    assert owners == {"2021-03/1": "CC", "2021-03/2": "ACC", "2021-03/3": "PCC"}
    assert (
        "Imported Monthly Assurance Meeting March 2021, 23 Mar 2021, with 3 actions."
        in response.text
    )
    assert opcc_client.get(preview_url).status_code == 404


def test_it_refuses_an_owner_that_is_not_a_post(opcc_client):
    abolished = PostFactory(
        name="Deputy Chief Constable", abbreviation="DCC", is_active=False
    )
    preview_url = upload(opcc_client).url

    preview = opcc_client.get(preview_url)

    response = opcc_client.post(
        preview_url, preview_data(preview, owner_1=abolished.pk)
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "The submitted file is empty."),
        ("photo.txt", b"\x89PNG\0\0", "photo.txt is not a text file"),
        ("minutes.docx", b"not a zip", "minutes.docx is not a Word document"),
    ],
)
def test_it_explains_a_bad_file_at_the_field(opcc_client, name, data, message):
    response = upload(opcc_client, name, data)

    assert response.status_code == 200
    assert message in response.text
    assert not Meeting.objects.exists()


def test_it_refuses_minutes_imported_before(opcc_client):
    confirm(opcc_client, upload(opcc_client).url)

    response = upload(opcc_client)

    assert response.status_code == 200
    assert "was imported before" in response.text
    assert Meeting.objects.count() == 1


def test_it_reads_windows_1252_when_chosen(opcc_client):
    data = "Minutes March 2021\nDate: 23 March 2021\n1.\t“AOB”\t\n".encode("cp1252")

    assert "is not UTF-8 text" in upload(opcc_client, "old.txt", data).text
    assert upload(opcc_client, "old.txt", data, encoding="cp1252").status_code == 302


def test_it_asks_for_a_file_when_none_is_chosen(opcc_client):
    response = opcc_client.post(UPLOAD, {})

    assert "This field is required." in response.text


def test_it_imports_every_action_unassigned_when_all_owners_are_cleared(opcc_client):
    confirm(opcc_client, upload(opcc_client).url, owner_1="", owner_3="")

    assert Meeting.objects.count() == 1
    assert Action.objects.count() == 3
    assert not Action.objects.filter(owner__isnull=False).exists()


def test_it_refuses_a_file_over_10_mb(opcc_client):
    response = upload(opcc_client, "huge.txt", b"x" * (10 * 1024 * 1024 + 1))

    assert "huge.txt is 10.0 MB; minutes over 10 MB are refused" in response.text


def test_it_refuses_a_preview_address_other_than_the_one_given(opcc_client):
    upload(opcc_client)

    response = opcc_client.post(
        reverse("imports:preview", args=["guessed"]), {"owner_1": pk("CC")}
    )

    assert response.status_code == 404
    assert not Meeting.objects.exists()


def test_it_forgets_nothing_it_was_not_given(opcc_client):
    assert opcc_client.get(reverse("imports:preview", args=["nope"])).status_code == 404


UNDATED = (
    "Governance Group – note of meeting\n"
    "Present: Jane Hollis (JH) – Director of Estates; Mark Ellison (ME) – Chief "
    "Constable\n"
    "ESTATES\n"
    "The group reviewed the station condition surveys.\n"
    "ACTION: ME to report the custody options in 3 months.\n"
).encode()


def test_undated_minutes_are_read_and_the_date_given_dates_their_actions(
    opcc_client,
):
    preview = opcc_client.get(upload(opcc_client, "undated.txt", UNDATED).url)

    assert "These minutes give no meeting date: enter it." in preview.text
    response = confirm(opcc_client, preview.request["PATH_INFO"], date="2024-02-05")

    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.date.isoformat() == "2024-02-05"
    action = Action.objects.get()
    assert (action.owner.abbreviation, action.due_date.isoformat()) == (
        "CC",
        "2024-05-05",
    )


def test_it_says_which_files_it_reads_pdfs_included(opcc_client):
    response = opcc_client.get(UPLOAD)

    assert "A .pdf with its text (not a scan), a Word .docx" in response.text
    assert "PDFs up to 200 pages" in response.text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("encrypted-minutes.pdf", "is an encrypted PDF: save it without a password"),
        ("scanned-minutes.pdf", "has no text layer: it looks like a scanned image"),
    ],
)
def test_it_refuses_an_unreadable_pdf_in_one_line_at_the_field(
    opcc_client, name, reason
):
    response = upload(opcc_client, name, (CORPUS / name).read_bytes())

    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert error.startswith(f"{name} ")
    assert reason in error
    assert 'id="error_1_id_file"' in response.text
    assert not response.context["form"].non_field_errors()
    assert not Meeting.objects.exists()


def test_it_imports_a_document_that_is_only_an_action_log(opcc_client):
    PostFactory(name="Deputy Chief Constable", abbreviation="DCC")
    PostFactory(name="Chief Executive", abbreviation="CEx")
    PostFactory(name="Policy Officer", abbreviation="PO")
    log = "strategic-policing-board-action-log-2021-12-07.html"
    preview_url = upload(opcc_client, log, (CORPUS / log).read_bytes()).url

    response = confirm(opcc_client, preview_url)

    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings:detail", args=[meeting.pk])
    actions = Action.objects.filter(agenda_item__meeting=meeting).order_by("pk")
    assert [(a.owner.abbreviation, a.status) for a in actions] == [
        ("DCC", "completed"),
        ("ACC", "in_progress"),
        ("CEx", "open"),
        ("CC", "open"),
        ("PO", "open"),
        ("ACC", "closed"),
    ]


def test_a_second_upload_of_the_same_file_links_the_meeting_it_made(opcc_client):
    confirm(opcc_client, upload(opcc_client).url)
    meeting = Meeting.objects.get()

    response = upload(opcc_client)

    (error,) = response.context["form"].errors["file"]
    link = f'<a href="{reverse("meetings:detail", args=[meeting.pk])}">'
    assert f"monthly-assurance-2021-03.txt was imported before, as {link}" in error
    assert f"was imported before, as {link}" in response.text
