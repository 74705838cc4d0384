import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import AgendaItem
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def item_data(**changes):
    return {
        "number": "2",
        "title": "AOB",
        "parent": "",
        "position": "2",
        "discussion": "The PCC opened the meeting.\n\nThe CC responded.",
        **changes,
    }


@pytest.fixture
def meeting():
    return MeetingFactory()


def test_opcc_staff_add_an_item_and_blank_lines_make_paragraphs(
    client, opcc_user, meeting
):
    client.force_login(opcc_user)

    response = client.post(
        reverse("meetings:item_create", args=[meeting.pk]), item_data()
    )

    item = AgendaItem.objects.get()
    assert response.url.endswith(f"#item-{item.pk}")
    assert (
        item.discussion == "<p>The PCC opened the meeting.</p><p>The CC responded.</p>"
    )


def test_the_new_item_page_says_agenda_item_in_its_title_and_heading(
    client, opcc_user, meeting
):
    client.force_login(opcc_user)

    page = client.get(reverse("meetings:item_create", args=[meeting.pk])).text

    assert "<title>New agenda item · Assurance</title>" in page
    assert '<h1 class="h2">New agenda item</h1>' in page


def test_it_removes_script_event_handlers_and_javascript_links(
    client, opcc_user, meeting
):
    client.force_login(opcc_user)

    client.post(
        reverse("meetings:item_create", args=[meeting.pk]),
        item_data(
            discussion='<p onclick="steal()"><u>Sub-heading</u> <strong>bold</strong>'
            '<a href="javascript:alert(1)">link</a></p><script>alert(2)</script>'
            '<img src=x onerror="alert(3)"><ul><li>one</li></ul>'
        ),
    )

    assert AgendaItem.objects.get().discussion == (
        "<p><u>Sub-heading</u> <strong>bold</strong>link</p><ul><li>one</li></ul>"
    )


def test_it_refuses_a_number_already_used(client, opcc_user, meeting):
    AgendaItemFactory(meeting=meeting, number="2")
    client.force_login(opcc_user)

    response = client.post(
        reverse("meetings:item_create", args=[meeting.pk]), item_data(number="2.")
    )

    assert "Item 2 is already in these minutes." in response.text
    assert "The PCC opened the meeting." in response.text
    assert AgendaItem.objects.count() == 1


def test_a_sub_item_nests_under_an_item_of_the_same_meeting(client, opcc_user, meeting):
    parent = AgendaItemFactory(meeting=meeting, number="3")
    elsewhere = AgendaItemFactory(number="4")
    client.force_login(opcc_user)
    url = reverse("meetings:item_create", args=[meeting.pk])

    refused = client.post(url, item_data(number="3.1", parent=elsewhere.pk))
    client.post(url, item_data(number="3.1", parent=parent.pk))

    assert "Select a valid choice" in refused.text
    assert AgendaItem.objects.get(number="3.1").parent == parent


def test_the_second_of_two_edits_is_refused_and_shows_the_newer_text(
    opcc_user, django_user_model, meeting
):
    item = AgendaItemFactory(meeting=meeting, number="2", title="AOB")
    colleague = django_user_model.objects.create_user("colleague")
    colleague.groups.add(*opcc_user.groups.all())
    first, second = Client(), Client()
    first.force_login(opcc_user)
    second.force_login(colleague)
    url = reverse("meetings:item_edit", args=[meeting.pk, item.pk])

    saved = first.post(url, item_data(discussion="First version.", version=1))
    refused = second.post(url, item_data(discussion="Second version.", version=1))

    assert saved.status_code == 302
    assert refused.status_code == 409
    assert "Someone saved this item while you were writing" in refused.text
    assert "<p>First version.</p>" in refused.text
    assert "Second version." in refused.text
    item.refresh_from_db()
    assert item.discussion == "<p>First version.</p>"
    again = second.post(url, item_data(discussion="Second version.", version=2))
    assert again.status_code == 302


@pytest.mark.parametrize("persona", ["force_user", "pcc_user"])
def test_only_opcc_staff_write_items(client, request, persona, meeting):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        reverse("meetings:item_create", args=[meeting.pk]), item_data()
    )

    assert response.status_code == 403
    assert not AgendaItem.objects.exists()


def test_pasted_text_with_a_less_than_sign_keeps_its_paragraphs(
    client, opcc_user, meeting
):
    client.force_login(opcc_user)

    client.post(
        reverse("meetings:item_create", args=[meeting.pk]),
        item_data(discussion="Costs < £5k.\n\nSecond paragraph."),
    )

    assert AgendaItem.objects.get().discussion == (
        "<p>Costs &lt; £5k.</p><p>Second paragraph.</p>"
    )


def test_an_item_with_sub_items_cannot_become_one(client, opcc_user, meeting):
    parent = AgendaItemFactory(meeting=meeting, number="3")
    AgendaItemFactory(meeting=meeting, number="3.1", parent=parent)
    other = AgendaItemFactory(meeting=meeting, number="4")
    client.force_login(opcc_user)

    response = client.post(
        reverse("meetings:item_edit", args=[meeting.pk, parent.pk]),
        item_data(number="3", parent=other.pk, version=1),
    )

    assert "Select a valid choice" in response.text
    parent.refresh_from_db()
    assert parent.parent is None


def test_an_item_is_edited_as_the_text_that_makes_it(client, opcc_user, meeting):
    item = AgendaItemFactory(
        meeting=meeting,
        discussion="<p><strong>Costs</strong></p><ul><li>staff</li><li>fuel</li></ul>",
    )
    client.force_login(opcc_user)

    page = client.get(reverse("meetings:item_edit", args=[meeting.pk, item.pk])).text

    assert "&lt;strong&gt;Costs&lt;/strong&gt;\n\n- staff\n- fuel</textarea>" in page
    assert "minutes-toolbar.js" in page
