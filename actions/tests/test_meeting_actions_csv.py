import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from actions.exports import spreadsheet_safe
from actions.models import Action
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


def body(response):
    """A download's bytes: streamed, the response closed once they are read."""
    return b"".join(response.streaming_content)


@pytest.fixture
def march(db):
    call_command("seed_demo", force=True, stdout=None)
    return Meeting.objects.get(date="2021-03-23")


def test_the_actions_download_as_a_spreadsheet_safe_csv(client, pcc_user, march):
    Action.objects.filter(reference="2021-03/3").update(
        description='=HYPERLINK("http://evil")'
    )
    client.force_login(pcc_user)

    response = client.get(reverse("actions:meeting_actions_csv", args=[march.pk]))

    assert response["Content-Disposition"] == (
        'attachment; filename="monthly-assurance-meeting-march-2021-actions.csv"'
    )
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Reference", "Item", "Action", "Owner"]
    assert [row[0] for row in rows[1:]] == ["2021-03/1", "2021-03/2", "2021-03/3"]
    assert rows[2][3:5] == ["Needs an owner", "2021-09-23"]
    assert rows[3][2] == '\'=HYPERLINK("http://evil")'


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Revisit in 6 months", "Revisit in 6 months"),
        (None, ""),
    ],
)
def test_it_neutralises_formulas(value, shown):
    assert spreadsheet_safe(value) == shown
