"""Every main page, as each role sees it, under the Content Security Policy as it
is served (not bypassed, as the other browser tests do): no violation, and the
axe audit still finds nothing serious or critical."""

import pytest
from django.urls import reverse

from actions.models import Action
from assurance.tests.test_browser_screenshots import main_pages
from conftest import AXE_JS, AXE_TAGS, DEMO_PASSWORD
from meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script, whatever the policy: collects what it refuses.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


def role_pages(role):
    meeting = Meeting.objects.order_by("-date").first()
    item = meeting.items.order_by("position").first()
    pages = [
        *main_pages(role),
        ("search", reverse("search:results") + "?q=HMICFRS"),
        ("notifications", reverse("notifications:preferences")),
    ]
    if role == "opcc":
        pages += [
            ("publication", reverse("publication:prepare", args=[meeting.pk])),
            ("meeting-edit", reverse("meetings:edit", args=[meeting.pk])),
            ("attendance", reverse("meetings:attendance", args=[meeting.pk])),
            ("item-edit", reverse("meetings:item_edit", args=[meeting.pk, item.pk])),
            ("new-meeting", reverse("meetings:create")),
            ("raise", reverse("actions:raise", args=[item.pk])),
            ("reassign", reverse("actions:reassign")),
            ("two-step", reverse("signin:setup")),
        ]
    if role == "admin":
        action = Action.objects.order_by("reference").first()
        pages = [
            ("home", reverse("actions:home")),
            ("access-log", reverse("audit:log")),
            ("admin", reverse("admin:index")),
            ("admin-actions", reverse("admin:actions_action_changelist")),
            ("admin-action", reverse("admin:actions_action_change", args=[action.pk])),
            ("admin-users", reverse("admin:auth_user_changelist")),
            ("people", reverse("people:list")),
            ("posts", reverse("people:posts")),
        ]
    return pages


# What anyone may open, signed in or not.
PUBLIC_PAGES = [
    "publication:index",
    "publication:decisions",
    "publication:actions",
    "publication:search",
]


@pytest.fixture
def enforced(browser, live_server, demo):
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/London", bypass_csp=False
    )
    context.add_init_script(LISTEN)
    # Scripts added this way run whatever the policy says, as a test's should.
    context.add_init_script(path=AXE_JS)
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and console.append(message.text)
        ),
    )
    yield page, console
    context.close()


def sign_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def check(page, name):
    """The page's CSP violations and its serious or critical axe findings.

    Django's own admin pages are checked for the policy alone: their markup is
    Django's, and axe finds targets too small in its change lists."""
    problems = [f"{name}: CSP {v}" for v in page.evaluate("window.__cspViolations")]
    if name.split(" ")[-1].startswith("admin"):
        return problems
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    problems += [
        f"{name}: axe {v['id']} ({v['impact']})"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    return problems


@pytest.mark.parametrize("role", ["opcc", "force", "pcc", "admin"])
def test_every_main_page_keeps_to_the_content_security_policy(
    role, enforced, live_server
):
    page, console = enforced
    page.goto(live_server.url + reverse("login"))
    problems = check(page, "sign-in")
    for name in PUBLIC_PAGES:
        assert page.goto(live_server.url + reverse(name)).ok, name
        problems += check(page, name)
    sign_in(page, live_server, role)
    for name, path in role_pages(role):
        response = page.goto(live_server.url + path)
        assert response.ok, f"{role} cannot open {name}: {response.status}"
        assert "unsafe-inline" not in response.headers["content-security-policy"]
        if name == "attendance":
            # The script that adds a row must work under the policy too.
            page.get_by_role("button", name="Add another person").click()
        problems += check(page, f"{role} {name}")

    assert not problems, "\n".join(problems)
    assert not console, "\n".join(console)
