import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from actions.models import Attachment
from actions.tests.factories import ActionFactory, ActionUpdateFactory
from audit.models import AccessEvent
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
Kind = AccessEvent.Kind


def only_event():
    """The one event besides the test client's own sign-in."""
    return AccessEvent.objects.exclude(kind=Kind.SIGNED_IN, method="").get()


def sign_in(username, password):
    return Client(REMOTE_ADDR="192.0.2.7").post(
        reverse("login"), {"username": username, "password": password}
    )


def test_a_sign_in_is_recorded_with_who_and_where(opcc_user):
    sign_in("opcc", "correct horse battery staple")

    event = only_event()
    assert (event.kind, event.user, event.username, event.address) == (
        Kind.SIGNED_IN,
        opcc_user,
        "opcc",
        "192.0.2.7",
    )
    assert event.at is not None


@pytest.mark.parametrize("username", ["opcc", "nobody"])
def test_a_failed_sign_in_is_recorded_with_the_name_typed(opcc_user, username):
    sign_in(username, "wrong")

    event = only_event()
    assert (event.kind, event.user, event.username, event.address) == (
        Kind.SIGN_IN_FAILED,
        None,
        username,
        "192.0.2.7",
    )


def test_signing_out_is_recorded(opcc_user, signed_in):
    signed_in(opcc_user).post(reverse("logout"))

    assert only_event().kind == Kind.SIGNED_OUT


def test_a_refusal_is_recorded(force_user, signed_in):
    response = signed_in(force_user).get(reverse("imports:upload"))

    assert response.status_code == 403
    event = only_event()
    assert (event.kind, event.user, event.method, event.path) == (
        Kind.PERMISSION_DENIED,
        force_user,
        "GET",
        "/minutes/import/",
    )


def test_an_evidence_download_is_recorded_with_the_file_name(
    force_user, signed_in, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    evidence = Attachment.objects.create(
        update=ActionUpdateFactory(),
        file=SimpleUploadedFile("x", b"%PDF-1.4\n%%EOF\n"),
        name="plans.pdf",
        content_type="application/pdf",
        size=15,
    )

    response = signed_in(force_user).get(
        reverse("actions:attachment", args=[evidence.pk])
    )
    # Read to the end, as the test client closes the file then.
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    event = only_event()
    assert (event.kind, event.user, event.detail) == (
        Kind.DOWNLOAD,
        force_user,
        "plans.pdf",
    )
    assert event.path == f"/attachments/{evidence.pk}/"


def test_an_export_is_recorded_with_its_filters(pcc_user, signed_in):
    ActionFactory()

    signed_in(pcc_user).get(
        reverse("actions:export", args=["csv"]), {"status": "open", "q": "SOC"}
    )

    event = only_event()
    assert event.kind == Kind.EXPORT
    assert event.query == "status=open&q=SOC"
    assert event.detail.startswith("actions")
    assert event.detail.endswith(".csv")


@pytest.mark.parametrize(
    "view", ["meetings:docx", "actions:meeting_actions_csv"], ids=["docx", "csv"]
)
def test_a_meeting_export_is_recorded(opcc_user, signed_in, view):
    meeting = MeetingFactory()

    response = signed_in(opcc_user).get(reverse(view, args=[meeting.pk]))

    assert response.status_code == 200
    assert only_event().kind == Kind.EXPORT


def test_an_ordinary_page_is_not_recorded(opcc_user, signed_in):
    signed_in(opcc_user).get(reverse("actions:list"))

    assert not AccessEvent.objects.exclude(kind=Kind.SIGNED_IN).exists()
