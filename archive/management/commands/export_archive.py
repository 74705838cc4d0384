from django.core.management.base import BaseCommand

from archive.services import export_archive


class Command(BaseCommand):
    help = (
        "Write every row and every attached file to one archive (.tar.gz) with a "
        "manifest of counts and checksums. Users' password hashes are left out "
        "unless --with-passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write, e.g. backup.tar.gz.")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="Keep the password hashes, so people sign in as before.",
        )

    def handle(self, *args, path, with_passwords, **options):
        manifest = export_archive(path, with_passwords=with_passwords)
        rows = sum(manifest["rows"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(
            f"Wrote {path}: {rows} rows of {len(manifest['rows'])} kinds and "
            f"{files} attached file{'s' if files != 1 else ''}"
            + ("." if with_passwords else ", without password hashes.")
        )
