"""Backup and restore: every row and every attached file in one archive, with a
manifest of counts and checksums that the restore checks before and after.

An archive is a gzipped tar of manifest.json, data.json (Django's JSON
serialisation with times to the microsecond, natural keys, so it loads into a
database whose ids differ) and media/<path> for each stored file.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import models, transaction
from django.utils import timezone

FORMAT = "assurance-archive/1"
# Made again by `migrate` in any database: its content types and permissions.
# Sessions are not worth keeping: everyone signs in again.
NOT_ARCHIVED = ["contenttypes", "auth.permission", "sessions"]
# Rows a freshly migrated database already has (the role groups).
MADE_BY_MIGRATIONS = {"auth.group"}


class ArchiveRefused(Exception):
    """The archive cannot be restored here, and why; nothing was changed."""


def export_archive(path, *, with_passwords=False):
    """Write every row and file to the archive at `path`; returns its manifest.

    Password hashes are left out (each user must set a password again) unless
    `with_passwords`."""
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data.json"
        call_command(
            "dumpdata",
            format="exact-json",
            natural_foreign=True,
            natural_primary=True,
            exclude=NOT_ARCHIVED,
            output=str(data),
            verbosity=0,
        )
        objects = json.loads(data.read_bytes())
        if not with_passwords:
            for obj in objects:
                if obj["model"] == "auth.user":
                    obj["fields"]["password"] = make_password(None)
        data.write_text(json.dumps(objects))
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "passwords": with_passwords,
            "rows": dict(Counter(obj["model"] for obj in objects)),
            "files": {"data.json": _digest(data.read_bytes())},
        }
        with tarfile.open(path, "w:gz") as tar:
            tar.add(data, "data.json")
            for name in _stored_files():
                content = (Path(settings.MEDIA_ROOT) / name).read_bytes()
                manifest["files"][f"media/{name}"] = _digest(content)
                _add(tar, f"media/{name}", content)
            _add(tar, "manifest.json", json.dumps(manifest, indent=1).encode())
    return manifest


def import_archive(path):
    """Restore the archive at `path` into an empty database and media folder.

    1. Check the archive: its manifest, and every member's checksum against it.
    2. Refuse a database or media folder that holds anything already.
    3. Load the rows and write the files, in one transaction.
    4. Check every model's count and every file's checksum against the manifest;
       a mismatch rolls the rows back and removes the files.
    Raises ArchiveRefused with the reason; returns the manifest."""
    with tempfile.TemporaryDirectory() as scratch:
        manifest = _unpack_checked(path, Path(scratch))
        _refuse_unless_empty(manifest)
        media = Path(settings.MEDIA_ROOT)
        try:
            with transaction.atomic():
                call_command("loaddata", str(Path(scratch) / "data.json"), verbosity=0)
                _write_files(manifest, Path(scratch), media)
                _check_restored(manifest, media)
        except Exception:
            _remove_files(manifest, media)
            raise
    return manifest


def _digest(content):
    return {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}


def _add(tar, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(content))


def _stored_files():
    """The names of every file a FileField of any row refers to."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names.update(
                    model.objects.exclude(**{field.name: ""}).values_list(
                        field.name, flat=True
                    )
                )
    return sorted(names)


def _unpack_checked(path, scratch):
    """The manifest, once every member is unpacked into `scratch` and matches it."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            members = {m.name: m for m in tar.getmembers() if m.isfile()}
            manifest = _manifest(tar, members.pop("manifest.json", None))
            if unlisted := set(members) - set(manifest["files"]):
                raise ArchiveRefused(f"Files not in its manifest: {sorted(unlisted)}.")
            for name, expected in manifest["files"].items():
                _unpack_member(tar, members.get(name), name, expected, scratch)
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise ArchiveRefused(f"The archive cannot be read: {error}.") from error
    return manifest


def _manifest(tar, member):
    if member is None:
        raise ArchiveRefused("It is not an Assurance archive: no manifest.json.")
    manifest = json.loads(tar.extractfile(member).read())
    if manifest.get("format") != FORMAT:
        raise ArchiveRefused(f"Unknown archive format {manifest.get('format')!r}.")
    return manifest


def _unpack_member(tar, member, name, expected, scratch):
    if Path(name).is_absolute() or ".." in Path(name).parts:
        raise ArchiveRefused(f"{name} would be written outside its folder.")
    if member is None:
        raise ArchiveRefused(f"{name} is missing from the archive.")
    content = tar.extractfile(member).read()
    if _digest(content) != expected:
        raise ArchiveRefused(
            f"{name} does not match its checksum: the archive is damaged."
        )
    target = scratch / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


def _refuse_unless_empty(manifest):
    holding = [
        f"{count} {label}"
        for label in manifest["rows"]
        if label not in MADE_BY_MIGRATIONS
        and (count := apps.get_model(label).objects.count())
    ]
    if holding:
        raise ArchiveRefused(
            "The database is not empty (" + ", ".join(holding) + "): restore only "
            "into a freshly migrated one."
        )
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and any(p.is_file() for p in media.rglob("*")):
        raise ArchiveRefused(f"The media folder {media} is not empty.")


def _write_files(manifest, scratch, media):
    for name in manifest["files"]:
        if name.startswith("media/"):
            target = media / name.removeprefix("media/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(scratch / name, target)


def _check_restored(manifest, media):
    for label, count in manifest["rows"].items():
        found = apps.get_model(label).objects.count()
        if found != count:
            raise ArchiveRefused(
                f"After restoring, {label} has {found} rows, not {count}."
            )
    for name, expected in manifest["files"].items():
        if name.startswith("media/"):
            written = (media / name.removeprefix("media/")).read_bytes()
            if _digest(written) != expected:
                raise ArchiveRefused(
                    f"After restoring, {name} differs from the archive."
                )


def _remove_files(manifest, media):
    for name in manifest["files"]:
        if name.startswith("media/"):
            (media / name.removeprefix("media/")).unlink(missing_ok=True)
