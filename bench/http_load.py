"""Requests per second and latency of the busiest pages through real HTTP.

(Not bench/http.py: a file of that name beside the other scripts would stand in for
the standard library's `http` package in every one of them.)

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/assurance_bench \\
        .venv/bin/python bench/http_load.py [--actions 50000] [--concurrency 1 8 32]
        [--seconds 10] [--source DIR] [--keep] [--port 8765]

Through gunicorn (`-w 2`, DEBUG off, as in production) and wrk, unlike
bench/pages.py's test client, which keeps one connection and so hides the cost of
opening one. The database named by DATABASE_URL is filled once (migrate, seed_demo,
`generate_load --actions N`, VACUUM ANALYZE) and kept with --keep for the next run;
without --keep it is dropped at the end. Signed in as `pcc`, wrk drives the dashboard,
the actions list and an action page, and, signed out, the sign-in page, at each
concurrency, printing requests/s and p50/p95/p99.

"Dashboard ÷ its SQL" is the dashboard's median time at concurrency 1 over the time of
its own queries: they are recorded from one request and replayed on a connection
that has run them before, the median of 20 replays.

--source DIR serves another checkout of the code (e.g. `git archive` of an older
commit unpacked) against the same database, to compare before and after in one run;
the SQL ratio is printed only for this checkout's own code. wrk comes
from Debian: the script installs it with apt-get when it runs as root, or says how.
"""

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
PASSWORD = "assurance-demo"
PORT = 8765
# wrk prints only the percentiles it is asked for in a done() callback.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("result %d %d %d %.3f %.3f %.3f\\n",
    summary.requests, summary.duration, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def main():
    global PORT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=50_000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--source", type=Path, default=BASE_DIR)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    # Another on the same machine (a second checkout's run) needs a port of its own.
    parser.add_argument("--port", type=int, default=PORT)
    options = parser.parse_args()
    PORT = options.port
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own.")
    wrk = find_wrk()
    environment = server_environment()
    setup_django()
    try:
        fill(options.actions, environment)
        pages = page_paths()
        with gunicorn(options.source.resolve(), environment):
            cookie = sign_in()
            print(
                f"gunicorn -w 2, DEBUG off, {options.actions:,} actions; "
                f"source {options.source}; load {os.getloadavg()[0]:.1f}"
            )
            print(
                f"{'page':22} {'conc':>5} {'req/s':>8} {'p50 ms':>8} "
                f"{'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
            )
            for name, path, signed_in in pages:
                for concurrency in options.concurrency:
                    figures = run_wrk(
                        wrk,
                        path,
                        concurrency,
                        options.seconds,
                        cookie if signed_in else "",
                    )
                    print(f"{name:22} {concurrency:>5} {figures}")
            http_ms = median_http_ms("/", cookie)
        print(f"dashboard: {http_ms:.1f} ms median over HTTP at concurrency 1")
        if options.source.resolve() == BASE_DIR:
            # Recorded in this process, so only of this checkout's dashboard.
            sql_ms = dashboard_sql_ms()
            print(
                f"dashboard: its queries {sql_ms:.1f} ms: "
                f"{http_ms / sql_ms:.2f}× its SQL time"
            )
    finally:
        if not options.keep:
            drop_database()


def find_wrk():
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (apt-get install -y wrk)...")
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True
        )
        wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is needed: apt-get install -y wrk (Debian/Ubuntu).")
    return wrk


def server_environment():
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-not-a-secret",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "0",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
    }


def setup_django():
    os.environ.update(server_environment())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assurance.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def fill(size, environment):
    """Migrate and fill the database once; a kept one is used as it is."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    exists = subprocess.run(
        [
            "psql",
            admin_url(),
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "--maintenance-db", admin_url(), name], check=True)
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=environment, check=True)
    from actions.models import Action

    if Action.objects.filter(reference__startswith="L").exists():
        return
    started = time.perf_counter()
    for command in (
        ["seed_demo", "--force"],
        ["generate_load", f"--actions={size}", "--force"],
    ):
        subprocess.run(
            [*manage, *command], env=environment, check=True, stdout=subprocess.DEVNULL
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"filled in {time.perf_counter() - started:.0f} s")


def admin_url():
    """The same server's maintenance database."""
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(parts._replace(path="/postgres"))


def drop_database():
    from django.db import connection

    name = connection.settings_dict["NAME"]
    connection.close()
    subprocess.run(
        ["dropdb", "--maintenance-db", admin_url(), "--if-exists", name], check=False
    )


def page_paths():
    from actions.models import Action

    busy = (
        Action.objects.open()
        .filter(reference__startswith="L", updates__isnull=False)
        .order_by("due_date")
        .first()
    )
    return [
        ("dashboard", "/", True),
        ("actions list", "/actions/", True),
        ("action page", f"/actions/{busy.pk}/", True),
        ("sign-in page, signed out", "/accounts/login/", False),
    ]


class gunicorn:
    def __init__(self, source, environment):
        self.source, self.environment = source, environment

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "assurance.wsgi",
                "--chdir",
                str(self.source),
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--log-level",
                "warning",
            ],
            # From the source's folder: `python -m` looks for modules there first.
            cwd=self.source,
            env={**self.environment, "PYTHONPATH": str(self.source)},
        )
        for _ in range(100):
            if socket.socket().connect_ex(("127.0.0.1", PORT)) == 0:
                return self
            time.sleep(0.1)
        self.__exit__()
        sys.exit("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def sign_in():
    """The session and CSRF cookies of `pcc`, signed in through the sign-in page."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"http://127.0.0.1:{PORT}/accounts/login/"
    opener.open(url).read()
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    form = {"username": "pcc", "password": PASSWORD, "csrfmiddlewaretoken": csrf}
    opener.open(url, urllib.parse.urlencode(form).encode()).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        sys.exit("Could not sign in as pcc.")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def run_wrk(wrk, path, concurrency, seconds, cookie):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        command = [
            wrk,
            f"-t{min(concurrency, 2)}",
            f"-c{concurrency}",
            f"-d{seconds}s",
            "-s",
            script.name,
            f"http://127.0.0.1:{PORT}{path}",
        ]
        if cookie:
            command[1:1] = ["-H", f"Cookie: {cookie}"]
        output = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(
        line for line in output.stdout.splitlines() if line.startswith("result ")
    )
    requests, micros, errors, p50, p95, p99 = line.split()[1:]
    rate = int(requests) / (int(micros) / 1e6)
    return (
        f"{rate:>8.1f} {float(p50):>8.1f} {float(p95):>8.1f} {float(p99):>8.1f} "
        f"{int(errors):>7}"
    )


def median_http_ms(path, cookie, runs=40):
    return statistics.median(http_times(path, cookie, runs)) * 1000


def http_times(path, cookie, runs):
    """Seconds for each of `runs` GETs of `path`, one at a time, after two that
    warm both gunicorn workers."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": cookie}
    )
    times = []
    for _ in range(runs + 2):
        started = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
        times.append(time.perf_counter() - started)
    return times[2:]


def dashboard_sql_ms(replays=20):
    """The dashboard's own queries, recorded from one request through the test
    client, then replayed on this process's (warm) connection."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    recorded = []

    def record(execute, sql, params, many, context):
        recorded.append((sql, params))
        return execute(sql, params, many, context)

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="pcc"))
    client.get("/")
    with connection.execute_wrapper(record):
        assert client.get("/").status_code == 200
    times = []
    with connection.cursor() as cursor:
        for _ in range(replays + 2):
            started = time.perf_counter()
            for sql, params in recorded:
                cursor.execute(sql, params)
                if cursor.description:
                    cursor.fetchall()
            times.append(time.perf_counter() - started)
    return statistics.median(times[2:]) * 1000


if __name__ == "__main__":
    main()
