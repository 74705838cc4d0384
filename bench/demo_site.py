"""Django set up for an importer benchmark: DEBUG on, migrated, with the demo data."""

import io
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def setup_demo_site():
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assurance.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", force=True, stdout=io.StringIO())
