"""Fixtures shared by every app's tests: the three roles, and the browser set-up."""

import io
import os
import re
from importlib import import_module
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
ON_CI = os.environ.get("CI") == "true"
DEMO_PASSWORD = "assurance-demo"
ARTIFACTS_DIR = Path(
    os.environ.get("ARTIFACTS_DIR", Path(__file__).parent / "var" / "test-artifacts")
)
# WCAG 2.2 A and AA, as the public sector accessibility regulations require.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright runs an event loop in the test thread; the ORM calls in browser tests
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Each test has a cache of its own, in memory: a rolled-back test's ids come
    round again, and with them its cache keys. Never Redis's under REDIS_URL, where
    clearing it would empty the Celery broker's database too."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def roles(transactional_db):
    """The role groups, for tests that commit: their teardown empties every table.

    (serialized_rollback would restore them, but Playwright runs tests in a
    context where Django's connection no longer has the serialised data.)
    """
    from django.apps import apps

    import_module("actions.migrations.0002_roles").create_groups(apps)
    import_module(
        "actions.migrations.0005_reminder_permissions"
    ).grant_reminder_permissions(apps)
    import_module("actions.migrations.0014_need_to_know").grant_need_to_know(apps)
    import_module("people.migrations.0002_administrators_and_tenures").create_group(
        apps
    )


@pytest.fixture
def demo(roles):
    """The demo site's data, committed: posts, a user per role, March 2021."""
    from django.core.management import call_command

    call_command("seed_demo", force=True, password=DEMO_PASSWORD, stdout=io.StringIO())


@pytest.fixture
def sign_in(page, live_server, demo):
    """sign_in("force"): the demo user signs in through the sign-in page."""

    def sign_in_as(username):
        page.goto(live_server.url)
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()

    return sign_in_as


@pytest.fixture
def opcc_user(db):
    from actions.tests.factories import UserFactory

    return UserFactory(username="opcc", role="OPCC staff")


@pytest.fixture
def force_user(db):
    from actions.tests.factories import UserFactory

    return UserFactory(username="force", role="Force")


@pytest.fixture
def pcc_user(db):
    from actions.tests.factories import UserFactory

    return UserFactory(username="pcc", role="PCC")


def pytest_collection_modifyitems(config, items):
    """Skip browser tests, with one reason, where this machine cannot run them.

    On CI a missing browser must fail, so nothing is skipped there.
    """
    missing = []
    if not CHROMIUM.exists():
        missing.append(
            f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        )
    if not AXE_JS.exists():
        missing.append(f"axe-core not found at {AXE_JS} (npm ci)")
    if not missing or ON_CI:
        return
    skip = pytest.mark.skip(reason="browser tests skipped: " + "; ".join(missing))
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browser here; Debian's Chromium works, and
    # without the background-networking flags it stalls on the closed network.
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "en-GB",
        "timezone_id": "Europe/London",
        # axe-core is injected as an inline script, which a CSP would block.
        "bypass_csp": True,
    }


def save_screenshot(page, name):
    """A full-page screenshot, ARTIFACTS_DIR/screenshots/<name>.png, for a reviewer
    to look at without running anything; a "/" in the name makes a folder."""
    path = ARTIFACTS_DIR / "screenshots" / (re.sub(r"[^\w/]+", "-", name) + ".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, full_page=True)


@pytest.fixture
def screenshot(page):
    """screenshot("1366/opcc-home"): keep a screenshot without auditing the page."""
    return lambda name: save_screenshot(page, name)


@pytest.fixture
def audit_accessibility(page):
    """Check the page with axe-core and keep a screenshot of it.

    Fails on any serious or critical WCAG 2.2 A/AA violation, listing each rule
    and the elements that break it.
    """

    def audit(name):
        save_screenshot(page, name)
        page.add_script_tag(path=AXE_JS)
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + ", ".join(node["target"][0] for node in v["nodes"])
            for v in results["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{name}: " + "; ".join(serious)

    return audit
