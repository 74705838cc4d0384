import datetime
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from actions.reminders import preview_due_reminders, send_due_reminders


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"“{value}” is not a date like 2021-09-24.") from None


class Command(BaseCommand):
    help = (
        "Run the reminder sweep now, in the foreground, and list what it sent. "
        "Safe to run at any time: a reminder already sent is not sent again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=str,
            help="Sweep as if today were this date, YYYY-MM-DD "
            "(default: today in Europe/London).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be sent; record and send nothing.",
        )

    def handle(self, *args, today, dry_run, **options):
        today = iso_date(today) if today else timezone.localdate()
        self._warn_if_site_url_is_the_default()
        if dry_run:
            digests, report = preview_due_reminders(today=today)
            self._list("Would send", digests, today)
        else:
            report = send_due_reminders(today=today)
            digests = report.sent
            self._list("Sent", digests, today)
            for digest, error in report.failed:
                self.stderr.write(f"Failed: {digest.address}: {error}")
            if report.cancelled:
                self.stdout.write(f"{report.cancelled} reminders no longer needed.")
            self._say_what_another_sweep_holds(report.held_elsewhere)
        for problem in report.problems:
            self.stdout.write(f"Problem: {problem}")
        for reason in set(report.unsendable.values()):
            self.stderr.write(f"Not sent: {reason}")
        if report.failed:
            raise CommandError(
                f"{len(report.failed)} emails failed; they will be sent again by "
                "the next sweep."
            )

    def _say_what_another_sweep_holds(self, held):
        # Rows a sweep was sending when its worker or database went away stay
        # claimed until the timeout: "Sent 0 emails" alone would hide them.
        if not held.get("count"):
            return
        since = timezone.localtime(held["since"])
        free = since + datetime.timedelta(
            minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES
        )
        self.stderr.write(
            self.style.WARNING(
                f"{held['count']} reminders are held by another sweep since "
                f"{since:%H:%M:%S}. If that sweep has stopped, the first sweep "
                f"after {free:%H:%M:%S} sends them (REMINDER_CLAIM_TIMEOUT_MINUTES)."
            )
        )

    def _warn_if_site_url_is_the_default(self):
        # Settings fall back to port 8000 under DEBUG, so only the environment
        # (or .env, which settings copy into it) tells a chosen address from that
        # default; a server on another port would get links that go nowhere.
        if os.environ.get("SITE_URL"):
            return
        self.stderr.write(
            self.style.WARNING(
                f"SITE_URL is not set, so links in the emails start with "
                f"{settings.SITE_URL}. If Assurance is served elsewhere, set it "
                "to that address, e.g. SITE_URL=http://127.0.0.1:8001 "
                ".venv/bin/python manage.py send_reminders, or in .env."
            )
        )

    def _list(self, verb, digests, today):
        self.stdout.write(
            f"{verb} {len(digests)} email{'s' if len(digests) != 1 else ''} "
            f"for {date_format(today, 'j M Y')}."
        )
        for digest in digests:
            self.stdout.write(f"{digest.name} <{digest.address}>:")
            for item in digest.items:
                copied = " (copy)" if item.copied else ""
                self.stdout.write(
                    f"  {item.reminder.kind_label}{copied}: "
                    f"{item.reminder.reference} "
                    f"{Truncator(item.reminder.description).chars(60)}"
                )
