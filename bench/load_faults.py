"""Load with faults: simulated users against `make prod-local` while its worker is
killed and its Redis restarted, then checks that nothing was lost or doubled.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/assurance \\
        .venv/bin/python bench/load_faults.py [--seconds 120] [--users 50]

Everything is on loopback and of its own: a scratch PostgreSQL database beside the
one DATABASE_URL names (dropped after), a redis-server on a free port, the site on a
free port, emails written as files. For at most 120 seconds, each user (OPCC staff,
signed in) mixes the dashboard, filtered lists, action pages, progress updates and
status changes; a "beat" queues a reminder sweep every two seconds, each for the
next day, so every sweep has reminders to send. A third of the way through the
worker is killed with SIGKILL (the Procfile's loop starts it again); two thirds of
the way, Redis is killed and started again, empty. It prints requests per second,
latency percentiles and errors by kind, then checks:

- no request failed with a server error (5xx);
- every write the site acknowledged (a redirect) is in the database;
- no email went twice (the same Message-ID to the same address);
- no reminder is left waiting or half-sent once the sweeps have caught up.

Exits 1 when a check fails. `.ci/run` runs it for 20 seconds.
"""

import argparse
import contextlib
import email
import email.policy
import http.cookiejar
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from assurance.tests.processes import RedisServer, free_port  # noqa: E402

PASSWORD = "assurance-demo"
SWEEP_EVERY = 2
DRAIN_LIMIT = 150


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=120, choices=range(5, 121))
    parser.add_argument("--users", type=int, default=50)
    options = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server: the site runs on it.")
    with tempfile.TemporaryDirectory() as scratch, Site(base, Path(scratch)) as site:
        load = Load(site, options.users)
        faults = Faults(site, options.seconds)
        beat = Beat()
        load.run_for(options.seconds, during=[faults.run, beat.run])
        load.report(options.seconds, faults.done)
        failures = check(site, load, beat)
    print("integrity: " + ("FAILED" if failures else "all checks passed"))
    sys.exit(1 if failures else 0)


class Site:
    """`make prod-local` on a scratch database, its own Redis and a free port."""

    def __init__(self, base_url, scratch):
        self.scratch = scratch
        self.db = f"assurance_faults_{os.getpid()}"
        self.redis = RedisServer(scratch)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mail = scratch / "mail"
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "PROD_DB": self.db,
            "DATABASE_URL": base_url.rsplit("/", 1)[0] + "/" + self.db,
            "REDIS_URL": self.redis.url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECRET_KEY": f"load-faults-{uuid.uuid4().hex}",
            "CELERY_BROKER_URL": "",
            "PORT": str(self.port),
            "SITE_URL": self.url,
            "EMAIL_URL": f"filemail:///{self.mail}",
            # A killed sweep's rows are taken over after a minute, not fifteen.
            "REMINDER_CLAIM_TIMEOUT_MINUTES": "1",
            "LOG_LEVEL": "WARNING",
            "C_FORCE_ROOT": "1",
        }

    def __enter__(self):
        try:
            self._start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start(self):
        self.redis.start()
        self._psql(f"CREATE DATABASE {self.db}")
        manage = [sys.executable, "manage.py"]
        for command in [
            ["migrate"],
            ["seed_demo", "--force"],
            ["generate_load", "--actions", "600", "--force"],
        ]:
            subprocess.run(
                manage + command,
                cwd=BASE_DIR,
                env=self.env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        self.log = open(self.scratch / "prod-local.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "prod-local"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_healthy()
        os.environ.update(self.env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "assurance.settings"
        import django

        django.setup()
        self.django_ready = True

    def __exit__(self, *exc):
        """Stops whatever was started, and drops the scratch database."""
        if process := getattr(self, "process", None):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
            self.log.close()
        if self.redis.process and self.redis.process.poll() is None:
            self.redis.kill()
        if getattr(self, "django_ready", False):
            from django.db import connections

            connections.close_all()
        self._psql(f"DROP DATABASE IF EXISTS {self.db}")

    def worker_pid(self):
        """The Celery worker's main process, a child of its keep-running loop."""
        out = subprocess.run(
            ["ps", "-eo", "pid,ppid,args"], capture_output=True, text=True, check=True
        ).stdout
        rows = [line.split(None, 2) for line in out.splitlines()[1:]]
        loops = {
            pid
            for pid, _, args in rows
            if args.startswith("/bin/sh bin/keep-running celery --app=assurance worker")
        }
        return next(int(pid) for pid, ppid, _ in rows if ppid in loops)

    def _psql(self, sql):
        url = self.env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", url, "-qc", sql], check=True)

    def _wait_until_healthy(self):
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(self.url + "/healthz", timeout=10) as answer,
            ):
                if answer.status == 200:
                    return
            if self.process.poll() is not None:
                sys.exit(f"make prod-local stopped; see {self.log.name}")
            time.sleep(1)
        sys.exit("The site was not healthy within 5 minutes.")


class User:
    """One person signed in as OPCC staff, with their own cookies."""

    def __init__(self, site, load, signed_in=None):
        self.site, self.load = site, load
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        if signed_in:
            # The session of one sign-in: 50 password checks at once would measure
            # only the password hasher.
            for cookie in signed_in.jar:
                self.jar.set_cookie(cookie)
            return
        self.request("GET", "/accounts/login/", kind="sign in")
        self.request(
            "POST",
            "/accounts/login/",
            {"username": "opcc", "password": PASSWORD},
            kind="sign in",
        )

    def csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, method, path, data=None, kind="page"):
        body = None
        headers = {"Referer": self.site.url + path}
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(
            self.site.url + path,
            data=body and body.encode(),
            method=method,
            headers=headers,
        )
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        except (OSError, TimeoutError) as error:
            status, text = type(error).__name__, ""
        self.load.record(kind, status, time.monotonic() - started)
        return status, text

    def act(self, actions):
        pk = random.choice(actions)
        choice = random.random()
        if choice < 0.25:
            self.request("GET", "/")
        elif choice < 0.5:
            query = random.choice(["status=open", "due=overdue", "due=soon", "q=SOC"])
            self.request("GET", f"/actions/?{query}")
        elif choice < 0.7:
            self.request("GET", f"/actions/{pk}/")
        elif choice < 0.85:
            self.add_update(pk)
        else:
            self.change_status(pk)

    def add_update(self, pk):
        token = f"load-{uuid.uuid4().hex}"
        status, _ = self.request(
            "POST", f"/actions/{pk}/updates/", {"text": token}, kind="write"
        )
        if status == 302:
            self.load.acknowledged_updates.append(token)

    def change_status(self, pk):
        status, page = self.request("GET", f"/actions/{pk}/")
        forms = re.findall(
            r'name="to" value="(\w+)".*?name="version" value="(\d+)"', page, re.DOTALL
        )
        forms = [
            (to, version) for to, version in forms if to in ("in_progress", "completed")
        ]
        if status != 200 or not forms:
            return
        to, version = random.choice(forms)
        status, _ = self.request(
            "POST",
            f"/actions/{pk}/status/",
            {"to": to, "version": version, "reason": "Load test"},
            kind="write",
        )
        if status == 302:
            self.load.acknowledged_changes.append((pk, to, int(version) + 1))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is the answer to a write: keep it, do not follow it."""

    def redirect_request(self, *args, **kwargs):
        return None


class Load:
    def __init__(self, site, users):
        self.site, self.users = site, users
        self.lock = threading.Lock()
        self.latencies, self.outcomes = [], Counter()
        self.server_errors = 0
        self.acknowledged_updates, self.acknowledged_changes = [], []

    def record(self, kind, status, seconds):
        with self.lock:
            self.latencies.append(seconds)
            if status in (200, 302):
                self.outcomes["ok"] += 1
            elif status == 409:
                self.outcomes["409 changed meanwhile (expected)"] += 1
            else:
                self.outcomes[f"{kind}: {status}"] += 1
            if isinstance(status, int) and status >= 500:
                self.server_errors += 1

    def run_for(self, seconds, during):
        from actions.models import Action

        actions = list(
            Action.objects.filter(status__in=["open", "in_progress"]).values_list(
                "pk", flat=True
            )
        )
        signed_in = User(self.site, self)
        self.latencies.clear()
        self.outcomes.clear()
        self.deadline = time.monotonic() + seconds
        threads = [
            threading.Thread(target=self._user, args=(actions, signed_in))
            for _ in range(self.users)
        ]
        threads += [
            threading.Thread(target=job, args=(self.deadline,)) for job in during
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _user(self, actions, signed_in):
        user = User(self.site, self, signed_in)
        while time.monotonic() < self.deadline:
            user.act(actions)

    def report(self, seconds, faults):
        latencies = sorted(self.latencies)
        q = statistics.quantiles(latencies, n=100)
        print(
            f"{len(latencies)} requests in {seconds} s by {self.users} users: "
            f"{len(latencies) / seconds:.1f} requests/s"
        )
        print(
            f"latency ms: p50 {q[49] * 1000:.0f}  p95 {q[94] * 1000:.0f}  "
            f"p99 {q[98] * 1000:.0f}  max {latencies[-1] * 1000:.0f}"
        )
        for outcome, count in sorted(self.outcomes.items()):
            print(f"  {outcome}: {count}")
        print(
            f"writes acknowledged: {len(self.acknowledged_updates)} updates, "
            f"{len(self.acknowledged_changes)} status changes"
        )
        print("faults: " + "; ".join(faults))


class Faults:
    def __init__(self, site, seconds):
        self.site, self.seconds, self.done = site, seconds, []

    def run(self, deadline):
        started = time.monotonic()
        time.sleep(self.seconds / 3)
        pid = self.site.worker_pid()
        os.kill(pid, signal.SIGKILL)
        self.done.append(f"worker {pid} killed at {time.monotonic() - started:.0f} s")
        time.sleep(max(0, started + 2 * self.seconds / 3 - time.monotonic()))
        self.site.redis.kill()
        time.sleep(1)
        self.site.redis.start()
        self.done.append(f"Redis restarted empty at {time.monotonic() - started:.0f} s")


class Beat:
    """Queues a sweep every SWEEP_EVERY seconds, each for the next day."""

    def __init__(self):
        import datetime

        self.day = datetime.date.today()
        self.queued = self.lost = 0

    def run(self, deadline):
        import datetime

        while time.monotonic() < deadline:
            self.day += datetime.timedelta(days=1)
            self.queue(self.day)
            time.sleep(SWEEP_EVERY)

    def queue(self, day):
        from actions.tasks import send_due_reminders

        try:
            send_due_reminders.apply_async([day.isoformat()], retry=False)
            self.queued += 1
        # Redis down: as for beat, that sweep is skipped; the next one catches up.
        except Exception:  # noqa: BLE001
            self.lost += 1


def check(site, load, beat):
    from actions.models import Action, ActionUpdate, Reminder

    failures = []
    found = set(
        ActionUpdate.objects.filter(text__in=load.acknowledged_updates).values_list(
            "text", flat=True
        )
    )
    if missing := set(load.acknowledged_updates) - found:
        failures.append(f"{len(missing)} acknowledged updates are not in the database")
    for pk, to, version in load.acknowledged_changes:
        if not Action.history.filter(id=pk, status=to, version=version).exists():
            failures.append(f"action {pk}: acknowledged change to {to} is not recorded")
    print(f"acknowledged writes missing: {len(failures)}")
    # Sessions and pages must outlive a Redis restart (assurance.sessions).
    if load.server_errors:
        failures.append(f"{load.server_errors} requests failed with a server error")

    unfinished = _drain(beat)
    print(
        f"sweeps queued: {beat.queued} (+{beat.lost} lost while Redis was down); "
        f"reminders left waiting or half-sent: {unfinished}"
    )
    if unfinished:
        failures.append(f"{unfinished} reminders were left unsent")
    sent = Counter(_emails(site.mail))
    doubled = {key: n for key, n in sent.items() if n > 1}
    print(
        f"emails: {sum(sent.values())}, sent twice: {len(doubled)}; "
        f"reminders sent: {Reminder.objects.filter(state='sent').count()}"
    )
    if doubled:
        failures.append(f"{len(doubled)} emails went twice")
    for failure in failures:
        print("FAILED: " + failure)
    return failures


def _drain(beat):
    """Sweep the last day again until no reminder waits (a killed sweep's rows are
    taken over once their one-minute claim has timed out)."""
    from actions.models import Reminder

    waiting = Reminder.objects.filter(state__in=["pending", "sending"])
    deadline = time.monotonic() + DRAIN_LIMIT
    while waiting.exists() and time.monotonic() < deadline:
        beat.queue(beat.day)
        time.sleep(5)
    return waiting.count()


def _emails(folder):
    """(Message-ID, To) of every email written."""
    separator = b"\n" + b"-" * 79 + b"\n"
    for path in folder.glob("*") if folder.exists() else []:
        for raw in path.read_bytes().split(separator):
            if raw.strip():
                message = email.message_from_bytes(raw, policy=email.policy.default)
                yield str(message["Message-ID"]), str(message["To"])


if __name__ == "__main__":
    main()
