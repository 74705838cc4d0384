"""The PCC's ten minutes before the meeting, in a real browser: the dashboard, the
overdue figure, the list it counts, and the spreadsheets for the Panel."""

import csv
import io
import itertools
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


PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_overdue_table_and_the_trend_can_be_read(
    page, sign_in, audit_accessibility
):
    page.set_viewport_size(PHONE)
    sign_in("pcc")
    overdue = page.get_by_role("region", name="Overdue actions")
    first = overdue.get_by_role("row").nth(1)
    for label in ("Due", "Days overdue"):
        cell = first.locator(f'td[data-label="{label}"]')
        # Scrolled down to, it is wholly on screen: nothing off to the right.
        cell.scroll_into_view_if_needed()
        expect(cell).to_be_in_viewport(ratio=1)
        box = cell.bounding_box()
        assert box["x"] >= 0, label
        assert box["x"] + box["width"] <= PHONE["width"], label
    expect(first.locator('td[data-label="Due"]')).to_contain_text("23 Sep 2021")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    labels = page.locator(".trend-chart text")
    expect(labels.first).to_be_visible()
    # The size a reader sees: the computed font size times the chart's scale.
    sizes = labels.evaluate_all(
        """texts => texts.filter(t => t.getBBox().width > 0).map(t =>
            parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
    )
    assert sizes
    assert min(sizes) >= 12, sizes
    # Labels a phone shows must not overlap.
    boxes = labels.evaluate_all(
        """texts => texts.filter(t => getComputedStyle(t).display !== 'none'
            && t.getAttribute('y') === '160').map(t => t.getBoundingClientRect())
            .map(r => [r.left, r.right])"""
    )
    assert all(a[1] < b[0] for a, b in itertools.pairwise(boxes)), boxes
    audit_accessibility("dashboard-pcc-390")

    page.goto(page.url.split("?")[0] + "actions/")
    listed = page.get_by_role("region", name="All actions").get_by_role("row").nth(1)
    due = listed.locator('td[data-label="Due"]')
    due.scroll_into_view_if_needed()
    expect(due).to_be_in_viewport(ratio=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    audit_accessibility("actions-pcc-390")
