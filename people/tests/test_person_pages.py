import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from actions.tests.factories import PostFactory, UserFactory
from audit.models import AccessEvent

pytestmark = pytest.mark.django_db


def test_the_list_shows_each_persons_role_posts_and_account(
    admin_client, django_assert_max_num_queries
):
    tom = UserFactory(first_name="Tom", last_name="Hughes", role="Force")
    PostFactory(holders=[tom])
    UserFactory(first_name="Old", last_name="Timer", role="PCC", is_active=False)
    invited = UserFactory(first_name="New", last_name="Comer")
    invited.set_unusable_password()
    invited.save()
    for _ in range(20):
        UserFactory(role="OPCC staff")

    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("people:list"))

    text = " ".join(response.text.split())
    assert "Tom Hughes</a></td> <td>" in text
    assert "<td>Force</td> <td>CC</td> <td>Active</td>" in text
    assert (
        '<td>PCC</td> <td><span class="text-body-secondary">None</span></td> '
        "<td>Deactivated</td>" in text
    )
    assert "<td>No role</td>" in text
    assert "Invited: no password yet" in text


def test_the_menu_shows_people_and_posts_to_administrators_only(
    admin_client, opcc_user
):
    assert 'href="/people/"' in admin_client.get(reverse("actions:home")).text
    others = Client()
    others.force_login(opcc_user)
    assert 'href="/people/"' not in others.get(reverse("actions:home")).text


def test_it_changes_the_role(admin_client, force_user):
    response = admin_client.post(
        reverse("people:role", args=[force_user.pk]), {"role": "PCC"}
    )

    assert response.status_code == 302
    assert [group.name for group in force_user.groups.all()] == ["PCC"]


def test_it_keeps_groups_that_are_not_roles(admin_client, force_user):
    from django.contrib.auth.models import Group

    force_user.groups.add(Group.objects.create(name="Report readers"))

    admin_client.post(reverse("people:role", args=[force_user.pk]), {"role": "PCC"})

    assert sorted(g.name for g in force_user.groups.all()) == ["PCC", "Report readers"]


def test_an_administrator_cannot_take_away_their_own_role(admin_client, administrator):
    response = admin_client.post(
        reverse("people:role", args=[administrator.pk]), {"role": "Force"}
    )

    assert response.status_code == 400
    assert "You cannot take away your own administrator role" in response.text
    assert administrator.groups.get().name == "Administrators"


def test_an_unknown_role_is_a_form_error(admin_client, force_user):
    response = admin_client.post(
        reverse("people:role", args=[force_user.pk]), {"role": "Wizards"}
    )

    assert response.status_code == 400
    assert force_user.groups.get().name == "Force"


def test_deactivating_ends_the_persons_sessions_and_keeps_their_posts(
    admin_client, force_user
):
    post = PostFactory(holders=[force_user])
    theirs = Client()
    theirs.force_login(force_user)
    assert theirs.get(reverse("actions:home")).status_code == 200

    response = admin_client.post(
        reverse("people:deactivate", args=[force_user.pk]), follow=True
    )

    assert "account is deactivated and signed out everywhere" in response.text
    force_user.refresh_from_db()
    assert not force_user.is_active
    assert theirs.get(reverse("actions:home")).status_code == 302
    assert list(post.holders.all()) == [force_user]


def test_an_administrator_cannot_deactivate_themselves(admin_client, administrator):
    response = admin_client.post(
        reverse("people:deactivate", args=[administrator.pk]), follow=True
    )

    assert "You cannot deactivate your own account." in response.text
    administrator.refresh_from_db()
    assert administrator.is_active


def test_only_a_superuser_deactivates_a_superuser(admin_client):
    root = UserFactory(is_superuser=True)

    admin_client.post(reverse("people:deactivate", args=[root.pk]))

    root.refresh_from_db()
    assert root.is_active


def test_it_reactivates(admin_client, force_user):
    get_user_model().objects.filter(pk=force_user.pk).update(is_active=False)

    response = admin_client.post(
        reverse("people:reactivate", args=[force_user.pk]), follow=True
    )

    assert "active again" in response.text
    force_user.refresh_from_db()
    assert force_user.is_active


def test_the_pages_refuse_other_roles(client, opcc_user, force_user):
    client.force_login(opcc_user)

    assert client.get(reverse("people:list")).status_code == 403
    assert client.get(reverse("people:detail", args=[force_user.pk])).status_code == 403
    response = client.post(reverse("people:deactivate", args=[force_user.pk]))
    assert response.status_code == 403
    force_user.refresh_from_db()
    assert force_user.is_active


def test_what_administrators_do_to_accounts_is_in_the_access_log(
    admin_client, administrator, mailoutbox
):
    admin_client.post(
        reverse("people:invite"),
        {
            "first_name": "Jane",
            "last_name": "Smith",
            "email": "jane@police.example",
            "role": "Force",
        },
    )
    jane = get_user_model().objects.get(email="jane@police.example")
    admin_client.post(reverse("people:role", args=[jane.pk]), {"role": "PCC"})
    admin_client.post(reverse("people:deactivate", args=[jane.pk]))
    admin_client.post(reverse("people:reactivate", args=[jane.pk]))

    events = AccessEvent.objects.exclude(kind=AccessEvent.Kind.SIGNED_IN).order_by("pk")
    assert [(e.kind, e.user, e.detail) for e in events] == [
        ("invited", administrator, "jane@police.example as Force"),
        ("role_changed", administrator, "jane@police.example as PCC"),
        ("deactivated", administrator, "jane@police.example"),
        ("reactivated", administrator, "jane@police.example"),
    ]
