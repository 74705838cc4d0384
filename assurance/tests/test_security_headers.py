"""Headers every response carries, and the deployment check CI runs (.ci/run)."""

import re
import secrets
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from actions.models import Attachment
from actions.tests.factories import ActionUpdateFactory
from assurance.tests.test_settings import load_settings

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "assurance.opcc.example",
    "SITE_URL": "https://assurance.opcc.example",
}
PRINT_TRANSPORT = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
)


def test_the_deployment_check_passes_with_production_settings():
    result = load_settings(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(["
        "'manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("environ", "printed"),
    [
        (PRODUCTION, "True 31536000"),
        ({**PRODUCTION, "SECURE_SSL_REDIRECT": "0"}, "False 31536000"),
        ({**PRODUCTION, "SECURE_HSTS_SECONDS": "0"}, "True 0"),
        ({"DEBUG": "1"}, "False 0"),
    ],
    ids=["production", "prod-local", "no-hsts", "make-run"],
)
def test_https_is_enforced_when_debug_is_off_unless_turned_off(environ, printed):
    result = load_settings(PRINT_TRANSPORT, **environ)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == printed


def test_the_content_security_policy_allows_nothing_inline(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_browser_features_are_turned_off(client):
    policy = client.get(reverse("login"))["Permissions-Policy"]

    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy


@pytest.mark.django_db
def test_signed_in_pages_are_never_stored(client, opcc_user):
    client.force_login(opcc_user)

    for name in ("actions:home", "actions:list", "actions:meeting_list"):
        assert "no-store" in client.get(reverse(name))["Cache-Control"], name


@pytest.mark.django_db
def test_static_files_are_still_cached(client, opcc_user):
    client.force_login(opcc_user)
    static = client.get("/static/css/assurance.css")
    b"".join(static.streaming_content)

    assert "no-store" not in static.get("Cache-Control", "")


@pytest.mark.django_db
def test_downloads_and_exports_are_never_stored(opcc_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    evidence = Attachment.objects.create(
        update=ActionUpdateFactory(),
        file=SimpleUploadedFile("x", b"%PDF-1.4\n%%EOF\n"),
        name="plans.pdf",
        content_type="application/pdf",
        size=15,
    )
    client = Client()
    client.force_login(opcc_user)

    download = client.get(reverse("actions:attachment", args=[evidence.pk]))
    b"".join(download.streaming_content)
    export = client.get(reverse("actions:export", args=["csv"]))

    assert "no-store" in download["Cache-Control"]
    assert "no-store" in export["Cache-Control"]


INLINE = re.compile(
    r"<style|\sstyle=|<script(?![^>]*\ssrc=)|\son[a-z]+=", re.IGNORECASE
)


def test_no_page_template_has_inline_script_or_style():
    """The policy would refuse them; emails are not pages and keep theirs."""
    offending = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0).strip()}"
        for path in TEMPLATES.rglob("*.html")
        if path.parts[len(TEMPLATES.parts)] != "emails"
        for match in INLINE.finditer(path.read_text())
    ]

    assert not offending
