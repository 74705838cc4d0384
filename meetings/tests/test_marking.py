import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actions.models import Action
from actions.tests.factories import ActionFactory, PostFactory, UserFactory
from meetings.marking import Marking, Publication, shows_text_in_email
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

SENSITIVE = Marking.OFFICIAL_SENSITIVE


def test_content_is_official_and_published_unless_marked():
    action = ActionFactory()

    assert action.marking == Marking.OFFICIAL
    assert action.publication == Publication.PUBLISH
    assert not action.is_sensitive


def test_withholding_without_an_exemption_is_refused_by_the_form_and_the_database():
    item = AgendaItemFactory.build(
        meeting=MeetingFactory(), publication=Publication.WITHHOLD
    )

    with pytest.raises(ValidationError) as refused:
        item.full_clean(exclude=["presenter"])
    assert "Say why it is withheld" in str(refused.value.message_dict["exemption"])
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_sensitive_content_that_would_be_published_is_refused():
    action = ActionFactory.build(
        marking=SENSITIVE, agenda_item=AgendaItemFactory(), owner=PostFactory()
    )

    with pytest.raises(ValidationError) as refused:
        action.full_clean(exclude=["owner", "reference"])
    assert "never published" in str(refused.value.message_dict["publication"])
    with pytest.raises(IntegrityError), transaction.atomic():
        action.save()


def sensitive_item():
    return AgendaItemFactory(
        marking=SENSITIVE,
        publication=Publication.WITHHOLD,
        exemption="section 31 — law enforcement",
    )


@pytest.fixture
def marked_actions():
    """One ordinary action, one marked itself, one raised at a marked item; the
    marked ones owned by the ACC post."""
    acc = PostFactory(name="Assistant Chief Constable", abbreviation="ACC")
    withheld = {"publication": Publication.WITHHOLD, "exemption": "section 31"}
    return {
        "plain": ActionFactory(reference="A/1"),
        "marked": ActionFactory(
            reference="A/2", owner=acc, marking=SENSITIVE, **withheld
        ),
        "at marked item": ActionFactory(
            reference="A/3", owner=acc, agenda_item=sensitive_item()
        ),
    }


def visible_references(user):
    return set(Action.objects.visible_to(user).values_list("reference", flat=True))


@pytest.mark.parametrize("role", ["OPCC staff", "PCC"])
def test_opcc_staff_and_the_pcc_see_everything_marked(marked_actions, role):
    user = UserFactory(role=role)

    assert visible_references(user) == {"A/1", "A/2", "A/3"}
    assert all(action.is_visible_to(user) for action in marked_actions.values())


def test_a_force_user_sees_marked_actions_only_of_the_posts_he_holds(marked_actions):
    outsider = UserFactory(role="Force")
    acc_holder = UserFactory(role="Force")
    marked_actions["marked"].owner.holders.add(acc_holder)

    assert visible_references(outsider) == {"A/1"}
    assert not marked_actions["at marked item"].is_visible_to(outsider)
    assert visible_references(acc_holder) == {"A/1", "A/2", "A/3"}
    assert marked_actions["at marked item"].is_visible_to(acc_holder)


def test_a_superuser_sees_everything_and_nobody_signed_out_sees_anything(
    marked_actions, django_user_model
):
    from django.contrib.auth.models import AnonymousUser

    admin = django_user_model.objects.create_superuser("root", "root@example.org")

    assert visible_references(admin) == {"A/1", "A/2", "A/3"}
    assert visible_references(AnonymousUser()) == set()


def test_emails_carry_wording_only_of_unmarked_content_and_only_if_allowed(
    marked_actions, settings
):
    assert shows_text_in_email(marked_actions["plain"])
    assert not shows_text_in_email(marked_actions["marked"])
    assert not shows_text_in_email(marked_actions["at marked item"])

    settings.EMAIL_SHOWS_TEXT = False
    assert not shows_text_in_email(marked_actions["plain"])
