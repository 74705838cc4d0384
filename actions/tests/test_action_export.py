import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from actions.tests.factories import ActionFactory, ActionUpdateFactory, PostFactory

pytestmark = pytest.mark.django_db


def body(response):
    """A download's bytes: streamed, the response closed once they are read."""
    return b"".join(response.streaming_content)


NOW = datetime.datetime(2026, 11, 26, 9, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
EVIL = '=HYPERLINK("http://evil.example","Click")'


@pytest.fixture
def overdue_for_cc(db):
    cc = PostFactory()
    action = ActionFactory(
        reference="2021-03/1",
        description=EVIL,
        owner=cc,
        due_date=datetime.date(2021, 9, 23),
    )
    ActionUpdateFactory(action=action, text="+ plan agreed; @ACC to lead")
    ActionFactory(reference="2021-03/2", owner=cc, due_date=datetime.date(2027, 1, 1))
    ActionFactory(
        reference="2021-03/3", owner=None, due_date=datetime.date(2021, 9, 23)
    )
    return cc


@time_machine.travel(NOW, tick=False)
def test_the_filtered_list_downloads_as_csv_named_for_its_filters(
    client, pcc_user, overdue_for_cc
):
    client.force_login(pcc_user)

    response = client.get(
        reverse("actions:export", args=["csv"]),
        {"due": "overdue", "owner": overdue_for_cc.pk},
    )

    assert response["Content-Disposition"] == (
        'attachment; filename="actions-chief-constable-cc-overdue-2026-11-26.csv"'
    )
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert rows[0][0] == "Reference"
    assert [row[0] for row in rows[1:]] == ["2021-03/1"]
    assert rows[1][2] == "'" + EVIL
    assert rows[1][4:6] == ["2021-09-23", "1890"]
    assert rows[1][11] == "'+ plan agreed; @ACC to lead"


@time_machine.travel(NOW, tick=False)
def test_the_filtered_list_downloads_as_xlsx_with_text_that_is_never_a_formula(
    client, pcc_user, overdue_for_cc
):
    client.force_login(pcc_user)

    response = client.get(
        reverse("actions:export", args=["xlsx"]), {"owner": "null", "due": "overdue"}
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="actions-needs-an-owner-overdue-2026-11-26.xlsx"'
    )
    body(response)

    everything = client.get(reverse("actions:export", args=["xlsx"]), {"q": "2021-03"})
    sheet = openpyxl.load_workbook(io.BytesIO(body(everything))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Reference", "Item", "Action", "Owner")
    assert [row[0] for row in rows[1:]] == ["2021-03/1", "2021-03/3", "2021-03/2"]
    evil = sheet["C2"]
    assert (evil.value, evil.data_type) == (EVIL, "s")
    assert sheet["L2"].value == "+ plan agreed; @ACC to lead"
    assert sheet["E2"].value == datetime.datetime(2021, 9, 23)
    assert sheet["E2"].number_format == "d mmm yyyy"


@time_machine.travel(NOW, tick=False)
def test_the_xlsx_is_laid_out_to_sort_and_filter(client, pcc_user, overdue_for_cc):
    client.force_login(pcc_user)

    response = client.get(reverse("actions:export", args=["xlsx"]), {"q": "2021-03"})

    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:M4"
    assert [cell.value for cell in sheet[1]][4:7] == [
        "Due",
        "Days overdue",
        "First due",
    ]
    assert all(cell.font.bold for cell in sheet[1])
    # As Excel shows them; the file holds them with Excel's padding (12.71).
    widths = {letter: int(sheet.column_dimensions[letter].width) for letter in "ACEFL"}
    assert widths == {"A": 12, "C": 60, "E": 12, "F": 9, "L": 60}
    # Overdue: days as a number; not yet due: blank.
    assert [sheet[f"F{row}"].value for row in (2, 3, 4)] == [1890, 1890, None]
    assert sheet["E4"].value == datetime.datetime(2027, 1, 1)
    assert sheet["F2"].data_type == "n"
    for meeting_date_or_update_date in (sheet["K2"], sheet["M2"]):
        assert meeting_date_or_update_date.is_date
        assert meeting_date_or_update_date.number_format == "d mmm yyyy"


def test_days_overdue_are_counted_on_the_day_in_london(client, pcc_user):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): a day overdue.
    ActionFactory(reference="2026-06/1", due_date=datetime.date(2026, 6, 30))
    client.force_login(pcc_user)

    with time_machine.travel(
        datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC), tick=False
    ):
        response = client.get(reverse("actions:export", args=["xlsx"]))

    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    assert (sheet["A2"].value, sheet["F2"].value) == ("2026-06/1", 1)


def test_an_update_is_dated_by_the_day_in_london_it_was_written(client, pcc_user):
    action = ActionFactory(reference="2026-06/1")
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    ActionUpdateFactory(
        action=action,
        created_at=datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC),
    )
    client.force_login(pcc_user)

    response = client.get(reverse("actions:export", args=["csv"]))

    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert rows[1][12] == "2026-07-01"


def test_an_empty_list_downloads_its_headings_with_their_filter(client, pcc_user):
    client.force_login(pcc_user)

    response = client.get(reverse("actions:export", args=["xlsx"]))

    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    assert sheet.max_row == 1
    assert sheet.auto_filter.ref == "A1:M1"


def test_only_csv_and_xlsx_are_offered(client, pcc_user):
    client.force_login(pcc_user)

    assert client.get(reverse("actions:export", args=["pdf"])).status_code == 404


def test_a_user_in_no_role_cannot_download(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor"))

    assert client.get(reverse("actions:export", args=["csv"])).status_code == 403


def test_the_list_links_its_downloads_with_its_filters(
    client, pcc_user, overdue_for_cc
):
    client.force_login(pcc_user)

    page = client.get(reverse("actions:list"), {"due": "overdue"})

    assert 'href="/actions/export.csv?due=overdue"' in page.text
    assert 'href="/actions/export.xlsx?due=overdue"' in page.text


def test_a_filter_not_understood_downloads_nothing_and_says_why(
    client, pcc_user, overdue_for_cc
):
    client.force_login(pcc_user)

    response = client.get(
        reverse("actions:export", args=["csv"]), {"due": "bogus"}, follow=True
    )

    assert response.redirect_chain == [("/actions/?due=bogus", 302)]
    assert "Nothing was downloaded: a filter was not understood." in response.text
    assert "Select a valid choice" in response.text
