"""The PCC's ten minutes before the meeting, in a real browser: the dashboard, the
overdue figure, the list it counts, and the spreadsheets for the Panel."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pcc_sees_what_is_overdue_opens_the_list_and_downloads_it(
    page, sign_in, audit_accessibility
):
    # Of the demo's three actions, one has a due date: 23 Sep 2021, long past.
    sign_in("pcc")
    expect(
        page.get_by_role("heading", name="What is owed: open actions of every post")
    ).to_be_visible()
    expect(page.get_by_role("link", name="1 overdue")).to_be_visible()
    expect(page.get_by_role("link", name="3 open")).to_be_visible()
    overdue = page.get_by_role("region", name="Overdue actions")
    expect(overdue.get_by_role("row")).to_have_count(2)  # heading row + one
    expect(overdue).to_contain_text("2021-03/2")
    expect(
        page.get_by_role("region", name="Overdue by how late").get_by_role(
            "row", name="Over 180 days"
        )
    ).to_contain_text("1")
    audit_accessibility("dashboard-pcc-journey")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("img", name="Overdue at each month end")).to_be_visible()
    expect(
        page.get_by_role("table", name="Overdue actions at each month end")
    ).to_be_visible()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="1 overdue").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?due=overdue")
    listed = page.get_by_role("region", name="All actions")
    expect(listed.get_by_role("row")).to_have_count(2)
    expect(listed).to_contain_text("Revisit in 6 months")
    audit_accessibility("actions-overdue-pcc")

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV").click()
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel (XLSX)").click()

    today = timezone.localdate().isoformat()
    assert csv_download.value.suggested_filename == f"actions-overdue-{today}.csv"
    text = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    references = [row[0] for row in csv.reader(text.splitlines())]
    assert references == ["Reference", "2021-03/2"]
    assert xlsx_download.value.suggested_filename == f"actions-overdue-{today}.xlsx"
    workbook = io.BytesIO(Path(xlsx_download.value.path()).read_bytes())
    sheet = openpyxl.load_workbook(workbook).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == [
        "Reference",
        "2021-03/2",
    ]
