from django.core.management.base import BaseCommand, CommandError

from archive.services import ArchiveRefused, import_archive


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_archive into an empty, migrated "
        "database and an empty media folder, then check every count and checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to restore.")

    def handle(self, *args, path, **options):
        try:
            manifest = import_archive(path)
        except ArchiveRefused as refusal:
            raise CommandError(f"Not restored: {refusal}") from refusal
        files = len(manifest["files"]) - 1
        self.stdout.write(
            f"Restored {sum(manifest['rows'].values())} rows and {files} attached "
            f"file{'s' if files != 1 else ''}; every count and checksum matches."
        )
        if not manifest["passwords"]:
            self.stdout.write(
                "The archive holds no passwords: each person sets one again "
                "(manage.py changepassword, or the admin)."
            )
