from importlib import import_module

import pytest
from django.apps import apps

from actions.tests.factories import PostFactory, UserFactory
from people.models import Tenure

pytestmark = pytest.mark.django_db
migration = import_module("people.migrations.0002_administrators_and_tenures")


def test_each_current_holder_gets_an_open_tenure_of_unknown_start():
    tom, jane = UserFactory(), UserFactory()
    PostFactory(holders=[tom, jane])
    PostFactory(name="Policy Officer", abbreviation="PO", holders=[jane])

    migration.open_tenures(apps, None)

    assert sorted(
        Tenure.objects.values_list(
            "user", "post__abbreviation", "started_on", "ended_on"
        )
    ) == sorted(
        [
            (tom.pk, "CC", None, None),
            (jane.pk, "CC", None, None),
            (jane.pk, "PO", None, None),
        ]
    )


def test_the_administrators_may_manage_people_and_see_what_all_see():
    group = apps.get_model("auth", "Group").objects.get(name="Administrators")

    codenames = set(group.permissions.values_list("codename", flat=True))

    assert {"manage_people", "view_action", "change_meetingtype"} <= codenames
