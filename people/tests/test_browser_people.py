"""Issue 16's journey as an administrator: invite a person, who sets a password
from the emailed link and signs in with their role; hand the CC post to them from
a date; the March 2021 action owned by CC then names them, and its next reminder
goes to them."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from actions.models import Action
from actions.reminders import send_due_reminders
from actions.tests.factories import UserFactory
from actions.tests.reminder_support import at_seven

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JANE = "jane.smith@police.example"
PASSWORD = "a long new password 42"
THE_DAY_AFTER = datetime.date(2021, 4, 28)


@pytest.fixture
def mail_to_memory(settings, live_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def invite_jane(page, audit):
    page.get_by_role("link", name="People", exact=True).click()
    audit("people/list")
    page.get_by_role("link", name="Invite a person").click()
    page.get_by_label("First name").fill("Jane")
    page.get_by_label("Last name").fill("Smith")
    page.get_by_label("Email address").fill("force@example.org")
    page.get_by_label("Role").select_option("Force")
    page.get_by_role("button", name="Send the invitation").click()
    # The address is Tom Hughes's: a clear refusal, and nobody is invited.
    expect(
        page.get_by_text("force@example.org is already in use by Tom Hughes.")
    ).to_be_visible()
    audit("people/invite-refused")
    page.get_by_label("Email address").fill(JANE)
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Jane Smith is invited")
    audit("people/person")


def accept_invitation(page, live_server, audit):
    (invitation,) = mail.outbox
    assert invitation.to == [f"Jane Smith <{JANE}>"]
    link = re.search(rf"{live_server.url}/invitation/\S+/", invitation.body)[0]
    page.goto(link)
    expect(page.get_by_role("heading", name="Welcome, Jane Smith")).to_be_visible()
    audit("people/accept")
    # The label ends in the asterisk of a required field.
    page.get_by_label("New password*", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_role("status")).to_contain_text("Your password is set")
    return link


def sign_in_as_jane(page):
    page.get_by_label("Username").fill(JANE)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def hand_over_cc(page, audit):
    page.get_by_role("link", name="Posts", exact=True).click()
    audit("people/posts")
    page.get_by_role("link", name="Chief Constable (CC)").click()
    page.get_by_label("New holder").select_option(label=f"Jane Smith ({JANE})")
    page.get_by_label("Holds the post from").fill("2021-01-01")
    audit("people/post")
    page.get_by_role("button", name="Hand over this post").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Jane Smith now holds Chief Constable (CC)."
    )
    history = page.get_by_role("table", name="Holders of Chief Constable")
    expect(history.get_by_role("row").nth(1)).to_contain_text(
        "Jane Smith 1 Jan 2021 Now"
    )
    expect(history.get_by_role("row").nth(2)).to_contain_text(
        "Tom Hughes Before records began 31 Dec 2020"
    )
    # Handing it to her again is refused, and changes nothing.
    page.get_by_label("New holder").select_option(label=f"Jane Smith ({JANE})")
    page.get_by_label("Holds the post from").fill("2021-02-01")
    page.get_by_role("button", name="Hand over this post").click()
    expect(
        page.get_by_text("Jane Smith already holds Chief Constable (CC).")
    ).to_be_visible()
    audit("people/post-refused")


def test_an_administrator_invites_a_person_and_hands_them_the_cc_post(
    page, live_server, sign_in, audit_accessibility, mail_to_memory
):
    sign_in("admin")
    invite_jane(page, audit_accessibility)
    sign_out(page)

    link = accept_invitation(page, live_server, audit_accessibility)
    sign_in_as_jane(page)
    expect(page.get_by_text("Signed in as Jane Smith")).to_be_visible()
    expect(page.get_by_text("You hold no post yet")).to_be_visible()
    audit_accessibility("people/force-without-post")
    expect(page.get_by_role("link", name="People", exact=True)).to_have_count(0)
    sign_out(page)
    page.goto(link)
    expect(page.get_by_text("This invitation has been used already")).to_be_visible()
    audit_accessibility("people/invitation-used")

    sign_in("admin")
    hand_over_cc(page, audit_accessibility)

    march_action = Action.objects.get(reference="2021-03/1")
    # Agreed at the next meeting: due the day before it.
    march_action.due_date = THE_DAY_AFTER - datetime.timedelta(days=1)
    march_action.save(update_fields=["due_date"])
    page.goto(f"{live_server.url}/actions/{march_action.pk}/")
    expect(page.get_by_text("Held now by Jane Smith")).to_be_visible()
    expect(page.get_by_text("Held by Jane Smith on 27 Apr 2021")).to_be_visible()

    mail.outbox.clear()
    send_due_reminders(today=THE_DAY_AFTER, now=at_seven(THE_DAY_AFTER))
    (to_jane,) = [m for m in mail.outbox if JANE in m.to[0]]
    assert to_jane.to == [f"Jane Smith <{JANE}>"]
    assert "2021-03/1" in to_jane.body
    # Tom Hughes handed the post over: its reminders are no longer his.
    assert not [m for m in mail.outbox if "force@example.org" in m.to[0]]


def test_an_administrator_keeps_posts_and_meeting_types_without_the_admin(
    page, sign_in, audit_accessibility
):
    sign_in("admin")
    page.get_by_role("link", name="Posts", exact=True).click()
    page.get_by_role("link", name="New post").click()
    page.get_by_label("Name of the post").fill("Head of Finance")
    page.get_by_label("Abbreviation").fill("HoF")
    page.get_by_label("Organisation").select_option(label="OPCC")
    audit_accessibility("people/post-form")
    page.get_by_role("button", name="Save the post").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Head of Finance (HoF) is saved."
    )
    page.get_by_role("link", name="Rename the post").click()
    page.get_by_label("Name of the post").fill("Chief Finance Officer")
    page.get_by_label("Abbreviation").fill("CFO")
    page.get_by_role("button", name="Save the post").click()
    page.get_by_role("button", name="Retire the post").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Chief Finance Officer (CFO) is retired"
    )

    page.get_by_role("link", name="Types of meeting").click()
    audit_accessibility("meetings/types")
    page.get_by_role("link", name="Rename Performance Review").click()
    page.get_by_label("Name of the type of meeting").fill("Performance Panel")
    audit_accessibility("meetings/type-form")
    page.get_by_role("button", name="Save the name").click()
    expect(page.get_by_role("status")).to_contain_text(
        "The type of meeting is now Performance Panel."
    )


def test_a_person_with_no_role_is_told_whom_to_ask(
    page, live_server, demo, audit_accessibility
):
    UserFactory(username="visitor", password="correct horse battery staple")
    page.goto(live_server.url)
    page.get_by_label("Username").fill("visitor")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_text("Your account has no role yet; ask")).to_contain_text(
        "Site Administrator (admin@example.org)"
    )
    audit_accessibility("people/no-role")
