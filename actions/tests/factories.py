import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from actions.models import Action, ActionUpdate, Organisation, Post
from meetings.tests.factories import SENSITIVE, AgendaItemFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        """UserFactory(role="Force") puts the user in that role's group."""
        if create and extracted:
            user.groups.add(Group.objects.get(name=extracted))


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        django_get_or_create = ["name"]
        skip_postgeneration_save = True

    name = "Chief Constable"
    abbreviation = "CC"
    organisation = Organisation.FORCE

    @factory.post_generation
    def holders(post, create, extracted, **kwargs):
        if create and extracted:
            post.holders.add(*extracted)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    reference = factory.Sequence(lambda n: f"2021-03/{n + 1}")
    agenda_item = factory.SubFactory(AgendaItemFactory)
    description = (
        "Provide plans for easing of lockdown, including the night time economy."
    )
    owner = factory.SubFactory(PostFactory)

    class Params:
        sensitive = SENSITIVE


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    author = factory.SubFactory(UserFactory)
    text = "Plans went to the Executive Team on 6 April."
