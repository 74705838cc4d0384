"""What recording and sending notifications costs: per event, and per sweep.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/assurance \\
        .venv/bin/python bench/notification_sweep.py [--events 10000 1000]

For each size, builds a scratch database (see scratch.py) with 20 force posts, one
holder each, three OPCC staff and one open action per event, then:

- records that many events (due date changed, told to the owner post's holder, and
  completed, told to OPCC staff, alternately) as the signal's listener does, after
  commit, one at a time;
- sends them, ten minutes on: one email per person, everything in it.

Emails go to Django's in-memory backend, so the figures are our own work.
"""

import argparse
import datetime
import time

from reminder_sweep import setup_django
from scratch import scratch_database

T0 = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=datetime.UTC)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 1_000])
    sizes = parser.parse_args().events
    setup_django()
    from django.db import connection

    print(f"database: {connection.vendor}")
    print(
        f"{'events':>7} {'record s':>9} {'queries/event':>13} {'send s':>7} "
        f"{'queries':>8} {'emails':>7} {'rows sent':>9}"
    )
    for size in sizes:
        with scratch_database():
            actions, by = generate(size)
            record_s, record_q = time_recording(actions, by)
            send_s, send_q, emails, sent = time_sending()
            print(
                f"{size:>7,} {record_s:>9.2f} {record_q / size:>13.1f} "
                f"{send_s:>7.2f} {send_q:>8} {emails:>7} {sent:>9,}"
            )


def generate(size):
    from django.contrib.auth.models import Group, User

    from actions.models import Action, Post
    from meetings.models import AgendaItem, Meeting, MeetingType

    users = User.objects.bulk_create(
        User(username=f"person{n}", email=f"person{n}@example.org", first_name="P")
        for n in range(24)
    )
    Group.objects.get(name="OPCC staff").user_set.add(*users[20:23])
    posts = Post.objects.bulk_create(
        Post(name=f"Post {n}", abbreviation=f"P{n}", organisation="force")
        for n in range(20)
    )
    for post, user in zip(posts, users, strict=False):
        post.holders.add(user)
    kind = MeetingType.objects.create(name="Monthly Assurance Meeting")
    board = kind.boards.create(name="Police Accountability Board")
    meeting = Meeting.objects.create(
        board=board, meeting_type=kind, title="Monthly", date=T0.date()
    )
    item = AgendaItem.objects.create(meeting=meeting, number="1", title="Items")
    actions = Action.objects.bulk_create(
        (
            Action(
                reference=f"B/{n}",
                agenda_item=item,
                description=f"Benchmark action {n}: report back on progress.",
                owner=posts[n % 20],
                due_date=T0.date(),
            )
            for n in range(size)
        ),
        batch_size=5000,
    )
    return actions, users[23]


class Counter:
    """Counts queries however many there are (Django's own log keeps 9,000)."""

    count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def time_recording(actions, by):
    from django.db import connection

    from actions.events import ActionEvent
    from notifications.services import record_event

    kinds = ["due_date_changed", "completed"]
    queries = Counter()
    with connection.execute_wrapper(queries):
        started = time.perf_counter()
        for n, action in enumerate(actions):
            record_event(ActionEvent(kinds[n % 2], action.pk, by.pk, T0, "Reason."))
        seconds = time.perf_counter() - started
    return seconds, queries.count


def time_sending():
    from django.core import mail
    from django.db import connection

    from notifications.models import Notification
    from notifications.services import send_notifications

    mail.outbox = []
    queries = Counter()
    with connection.execute_wrapper(queries):
        started = time.perf_counter()
        send_notifications(now=T0 + datetime.timedelta(minutes=10))
        seconds = time.perf_counter() - started
    sent = Notification.objects.filter(state="sent").count()
    return seconds, queries.count, len(mail.outbox), sent


if __name__ == "__main__":
    main()
