import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], "
    "settings.ALLOWED_HOSTS, settings.TIME_ZONE, settings.USE_TZ)"
)


def load_settings(code=PRINT_SETTINGS, **environ):
    """Import the settings in a fresh interpreter with only the given variables."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "assurance.settings",
        # Empty values also shadow anything a developer's .env file sets.
        "SECRET_KEY": "",
        "DEBUG": "",
        "DATABASE_URL": "sqlite:///:memory:",
        "ALLOWED_HOSTS": "assurance.opcc.example",
        "SITE_URL": "https://assurance.opcc.example",
        **environ,
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_without_secret_key_when_debug_is_off():
    result = load_settings(DEBUG="0")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_it_defaults_debug_to_off():
    result = load_settings()

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_runs_with_a_development_key_when_debug_is_on():
    result = load_settings(DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True django.db.backends.sqlite3")
    assert "Europe/London True" in result.stdout


def test_it_reads_the_database_and_hosts_from_the_environment():
    result = load_settings(
        SECRET_KEY="a-real-secret",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/assurance",
        ALLOWED_HOSTS="assurance.opcc.example,localhost",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" ", 2)[:2] == [
        "False",
        "django.db.backends.postgresql",
    ]
    assert "['assurance.opcc.example', 'localhost']" in result.stdout


def test_it_reads_the_secret_key_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file")

    result = load_settings(SECRET_KEY_FILE=str(secret))

    assert result.returncode == 0, result.stderr


def test_it_takes_an_empty_variable_as_unset():
    result = load_settings(
        "from django.conf import settings; "
        "print(settings.CELERY_BROKER_URL, settings.TIME_ZONE)",
        DEBUG="1",
        CELERY_BROKER_URL="",
        TIME_ZONE="",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["redis://127.0.0.1:6379/0", "Europe/London"]


@pytest.mark.parametrize(
    "name", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL"]
)
def test_it_refuses_to_start_in_production_without_each_of_these(name):
    result = load_settings(**{"SECRET_KEY": "a-real-secret", name: ""})

    assert result.returncode != 0
    assert f"ImproperlyConfigured: {name} is not set. With DEBUG off" in (result.stderr)


def test_it_starts_in_production_with_all_four():
    result = load_settings(SECRET_KEY="a-real-secret")

    assert result.returncode == 0, result.stderr


def test_it_links_emails_to_the_development_server_when_debug_is_on():
    result = load_settings(
        DEBUG="1",
        SITE_URL="",
        code="import django; django.setup(); from django.conf import settings; "
        "print(settings.SITE_URL)",
    )

    assert result.stdout.strip() == "http://127.0.0.1:8000"


def test_it_logs_each_django_message_once_when_debug_is_on():
    result = load_settings(
        code=(
            "import django, logging; django.setup(); "
            "logging.getLogger('django.utils.autoreload').info('Watching')"
        ),
        DEBUG="1",
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Watching") == 1


def test_with_debug_off_it_logs_one_json_object_a_line_to_stdout():
    result = load_settings(
        code=(
            "import django, logging; django.setup(); "
            "logging.getLogger('actions.reminders').info("
            "'Reminder sweep for %s', '2021-09-24', extra={'sent': 3})"
        ),
        SECRET_KEY="a-real-secret",
    )

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["event"] == "Reminder sweep for 2021-09-24"
    assert (line["level"], line["logger"], line["sent"]) == (
        "info",
        "actions.reminders",
        3,
    )
    assert line["timestamp"].endswith("Z")
