"""Server-side time and SQL queries of the busiest pages, at several data sizes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/assurance \\
        .venv/bin/python bench/pages.py [--actions 500 50000] [--runs 40]

For each size, a scratch database (Django's test database beside DATABASE_URL's,
created and dropped here; in-memory SQLite without DATABASE_URL) gets the demo users
and `generate_load --actions N`: ten years of meetings, actions, updates and history.
Each page is then requested through Django's test client, signed in as the PCC (the
admin's list as the superuser), and timed: the whole request, and the SQL inside it.
"Outside SQL" is the request's time minus its queries' time. The dashboard's trend is
cached until an action changes; "dashboard, trend recomputed" clears that cache first.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from scratch import scratch_database

BASE_DIR = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, nargs="+", default=[500, 50_000])
    parser.add_argument("--runs", type=int, default=40)
    options = parser.parse_args()
    setup_django()
    from django.db import connection

    print(f"database: {connection.vendor}; {options.runs} requests per page")
    print(
        f"{'page':34} {'actions':>8} {'median ms':>10} {'p95 ms':>8} "
        f"{'queries':>8} {'SQL ms':>7} {'outside SQL ms':>15}"
    )
    for size in options.actions:
        with scratch_database():
            fill(size)
            for name, path, user, before in pages():
                figures = measure(path, user, options.runs, before)
                print(f"{name:34} {size:>8,} " + figures)


def setup_django():
    # As in production: DEBUG off; static files as they are, not collected.
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("HTTPS", "0")
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
    # Settings refuse DEBUG off without these; the scratch database is SQLite's
    # in-memory one unless DATABASE_URL names a server.
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver")
    os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assurance.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def fill(size):
    import io

    from django.core.management import call_command
    from django.db import connection

    call_command("seed_demo", force=True, stdout=io.StringIO())
    call_command("generate_load", actions=size, force=True, stdout=io.StringIO())
    # As autovacuum would have by the time anyone searches: statistics gathered,
    # pages marked all-visible.
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )


def pages():
    from django.core.cache import cache
    from django.urls import reverse

    from actions.models import Action

    busy = (
        Action.objects.open()
        .filter(reference__startswith="L", updates__isnull=False)
        .order_by("due_date")
        .first()
    )
    # A word in one action in six; one action's reference; and the references of
    # one month's meetings, which the due-date order finds late.
    common, month = "HMICFRS", "L2019-05/"
    one = Action.objects.filter(reference__startswith="L2019-05/").last().reference
    return [
        ("dashboard", "/", "pcc", None),
        ("dashboard, trend recomputed", "/", "pcc", cache.clear),
        ("the force's home", "/", "force", None),
        ("actions list", reverse("actions:list"), "pcc", None),
        (
            "actions list, overdue",
            reverse("actions:list") + "?due=overdue",
            "pcc",
            None,
        ),
        (f"search “{common}”", reverse("actions:list") + f"?q={common}", "pcc", None),
        (f"search “{one}”", reverse("actions:list") + f"?q={one}", "pcc", None),
        (f"search “{month}”", reverse("actions:list") + f"?q={month}", "pcc", None),
        ("action page", reverse("actions:detail", args=[busy.pk]), "pcc", None),
        ("admin list of actions", "/admin/actions/action/", "admin", None),
    ]


def measure(path, username, runs, before):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    client.get(path)  # warm: templates compiled, trend cached
    totals, in_sql, queries = timed_gets(client, path, runs, before)
    outside = [total - sql for total, sql in zip(totals, in_sql, strict=True)]
    return (
        f"{ms(statistics.median(totals)):>10} {ms(p95(totals)):>8} "
        f"{max(queries):>8} {ms(statistics.median(in_sql)):>7} "
        f"{ms(statistics.median(outside)):>15}"
    )


def timed_gets(client, path, runs, before=None):
    """(seconds, seconds in SQL, queries) of each of `runs` GETs of `path`;
    `before` runs ahead of each, untimed."""
    from django.db import connection

    totals, in_sql, queries = [], [], []
    for _ in range(runs):
        if before:
            before()
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            response = client.get(path)
            totals.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
        in_sql.append(timer.seconds)
        queries.append(timer.count)
    return totals, in_sql, queries


class QueryTimer:
    def __init__(self):
        self.seconds, self.count = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


def ms(seconds):
    return f"{seconds * 1000:.1f}"


if __name__ == "__main__":
    main()
