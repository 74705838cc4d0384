import datetime
import io
import re
import uuid
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from actions.models import (
    ActionUpdate,
    Attachment,
    Organisation,
    Reminder,
    ReminderEmail,
)
from actions.tests.factories import ActionFactory, ActionUpdateFactory, PostFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03" + b"\x00" * 200


@pytest.fixture
def force_action(force_user):
    return ActionFactory(
        description="Provide plans for the night time economy.",
        owner=PostFactory(holders=[force_user]),
        due_date=datetime.date(2021, 9, 23),
    )


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def detail(action):
    return reverse("actions:detail", args=[action.pk])


def test_the_action_page_shows_the_action_and_its_meeting(force_user, force_action):
    response = signed_in(force_user).get(detail(force_action))

    assert response.status_code == 200
    assert "Provide plans for the night time economy." in response.text
    assert "23 Sep 2021" in response.text
    assert force_action.agenda_item.meeting.title in response.text
    assert ">Open</span>" in response.text


def test_the_action_page_is_titled_with_its_wording(force_user):
    action = ActionFactory(
        reference="2021-03/1",
        description="Provide plans for easing of lockdown, including the night "
        "time economy.",
        owner=PostFactory(holders=[force_user]),
    )

    response = signed_in(force_user).get(detail(action))

    wording = "Provide plans for easing of lockdown, including the night t…"
    assert f"<title>2021-03/1: {wording} · Assurance</title>" in response.text
    assert f'<h1 class="h2">Action 2021-03/1: {wording}</h1>' in response.text


def test_the_edit_page_is_titled_with_the_wording(opcc_user, force_action):
    response = signed_in(opcc_user).get(reverse("actions:edit", args=[force_action.pk]))

    wording = "Provide plans for the night time economy."
    assert f"<title>Edit {force_action.reference}: {wording} · Assurance" in (
        response.text
    )
    assert f"Edit action {force_action.reference}: {wording}</h1>" in response.text


def test_a_force_user_cannot_close_an_action(force_user, force_action):
    force_action.status = "completed"
    force_action.save()

    response = signed_in(force_user).post(
        reverse("actions:status", args=[force_action.pk]),
        {"to": "closed", "version": force_action.version},
    )

    assert response.status_code == 403
    assert "You cannot move" in response.text
    force_action.refresh_from_db()
    assert force_action.status == "completed"


def test_a_force_user_marks_his_action_completed(force_user, force_action):
    client = signed_in(force_user)

    response = client.post(
        reverse("actions:status", args=[force_action.pk]),
        {"to": "completed", "version": force_action.version},
    )

    assert response.status_code == 302
    force_action.refresh_from_db()
    assert force_action.status == "completed"
    assert "Mark completed" in client.get(detail(force_action)).text


def test_rejecting_without_a_reason_keeps_the_status_and_says_why(
    opcc_user, force_action
):
    force_action.status = "completed"
    force_action.save()

    response = signed_in(opcc_user).post(
        reverse("actions:status", args=[force_action.pk]),
        {"to": "in_progress", "version": force_action.version, "reason": ""},
    )

    assert response.status_code == 400
    assert "needs a reason" in response.text
    force_action.refresh_from_db()
    assert force_action.status == "completed"


def test_a_force_user_adds_an_update_with_a_pdf(
    force_user, force_action, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = signed_in(force_user)

    response = client.post(
        reverse("actions:add_update", args=[force_action.pk]),
        {
            "text": "Plans went to the Executive Team.",
            "attachments": [SimpleUploadedFile("plans.pdf", PDF)],
        },
    )

    assert response.status_code == 302
    update = ActionUpdate.objects.get()
    assert (update.author, update.text) == (
        force_user,
        "Plans went to the Executive Team.",
    )
    evidence = Attachment.objects.get()
    assert evidence.file.name == f"attachments/{evidence.pk.hex}"
    assert evidence.content_type == "application/pdf"
    download = client.get(reverse("actions:attachment", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert 'filename="plans.pdf"' in download["Content-Disposition"]
    assert (
        Client().get(reverse("actions:attachment", args=[evidence.pk])).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", EXE, "report.pdf cannot be attached: it is a exe file"),
        (
            "notes.docx",
            b"just text",
            "notes.docx cannot be attached: its type is unknown",
        ),
        (
            "huge.pdf",
            PDF + b"0" * (20 * 1024 * 1024),
            "huge.pdf is 20.0 MB; attachments may be up to 20 MB.",
        ),
    ],
)
def test_it_refuses_evidence_that_is_not_allowed(
    force_user, force_action, settings, tmp_path, name, data, message
):
    settings.MEDIA_ROOT = tmp_path

    response = signed_in(force_user).post(
        reverse("actions:add_update", args=[force_action.pk]),
        {"text": "See attached.", "attachments": [SimpleUploadedFile(name, data)]},
    )

    assert response.status_code == 400
    assert message in response.text
    assert "See attached." in response.text
    assert not ActionUpdate.objects.exists()


def test_a_force_user_cannot_update_an_action_of_an_opcc_post(force_user):
    action = ActionFactory(
        owner=PostFactory(
            name="Policy Officer",
            abbreviation="PO",
            organisation=Organisation.OPCC,
            holders=[force_user],
        )
    )

    response = signed_in(force_user).post(
        reverse("actions:add_update", args=[action.pk]), {"text": "Done."}
    )

    assert response.status_code == 403
    assert not ActionUpdate.objects.exists()


def test_nobody_updates_a_closed_action(opcc_user):
    action = ActionFactory(status="closed")

    response = signed_in(opcc_user).post(
        reverse("actions:add_update", args=[action.pk]), {"text": "More."}
    )

    assert response.status_code == 403
    assert not ActionUpdate.objects.exists()


@time_machine.travel(datetime.date(2021, 10, 1))
def test_extending_the_due_date_keeps_the_first_one(opcc_user, force_action):
    client = signed_in(opcc_user)

    response = client.post(
        reverse("actions:due_date", args=[force_action.pk]),
        {
            "due_date": "2021-10-31",
            "reason": "Waiting for the Home Office.",
            "version": 1,
        },
    )

    assert response.status_code == 302
    force_action.refresh_from_db()
    assert (force_action.original_due_date, force_action.due_date) == (
        datetime.date(2021, 9, 23),
        datetime.date(2021, 10, 31),
    )
    page = client.get(detail(force_action)).text
    assert re.search(r"23 Sep 2021</s>\s*extended to 31 Oct 2021", page)
    assert "Due date changed from 23 Sep 2021 to 31 Oct 2021" in page
    assert "Waiting for the Home Office." in page


def test_the_due_date_needs_a_reason_and_opcc_staff(
    opcc_user, force_user, force_action
):
    without_reason = signed_in(opcc_user).post(
        reverse("actions:due_date", args=[force_action.pk]),
        {"due_date": "2021-10-31", "reason": "", "version": 1},
    )
    by_force = signed_in(force_user).post(
        reverse("actions:due_date", args=[force_action.pk]),
        {"due_date": "2021-10-31", "reason": "Later.", "version": 1},
    )

    assert without_reason.status_code == 400
    assert by_force.status_code == 403
    force_action.refresh_from_db()
    assert force_action.due_date == datetime.date(2021, 9, 23)


def test_the_second_of_two_edits_is_refused_and_keeps_its_text(
    opcc_user, django_user_model, force_action
):
    colleague = django_user_model.objects.create_user("colleague", first_name="Sam")
    colleague.groups.add(*opcc_user.groups.all())
    first, second = signed_in(opcc_user), signed_in(colleague)
    edit = reverse("actions:edit", args=[force_action.pk])
    first.get(edit)
    second.get(edit)

    saved = first.post(edit, {"description": "First wording.", "version": 1})
    refused = second.post(edit, {"description": "Second wording.", "version": 1})

    assert saved.status_code == 302
    assert refused.status_code == 409
    assert f"This action was changed by {opcc_user}" in refused.text
    assert "Now saved:</strong> First wording." in refused.text
    assert re.search(r">\s*Second wording.</textarea>", refused.text)
    force_action.refresh_from_db()
    assert force_action.description == "First wording."


def test_two_status_changes_from_one_version_only_apply_once(
    opcc_user, pcc_user, force_action
):
    force_action.status = "completed"
    force_action.save()
    url = reverse("actions:status", args=[force_action.pk])

    signed_in(pcc_user).post(url, {"to": "closed", "version": 1})
    late = signed_in(opcc_user).post(
        url, {"to": "in_progress", "version": 1, "reason": "Not enough."}
    )

    assert late.status_code == 409
    assert f"This action was changed by {pcc_user}" in late.text
    assert ">Not enough.</textarea>" in late.text
    force_action.refresh_from_db()
    assert force_action.status == "closed"


def test_the_timeline_shows_each_step_with_its_author(
    opcc_user, force_user, force_action
):
    client = signed_in(force_user)
    client.post(
        reverse("actions:add_update", args=[force_action.pk]), {"text": "Drafted."}
    )
    client.post(
        reverse("actions:status", args=[force_action.pk]),
        {"to": "completed", "version": 1},
    )

    page = signed_in(opcc_user).get(detail(force_action)).text

    timeline = page.split('id="timeline-heading"')[1]
    assert timeline.index("Recorded") < timeline.index("Progress update")
    assert timeline.index("Progress update") < timeline.index("Mark completed")
    completed = timeline.split("<strong>Mark completed</strong>")[1].split("</li>")[0]
    assert force_user.get_full_name() in completed
    assert "Status: Open → Completed – awaiting sign-off" in timeline


def test_the_timeline_keeps_the_order_of_steps_taken_in_the_same_instant(
    opcc_user, force_user, force_action
):
    # A coarse clock (or a fast user) gives two steps the same time.
    client = signed_in(force_user)
    with time_machine.travel(datetime.datetime(2021, 9, 1, 9, 0), tick=False):
        client.post(
            reverse("actions:status", args=[force_action.pk]),
            {"to": "in_progress", "version": 1},
        )
        client.post(
            reverse("actions:add_update", args=[force_action.pk]), {"text": "Drafted."}
        )
        client.post(
            reverse("actions:status", args=[force_action.pk]),
            {"to": "completed", "version": 2},
        )

    page = signed_in(opcc_user).get(detail(force_action)).text

    timeline = page.split('id="timeline-heading"')[1]
    assert timeline.index("<strong>Start work") < timeline.index("Progress update")
    assert timeline.index("Progress update") < timeline.index("Mark completed")


def test_a_user_in_no_role_cannot_change_a_status(django_user_model, force_action):
    visitor = django_user_model.objects.create_user("visitor")

    response = signed_in(visitor).post(
        reverse("actions:status", args=[force_action.pk]), {"to": "junk"}
    )

    assert response.status_code == 403


def test_it_refuses_a_word_document_with_macros(
    force_user, force_action, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as docm:
        docm.writestr("[Content_Types].xml", "<Types/>")
        docm.writestr("word/document.xml", "<w:document/>")
        docm.writestr("word/vbaProject.bin", b"macro")
    upload = SimpleUploadedFile("report.docx", archive.getvalue())

    response = signed_in(force_user).post(
        reverse("actions:add_update", args=[force_action.pk]),
        {"text": "Report.", "attachments": [upload]},
    )

    assert "report.docx cannot be attached: it contains macros." in response.text
    assert not Attachment.objects.exists()


def test_evidence_is_named_for_what_it_is(force_user, force_action, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 16 + b"<script>alert(1)</script>"

    signed_in(force_user).post(
        reverse("actions:add_update", args=[force_action.pk]),
        {"text": "Photo.", "attachments": [SimpleUploadedFile("evil.html", png)]},
    )

    assert Attachment.objects.get().name == "evil.png"


def test_a_closed_action_keeps_its_due_date(opcc_user, force_action):
    force_action.status = "closed"
    force_action.save()

    response = signed_in(opcc_user).post(
        reverse("actions:due_date", args=[force_action.pk]),
        {"due_date": "2021-12-31", "reason": "Later.", "version": force_action.version},
    )

    assert response.status_code == 403
    force_action.refresh_from_db()
    assert force_action.due_date == datetime.date(2021, 9, 23)


def test_an_action_of_an_abolished_post_can_still_be_reworded(opcc_user, force_action):
    force_action.owner.is_active = False
    force_action.owner.save()

    response = signed_in(opcc_user).post(
        reverse("actions:edit", args=[force_action.pk]),
        {"description": "Reworded.", "owner": force_action.owner_id, "version": 1},
    )

    assert response.status_code == 302
    force_action.refresh_from_db()
    assert force_action.description == "Reworded."


def test_the_admin_shows_but_never_changes_reverts_or_deletes_an_action(
    opcc_user, force_action
):
    opcc_user.is_staff = True
    opcc_user.save()
    client = signed_in(opcc_user)
    record = force_action.history.first()
    change_url = reverse("admin:actions_action_change", args=[force_action.pk])

    shown = client.get(change_url)
    change = client.post(change_url, {"description": "Rewritten."})
    revert = client.post(
        reverse(
            "admin:actions_action_simple_history",
            args=[force_action.pk, record.history_id],
        ),
        {
            "reference": force_action.reference,
            "agenda_item": force_action.agenda_item_id,
            "description": "Restored.",
            "status": "open",
        },
    )
    delete = client.post(
        reverse("admin:actions_action_delete", args=[force_action.pk]), {"post": "yes"}
    )

    assert shown.status_code == 200
    assert (change.status_code, revert.status_code, delete.status_code) == (403,) * 3
    force_action.refresh_from_db()
    assert force_action.description == "Provide plans for the night time economy."
    assert force_action.history.count() == 1


@pytest.mark.parametrize("size", [2, 30])
def test_the_action_page_makes_the_same_queries_however_long_its_history(
    force_user, force_action, django_assert_max_num_queries, size
):
    for number in range(size):
        ActionUpdateFactory(action=force_action, author=force_user)
        claim = uuid.uuid4()
        reminder = Reminder.objects.create(
            action=force_action,
            kind="overdue",
            for_date=datetime.date(2021, 9, 24) + datetime.timedelta(days=7 * number),
            state="sent",
            claims=[str(claim)],
        )
        ReminderEmail.objects.create(
            claim=claim,
            name="Tom Hughes",
            address=f"tom{number}@example.org",
            reminders=[[reminder.pk, reminder.pk]],
            outcome="sent",
            at=datetime.datetime(2021, 9, 24, 7, tzinfo=datetime.UTC),
        )
    ActionFactory.create_batch(size)
    client = signed_in(force_user)

    # 14: the requests for more time, and whether this user may ask (extensions);
    # two more name the owner post's holders, now and on the due date (people).
    with django_assert_max_num_queries(16):
        assert client.get(detail(force_action)).status_code == 200
