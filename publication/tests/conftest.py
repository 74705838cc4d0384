import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from boards.models import Decision, Paper
from boards.services import approve_minutes
from meetings.models import Meeting
from publication.services import records_to_mark

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Words found only in item 1.2 of the March 2021 minutes, its title among them.
WITHHELD_WORDS = [
    "Resources to tackle SOC",
    "LPPT vacancies",
    "ROCU",
    "best practice database",
]
WITHHELD_LINE = "Item 1.2 withheld: section 31 — law enforcement"


def marking_data(meeting, **changes):
    """The "Prepare for publication" form as it stands, with `changes`:
    {"item-<pk>": (marking, publication, exemption)}."""
    data = {}
    for kind, records in records_to_mark(meeting).items():
        for record in records:
            prefix = f"{kind}-{record.pk}"
            marking, publication, exemption = changes.get(
                prefix, (record.marking, record.publication, record.exemption)
            )
            data |= {
                f"{prefix}-marking": marking,
                f"{prefix}-publication": publication,
                f"{prefix}-exemption": exemption,
            }
    return data


@pytest.fixture
def march(db, settings, tmp_path):
    """The demo's March 2021 minutes with a decision at item 3 and a paper at
    items 3 and 1.2, approved."""
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, stdout=None)
    meeting = Meeting.objects.get(date="2021-03-23")
    item3 = meeting.items.get(number="3")
    item12 = meeting.items.get(number="1.2")
    Decision.objects.create(
        number="2021-03/D1",
        agenda_item=item3,
        text="The board endorsed the serious and organised crime delivery plan.",
        significant_public_interest=True,
    )
    opcc = get_user_model().objects.get(username="opcc")
    for item, name in (
        (item3, "SOC delivery plan.pdf"),
        (item12, "LPPT vacancies.pdf"),
    ):
        Paper.objects.create(
            agenda_item=item,
            file=SimpleUploadedFile(name, PDF),
            name=name,
            content_type="application/pdf",
            size=len(PDF),
            uploaded_by=opcc,
        )
    return meeting


@pytest.fixture
def opcc(march):
    return get_user_model().objects.get(username="opcc")


@pytest.fixture
def approved(march, opcc):
    approve_minutes(march, by=opcc)
    march.refresh_from_db()
    return march


@pytest.fixture
def published(client, approved, opcc):
    """Item 1.2 marked OFFICIAL-SENSITIVE and withheld, then published, through
    the pages; the client is signed out after."""
    item = approved.items.get(number="1.2")
    client.force_login(opcc)
    prepare = reverse("publication:prepare", args=[approved.pk])
    data = marking_data(
        approved,
        **{
            f"item-{item.pk}": (
                "official_sensitive",
                "withhold",
                "section 31 — law enforcement",
            )
        },
    )
    assert client.post(prepare, data).status_code == 302
    response = client.post(reverse("publication:publish", args=[approved.pk]))
    assert response.status_code == 302
    client.logout()
    return approved.publication
