import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from actions.models import Action
from actions.tests.factories import ActionFactory, PostFactory, UserFactory
from meetings.tests.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db
HOME = reverse("actions:home")


def test_it_sends_anonymous_users_to_sign_in(client):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"


def test_the_sign_in_page_labels_its_fields(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert re.search(r'<label\s+for="id_username"', response.text)
    assert re.search(r'<label\s+for="id_password"', response.text)


def test_it_signs_in_and_lands_on_home(client, opcc_user):
    response = client.post(
        reverse("login"),
        {"username": "opcc", "password": "correct horse battery staple"},
        follow=True,
    )

    assert response.redirect_chain == [(HOME, 302)]
    assert "What is owed: open actions of every post" in response.text


def test_it_tells_a_user_in_no_role_whom_to_ask(client, django_user_model):
    UserFactory(
        first_name="Ann",
        last_name="Jones",
        email="ann@example.org",
        role="Administrators",
    )
    UserFactory(first_name="Gone", role="Administrators", is_active=False)
    client.force_login(django_user_model.objects.create_user("visitor"))

    response = client.get(HOME)

    # A page, not a 403 whose link home would lead back to it.
    assert response.status_code == 200
    text = " ".join(response.text.split())
    assert (
        "Your account has no role yet; ask Ann Jones "
        '(<a href="mailto:ann@example.org">ann@example.org</a>).' in text
    )
    assert "Gone" not in text
    assert "Open actions" not in text


def test_it_refuses_a_wrong_password(client, opcc_user):
    response = client.post(reverse("login"), {"username": "opcc", "password": "nope"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text
    assert "_auth_user_id" not in client.session


@time_machine.travel(datetime.date(2021, 9, 24))
def test_it_shows_a_force_user_the_actions_of_his_posts_first(client, force_user):
    ActionFactory(
        description="Provide plans for easing of lockdown",
        owner=PostFactory(holders=[force_user]),
        due_date=datetime.date(2021, 9, 23),
    )
    ActionFactory(
        description="Revisit LPPT teams",
        owner=PostFactory(name="Police and Crime Commissioner", abbreviation="PCC"),
    )
    client.force_login(force_user)

    response = client.get(HOME)

    assert response.text.index('id="my-actions"') < response.text.index(
        'id="open-actions"'
    )
    my_actions = response.text.split('id="my-actions"')[1].split("</section>")[0]
    assert "Provide plans for easing of lockdown" in my_actions
    assert "23 Sep 2021" in my_actions
    assert "Overdue" in my_actions
    assert "Revisit LPPT teams" not in my_actions
    assert "Revisit LPPT teams" in response.text


def test_it_tells_a_force_user_who_holds_no_post_so(client, force_user):
    ActionFactory(description="Revisit LPPT teams")
    UserFactory(first_name="Ann", last_name="Jones", role="Administrators")
    client.force_login(force_user)

    response = client.get(HOME)

    text = " ".join(response.text.split())
    sentence = text.index("You hold no post yet")
    assert "Ask Ann Jones" in text[sentence:]
    assert sentence < text.index('id="open-actions"') < text.index("Revisit LPPT")


def test_it_says_nothing_of_posts_to_a_force_user_who_holds_one(client, force_user):
    PostFactory(holders=[force_user])
    client.force_login(force_user)

    assert "You hold no post" not in client.get(HOME).text


def test_it_flags_an_action_that_needs_an_owner(client, force_user):
    ActionFactory(owner=None)
    client.force_login(force_user)

    assert "Needs an owner" in client.get(HOME).text


def test_it_leaves_out_closed_actions(client, force_user):
    ActionFactory(description="Still owed")
    ActionFactory(description="Already signed off", status=Action.Status.CLOSED)
    client.force_login(force_user)

    page = client.get(HOME).text
    assert "Still owed" in page
    assert "Already signed off" not in page


def test_it_counts_each_meetings_open_actions(client, force_user):
    item = AgendaItemFactory()
    ActionFactory.create_batch(2, agenda_item=item)
    ActionFactory(agenda_item=item, status=Action.Status.CLOSED)
    client.force_login(force_user)

    response = client.get(HOME)

    assert [m.open_actions for m in response.context["meetings"]] == [2]


def test_it_rejects_post(client, opcc_user):
    client.force_login(opcc_user)

    assert client.post(HOME).status_code == 405


@pytest.mark.parametrize("actions", [3, 60])
def test_it_runs_a_fixed_number_of_queries(
    client, force_user, django_assert_max_num_queries, actions
):
    post = PostFactory(holders=[force_user])
    for _ in range(actions):
        ActionFactory(owner=post, agenda_item=AgendaItemFactory())
    client.force_login(force_user)

    with django_assert_max_num_queries(9):
        assert client.get(HOME).status_code == 200
