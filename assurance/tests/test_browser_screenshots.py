"""Screenshots of the main pages, as each demo role sees them, at a laptop's width and
a phone's, so a reviewer can look without running anything; the phone-width ones are
audited for accessibility as well.

They are kept under ARTIFACTS_DIR/screenshots/<width>/<role>-<page>.png.
"""

import pytest
from django.urls import reverse

from actions.models import Action
from meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def main_pages(role):
    """(name, path) of each main page the role can open, with the demo's first
    action and its latest meeting. Only OPCC staff import minutes."""
    action = Action.objects.order_by("reference").first()
    meeting = Meeting.objects.order_by("-date").first()
    pages = [
        ("home", reverse("actions:home")),
        ("actions", reverse("actions:list")),
        ("action", reverse("actions:detail", args=[action.pk])),
        ("meetings", reverse("actions:meeting_list")),
        ("meeting", reverse("meetings:detail", args=[meeting.pk])),
        ("import", reverse("imports:upload")),
        ("reminders", reverse("actions:reminder_settings")),
    ]
    return [(name, path) for name, path in pages if name != "import" or role == "opcc"]


# One browser context per role: the page fixture's, signed in once.
@pytest.mark.parametrize("role", ["opcc", "force", "pcc"])
def test_the_main_pages_are_photographed_at_both_widths(
    role, page, live_server, sign_in, screenshot, audit_accessibility
):
    sign_in(role)
    pages = main_pages(role)
    page.set_viewport_size(LAPTOP)
    for name, path in pages:
        response = page.goto(live_server.url + path)
        assert response.ok, f"{role} cannot open {name}: {response.status}"
        screenshot(f"{LAPTOP['width']}/{role}-{name}")

    page.set_viewport_size(PHONE)
    failures = []
    for name, path in pages:
        page.goto(live_server.url + path)
        # Every page is photographed and audited even when an earlier one fails,
        # so one run lists every violation.
        try:
            audit_accessibility(f"{PHONE['width']}/{role}-{name}")
        except AssertionError as violations:
            failures.append(str(violations))
    assert not failures, "\n".join(failures)
