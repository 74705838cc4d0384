import copy
import datetime
import threading

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from actions.models import Action, Organisation, Post
from actions.tests.factories import PostFactory, UserFactory
from imports import services
from imports.forms import PreviewForms
from imports.tests import contract
from imports.tests.preview import preview_data
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory, MeetingTypeFactory

pytestmark = pytest.mark.django_db
UPLOAD = reverse("imports:upload")
HOLLIS = contract.person("Jane Hollis", "Director of Estates", initials="JH")


@pytest.fixture(autouse=True)
def posts():
    PostFactory(name="Chief Constable", abbreviation="CC")


@pytest.fixture
def minutes(monkeypatch):
    """What the parser returns for any file uploaded in these tests."""
    read = contract.minutes(
        contract.action("JH", [HOLLIS]),
        contract.action("CC"),
        attendees=[
            contract.attendee("Jane Hollis", "Director of Estates", initials="JH"),
            contract.attendee("Mark Ellison", "Chief Constable", "CC"),
        ],
    )
    monkeypatch.setattr("imports.forms.read_minutes_in_time", lambda *args, **kw: read)
    return read


@pytest.fixture
def preview_url(client, opcc_user, minutes):
    client.force_login(opcc_user)
    upload = SimpleUploadedFile("board-2022-07.docx", b"minutes")
    return client.post(UPLOAD, {"file": upload}).url


def confirm(client, preview_url, **changes):
    return client.post(preview_url, preview_data(client.get(preview_url), **changes))


def test_it_shows_the_owner_as_written_and_the_discussion(client, preview_url):
    response = client.get(preview_url)

    assert "As written: JH (Jane Hollis, Director of Estates)" in response.text
    assert "<summary>Discussion of item 1</summary>" in response.text
    assert "The board <strong>discussed</strong> the estate." in response.text
    assert 'for="id_attendees-0-name"' in response.text


def test_it_records_every_header_field_as_corrected(client, preview_url):
    MeetingTypeFactory(name="Joint Audit Committee")
    changes = {
        "title": "Joint Audit Committee 15 July 2022",
        "type": "Joint Audit Committee",
        "date": "2022-07-15",
        "time": "14:00",
        "venue": "Room 2",
        "chair": "Dan Webb",
        "minute_taker": "Lee Shaw",
    }

    response = confirm(client, preview_url, **changes, status="approved")

    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings:detail", args=[meeting.pk])
    assert (meeting.title, meeting.meeting_type.name) == (
        changes["title"],
        changes["type"],
    )
    assert meeting.date == datetime.date(2022, 7, 15)
    assert meeting.start_time == datetime.time(14)
    assert (meeting.venue, meeting.chair, meeting.minute_taker) == (
        "Room 2",
        "Dan Webb",
        "Lee Shaw",
    )
    assert meeting.status == Meeting.Status.APPROVED


def test_it_offers_the_meeting_types_there_are(client, preview_url):
    MeetingTypeFactory(name="Joint Audit Committee")

    response = client.get(preview_url)

    assert '<option value="Joint Audit Committee">' in response.text
    assert 'list="meeting-types"' in response.text


def test_it_records_an_attendee_as_corrected(client, preview_url):
    confirm(
        client,
        preview_url,
        **{
            "attendees-0-name": "Jane Holliss",
            "attendees-0-capacity": "Estates Director",
            "attendees-0-abbreviation": "ED",
            "attendees-0-attendance": "apologies",
        },
    )

    first = Meeting.objects.get().attendees.first()
    assert (first.name, first.capacity, first.abbreviation, first.attendance) == (
        "Jane Holliss",
        "Estates Director",
        "ED",
        "apologies",
    )


def test_it_records_draft_minutes_unless_told_otherwise(client, preview_url):
    confirm(client, preview_url)

    assert Meeting.objects.get().status == Meeting.Status.DRAFT


def test_undated_minutes_need_a_date(client, opcc_user, minutes):
    minutes["meeting"]["date"] = None
    client.force_login(opcc_user)
    url = client.post(UPLOAD, {"file": SimpleUploadedFile("a.docx", b"x")}).url

    shown = client.get(url)
    response = client.post(url, preview_data(shown))

    assert "These minutes give no meeting date: enter it." in shown.text
    assert response.status_code == 200
    assert response.context["forms"].header.errors["date"] == [
        "Enter the date of the meeting."
    ]
    assert not Meeting.objects.exists()
    assert confirm(client, url, date="2022-07-14").status_code == 302
    assert Meeting.objects.get().date == datetime.date(2022, 7, 14)


def test_it_lists_the_posts_the_minutes_suggest(client, preview_url):
    response = client.get(preview_url)

    assert "Posts from the minutes" in response.text
    assert "Create post Director of Estates" in response.text
    assert response.context["forms"].suggested_posts[0]["organisation"].value() == (
        "opcc"
    )


def test_create_post_assigns_its_actions_and_keeps_what_was_typed(client, preview_url):
    typed = preview_data(
        client.get(preview_url),
        title="Corrected title",
        **{"post-0-organisation": "force"},
    )

    response = client.post(
        reverse("imports:create_post", args=[preview_url.split("/")[-2], 0]), typed
    )

    post = Post.objects.get(name="Director of Estates")
    assert (post.abbreviation, post.organisation) == ("JH", Organisation.FORCE)
    assert response.status_code == 200
    assert "Created the post Director of Estates (JH), Force" in response.text
    forms = response.context["forms"]
    assert forms.header["title"].value() == "Corrected title"
    assert forms.owners["owner_1"].value() == str(post.pk)
    assert forms.suggested_posts == {}
    assert "who holds no post" not in response.text
    assert not Meeting.objects.exists()
    client.post(preview_url, preview_data(response))
    assert Action.objects.get(description__contains="(JH)").owner == post


EVANS = contract.person("Dan Evans", "Director of Estates", initials="DE")
ELLIS = contract.person("Diane Ellis", "Director of Engagement", initials="DE")


@pytest.fixture
def two_directors(client, opcc_user, monkeypatch):
    """The preview of minutes whose two new posts' holders have the same initials."""
    read = contract.minutes(
        contract.action("Dan Evans", [EVANS], description="Survey the estate."),
        contract.action("Diane Ellis", [ELLIS], description="Consult the public."),
        attendees=[
            contract.attendee("Dan Evans", "Director of Estates", initials="DE"),
            contract.attendee("Diane Ellis", "Director of Engagement", initials="DE"),
        ],
    )
    monkeypatch.setattr("imports.forms.read_minutes_in_time", lambda *args, **kw: read)
    client.force_login(opcc_user)
    upload = SimpleUploadedFile("directors.docx", b"minutes")
    return client.post(UPLOAD, {"file": upload}).url


def test_posts_suggested_for_the_same_initials_each_own_their_actions(
    client, two_directors
):
    token = two_directors.split("/")[-2]
    shown = client.get(two_directors)
    assert "Director of Engagement (DE2)" in shown.text

    first = client.post(
        reverse("imports:create_post", args=[token, 1]), preview_data(shown)
    )
    second = client.post(
        reverse("imports:create_post", args=[token, 0]), preview_data(first)
    )
    client.post(two_directors, preview_data(second))

    owners = dict(Action.objects.values_list("description", "owner__name"))
    assert owners == {
        "Survey the estate.": "Director of Estates",
        "Consult the public.": "Director of Engagement",
    }


def test_it_records_the_owner_chosen_of_two_posts_with_one_abbreviation(
    client, request
):
    engagement = PostFactory(name="Director of Engagement", abbreviation="DE")
    estates = PostFactory(name="Director of Estates", abbreviation="DE")
    preview_url = request.getfixturevalue("two_directors")

    shown = client.get(preview_url)
    client.post(preview_url, preview_data(shown))

    owners = shown.context["forms"].owners
    assert [owners["owner_1"].value(), owners["owner_2"].value()] == [
        estates.pk,
        engagement.pk,
    ]
    assert dict(Action.objects.values_list("description", "owner")) == {
        "Survey the estate.": estates.pk,
        "Consult the public.": engagement.pk,
    }


def test_creating_a_post_leaves_the_other_suggestions_as_chosen(
    client, opcc_user, minutes
):
    brown = contract.person("Rachel Brown", "Head of Finance", initials="RB")
    minutes["actions"].append(contract.action("RB", [brown]))
    client.force_login(opcc_user)
    url = client.post(UPLOAD, {"file": SimpleUploadedFile("a.docx", b"x")}).url
    token = url.split("/")[-2]
    chosen = preview_data(client.get(url), **{"post-1-organisation": "force"})

    response = client.post(reverse("imports:create_post", args=[token, 0]), chosen)
    client.post(reverse("imports:create_post", args=[token, 1]), preview_data(response))

    [(number, form)] = response.context["forms"].suggested_posts.items()
    assert (number, form["organisation"].value()) == (1, "force")
    finance = Post.objects.get(name="Head of Finance")
    assert finance.organisation == Organisation.FORCE
    assert (
        client.post(reverse("imports:create_post", args=[token, 0]), chosen).status_code
        == 404
    )


def test_create_post_leaves_an_owner_already_chosen(client, preview_url):
    cc = str(Post.objects.get(abbreviation="CC").pk)
    typed = preview_data(client.get(preview_url), owner_1=cc)

    response = client.post(
        reverse("imports:create_post", args=[preview_url.split("/")[-2], 0]), typed
    )

    assert response.context["forms"].owners["owner_1"].value() == cc


def test_it_says_when_the_minutes_were_imported_before_with_a_link(client, preview_url):
    existing = MeetingFactory(
        meeting_type=MeetingTypeFactory(name="Police Accountability Board"),
        date=datetime.date(2022, 7, 14),
        title="Board",
    )

    response = confirm(client, preview_url, title="Board")

    link = f'<a href="{reverse("meetings:detail", args=[existing.pk])}">'
    assert response.status_code == 200
    assert f"These minutes were imported before, as {link}" in response.text
    assert Meeting.objects.count() == 1


def test_an_upload_imported_before_links_the_meeting(client, opcc_user, minutes):
    client.force_login(opcc_user)
    existing = MeetingFactory(
        meeting_type=MeetingTypeFactory(name="Police Accountability Board"),
        date=datetime.date(2022, 7, 14),
        title=minutes["meeting"]["title"],
    )

    response = client.post(UPLOAD, {"file": SimpleUploadedFile("b.docx", b"x")})

    link = f'<a href="{reverse("meetings:detail", args=[existing.pk])}">'
    assert f"b.docx was imported before, as {link}" in response.text


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
def test_only_opcc_staff_may_import(client, request, persona, opcc_user, minutes):
    client.force_login(opcc_user)
    url = client.post(UPLOAD, {"file": SimpleUploadedFile("a.docx", b"x")}).url
    token = url.split("/")[-2]
    client.force_login(request.getfixturevalue(persona))

    assert client.get(UPLOAD).status_code == 403
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    create = reverse("imports:create_post", args=[token, 0])
    assert client.post(create, {"post-0-organisation": "opcc"}).status_code == 403
    assert not Post.objects.filter(name="Director of Estates").exists()


def test_create_post_needs_the_permission_to_add_posts(client, minutes):
    importer = UserFactory()
    importer.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_meeting", "add_action"])
    )
    client.force_login(importer)
    url = client.post(UPLOAD, {"file": SimpleUploadedFile("a.docx", b"x")}).url
    create = reverse("imports:create_post", args=[url.split("/")[-2], 0])

    response = client.post(create, preview_data(client.get(url)))

    assert response.status_code == 403
    assert not Post.objects.filter(name="Director of Estates").exists()


def test_anonymous_users_are_sent_to_sign_in(client):
    for url in [
        UPLOAD,
        reverse("imports:preview", args=["token"]),
        reverse("imports:create_post", args=["token", 0]),
    ]:
        response = client.post(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_create_post_refuses_get(client, preview_url):
    url = reverse("imports:create_post", args=[preview_url.split("/")[-2], 0])

    assert client.get(url).status_code == 405


def test_it_lands_on_the_meeting_saying_what_still_needs_an_owner(client, preview_url):
    response = client.post(
        preview_url, preview_data(client.get(preview_url)), follow=True
    )

    assert (
        "Imported Police Accountability Board July 2022, 14 Jul 2022, with 2 actions."
        " 1 needs an owner." in response.text
    )


def test_it_counts_a_single_action_as_one(client, preview_url, minutes):
    del minutes["actions"][1]
    preview_url = client.post(
        UPLOAD, {"file": SimpleUploadedFile("one.docx", b"x")}
    ).url

    response = client.post(
        preview_url,
        preview_data(
            client.get(preview_url), owner_1=Post.objects.get(abbreviation="CC").pk
        ),
        follow=True,
    )

    assert "14 Jul 2022, with 1 action." in response.text
    assert "needs an owner" not in response.text


def test_each_owner_choice_is_described_by_the_owner_as_written(client, preview_url):
    response = client.get(preview_url)

    assert 'aria-describedby="id_owner_1_written"' in response.text
    assert 'id="id_owner_1_written">As written: JH' in response.text


def test_an_owner_choice_with_nothing_written_describes_nothing(
    client, opcc_user, minutes
):
    minutes["actions"][1]["owner_as_written"] = ""
    client.force_login(opcc_user)
    url = client.post(UPLOAD, {"file": SimpleUploadedFile("a.docx", b"x")}).url

    response = client.get(url)

    assert "id_owner_2_written" not in response.text


def test_it_numbers_the_actions_as_their_owner_fields_do(client, preview_url):
    response = client.get(preview_url)

    assert '<th scope="col">No.</th>' in response.text
    assert "<td>2</td>\n            <td>1</td>" in response.text
    assert 'aria-label="Actions table, 2 rows"' in response.text


def test_a_suggested_post_names_the_actions_it_would_own(client, preview_url):
    response = client.get(preview_url)

    assert (
        "<li>action 1, “Report back on the estates plan (JH).” (as written: JH "
        "(Jane Hollis, Director of Estates))</li>" in response.text
    )


def test_a_refused_import_lists_what_to_put_right_above_the_form(
    client, opcc_user, minutes
):
    minutes["meeting"]["date"] = None
    client.force_login(opcc_user)
    url = client.post(UPLOAD, {"file": SimpleUploadedFile("a.docx", b"x")}).url

    response = client.post(
        url,
        preview_data(client.get(url), title="", **{"attendees-1-name": ""}),
    )

    assert [(field, label) for field, label, _ in response.context["problems"]] == [
        ("id_title", "Title"),
        ("id_date", "Date"),
        ("id_attendees-1-name", "Attendee 2, name"),
    ]
    summary = response.text.index("Nothing was imported: 3 things to put right")
    assert summary < response.text.index(f'<form method="post" action="{url}"')
    assert (
        '<a class="alert-link" href="#id_date">Date: Enter the date of the '
        "meeting.</a>" in response.text
    )


def test_a_duplicate_is_said_once_in_the_summary(client, preview_url):
    MeetingFactory(
        meeting_type=MeetingTypeFactory(name="Police Accountability Board"),
        date=datetime.date(2022, 7, 14),
        title="Board",
    )

    response = confirm(client, preview_url, title="Board")

    assert response.text.count("These minutes were imported before") == 1
    assert "Nothing was imported: 1 thing to put right" in response.text


def test_creating_a_post_is_not_a_refused_import(client, preview_url):
    token = preview_url.split("/")[-2]
    typed = preview_data(client.get(preview_url), date="")

    response = client.post(reverse("imports:create_post", args=[token, 0]), typed)

    assert "Nothing was imported" not in response.text


def test_a_long_list_of_warnings_keeps_all_but_ten_a_click_away(
    client, opcc_user, minutes
):
    minutes["warnings"] = [f"Warning number {n}." for n in range(1, 14)]
    client.force_login(opcc_user)
    url = client.post(UPLOAD, {"file": SimpleUploadedFile("a.docx", b"x")}).url

    response = client.get(url)

    assert "14 things to check" in response.text
    shown, others = response.text.split("<summary>The other 4</summary>")
    assert "<li>Warning number 10.</li>" in shown
    assert "<li>Warning number 11.</li>" in others
    assert '<ol class="mb-0" start="11">' in others


def test_the_status_choice_says_what_each_status_means(client, preview_url):
    response = client.get(preview_url)

    assert "Draft minutes can still be corrected." in response.text
    assert "Approved minutes are read-only (except to superusers)" in response.text


def test_it_says_so_when_an_owners_post_is_abolished_while_importing(
    client, preview_url, monkeypatch
):
    cc = Post.objects.get(abbreviation="CC")
    checked = PreviewForms.corrected_minutes

    def abolished_meanwhile(forms):
        # Another user abolishes the post once the owners have been checked.
        Post.objects.filter(pk=cc.pk).update(is_active=False)
        return checked(forms)

    monkeypatch.setattr(PreviewForms, "corrected_minutes", abolished_meanwhile)

    response = confirm(client, preview_url, owner_2=cc.pk)

    assert response.status_code == 200
    assert "Nothing was imported: 1 thing to put right" in response.text
    assert "The owner of “Report back on the estates plan (CC).”, CC, is no" in (
        response.text
    )
    assert not Meeting.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite cannot hold two transactions open at once to race",
)
@pytest.mark.django_db(transaction=True)
def test_a_confirmation_posted_twice_at_once_imports_once(
    roles, client, preview_url, monkeypatch
):
    """The second request comes while the first has recorded the meeting but not
    yet committed it; the first waits for the second to finish, up to 3 seconds,
    as it must once the second waits for the first."""
    data = preview_data(client.get(preview_url))
    recorded, second_done = threading.Event(), threading.Event()
    record = services.record_minutes

    def record_then_wait(**kwargs):
        meeting = record(**kwargs)
        if not recorded.is_set():
            recorded.set()
            second_done.wait(timeout=3)
        return meeting

    monkeypatch.setattr(services, "record_minutes", record_then_wait)
    second_client = Client()
    second_client.cookies = copy.copy(client.cookies)
    responses = {}

    def confirm_with(name, each_client, done=None):
        try:
            responses[name] = each_client.post(preview_url, data)
        finally:
            connections.close_all()
            if done:
                done.set()

    first = threading.Thread(target=confirm_with, args=("first", client))
    first.start()
    assert recorded.wait(timeout=10)
    second = threading.Thread(
        target=confirm_with, args=("second", second_client, second_done)
    )
    second.start()
    first.join(timeout=20)
    second.join(timeout=20)

    assert Meeting.objects.count() == 1
    assert responses["first"].status_code == 302
    assert responses["second"].status_code == 200
    assert "These minutes were imported before" in responses["second"].text
