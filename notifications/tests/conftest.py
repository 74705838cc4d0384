import datetime

import pytest

from actions.tests.factories import ActionFactory, PostFactory, UserFactory

# 10:00 in London, after the morning's reminder hour.
T0 = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def people(db):
    cc = UserFactory(username="cc", role="Force", first_name="Tom", last_name="Hughes")
    return {
        "cc": cc,
        "opcc": UserFactory(
            username="opcc", role="OPCC staff", first_name="Priya", last_name="Shah"
        ),
        "opcc2": UserFactory(username="opcc2", role="OPCC staff"),
        "pcc": UserFactory(
            username="pcc", role="PCC", first_name="Helen", last_name="Ward"
        ),
        "other": UserFactory(username="acc", role="Force"),
    }


@pytest.fixture
def action(people):
    owner = PostFactory(name="Chief Constable", abbreviation="CC")
    owner.holders.add(people["cc"])
    PostFactory(name="Assistant Chief Constable", abbreviation="ACC").holders.add(
        people["other"]
    )
    return ActionFactory(
        reference="2021-03/1", owner=owner, due_date=datetime.date(2026, 4, 30)
    )


@pytest.fixture
def mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail

    return mail
