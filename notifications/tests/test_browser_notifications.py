"""Issue 16's notification journey: more time asked for and approved, then the
action completed and signed off with a comment; each step tells the other side in
exactly one email."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from actions.models import Action
from notifications.services import send_notifications

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mail_to_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def open_action(page):
    page.get_by_role("link", name="Actions", exact=True).click()
    page.get_by_label("Search", exact=True).fill("night time economy")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("region", name="All actions").get_by_role(
        "link", name="2021-03/1"
    ).click()
    expect(page.get_by_role("heading", name="Action 2021-03/1")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def emails_after_ten_minutes():
    """What the sweep sends once the batching window has passed."""
    mail.outbox.clear()
    send_notifications(now=timezone.now() + datetime.timedelta(minutes=11))
    return {email.to[0].split("<")[1].rstrip(">"): email for email in mail.outbox}


def test_each_side_is_told_once_of_each_step(
    page, live_server, sign_in, audit_accessibility, mail_to_memory
):
    action = Action.objects.get(reference="2021-03/1")
    new_due = timezone.localdate() + datetime.timedelta(days=60)

    sign_in("force")
    open_action(page)
    page.get_by_label("New due date").fill(new_due.isoformat())
    page.get_by_label("Why is more time needed?").fill("The audit report is late.")
    audit_accessibility("notify/action-force-asks")
    page.get_by_role("button", name="Ask for more time").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Your request for more time on 2021-03/1 is sent to the OPCC."
    )
    expect(page.get_by_text("Waiting for the OPCC")).to_be_visible()
    # A second request, from its own page, is refused with the reason.
    page.goto(live_server.url + reverse("extensions:ask", args=[action.pk]))
    page.get_by_label("New due date").fill(new_due.isoformat())
    page.get_by_label("Why is more time needed?").fill("Again.")
    page.get_by_role("button", name="Ask for more time").click()
    expect(page.get_by_text("already waiting for a decision")).to_be_visible()
    audit_accessibility("notify/ask-refused")
    page.get_by_role("link", name="Notifications").click()
    audit_accessibility("notify/preferences")
    sign_out(page)

    sign_in("opcc")
    page.goto(live_server.url + reverse("extensions:decide", args=[action.pk]))
    page.get_by_role("button", name="Decline").click()
    expect(page.get_by_text("Say why more time is not given.")).to_be_visible()
    audit_accessibility("notify/decline-refused")
    open_action(page)
    audit_accessibility("notify/action-opcc-decides")
    page.get_by_label("Comment on approving (optional)").fill("Agreed at the board.")
    page.get_by_role("button", name="Approve the new due date").click()
    expect(page.get_by_role("status")).to_contain_text(
        "More time on 2021-03/1 is approved."
    )
    steps = page.get_by_role("region", name="Timeline").get_by_role("listitem")
    expect(steps.filter(has_text="More time asked for")).to_contain_text("Tom Hughes")
    expect(steps.filter(has_text="Extension approved")).to_contain_text("Priya Shah")
    sign_out(page)

    sent = emails_after_ten_minutes()
    assert sorted(sent) == ["force@example.org", "opcc@example.org"]
    assert "More time asked by Tom Hughes" in sent["opcc@example.org"].body
    assert "More time approved by Priya Shah" in sent["force@example.org"].body
    action.refresh_from_db()
    assert action.due_date == new_due

    sign_in("force")
    open_action(page)
    page.get_by_role("button", name="Mark completed").click()
    expect(page.get_by_role("status")).to_contain_text("is now “Completed")
    sign_out(page)

    sent = emails_after_ten_minutes()
    assert list(sent) == ["opcc@example.org"]
    assert "Marked completed by Tom Hughes" in sent["opcc@example.org"].body

    sign_in("pcc")
    open_action(page)
    page.get_by_label("Comment (optional)").fill("Thorough plans; well done.")
    page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_role("status")).to_contain_text("is now “Closed”")
    expect(steps.filter(has_text="Sign off")).to_contain_text(
        "Thorough plans; well done."
    )
    audit_accessibility("notify/action-signed-off")

    sent = emails_after_ten_minutes()
    assert list(sent) == ["force@example.org"]
    assert sent["force@example.org"].subject == ("2021-03/1: signed off by Helen Ward")
    assert "“Thorough plans; well done.”" in sent["force@example.org"].body
