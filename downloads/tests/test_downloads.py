import csv
import datetime
import io
import zoneinfo
from pathlib import Path
from unittest import mock

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from actions import exports
from actions.tests.factories import ActionFactory, PostFactory
from assurance.tests.responses import close_response
from downloads.models import Download
from downloads.services import build_download, tidy_downloads

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 26, 9, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _small_limit(settings, tmp_path):
    settings.EXPORT_INLINE_MAX = 2
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def five_for_cc():
    cc = PostFactory(name="Chief Constable", abbreviation="CC")
    return [
        ActionFactory(owner=cc, due_date=datetime.date(2026, 1, day))
        for day in range(1, 6)
    ]


def body(response):
    return b"".join(response.streaming_content)


@time_machine.travel(NOW, tick=False)
def test_a_long_list_is_built_in_the_background_for_whoever_asks(
    client, pcc_user, five_for_cc, django_capture_on_commit_callbacks
):
    client.force_login(pcc_user)
    query = {"owner": five_for_cc[0].owner_id}

    offered = client.get(reverse("actions:export", args=["csv"]), query)
    assert offered.status_code == 302
    page = client.get(offered.url)
    assert "These actions are too many to download at once" in page.text

    with (
        mock.patch("downloads.tasks.build_download.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        started = client.post(offered.url, {"query": f"owner={query['owner']}"})

    download = Download.objects.get()
    assert started.url == reverse("downloads:detail", args=[download.pk])
    delay.assert_called_once_with(str(download.pk))
    assert (download.user, download.state) == (pcc_user, Download.State.WAITING)
    assert download.filename == "actions-chief-constable-cc-2026-11-26.csv"


@time_machine.travel(NOW, tick=False)
def test_the_page_shows_progress_and_refreshes_itself_until_ready(
    client, pcc_user, five_for_cc
):
    download = Download.objects.create(
        user=pcc_user,
        file_type="csv",
        name="actions",
        state=Download.State.BUILDING,
        rows_total=5,
        rows_done=2,
    )
    client.force_login(pcc_user)

    page = client.get(reverse("downloads:detail", args=[download.pk]))

    assert "Being built: 2 of 5 actions (40%)" in page.text
    assert '<meta http-equiv="refresh" content="3">' in page.text
    assert client.get(reverse("downloads:file", args=[download.pk])).status_code == 404

    build_download(download, today=NOW.date())

    ready = client.get(reverse("downloads:detail", args=[download.pk]))
    assert "Ready: 5 actions." in ready.text
    assert "http-equiv" not in ready.text
    rows = list(
        csv.reader(
            io.StringIO(
                body(client.get(reverse("downloads:file", args=[download.pk]))).decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0] == exports.COLUMNS
    assert [row[0] for row in rows[1:]] == [a.reference for a in five_for_cc]


@time_machine.travel(NOW, tick=False)
def test_it_records_how_far_it_has_got_chunk_by_chunk(
    pcc_user, five_for_cc, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK", 2)
    download = Download.objects.create(
        user=pcc_user, file_type="xlsx", name="actions", query="due=overdue"
    )
    seen = []
    update = Download.objects.filter(pk=download.pk).update

    def recorded(**fields):
        seen.append(fields.get("rows_done"))
        return update(**fields)

    with mock.patch.object(
        Download.objects, "filter", return_value=mock.Mock(update=recorded)
    ):
        build_download(download, today=NOW.date())

    assert [done for done in seen if done] == [2, 4, 5]
    download.refresh_from_db()
    assert download.state == Download.State.READY
    sheet = openpyxl.load_workbook(download.file.path).active
    assert sheet.max_row == 6


def test_only_the_person_who_asked_can_see_or_download_it(
    client, pcc_user, opcc_user, five_for_cc
):
    download = Download.objects.create(user=pcc_user, file_type="csv", name="a")
    build_download(download, today=NOW.date())
    client.force_login(opcc_user)

    for name in ("downloads:detail", "downloads:file"):
        assert client.get(reverse(name, args=[download.pk])).status_code == 404

    client.force_login(pcc_user)
    response = client.get(reverse("downloads:file", args=[download.pk]))
    assert response.status_code == 200
    assert body(response).startswith("\ufeffReference".encode())


def test_a_user_in_no_role_cannot_start_one(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody"))

    assert client.get(reverse("downloads:start", args=["csv"])).status_code == 403
    assert client.post(reverse("downloads:start", args=["csv"])).status_code == 403
    assert not Download.objects.exists()


def test_a_short_list_still_downloads_at_once(client, pcc_user):
    ActionFactory()
    client.force_login(pcc_user)

    response = client.get(reverse("actions:export", args=["csv"]))

    assert response.status_code == 200
    assert len(body(response).decode("utf-8-sig").splitlines()) == 2


@time_machine.travel(NOW, tick=False)
def test_asking_for_and_taking_a_background_download_are_in_the_access_log(
    client, pcc_user, five_for_cc, django_capture_on_commit_callbacks
):
    from audit.models import AccessEvent

    client.force_login(pcc_user)
    query = f"owner={five_for_cc[0].owner_id}"
    with (
        mock.patch("downloads.tasks.build_download.delay"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("downloads:start", args=["csv"]), {"query": query})
    download = Download.objects.get()
    build_download(download, today=NOW.date())
    response = client.get(reverse("downloads:file", args=[download.pk]))
    close_response(response)

    events = AccessEvent.objects.exclude(kind=AccessEvent.Kind.SIGNED_IN).order_by("pk")
    assert [(e.kind, e.query) for e in events] == [
        (AccessEvent.Kind.EXPORT, query),
        (AccessEvent.Kind.DOWNLOAD, ""),
    ]
    assert events.last().detail == download.filename


def test_a_download_no_worker_is_building_is_failed_and_says_so(
    client, pcc_user, five_for_cc
):
    with time_machine.travel(NOW, tick=False):
        lost = Download.objects.create(user=pcc_user, file_type="csv", name="lost")
        building = Download.objects.create(
            user=pcc_user, file_type="csv", name="slow", state=Download.State.BUILDING
        )
    with time_machine.travel(NOW + datetime.timedelta(minutes=29), tick=False):
        Download.objects.filter(pk=building.pk).update(progress_at=timezone.now())
    later = NOW + datetime.timedelta(minutes=31)

    with time_machine.travel(later, tick=False):
        assert tidy_downloads(timezone.now()) == (1, 0)
        client.force_login(pcc_user)
        page = client.get(reverse("downloads:detail", args=[lost.pk]))

    lost.refresh_from_db()
    assert (lost.state, lost.finished_at) == (Download.State.FAILED, later)
    assert "The file could not be built" in page.text
    assert 'http-equiv="refresh"' not in page.text
    building.refresh_from_db()
    assert building.state == Download.State.BUILDING


def test_a_built_file_is_kept_for_a_week_then_deleted_with_its_page(
    client, pcc_user, five_for_cc
):
    with time_machine.travel(NOW, tick=False):
        download = Download.objects.create(user=pcc_user, file_type="csv", name="a")
        build_download(download, today=NOW.date())
        download.refresh_from_db()
        client.force_login(pcc_user)
        page = client.get(reverse("downloads:detail", args=[download.pk]))
    path = download.file.path
    assert "kept until 3 Dec 2026, 09:00" in page.text

    with time_machine.travel(NOW + datetime.timedelta(days=6, hours=23), tick=False):
        assert tidy_downloads(timezone.now()) == (0, 0)
    with time_machine.travel(NOW + datetime.timedelta(days=7, minutes=1), tick=False):
        assert tidy_downloads(timezone.now()) == (0, 1)
        client.force_login(pcc_user)
        gone = client.get(reverse("downloads:detail", args=[download.pk]))

    assert gone.status_code == 404
    assert not Path(path).exists()
    assert not Download.objects.exists()


def test_beat_tidies_the_downloads_every_hour(settings):
    from celery.schedules import crontab

    from assurance.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["tidy-downloads"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(minute=5)
