"""How long the reminder sweep takes, and how many SQL queries, over many open actions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/assurance \\
        .venv/bin/python bench/reminder_sweep.py [--actions 100000 10000]

For each size, builds a fresh scratch database (Django's test database beside
DATABASE_URL's, created and dropped here; an in-memory SQLite one without
DATABASE_URL) holding that many open actions, their due dates spread from two
years ago to a year ahead, owned by 20 posts. Then it times:

- the first sweep, with an empty ledger: every overdue action is reminded;
- the same sweep again, as beat sends it every 15 minutes: nothing left to do;
- the next morning's sweep: only the actions whose weekly reminder falls that day.

Besides the seconds it took, each line gives the CPU seconds of this process
(Python: routing, rendering, the driver; the machine's other work barely changes
it) and the seconds spent waiting on SQL statements.

Run it as production runs, with DEBUG off (issue 13's targets: first sweep ≤ 3 s and
a sweep with nothing to do ≤ 0.2 s at 100,000 open actions on PostgreSQL):

    DEBUG=0 SECRET_KEY=bench ALLOWED_HOSTS=localhost SITE_URL=http://localhost \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/assurance \\
        .venv/bin/python bench/reminder_sweep.py --actions 100000

Emails go to Django's in-memory backend, so the figures are the sweep's own work.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

from scratch import scratch_database

BASE_DIR = Path(__file__).resolve().parents[1]
TODAY = datetime.date(2026, 11, 26)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, nargs="+", default=[100_000, 10_000])
    sizes = parser.parse_args().actions
    setup_django()
    warm_up()
    from django.conf import settings
    from django.db import connection

    print(
        f"database: {connection.vendor}; DEBUG: {settings.DEBUG}; "
        f"today: {TODAY:%d %b %Y}"
    )
    print(
        f"{'open actions':>12} {'sweep':>14} {'seconds':>8} {'python':>7} "
        f"{'sql':>6} {'queries':>8} {'reminders':>9} {'emails':>7}"
    )
    for size in sizes:
        with scratch_database():
            generate(size)
            for label, today in [
                ("first", TODAY),
                ("again", TODAY),
                ("next morning", next_day()),
            ]:
                seconds, cpu, sql, queries, reminders, emails = time_sweep(today)
                print(
                    f"{size:>12,} {label:>14} {seconds:>8.2f} {cpu:>7.2f} "
                    f"{sql:>6.2f} {queries:>8} {reminders:>9,} {emails:>7}"
                )


def next_day():
    return TODAY + datetime.timedelta(days=1)


def setup_django():
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assurance.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def warm_up():
    """What a worker has done before its first sweep: the URLconf imported and the
    email templates compiled (a second or more on this machine, not the sweep's)."""
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("actions:list")
    for name in ["subject", "body-text", "body-html"]:
        get_template(f"emails/reminders-{name}.html")


def generate(size):
    """`size` open actions over ten years of monthly meetings, 20 posts, 25 people."""
    import time_machine
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from actions.models import Post
    from meetings.models import AgendaItem, Meeting, MeetingType

    rng = random.Random(2021)
    users = User.objects.bulk_create(
        User(username=f"person{n}", email=f"person{n}@example.org", first_name="P")
        for n in range(25)
    )
    Group.objects.get(name="OPCC staff").user_set.add(*users[20:23])
    Group.objects.get(name="PCC").user_set.add(users[23])
    posts = Post.objects.bulk_create(
        Post(name=f"Post {n}", abbreviation=f"P{n}", organisation="force")
        for n in range(20)
    )
    for n, post in enumerate(posts):
        post.holders.add(users[n])
    kind = MeetingType.objects.create(name="Monthly Assurance Meeting")
    board = kind.boards.create(name="Police Accountability Board")
    meetings = Meeting.objects.bulk_create(
        Meeting(
            board=board,
            meeting_type=kind,
            title=f"Monthly Assurance Meeting {month}",
            date=TODAY - datetime.timedelta(days=30 * month + 800),
        )
        for month in range(120)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting, number=str(n), title="Holding to account", position=n
        )
        for meeting in meetings
        for n in range(1, 9)
    )
    # Raised and last changed before today, as a real site's actions were.
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
        create_actions(size, rng, items, posts)
    analyse()


def analyse():
    """Statistics on the new rows, as autovacuum keeps them on a real site: without
    them PostgreSQL plans for an empty table (nested loops over 70,000 rows)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def create_actions(size, rng, items, posts):
    from actions.models import Action

    Action.objects.bulk_create(
        (
            Action(
                reference=f"B/{n}",
                agenda_item=rng.choice(items),
                description=f"Benchmark action {n}: report back on progress.",
                owner=rng.choice(posts),
                due_date=TODAY + datetime.timedelta(days=rng.randint(-730, 365)),
            )
            for n in range(size)
        ),
        batch_size=5000,
    )


def time_sweep(today):
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from actions.models import Reminder
    from actions.reminders import send_due_reminders

    mail.outbox = []
    # The clock's time, as beat's sweeps have: a sweep looks again only at the
    # actions changed since the day's last one.
    now = timezone.now()
    with CaptureQueriesContext(connection) as queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        send_due_reminders(today=today, now=now)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    if os.environ.get("BENCH_SHOW_QUERIES"):
        for query in queries:
            print(f"  {query['time']:>6}s {query['sql'][:150]}")
    reminders = Reminder.objects.filter(finished_at=now, state="sent").count()
    sql = sum(float(query["time"]) for query in queries)
    return seconds, cpu, sql, len(queries), reminders, len(mail.outbox)


if __name__ == "__main__":
    main()
