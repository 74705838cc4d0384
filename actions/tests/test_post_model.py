import pytest
from django.db import IntegrityError

from actions.models import Post
from actions.tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_two_posts_with_the_same_name():
    Post.objects.create(name="Chief Constable", abbreviation="CC", organisation="force")

    with pytest.raises(IntegrityError):
        Post.objects.create(
            name="Chief Constable", abbreviation="CC2", organisation="force"
        )


def test_it_refuses_an_organisation_other_than_force_or_opcc():
    with pytest.raises(IntegrityError):
        Post.objects.create(name="Mayor", abbreviation="M", organisation="council")


def test_it_refuses_a_post_without_an_abbreviation():
    with pytest.raises(IntegrityError):
        Post.objects.create(
            name="Chief Constable", abbreviation="", organisation="force"
        )


def test_it_knows_who_holds_it():
    holder, other = UserFactory(), UserFactory()
    post = PostFactory(holders=[holder])

    assert post.is_held_by(holder)
    assert not post.is_held_by(other)
    assert str(post) == "Chief Constable (CC)"
