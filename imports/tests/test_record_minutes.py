import pytest

from actions.models import Action, Post
from actions.tests.factories import ActionFactory, PostFactory
from imports.management.commands.seed_demo import DEMO_MINUTES
from imports.services import record_minutes
from meetings.importer import read_minutes
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes():
    PostFactory(name="Chief Constable", abbreviation="CC")
    PostFactory(name="Police and Crime Commissioner", abbreviation="PCC")
    return read_minutes(DEMO_MINUTES.read_bytes(), DEMO_MINUTES.name)


def test_it_continues_the_months_reference_numbers(minutes):
    ActionFactory(reference="2021-03/4")

    record_minutes(minutes=minutes)

    assert set(
        Action.objects.filter(
            agenda_item__meeting__title=minutes["meeting"]["title"]
        ).values_list("reference", flat=True)
    ) == {"2021-03/5", "2021-03/6", "2021-03/7"}


def test_it_saves_nothing_when_an_owner_is_not_a_known_post(minutes):
    minutes["actions"][2]["owner"] = "DCC"

    with pytest.raises(Post.DoesNotExist, match="DCC"):
        record_minutes(minutes=minutes)

    assert not Meeting.objects.exists()
    assert not Action.objects.exists()
