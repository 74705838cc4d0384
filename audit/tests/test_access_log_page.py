import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AccessEvent

pytestmark = pytest.mark.django_db
Kind = AccessEvent.Kind


@pytest.fixture
def events(opcc_user):
    AccessEvent.objects.create(
        kind=Kind.SIGNED_IN, user=opcc_user, username="opcc", address="192.0.2.1"
    )
    AccessEvent.objects.create(
        kind=Kind.SIGN_IN_FAILED,
        username="=cmd|' /C calc'!A0",
        address="198.51.100.9",
        at=datetime.datetime(2021, 3, 23, 9, tzinfo=datetime.UTC),
    )


def test_a_superuser_sees_every_entry(superuser, signed_in, events):
    response = signed_in(superuser).get(reverse("audit:log"))

    assert response.status_code == 200
    # And the superuser's own sign-in.
    assert "3 entries" in response.text
    assert "198.51.100.9" in response.text
    assert "23 Mar 2021" in response.text


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"kind": "sign_in_failed"}, "198.51.100.9", "192.0.2.1"),
        ({"username": "opc"}, "192.0.2.1", "198.51.100.9"),
        ({"address": "198.51"}, "198.51.100.9", "192.0.2.1"),
        ({"until": "2021-12-31"}, "198.51.100.9", "192.0.2.1"),
        ({"since": "2022-01-01"}, "192.0.2.1", "198.51.100.9"),
    ],
)
def test_the_log_filters(superuser, signed_in, events, query, shown, hidden):
    response = signed_in(superuser).get(reverse("audit:log"), query)

    assert shown in response.text
    assert hidden not in response.text


@pytest.mark.parametrize("view", ["audit:log", "audit:export"])
def test_no_one_else_sees_it(opcc_user, signed_in, view):
    response = signed_in(opcc_user).get(reverse(view))

    assert response.status_code == 403
    assert AccessEvent.objects.filter(kind=Kind.PERMISSION_DENIED, user=opcc_user)


def test_it_needs_a_sign_in():
    response = Client().get(reverse("audit:log"))

    assert response.status_code == 302


def test_it_exports_what_is_filtered_as_csv_never_as_formulas(
    superuser, signed_in, events
):
    response = signed_in(superuser).get(
        reverse("audit:export"), {"kind": "sign_in_failed"}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["When (UTC)", "What", "User", "Address"]
    assert rows[1][:4] == [
        "2021-03-23 09:00:00",
        "Sign-in failed",
        "'=cmd|' /C calc'!A0",
        "198.51.100.9",
    ]
    assert len(rows) == 2
    export = AccessEvent.objects.filter(kind=Kind.EXPORT).get()
    assert (export.user, export.query) == (superuser, "kind=sign_in_failed")


def test_a_filter_not_understood_exports_nothing(superuser, signed_in):
    response = signed_in(superuser).get(reverse("audit:export"), {"since": "never"})

    assert response.status_code == 302
    assert response["Location"] == "/audit/?since=never"
