"""Who gets what from every address the site has, the admin's included.

The addresses come from the URL conf, so a new one without a line in MATRIX fails,
and the failure gives the line to add as the address answers now: check each
answer, then adding the address is that one line.

Each entry is what a GET and an empty POST get, one letter per role, in ROLES order:
anonymous, a user in no role who holds the action's post, a Force user holding the
action's owner post, a Force user holding another post, OPCC staff (admin staff,
as seed_demo makes them), the PCC, a superuser.
"""

import datetime
import re
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver

from actions.models import Attachment, CalendarFeed, Reminder
from actions.reminder_emails import opt_out_url
from actions.tests.factories import (
    ActionFactory,
    ActionUpdateFactory,
    PostFactory,
    UserFactory,
)
from assurance.tests.responses import close_response
from meetings.tests.factories import AgendaItemFactory, AttendeeFactory
from notifications.models import Notification

ROLES = ["anonymous", "no role", "force (own post)", "force (other post)", "opcc"]
ROLES += ["pcc", "superuser"]
# 2 200 · R redirect · L redirect to a sign-in page · B 400 · F 403 · N 404 ·
# M 405 (method not allowed) · C 409 · G 410 · U 503 (unhealthy: no sweep yet)
CODES = {200: "2", 400: "B", 403: "F", 404: "N", 405: "M", 409: "C", 410: "G", 503: "U"}

# Address (URL name, or the route where it has none): (GET, POST).
MATRIX = {
    "login": ("2222222", "2222222"),
    "logout": ("LMMMMMM", "LLLLLLL"),
    "password_change": ("L222222", "L222222"),
    "password_change_done": ("L222222", "LMMMMMM"),
    "password_reset": ("2222222", "2222222"),
    "password_reset_done": ("2222222", "MMMMMMM"),
    "password_reset_confirm": ("2222222", "2222222"),
    "password_reset_complete": ("2222222", "MMMMMMM"),
    # Not found unless OIDC_RP_CLIENT_ID is set; signin/tests/test_oidc.py has
    # their answers when it is.
    "signin:oidc_start": ("NNNNNNN", "NNNNNNN"),
    "signin:oidc_callback": ("NNNNNNN", "NNNNNNN"),
    "admin:index": ("LLLL2L2", "LLLL2L2"),
    "admin:login": ("2222R2R", "2222222"),
    "admin:logout": ("LRRRMRM", "LRRRLRL"),
    "admin:password_change": ("LLLL2L2", "LLLL2L2"),
    "admin:password_change_done": ("LLLL2L2", "LLLLMLM"),
    "admin:autocomplete": ("LLLLFLF", "LLLLMLM"),
    "admin:jsi18n": ("LLLL2L2", "LLLLMLM"),
    "admin:view_on_site": ("LLLLNLN", "LLLLNLN"),
    "admin:auth_group_changelist": ("LLLLFL2", "LLLLFL2"),
    "admin:auth_group_add": ("LLLLFL2", "LLLLFL2"),
    "admin:auth_group_history": ("LLLLFL2", "LLLLFL2"),
    "admin:auth_group_delete": ("LLLLFL2", "LLLLFL2"),
    "admin:auth_group_change": ("LLLLFL2", "LLLLFL2"),
    "admin/auth/group/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:meetings_meetingtype_changelist": ("LLLL2L2", "LLLL2L2"),
    "admin:meetings_meetingtype_add": ("LLLL2L2", "LLLL2L2"),
    "admin:meetings_meetingtype_history": ("LLLL2L2", "LLLL2L2"),
    "admin:meetings_meetingtype_delete": ("LLLLFL2", "LLLLFL2"),
    "admin:meetings_meetingtype_change": ("LLLL2L2", "LLLL2L2"),
    "admin/meetings/meetingtype/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:meetings_meeting_changelist": ("LLLL2L2", "LLLL2L2"),
    "admin:meetings_meeting_add": ("LLLLFL2", "LLLLFL2"),
    "admin:meetings_meeting_history": ("LLLL2L2", "LLLL2L2"),
    "admin:meetings_meeting_delete": ("LLLLFL2", "LLLLFL2"),
    "admin:meetings_meeting_change": ("LLLL2L2", "LLLLFL2"),
    "admin/meetings/meeting/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:meetings_attendee_changelist": ("LLLL2L2", "LLLL2L2"),
    "admin:meetings_attendee_add": ("LLLLFL2", "LLLLFL2"),
    "admin:meetings_attendee_history": ("LLLL2L2", "LLLL2L2"),
    "admin:meetings_attendee_delete": ("LLLLFL2", "LLLLFL2"),
    "admin:meetings_attendee_change": ("LLLL2L2", "LLLLFL2"),
    "admin/meetings/attendee/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:meetings_agendaitem_changelist": ("LLLL2L2", "LLLL2L2"),
    "admin:meetings_agendaitem_add": ("LLLLFL2", "LLLLFL2"),
    "admin:meetings_agendaitem_history": ("LLLL2L2", "LLLL2L2"),
    "admin:meetings_agendaitem_delete": ("LLLLFL2", "LLLLFL2"),
    "admin:meetings_agendaitem_change": ("LLLL2L2", "LLLLFL2"),
    "admin/meetings/agendaitem/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:actions_post_changelist": ("LLLL2L2", "LLLL2L2"),
    "admin:actions_post_add": ("LLLL2L2", "LLLL2L2"),
    "admin:actions_post_history": ("LLLL2L2", "LLLL2L2"),
    "admin:actions_post_delete": ("LLLLFL2", "LLLLFL2"),
    "admin:actions_post_change": ("LLLL2L2", "LLLL2L2"),
    "admin/actions/post/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:actions_action_simple_history": ("LLLL2L2", "LLLLFLF"),
    "admin:actions_action_changelist": ("LLLL2L2", "LLLL2L2"),
    "admin:actions_action_add": ("LLLLFLF", "LLLLFLF"),
    "admin:actions_action_history": ("LLLL2L2", "LLLL2L2"),
    "admin:actions_action_delete": ("LLLLFLF", "LLLLFLF"),
    "admin:actions_action_change": ("LLLL2L2", "LLLLFLF"),
    "admin/actions/action/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:actions_actionupdate_changelist": ("LLLL2L2", "LLLL2L2"),
    "admin:actions_actionupdate_add": ("LLLLFLF", "LLLLFLF"),
    "admin:actions_actionupdate_history": ("LLLL2L2", "LLLL2L2"),
    "admin:actions_actionupdate_delete": ("LLLLFLF", "LLLLFLF"),
    "admin:actions_actionupdate_change": ("LLLL2L2", "LLLLFLF"),
    "admin/actions/actionupdate/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:actions_attachment_changelist": ("LLLLFL2", "LLLLFL2"),
    "admin:actions_attachment_add": ("LLLLFLF", "LLLLFLF"),
    "admin:actions_attachment_history": ("LLLLFL2", "LLLLFL2"),
    "admin:actions_attachment_delete": ("LLLLFLF", "LLLLFLF"),
    "admin:actions_attachment_change": ("LLLLFL2", "LLLLFLR"),
    "admin/actions/attachment/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:actions_reminder_changelist": ("LLLL2L2", "LLLL2L2"),
    "admin:actions_reminder_add": ("LLLLFLF", "LLLLFLF"),
    "admin:actions_reminder_history": ("LLLL2L2", "LLLL2L2"),
    "admin:actions_reminder_delete": ("LLLLFLF", "LLLLFLF"),
    "admin:actions_reminder_change": ("LLLL2L2", "LLLLFLF"),
    "admin/actions/reminder/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:auth_user_password_change": ("LLLLFL2", "LLLLFL2"),
    "admin:auth_user_changelist": ("LLLLFL2", "LLLLFL2"),
    "admin:auth_user_add": ("LLLLFL2", "LLLLFL2"),
    "admin:auth_user_history": ("LLLLFL2", "LLLLFL2"),
    "admin:auth_user_delete": ("LLLLFL2", "LLLLFL2"),
    "admin:auth_user_change": ("LLLLFL2", "LLLLFL2"),
    "admin/auth/user/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:app_list": ("LLLL2L2", "LLLL2L2"),
    "admin/(?P<url>.*)$": ("LLLLNLN", "LLLLNLN"),
    "meetings:create": ("LFFF2F2", "LFFF2F2"),
    "meetings:detail": ("LF22222", "LMMMMMM"),
    "meetings:edit": ("LFFF2F2", "LFFF2F2"),
    "meetings:docx": ("LF22222", "LMMMMMM"),
    "meetings:attendance": ("LFFF2F2", "LFFF2F2"),
    "meetings:item_create": ("LFFF2F2", "LFFF2F2"),
    "meetings:item_edit": ("LFFF2F2", "LFFF2F2"),
    "meetings:advance": ("LMMMMMM", "LFFFRFR"),
    "meetings:types": ("LFFF2F2", "LMMMMMM"),
    "meetings:type_edit": ("LFFF2F2", "LFFFBFB"),
    "imports:upload": ("LFFF2F2", "LFFF2F2"),
    "imports:preview": ("LFFFNFN", "LFFFNFN"),
    "imports:create_post": ("LMMMMMM", "LFFFNFN"),
    # A user in no role is told whom to ask for one.
    "actions:home": ("L222222", "LMMMMMM"),
    "actions:list": ("LF22222", "LMMMMMM"),
    "actions:meeting_list": ("LF22222", "LMMMMMM"),
    "actions:raise": ("LFFF2F2", "LFFF2F2"),
    "actions:meeting_actions_csv": ("LF22222", "LMMMMMM"),
    "actions:reassign": ("LFFF2F2", "LFFF2F2"),
    "actions:export": ("LF22222", "LMMMMMM"),
    "actions:detail": ("LF22222", "LMMMMMM"),
    "actions:status": ("LMMMMMM", "LFBBBBB"),
    "actions:add_update": ("LMMMMMM", "LFBFBFB"),
    "actions:due_date": ("LMMMMMM", "LFFFBFB"),
    "actions:edit": ("LFFF2F2", "LFFFBFB"),
    "actions:correct": ("LFFF2F2", "LFFFBFB"),
    "actions:attachment": ("LF22222", "LMMMMMM"),
    "actions:reminder_settings": ("L222222", "LRRRRRR"),
    "actions:opt_out": ("2222222", "2222222"),
    "actions:new_calendar_address": ("LMMMMMM", "LRRRRRR"),
    "actions:calendar_contents": ("LMMMMMM", "L222222"),
    "actions:calendar_feed": ("2222222", "MMMMMMM"),
    "admin/axes/accessattempt/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin/axes/accessfailurelog/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin/axes/accesslog/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin/otp_totp/totpdevice/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "admin:axes_accessattempt_add": ("LLLLFLF", "LLLLFLF"),
    "admin:axes_accessattempt_change": ("LLLLFLR", "LLLLFLR"),
    "admin:axes_accessattempt_changelist": ("LLLLFL2", "LLLLFL2"),
    "admin:axes_accessattempt_delete": ("LLLLFLR", "LLLLFLR"),
    "admin:axes_accessattempt_history": ("LLLLRLR", "LLLLRLR"),
    "admin:axes_accessfailurelog_add": ("LLLLFLF", "LLLLFLF"),
    "admin:axes_accessfailurelog_change": ("LLLLFLR", "LLLLFLR"),
    "admin:axes_accessfailurelog_changelist": ("LLLLFL2", "LLLLFL2"),
    "admin:axes_accessfailurelog_delete": ("LLLLFLR", "LLLLFLR"),
    "admin:axes_accessfailurelog_history": ("LLLLRLR", "LLLLRLR"),
    "admin:axes_accesslog_add": ("LLLLFLF", "LLLLFLF"),
    "admin:axes_accesslog_change": ("LLLLFLR", "LLLLFLR"),
    "admin:axes_accesslog_changelist": ("LLLLFL2", "LLLLFL2"),
    "admin:axes_accesslog_delete": ("LLLLFLR", "LLLLFLR"),
    "admin:axes_accesslog_history": ("LLLLRLR", "LLLLRLR"),
    "admin:otp_totp_totpdevice_add": ("LLLLFL2", "LLLLFL2"),
    "admin:otp_totp_totpdevice_change": ("LLLLFLR", "LLLLFLR"),
    "admin:otp_totp_totpdevice_changelist": ("LLLLFL2", "LLLLFL2"),
    "admin:otp_totp_totpdevice_config": ("LLLLFLF", "LLLLFLF"),
    "admin:otp_totp_totpdevice_delete": ("LLLLFLR", "LLLLFLR"),
    "admin:otp_totp_totpdevice_history": ("LLLLRLR", "LLLLRLR"),
    "admin:otp_totp_totpdevice_qrcode": ("LLLLFLF", "LLLLFLF"),
    "audit:export": ("LFFFFF2", "LMMMMMM"),
    "audit:log": ("LFFFFF2", "LMMMMMM"),
    "boards:agenda": ("LF22222", "LMMMMMM"),
    "boards:agenda_item_create": ("LFFF2F2", "LFFF2F2"),
    "boards:agenda_item_edit": ("LFFF2F2", "LFFF2F2"),
    "boards:agreed": ("LFFF2F2", "LFFFBFB"),
    "boards:approve": ("LFFF2F2", "LFFFRFC"),
    "boards:create": ("LFFF2F2", "LFFF2F2"),
    "boards:decisions": ("LF22222", "LMMMMMM"),
    "boards:decisions_csv": ("LF22222", "LMMMMMM"),
    "boards:detail": ("LF22222", "LMMMMMM"),
    "boards:edit": ("LFFF2F2", "LFFF2F2"),
    "boards:issue": ("LMMMMMM", "LFFFCFC"),
    "boards:list": ("LF22222", "LMMMMMM"),
    "boards:paper": ("LFNNNNN", "LMMMMMM"),
    "boards:paper_withdraw": ("LMMMMMM", "LFFFNFN"),
    "boards:record_decision": ("LFFF2F2", "LFFF2F2"),
    "boards:withdraw": ("LFFF2F2", "LFFFBFB"),
    "search:results": ("LF22222", "LMMMMMM"),
    "signin:setup": ("LRRR2R2", "LRRR2R2"),
    "signin:still_here": ("LMMMMMM", "L204204204204204204"),
    "signin:verify": ("L222222", "L222222"),
    "downloads:detail": ("LFNNNNN", "LMMMMMM"),
    "downloads:file": ("LFNNNNN", "LMMMMMM"),
    "downloads:start": ("LF22222", "LFRRRRR"),
    # Only the force holding the owner post asks for more time; OPCC staff decide.
    "extensions:ask": ("LF2FFFF", "LFBFFFF"),
    "extensions:decide": ("LFFF2F2", "LFFFBFB"),
    "notifications:preferences": ("L222222", "LBBBBBB"),
    # The ledger is read-only, even to a superuser: the sweep alone writes it.
    "admin:notifications_notification_changelist": ("LLLLFL2", "LLLLFL2"),
    "admin:notifications_notification_add": ("LLLLFLF", "LLLLFLF"),
    "admin:notifications_notification_history": ("LLLLFL2", "LLLLFL2"),
    "admin:notifications_notification_delete": ("LLLLFLF", "LLLLFLF"),
    "admin:notifications_notification_change": ("LLLLFL2", "LLLLFLF"),
    "admin/notifications/notification/<path:object_id>/": ("LLLLRLR", "LLLLRLR"),
    "people:list": ("LFFFFF2", "LMMMMMM"),
    "people:invite": ("LFFFFF2", "LFFFFFB"),
    "people:detail": ("LFFFFF2", "LMMMMMM"),
    "people:role": ("LMMMMMM", "LFFFFFB"),
    "people:deactivate": ("LMMMMMM", "LFFFFFR"),
    "people:reactivate": ("LMMMMMM", "LFFFFFR"),
    "people:invite_again": ("LMMMMMM", "LFFFFFR"),
    # No sign-in: the link is the key; this one is not a real invitation.
    "people:accept": ("GGGGGGG", "GGGGGGG"),
    "people:posts": ("LFFFFF2", "LMMMMMM"),
    "people:post_create": ("LFFFFF2", "LFFFFFB"),
    "people:post_detail": ("LFFFFF2", "LMMMMMM"),
    "people:post_edit": ("LFFFFF2", "LFFFFFB"),
    "people:hand_over": ("LMMMMMM", "LFFFFFB"),
    "people:retire": ("LMMMMMM", "LFFFFFR"),
    # Publication: OPCC staff mark and publish; the public pages need no sign-in.
    # The world's minutes are a draft: never published, so no public page of them.
    "publication:prepare": ("LFFF2F2", "LFFF2F2"),
    "publication:publish": ("LMMMMMM", "LFFFFFF"),
    "publication:withdraw": ("LFFFNFN", "LFFFNFN"),
    "publication:index": ("2222222", "MMMMMMM"),
    "publication:meeting": ("NNNNNNN", "MMMMMMM"),
    "publication:pdf": ("NNNNNNN", "MMMMMMM"),
    "publication:paper": ("NNNNNNN", "MMMMMMM"),
    "publication:decisions": ("2222222", "MMMMMMM"),
    "publication:actions": ("2222222", "MMMMMMM"),
    "publication:search": ("2222222", "MMMMMMM"),
    "publication:feed": ("2222222", "MMMMMMM"),
    # For monitors: no sign-in, and red until a sweep has finished.
    "health:healthz": ("UUUUUUU", "MMMMMMM"),
}


def _patterns(resolver=None, prefix="", namespace=None):
    """(key, route) of every address: its name, or its route where it has none."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace])) or None
            yield from _patterns(entry, route, inner)
        elif entry.name:
            yield ":".join(filter(None, [namespace, entry.name])), route
        else:
            yield route, route


PATTERNS = dict(_patterns())


def test_every_address_has_an_entry():
    missing = sorted(set(PATTERNS) - set(MATRIX))
    gone = sorted(set(MATRIX) - set(PATTERNS))

    # test_each_role_gets_what_the_matrix_says[<address>] gives the line to add.
    assert not missing, f"Addresses with no line in MATRIX: {missing}"
    assert not gone, f"Lines in MATRIX for addresses there no longer are: {gone}"


@pytest.fixture
def world(db, settings, tmp_path):
    """An action of a draft meeting, with an update and its evidence, a reminder,
    a calendar address and an opt-out link; a user for each role."""
    settings.MEDIA_ROOT = tmp_path
    own, other = (
        PostFactory(name="Chief Constable", abbreviation="CC"),
        PostFactory(name="Deputy Chief Constable", abbreviation="DCC"),
    )
    users = {
        "anonymous": None,
        "no role": UserFactory(username="norole"),
        "force (own post)": UserFactory(username="forceown", role="Force"),
        "force (other post)": UserFactory(username="forceother", role="Force"),
        "opcc": UserFactory(username="opcc", role="OPCC staff", is_staff=True),
        "pcc": UserFactory(username="pcc", role="PCC"),
        "superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
    }
    own.holders.add(users["no role"], users["force (own post)"])
    other.holders.add(users["force (other post)"])
    item = AgendaItemFactory()
    AttendeeFactory(meeting=item.meeting)
    action = ActionFactory(
        agenda_item=item, owner=own, due_date=datetime.date(2021, 9, 23)
    )
    update = ActionUpdateFactory(action=action, author=users["force (own post)"])
    attachment = Attachment.objects.create(
        update=update,
        file=SimpleUploadedFile("plans.pdf", b"%PDF-1.4\n%%EOF\n"),
        name="plans.pdf",
        content_type="application/pdf",
        size=15,
    )
    reminder = Reminder.objects.create(
        action=action, kind="overdue", for_date=datetime.date(2021, 9, 24)
    )
    feed = CalendarFeed.objects.create(user=users["force (own post)"])
    notification = Notification.objects.create(
        event_id=uuid.uuid4(),
        kind="signed_off",
        action=action,
        happened_at=datetime.datetime(2021, 9, 24, 9, tzinfo=datetime.UTC),
        recipient=users["force (own post)"],
        delivery="at_once",
        send_after=datetime.datetime(2021, 9, 24, 9, 10, tzinfo=datetime.UTC),
    )
    return {
        "users": users,
        "action": action,
        "item": item,
        "meeting": item.meeting,
        "attachment": attachment,
        "feed": feed,
        "opt_out": opt_out_url(users["force (own post)"]).rsplit("/", 2)[-2],
        "rows": {
            "auth_user": users["no role"],
            "auth_group": users["opcc"].groups.get(),
            "meetings_meetingtype": item.meeting.meeting_type,
            "meetings_meeting": item.meeting,
            "meetings_attendee": item.meeting.attendees.get(),
            "meetings_agendaitem": item,
            "actions_post": own,
            "actions_action": action,
            "actions_actionupdate": update,
            "actions_attachment": attachment,
            "actions_reminder": reminder,
            "notifications_notification": notification,
        },
    }


# Addresses of a person, and of a post, by its primary key.
PERSON_ADDRESSES = [
    "people:detail",
    "people:role",
    "people:deactivate",
    "people:reactivate",
    "people:invite_again",
]
POST_ADDRESSES = [
    "people:post_detail",
    "people:post_edit",
    "people:hand_over",
    "people:retire",
]


def _address(key, route, world):
    """The address of `route` for the world's rows: each converter given a value."""
    action, meeting = world["action"], world["meeting"]
    model = re.match(r"admin/(\w+)/(\w+)/", route)
    row = world["rows"].get("_".join(model.groups())) if model else None
    pk = meeting.pk if key.startswith("meetings:") or "meeting_" in key else action.pk
    pk = {
        "publication:prepare": meeting.pk,
        "publication:publish": meeting.pk,
        **dict.fromkeys(PERSON_ADDRESSES, world["users"]["no role"].pk),
        **dict.fromkeys(POST_ADDRESSES, world["rows"]["actions_post"].pk),
    }.get(key, pk)
    token = {
        "actions:calendar_feed": world["feed"].token,
        "actions:opt_out": world["opt_out"],
    }.get(key, "not-waiting")
    values = {
        "<int:pk>": pk,
        "<int:item_pk>": world["item"].pk,
        "<uuid:pk>": world["attachment"].pk,
        "<str:token>": token,
        "<str:file_type>": "csv",
        "<int:number>": 1,
        "<uidb64>": "MQ",
        "<token>": "set-password",
        "<id>": world["users"]["no role"].pk,
        "<path:content_type_id>": ContentType.objects.get_for_model(action).pk,
        "<path:object_id>": row.pk if row else action.pk,
        "^([^/]+)/history/([^/]+)/$": f"{action.pk}/history/"
        f"{action.history.get().history_id}/",
        "(?P<url>.*)$": "nowhere/",
    }
    for converter, value in values.items():
        route = route.replace(converter, str(value))
    # The admin's app index: its pattern lists every app that has models there.
    route = re.sub(r"\^\(\?P<app_label>[^)]*\)/\$", "actions/", route)
    return "/" + route


def _answer(response):
    if response.status_code == 302:
        return "L" if "/login/" in response["Location"] else "R"
    return CODES.get(response.status_code, str(response.status_code))


def _answers(key, world):
    url = _address(key, PATTERNS[key], world)
    answers = []
    for method in ("get", "post"):
        letters = ""
        for role in ROLES:
            client = Client(raise_request_exception=False)
            if world["users"][role]:
                client.force_login(world["users"][role])
            response = getattr(client, method)(url)
            # A download is streamed from its file: closed here, as a server does.
            close_response(response)
            letters += _answer(response)
        answers.append(letters)
    return url, tuple(answers)


@pytest.mark.parametrize("key", sorted(set(PATTERNS) | set(MATRIX)))
def test_each_role_gets_what_the_matrix_says(world, key):
    assert key in PATTERNS, f"{key} is no longer an address: remove its line."
    url, answers = _answers(key, world)

    assert answers == MATRIX.get(key), (
        f"{url}, by role {ROLES}: as it answers now, its line would be "
        f'(check each answer before adding it)\n    "{key}": {answers!r},'
    )
