import datetime

import pytest
from django.urls import reverse

from actions.tests.factories import ActionFactory, ActionUpdateFactory
from meetings.tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MeetingTypeFactory,
)

pytestmark = pytest.mark.django_db


def test_a_meeting_lists_what_is_still_open_from_earlier_ones_of_its_board(
    client, pcc_user, django_assert_max_num_queries
):
    march = MeetingFactory(date=datetime.date(2021, 3, 23))
    april = MeetingFactory(date=datetime.date(2021, 4, 20))
    other_series = MeetingFactory(
        meeting_type=MeetingTypeFactory(name="Performance Review"),
        date=datetime.date(2021, 3, 30),
    )
    revisit = ActionFactory(
        description="Revisit SOC 4P balance",
        agenda_item=AgendaItemFactory(meeting=march),
    )
    ActionUpdateFactory(
        action=revisit,
        text="Older note.",
        created_at=datetime.datetime(2021, 4, 1, tzinfo=datetime.UTC),
    )
    ActionUpdateFactory(
        action=revisit,
        text="Plans with the ACC.",
        created_at=datetime.datetime(2021, 4, 12, tzinfo=datetime.UTC),
    )
    ActionFactory(
        description="Signed off already",
        agenda_item=AgendaItemFactory(meeting=march),
        status="closed",
    )
    ActionFactory(
        description="Another series",
        agenda_item=AgendaItemFactory(meeting=other_series),
    )
    ActionFactory(
        description="Raised today", agenda_item=AgendaItemFactory(meeting=april)
    )
    client.force_login(pcc_user)

    with django_assert_max_num_queries(17):
        page = client.get(reverse("meetings:detail", args=[april.pk])).text

    arising = page.split('id="arising-heading"')[1].split("</section>")[0]
    assert "Revisit SOC 4P balance" in arising
    assert "Plans with the ACC." in arising
    assert "Older note." not in arising
    assert "Signed off already" not in arising
    assert "Another series" not in arising
    assert "Raised today" not in arising
    assert (
        "Actions still open from earlier meetings of the Monthly Assurance Meeting,"
        in arising
    )
    march_page = client.get(reverse("meetings:detail", args=[march.pk])).text
    assert "No actions are open from earlier meetings of this board." in march_page
