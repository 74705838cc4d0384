import datetime

import factory

from boards.models import Board
from meetings.marking import Marking, Publication
from meetings.models import AgendaItem, Attendee, Meeting, MeetingType

# Marked OFFICIAL-SENSITIVE, which is never published: withheld, saying why.
SENSITIVE = factory.Trait(
    marking=Marking.OFFICIAL_SENSITIVE,
    publication=Publication.WITHHOLD,
    exemption="section 31 — law enforcement",
)


class MeetingTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingType
        django_get_or_create = ["name"]

    name = "Monthly Assurance Meeting"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    meeting_type = factory.SubFactory(MeetingTypeFactory)
    board = factory.LazyAttribute(lambda m: Board.for_meeting_type(m.meeting_type))
    date = factory.Sequence(
        lambda n: datetime.date(2021, 1, 5) + datetime.timedelta(weeks=n)
    )
    title = factory.LazyAttribute(lambda m: f"{m.meeting_type.name} {m.date:%B %Y}")
    start_time = datetime.time(10, 30)
    venue = "Virtual"
    chair = "John Campion"


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Faker("name", locale="en_GB")
    capacity = "Chief Constable"
    abbreviation = "CC"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = "Holding to account – Serious and Organised Crime (SOC)"
    position = factory.Sequence(int)

    class Params:
        sensitive = SENSITIVE
