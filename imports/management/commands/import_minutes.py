import argparse
import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actions.models import Organisation
from imports.services import DuplicateMinutes, import_minutes, match_posts
from meetings.importer import (
    MinutesError,
    date_minutes,
    read_minutes_in_time,
    refuse_oversize,
)
from meetings.models import Meeting


class Undated(Exception):
    """Minutes with no meeting date, and none given with --date."""


class Command(BaseCommand):
    help = (
        "Import minutes (.pdf, .docx, .html, .txt exports): each file in its own "
        "transaction, so one bad file leaves the others and the database untouched."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check, save nothing."
        )
        parser.add_argument(
            "--json",
            dest="as_json",
            action="store_true",
            help="Print what was (or would be) created, a JSON object per file.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace a draft meeting imported before from the same minutes.",
        )
        parser.add_argument(
            "--encoding", help="Text encoding of .txt/.html files (default UTF-8)."
        )
        parser.add_argument(
            "--date",
            type=_iso_date,
            metavar="YYYY-MM-DD",
            help="The meeting's date, for minutes that give none or give it wrong.",
        )
        parser.add_argument(
            "--create-posts",
            action="store_true",
            help="Create the posts the minutes suggest (capacities of owners that "
            "are no post yet) and give them their actions.",
        )
        parser.add_argument(
            "--status",
            choices=Meeting.Status.values,
            default=Meeting.Status.DRAFT,
            help="Record the minutes as draft (the default), approved or published.",
        )

    def handle(self, *args, paths, dry_run, as_json, **options):
        failures = 0
        for path in paths:
            try:
                minutes = self._import(
                    path, dry_run=dry_run, as_json=as_json, **options
                )
            except (MinutesError, DuplicateMinutes, Undated, OSError) as error:
                failures += 1
                self.stderr.write(f"{path}: {_reason(error)}")
                continue
            self._report(minutes, as_json=as_json, dry_run=dry_run)
        if failures:
            raise CommandError(f"{failures} of {len(paths)} files were not imported.")

    def _import(self, path, *, dry_run, as_json, **options):
        # Refused before reading, so a huge file costs no memory.
        refuse_oversize(path.stat().st_size)
        data = path.read_bytes()
        minutes = read_minutes_in_time(data, path.name, encoding=options["encoding"])
        if options["date"]:
            date_minutes(minutes, options["date"])
        if not minutes["meeting"]["date"] and not (dry_run and as_json):
            raise Undated("has no meeting date: give it with --date YYYY-MM-DD")
        with transaction.atomic():
            match_posts(minutes, create_posts=options["create_posts"])
            minutes["meeting_id"] = None
            if minutes["meeting"]["date"]:
                meeting = import_minutes(
                    minutes=minutes,
                    replace=options["replace"],
                    status=options["status"],
                )
                minutes["meeting_id"] = None if dry_run else meeting.pk
            transaction.set_rollback(dry_run)
        return minutes

    def _report(self, minutes, *, as_json, dry_run):
        if as_json:
            self.stdout.write(json.dumps(minutes, ensure_ascii=False))
            return
        header = minutes["meeting"]
        verb = "Would import" if dry_run else "Imported"
        date = datetime.date.fromisoformat(header["date"])
        self.stdout.write(
            f"{verb} {minutes['source']}: {header['title']} ({date:%-d %b %Y}), "
            f"{len(minutes['attendees'])} attendees, {len(minutes['items'])} items, "
            f"{len(minutes['actions'])} actions."
        )
        for post in minutes.get("created_posts", []):
            organisation = Organisation(post["organisation"]).label
            self.stdout.write(
                f"{'Would create' if dry_run else 'Created'} post {post['name']} "
                f"({post['abbreviation']}), {organisation}"
            )
        for warning in minutes["warnings"]:
            self.stdout.write(f"  warning: {warning}")


def _iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"“{value}” is not a date YYYY-MM-DD"
        ) from error


def _reason(error):
    if isinstance(error, OSError):
        return f"cannot be read ({error.strerror})"
    return str(error)
