"""The issue-13 figures on a database already filled: pages, search, the trend after
a new action, and the exports.

    createdb -h 127.0.0.1 -U postgres assurance_1m
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/assurance_1m
    DEBUG=1 .venv/bin/python manage.py migrate
    DEBUG=1 .venv/bin/python manage.py seed_demo
    DEBUG=1 .venv/bin/python manage.py generate_load --actions 1000000
    psql "$DATABASE_URL" -c "VACUUM ANALYZE"
    .venv/bin/python bench/scale.py [--runs 20] [--exports]

Pages are requested through Django's test client as the PCC, warm (one connection,
templates compiled, the trend's month ends kept), DEBUG off. "Trend after a new
action" raises an action at the newest meeting, then times the next dashboard. With
--exports, the whole actions list is built as CSV and as XLSX as a Celery worker
builds a download (in this process, MEDIA_ROOT's file deleted after), timed, with the
growth of this process's peak memory. Each run adds actions (L-prefixed
references are left alone).
"""

import argparse
import resource
import statistics
import time

from pages import ms, p95, setup_django, timed_gets


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--exports", action="store_true")
    options = parser.parse_args()
    setup_django()
    from actions.models import Action

    print(f"{Action.objects.count():,} actions")
    print(f"{'page':34} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'SQL ms':>7}")
    client = signed_in("pcc")
    for name, path in pages():
        print(f"{name:34} " + measure(client, path, options.runs))
    print(f"{'trend after a new action':34} " + after_new_action(client))
    if options.exports:
        for file_type in ("csv", "xlsx"):
            print(export(file_type))


def signed_in(username):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    return client


def pages():
    from actions.models import Action

    one = Action.objects.filter(reference__startswith="L2019-05/").last().reference
    return [
        ("dashboard", "/"),
        ("actions list", "/actions/"),
        ("actions list, overdue", "/actions/?due=overdue"),
        ("search “HMICFRS”", "/actions/?q=HMICFRS"),
        ("search “neighbourhood policing”", "/actions/?q=neighbourhood+policing"),
        (f"search “{one}”", f"/actions/?q={one}"),
    ]


def measure(client, path, runs, before=None):
    client.get(path)
    totals, in_sql, queries = timed_gets(client, path, runs, before)
    return (
        f"{ms(statistics.median(totals)):>10} {ms(p95(totals)):>8} "
        f"{max(queries):>8} {ms(statistics.median(in_sql)):>7}"
    )


def after_new_action(client):
    from django.contrib.auth import get_user_model

    from actions.services import raise_action
    from meetings.models import AgendaItem

    item = AgendaItem.objects.order_by("-meeting__date", "-pk").first()
    opcc = get_user_model().objects.get(username="opcc")

    def new_action():
        raise_action(
            item,
            by=opcc,
            description="Report back on the benchmark.",
            owner=None,
            due_date=None,
            due_phrase="",
        )

    return measure(client, "/", 10, before=new_action)


def export(file_type):
    """The whole list built as a background download is, in this process."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from downloads.models import Download
    from downloads.services import build_download

    download = Download.objects.create(
        user=get_user_model().objects.get(username="pcc"),
        file_type=file_type,
        name="bench",
    )
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    build_download(download, today=timezone.localdate())
    seconds = time.perf_counter() - started
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    download.refresh_from_db()
    size = download.file.size
    download.file.delete()
    return (
        f"export .{file_type}: {download.rows_done:,} rows in {seconds:.2f} s, "
        f"{size / 1e6:.1f} MB, peak memory +{growth / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
