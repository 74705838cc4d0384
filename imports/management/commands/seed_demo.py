from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actions.models import Organisation, Post
from boards.models import Board
from imports.services import DuplicateMinutes, import_minutes, match_posts
from meetings.importer import read_minutes
from meetings.models import MeetingType
from people.models import ADMINISTRATORS, Tenure

# The published minutes of March 2021, read by the importer as any minutes are.
DEMO_MINUTES = (
    Path(__file__).resolve().parents[3]
    / "meetings"
    / "tests"
    / "fixtures"
    / "monthly-assurance-2021-03.txt"
)
DEFAULT_PASSWORD = "assurance-demo"

# name: (usual type of meeting, member posts, usual chair, venue, minute-taker)
BOARDS = {
    "Police Accountability Board": (
        "Monthly Assurance Meeting",
        ["PCC", "CEx", "PO", "CC", "DCC", "ACC"],
        "John Campion",
        "Virtual",
        "Charity Pearce",
    ),
    "Performance Review Board": (
        "Performance Review",
        ["PCC", "CEx", "PO", "CC", "DCC"],
        "John Campion",
        "Virtual",
        "Charity Pearce",
    ),
}

POSTS = [
    ("Police and Crime Commissioner", "PCC", Organisation.OPCC),
    ("Chief Executive", "CEx", Organisation.OPCC),
    ("Policy Officer", "PO", Organisation.OPCC),
    ("Policy Assistant", "PA", Organisation.OPCC),
    ("Chief Constable", "CC", Organisation.FORCE),
    ("Deputy Chief Constable", "DCC", Organisation.FORCE),
    ("Assistant Chief Constable", "ACC", Organisation.FORCE),
    ("Staff Officer", "SO", Organisation.FORCE),
]

# username: (first name, last name, role, posts held)
USERS = {
    "opcc": ("Priya", "Shah", "OPCC staff", ["PO"]),
    "force": ("Tom", "Hughes", "Force", ["CC", "ACC"]),
    "pcc": ("Helen", "Ward", "PCC", ["PCC"]),
    "admin": ("Site", "Administrator", None, []),
}


class Command(BaseCommand):
    help = (
        "Create demo users (one per role), the posts and the March 2021 assurance "
        "meeting. Safe to run again: it changes nothing that is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (demo users have a known password).",
        )
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password for the demo users (default: {DEFAULT_PASSWORD}).",
        )

    @transaction.atomic
    def handle(self, *args, force, password, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo users with a known password while DEBUG is "
                "off. Use --force if this really is a demonstration system."
            )
        posts = self._create_posts()
        self._create_boards(posts)
        created = self._create_users(posts, password)
        self._create_demo_meeting()
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created demo users {', '.join(created)} with the password: "
                    f"{password}"
                )
            )
        if existing := [name for name in USERS if name not in created]:
            self.stdout.write(
                f"Demo users {', '.join(existing)} were already there; their "
                "passwords are unchanged."
            )

    def _create_posts(self):
        posts = {}
        for name, abbreviation, organisation in POSTS:
            posts[abbreviation], _ = Post.objects.get_or_create(
                name=name,
                defaults={"abbreviation": abbreviation, "organisation": organisation},
            )
        return posts

    def _create_boards(self, posts):
        for name, (kind, members, chair, venue, minute_taker) in BOARDS.items():
            board, created = Board.objects.get_or_create(
                name=name,
                defaults={
                    "meeting_type": MeetingType.objects.get_or_create(name=kind)[0],
                    "chair": chair,
                    "venue": venue,
                    "minute_taker": minute_taker,
                },
            )
            if created:
                board.members.set(posts[abbreviation] for abbreviation in members)

    def _create_users(self, posts, password):
        """Create the missing demo users; existing accounts keep their password."""
        User = get_user_model()
        created = []
        for username, (first, last, role, held) in USERS.items():
            if User.objects.filter(username=username).exists():
                continue
            user = User.objects.create_user(
                username,
                email=f"{username}@example.org",
                password=password,
                first_name=first,
                last_name=last,
                is_superuser=role is None,
                # OPCC staff keep posts and meeting types in the admin and look at the
                # rest there; minutes and actions change only on their pages.
                is_staff=role in (None, "OPCC staff"),
            )
            # The superuser is the demo's administrator: people and posts are his.
            user.groups.add(Group.objects.get(name=role or ADMINISTRATORS))
            for abbreviation in held:
                posts[abbreviation].holders.add(user)
                # Held since before the demo's records begin.
                Tenure.objects.create(post=posts[abbreviation], user=user)
            created.append(username)
        return created

    def _create_demo_meeting(self):
        minutes = match_posts(
            read_minutes(DEMO_MINUTES.read_bytes(), DEMO_MINUTES.name)
        )
        try:
            meeting = import_minutes(minutes=minutes)
        except DuplicateMinutes:
            self.stdout.write(f"{minutes['meeting']['title']} is already there.")
            return
        self.stdout.write(
            f"Created {meeting.title} with {len(minutes['items'])} items and "
            f"{len(minutes['actions'])} actions."
        )
