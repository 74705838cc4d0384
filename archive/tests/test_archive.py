"""export_archive and import_archive: the demo data and an attachment, restored into
a freshly migrated database and an empty media folder, row for row and byte for
byte; a damaged archive and a database in use are refused."""

import datetime
import io
import json
import tarfile
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from actions.models import Action, ActionUpdate, Attachment

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


@pytest.fixture
def site(demo, settings, tmp_path):
    """The demo site, with a progress update that has a PDF attached."""
    settings.MEDIA_ROOT = tmp_path / "media"
    update = ActionUpdate.objects.create(
        action=Action.objects.first(),
        author=apps.get_model("auth.user").objects.get(username="force"),
        text="Evidence attached.",
    )
    attachment = Attachment.objects.create(
        update=update,
        file=SimpleUploadedFile("evidence.pdf", PDF),
        name="evidence.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    return attachment


def every_row():
    """Every archived row, by natural keys, so ids made afresh compare equal."""
    out = io.StringIO()
    call_command(
        "dumpdata",
        format="exact-json",
        natural_foreign=True,
        natural_primary=True,
        exclude=["contenttypes", "auth.permission", "sessions"],
        stdout=out,
    )
    return sorted(json.dumps(obj, sort_keys=True) for obj in json.loads(out.getvalue()))


def empty_the_site(settings, media):
    """A freshly migrated database (the role groups only) and a new media folder."""
    call_command("flush", interactive=False, verbosity=0)
    import_module("actions.migrations.0002_roles").create_groups(apps)
    import_module(
        "actions.migrations.0005_reminder_permissions"
    ).grant_reminder_permissions(apps)
    import_module("actions.migrations.0014_need_to_know").grant_need_to_know(apps)
    settings.MEDIA_ROOT = media


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_a_restore_gives_back_every_row_and_file(site, settings, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    before = every_row()
    assert run("export_archive", str(archive), "--with-passwords").startswith(
        f"Wrote {archive}: "
    )
    empty_the_site(settings, tmp_path / "restored")

    output = run("import_archive", str(archive))

    assert "every count and checksum matches" in output
    assert every_row() == before
    restored = Attachment.objects.get()
    assert restored.file.read() == PDF
    assert str(tmp_path / "restored") in restored.file.path


def test_times_come_back_to_the_microsecond(site, settings, tmp_path):
    """Django's JSON cuts times to the millisecond; a restore must not."""
    raised_at = datetime.datetime(2021, 3, 23, 10, 30, 0, 417, tzinfo=datetime.UTC)
    ActionUpdate.objects.filter(pk=site.update_id).update(created_at=raised_at)
    archive = tmp_path / "backup.tar.gz"
    run("export_archive", str(archive))
    empty_the_site(settings, tmp_path / "restored")

    run("import_archive", str(archive))

    assert ActionUpdate.objects.get().created_at == raised_at


def test_without_asking_it_keeps_no_password_hashes(site, settings, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    output = run("export_archive", str(archive))
    empty_the_site(settings, tmp_path / "restored")

    restored = run("import_archive", str(archive))

    assert output.endswith("without password hashes.\n")
    assert "each person sets one again" in restored
    user_model = apps.get_model("auth.user")
    assert user_model.objects.exists()
    assert not any(user.has_usable_password() for user in user_model.objects.all())


def damage(archive, member):
    """The archive again, with one byte of `member` changed."""
    with tarfile.open(archive) as tar:
        contents = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    content = bytearray(contents[member])
    content[len(content) // 2] ^= 0xFF
    contents[member] = bytes(content)
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_a_damaged_archive_is_refused_and_nothing_restored(site, settings, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    run("export_archive", str(archive))
    name = f"media/{site.file.name}"
    damage(archive, name)
    empty_the_site(settings, tmp_path / "restored")

    with pytest.raises(CommandError) as refusal:
        run("import_archive", str(archive))

    assert str(refusal.value) == (
        f"Not restored: {name} does not match its checksum: the archive is damaged."
    )
    assert not Action.objects.exists()
    assert not (tmp_path / "restored").exists()


def test_a_truncated_file_is_refused(site, settings, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    run("export_archive", str(archive))
    archive.write_bytes(archive.read_bytes()[:200])

    with pytest.raises(CommandError, match="Not restored: The archive cannot be read"):
        run("import_archive", str(archive))


def test_a_database_in_use_is_refused(site, settings, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    run("export_archive", str(archive))
    settings.MEDIA_ROOT = tmp_path / "restored"

    with pytest.raises(CommandError, match="Not restored: The database is not empty"):
        run("import_archive", str(archive))


def test_a_media_folder_in_use_is_refused(site, settings, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    run("export_archive", str(archive))
    empty_the_site(settings, tmp_path / "media")

    with pytest.raises(CommandError, match=r"The media folder .* is not empty"):
        run("import_archive", str(archive))
