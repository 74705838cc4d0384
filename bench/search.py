"""How fast the search answers over 100,000 actions and 10,000 meetings, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/assurance_search_bench \\
        .venv/bin/python bench/search.py [--runs 40] [--keep]

The database named by DATABASE_URL is filled once, as bench/http_load.py fills it
(migrate, seed_demo, `generate_load --actions 100000`), then given meetings up to
10,000, each with six minuted items of a few hundred words of discussion and a
decision, written with bulk_create; then one in 50 items and decisions and one in
100 actions are marked OFFICIAL-SENSITIVE, so that a force user's need-to-know
leaves something out; VACUUM ANALYZE. --keep keeps it for the next run; without
it the database is dropped at the end.

Each search (a rare word, a common word, a two-word phrase, a quoted phrase, an
action's reference) is timed through Django's test client, as the PCC (who sees
everything) and as a force user (need-to-know applies), then through real HTTP
(gunicorn -w 2, DEBUG off, one keep-alive-less request at a time, as the PCC).
p50 and p95 of --runs requests each, with the machine's load average: the machine
is shared, and its load moves the figures; a baseline page that does almost
nothing (the password change form) is timed the same way, to show how much.

(Run as a script, this file is `__main__`; `search` still imports the app, as
setup_django puts the checkout ahead of bench/ on the path.)
"""

import argparse
import os
import random
import statistics
import sys
import time
import urllib.parse

from http_load import (
    BASE_DIR,
    drop_database,
    fill,
    gunicorn,
    http_times,
    server_environment,
    setup_django,
    sign_in,
)
from pages import QueryTimer, ms, p95

MEETINGS = 10_000
ACTIONS = 100_000
ITEMS_PER_MEETING = 6
RARE = "Trebuchet"
# One in how many of each is marked OFFICIAL-SENSITIVE.
SENSITIVE_ONE_IN = {
    "meetings_agendaitem": 50,
    "actions_action": 100,
    "boards_decision": 50,
}
# A signed-in page with no queries of its own: the cost of the framework.
BASELINE = "/accounts/password_change/"
SENTENCES = [
    "The PCC asked the CC how neighbourhood policing would be resourced.",
    "The DCC said that the force management statement would be refreshed.",
    "Officers in custody suites have completed the new training.",
    "Partners raised concerns about the response to antisocial behaviour.",
    "The ACC outlined the plan for the summer's road safety campaign.",
    "Victim satisfaction has risen in three of the four policing areas.",
    "The Board noted the audit committee's comments on the estate strategy.",
    "Call answer times for 101 remain below the target.",
    "Stop and search scrutiny panels now meet monthly.",
    "The Chief Finance Officer reported an underspend on overtime.",
    "Community profiles are shared with local authority partners.",
    "The force will report back on domestic abuse outcomes.",
]
TOPICS = [
    "Neighbourhood policing",
    "Custody",
    "Finance and budget monitoring",
    "Road safety",
    "Domestic abuse",
    "Estates",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own.")
    # DEBUG-off settings refuse to start without it; the client sends this host.
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    environment = server_environment()
    setup_django()
    try:
        fill(ACTIONS, environment)
        add_meetings(MEETINGS)
        mark_some()
        report(options.runs, environment)
    finally:
        if not options.keep:
            drop_database()


def add_meetings(total):
    """Meetings, items with discussion, and decisions, up to `total` meetings."""
    from django.db import connection, transaction

    from boards.models import Board, Decision
    from meetings.models import AgendaItem, Meeting, MeetingType

    missing = total - Meeting.objects.count()
    if missing <= 0:
        return
    started = time.perf_counter()
    rng = random.Random(2021)
    kind, _ = MeetingType.objects.get_or_create(name="Local Policing Board")
    board = Board.for_meeting_type(kind)
    with transaction.atomic():
        meetings = Meeting.objects.bulk_create(
            (
                Meeting(
                    board=board,
                    meeting_type=kind,
                    title=f"Local Policing Board {number} (generated)",
                    date=_date(number),
                    status=Meeting.Status.PUBLISHED,
                )
                for number in range(missing)
            ),
            batch_size=2_000,
        )
        items = AgendaItem.objects.bulk_create(
            (
                AgendaItem(
                    meeting=meeting,
                    number=str(number),
                    title=TOPICS[number % len(TOPICS)],
                    discussion=_discussion(rng),
                    position=number,
                )
                for meeting in meetings
                for number in range(1, ITEMS_PER_MEETING + 1)
            ),
            batch_size=2_000,
        )
        # A word in three items only.
        for item in rng.sample(items, 3):
            item.discussion += f"<p>The {RARE} review reported.</p>"
            item.save(update_fields=["discussion"])
        Decision.objects.bulk_create(
            (
                Decision(
                    agenda_item=item,
                    number=f"G{item.pk}/D1",
                    text=f"RESOLVED: the {item.title.lower()} report is noted.",
                )
                for item in items[::ITEMS_PER_MEETING]
            ),
            batch_size=2_000,
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"added {missing:,} meetings, {len(items):,} items in "
        f"{time.perf_counter() - started:.0f} s"
    )


def mark_some():
    """Some items, actions and decisions marked OFFICIAL-SENSITIVE (once), so that
    a force user's need-to-know leaves something out, as it does in real minutes."""
    from django.db import connection

    from meetings.marking import Marking

    withheld = (
        f"marking = '{Marking.OFFICIAL_SENSITIVE}', publication = 'withhold', "
        "exemption = 'section 31 — law enforcement'"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM meetings_agendaitem WHERE marking = %s LIMIT 1",
            [Marking.OFFICIAL_SENSITIVE],
        )
        if cursor.fetchone():
            return
        for table, every in SENSITIVE_ONE_IN.items():
            cursor.execute(f"UPDATE {table} SET {withheld} WHERE id % {every} = 0")
        cursor.execute("VACUUM ANALYZE")
    print("marked some records OFFICIAL-SENSITIVE")


def _date(number):
    import datetime

    return datetime.date(2000, 1, 3) + datetime.timedelta(days=number)


def _discussion(rng):
    paragraphs = (
        " ".join(rng.sample(SENTENCES, rng.randint(2, 4)))
        for _ in range(rng.randint(2, 4))
    )
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def searches():
    from actions.models import Action

    reference = Action.objects.filter(reference__startswith="L2019-05/").last()
    return [
        ("rare word", RARE),
        ("common word", "policing"),
        ("two words", "road safety"),
        ("quoted phrase", '"neighbourhood policing"'),
        ("reference", reference.reference),
        ("HMICFRS", "HMICFRS"),
    ]


def report(runs, environment):
    from actions.models import Action
    from meetings.models import AgendaItem, Meeting

    print(
        f"{Action.objects.count():,} actions, {Meeting.objects.count():,} meetings, "
        f"{AgendaItem.objects.count():,} items; {runs} requests each"
    )
    print(f"load before: {_load()}")
    print(
        f"{'search':16} {'as':5} {'via':6} {'p50 ms':>7} {'p95 ms':>7} {'queries':>8}"
    )
    for username in ("pcc", "force"):
        client = _client(username)
        # What the machine's load does to a page that does almost nothing.
        figures = _timed_client(client, BASELINE, runs)
        print(f"{'(baseline page)':16} {username:5} {'client':6} {figures}")
        for name, text in searches():
            figures = _timed_client(client, _path(text), runs)
            print(f"{name:16} {username:5} {'client':6} {figures}")
    with gunicorn(BASE_DIR, environment):
        cookie = _signed_in_over_http()
        figures = _timed_http(BASELINE, cookie, runs)
        print(f"{'(baseline page)':16} {'pcc':5} {'HTTP':6} {figures}")
        for name, text in searches():
            figures = _timed_http(_path(text), cookie, runs)
            print(f"{name:16} {'pcc':5} {'HTTP':6} {figures}")
    print(f"load after: {_load()}")


def _signed_in_over_http(tries=3):
    """On a busy machine a worker's first request can outlast gunicorn's timeout
    while it imports the code; the next one is answered."""
    for _ in range(tries - 1):
        try:
            return sign_in()
        except OSError:
            time.sleep(1)
    return sign_in()


def _path(text):
    return "/search/?" + urllib.parse.urlencode({"q": text})


def _client(username):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _timed_client(client, path, runs):
    from django.db import connection

    client.get(path)  # warm
    times, queries = [], 0
    for _ in range(runs):
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
        queries = max(queries, timer.count)
    return f"{ms(statistics.median(times)):>7} {ms(p95(times)):>7} {queries:>8}"


def _timed_http(path, cookie, runs):
    times = http_times(path, cookie, runs)
    return f"{ms(statistics.median(times)):>7} {ms(p95(times)):>7} {'':>8}"


def _load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
