import pytest
from django.urls import reverse

from actions.models import Post
from actions.tests.factories import ActionFactory, PostFactory

pytestmark = pytest.mark.django_db


def test_it_creates_a_post(admin_client):
    response = admin_client.post(
        reverse("people:post_create"),
        {"name": "Head of Finance", "abbreviation": "HoF", "organisation": "opcc"},
    )

    post = Post.objects.get(name="Head of Finance")
    assert response.url == reverse("people:post_detail", args=[post.pk])
    assert post.is_active


def test_it_renames_a_post(admin_client):
    post = PostFactory()

    admin_client.post(
        reverse("people:post_edit", args=[post.pk]),
        {"name": "Chief Officer", "abbreviation": "CO", "organisation": "force"},
    )

    post.refresh_from_db()
    assert (post.name, post.abbreviation) == ("Chief Officer", "CO")


def test_a_name_in_use_is_a_form_error(admin_client):
    PostFactory(name="Chief Constable")
    post = PostFactory(name="Deputy Chief Constable", abbreviation="DCC")

    response = admin_client.post(
        reverse("people:post_edit", args=[post.pk]),
        {"name": "Chief Constable", "abbreviation": "DCC", "organisation": "force"},
    )

    assert response.status_code == 400
    assert "already exists" in response.text


def test_it_retires_a_post_with_no_open_action(admin_client):
    post = PostFactory()
    ActionFactory(owner=post, status="closed")

    response = admin_client.post(reverse("people:retire", args=[post.pk]), follow=True)

    assert "is retired; its history stays." in response.text
    post.refresh_from_db()
    assert not post.is_active
    assert "Hand over this post" not in response.text


def test_it_refuses_to_retire_a_post_that_owns_open_actions(admin_client):
    post = PostFactory()
    ActionFactory(owner=post)

    response = admin_client.post(reverse("people:retire", args=[post.pk]), follow=True)

    assert "owns 1 open action: move them to another post first." in response.text
    post.refresh_from_db()
    assert post.is_active


def test_the_list_shows_holders(
    admin_client, force_user, django_assert_max_num_queries
):
    for number in range(10):
        PostFactory(name=f"Post {number}", holders=[force_user])

    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("people:posts"))

    assert response.text.count(force_user.get_full_name()) == 10
