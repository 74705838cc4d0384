"""`make run`: what it tells a person once the server is up."""

import re
from pathlib import Path

from imports.management.commands.seed_demo import DEFAULT_PASSWORD, USERS

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


def run_summary():
    pattern = re.compile(r"^run_summary = (.*?)\n\n", re.MULTILINE | re.DOTALL)
    return pattern.search(MAKEFILE.read_text()).group(1)


def test_it_names_every_demo_user_and_the_password():
    summary = run_summary()

    for username in USERS:
        assert re.search(rf"\b{username}\b", summary), username
    assert DEFAULT_PASSWORD in summary


def test_it_says_where_the_server_is_and_how_to_stop_it():
    summary = run_summary()

    assert "http://127.0.0.1:$(PORT)/" in summary
    assert "Ctrl-C" in summary
    assert "var/celery/worker.log" in summary
