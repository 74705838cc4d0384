import datetime

import pytest
from django.urls import reverse

from actions.tests.factories import ActionFactory, PostFactory, UserFactory
from people.models import Tenure
from people.services import Refused, hand_over_post, holders_on

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2021, 10, 1)


@pytest.fixture
def tom(db):
    return UserFactory(first_name="Tom", last_name="Hughes", role="Force")


@pytest.fixture
def jane(db):
    return UserFactory(first_name="Jane", last_name="Smith", role="Force")


@pytest.fixture
def post(tom):
    post = PostFactory(holders=[tom])
    Tenure.objects.create(post=post, user=tom, started_on=datetime.date(2019, 4, 1))
    return post


def test_it_moves_the_post_and_records_both_tenures(post, tom, jane):
    handed = hand_over_post(post, to=jane, on=datetime.date(2021, 9, 1), today=TODAY)

    assert handed == [tom]
    assert list(post.holders.all()) == [jane]
    ended = Tenure.objects.get(user=tom)
    assert (ended.started_on, ended.ended_on) == (
        datetime.date(2019, 4, 1),
        datetime.date(2021, 8, 31),
    )
    started = Tenure.objects.get(user=jane)
    assert (started.started_on, started.ended_on) == (datetime.date(2021, 9, 1), None)
    assert holders_on(post.pk, datetime.date(2021, 8, 31)) == [tom]
    assert holders_on(post.pk, datetime.date(2021, 9, 1)) == [jane]


def test_a_holder_with_no_tenure_gets_one_that_ends(jane, tom):
    post = PostFactory(holders=[tom])

    hand_over_post(post, to=jane, on=datetime.date(2021, 9, 1), today=TODAY)

    ended = Tenure.objects.get(user=tom)
    assert (ended.started_on, ended.ended_on) == (None, datetime.date(2021, 8, 31))
    assert holders_on(post.pk, datetime.date(2015, 1, 1)) == [tom]


def test_the_actions_stay_with_the_post(post, jane):
    action = ActionFactory(owner=post)

    hand_over_post(post, to=jane, on=datetime.date(2021, 9, 1), today=TODAY)

    action.refresh_from_db()
    assert action.owner == post


@pytest.mark.parametrize(
    ("who", "on", "message"),
    [
        ("deactivated", datetime.date(2021, 9, 1), "account is deactivated"),
        ("tom", datetime.date(2021, 9, 1), "Tom Hughes already holds"),
        ("jane", datetime.date(2021, 10, 2), "in the future"),
        (
            "jane",
            datetime.date(2019, 4, 1),
            "has held Chief Constable .CC. since 1 Apr 2019",
        ),
    ],
)
def test_it_refuses_a_bad_handover_and_changes_nothing(
    post, tom, jane, who, on, message
):
    to = {
        "tom": tom,
        "jane": jane,
        "deactivated": UserFactory(first_name="Gone", is_active=False),
    }[who]

    with pytest.raises(Refused, match=message):
        hand_over_post(post, to=to, on=on, today=TODAY)

    assert list(post.holders.all()) == [tom]
    assert list(Tenure.objects.values_list("user", "ended_on")) == [(tom.pk, None)]


def test_a_retired_post_cannot_be_handed_over(post, jane):
    post.is_active = False
    post.save()

    with pytest.raises(Refused, match="is retired"):
        hand_over_post(post, to=jane, on=datetime.date(2021, 9, 1), today=TODAY)


def test_the_page_hands_over_and_shows_the_history(admin_client, post, tom, jane):
    response = admin_client.post(
        reverse("people:hand_over", args=[post.pk]),
        {"holder": jane.pk, "started_on": "2021-09-01"},
        follow=True,
    )

    text = " ".join(response.text.split())
    assert "Jane Smith now holds Chief Constable (CC)." in text
    assert (
        "<td>Jane Smith</td> <td>1 Sep 2021</td> <td>Now</td> </tr> <tr> "
        "<td>Tom Hughes</td> <td>1 Apr 2019</td> <td>31 Aug 2021</td>" in text
    )


def test_the_page_says_why_it_refuses(admin_client, post, tom):
    gone = UserFactory(first_name="Gone", last_name="Away", is_active=False)

    response = admin_client.post(
        reverse("people:hand_over", args=[post.pk]),
        {"holder": gone.pk, "started_on": "2021-09-01"},
    )

    assert response.status_code == 400
    assert "Gone Away’s account is deactivated" in response.text
    assert list(post.holders.all()) == [tom]


def test_the_form_offers_active_people_only(admin_client, post):
    UserFactory(first_name="Gone", last_name="Away", is_active=False)

    response = admin_client.get(reverse("people:post_detail", args=[post.pk]))

    assert "Hand over this post" in response.text
    assert "Gone Away" not in response.text


def test_the_action_page_says_who_held_the_post_on_the_due_date(
    client, post, tom, jane, opcc_user
):
    action = ActionFactory(owner=post, due_date=datetime.date(2021, 8, 20))
    hand_over_post(post, to=jane, on=datetime.date(2021, 9, 1), today=TODAY)
    client.force_login(opcc_user)

    text = " ".join(
        client.get(reverse("actions:detail", args=[action.pk])).text.split()
    )

    assert "Held now by Jane Smith" in text
    assert "Held by Tom Hughes on 20 Aug 2021" in text


def test_the_action_page_names_no_holder_for_a_due_date_to_come(
    client, post, opcc_user
):
    action = ActionFactory(
        owner=post, due_date=datetime.date.today() + datetime.timedelta(days=30)
    )
    client.force_login(opcc_user)

    text = client.get(reverse("actions:detail", args=[action.pk])).text

    assert "Held now by" in text
    assert "Held by" not in text.replace("Held now by", "")
