import re
import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from actions.tests.factories import PostFactory, UserFactory
from people.models import Tenure
from people.services import invitation_token

pytestmark = pytest.mark.django_db
INVITE = reverse("people:invite")


def _invite(client, **changes):
    data = {
        "first_name": "Jane",
        "last_name": "Smith",
        "email": "Jane.Smith@Police.example",
        "role": "Force",
        **changes,
    }
    return client.post(INVITE, data)


def test_it_creates_an_active_account_with_its_role_and_no_password(
    admin_client, mailoutbox, settings
):
    settings.SITE_URL = "https://assurance.example"
    post = PostFactory()

    response = _invite(admin_client, posts=[post.pk])

    jane = get_user_model().objects.get(email="jane.smith@police.example")
    assert response.status_code == 302
    assert response.url == reverse("people:detail", args=[jane.pk])
    assert jane.username == "jane.smith@police.example"
    assert jane.is_active
    assert not jane.has_usable_password()
    assert [group.name for group in jane.groups.all()] == ["Force"]
    assert list(post.holders.all()) == [jane]
    assert Tenure.objects.get(post=post).user == jane
    (email,) = mailoutbox
    assert email.to == ["Jane Smith <jane.smith@police.example>"]
    assert email.subject == "You are invited to Assurance"
    assert re.search(r"https://assurance\.example/invitation/\S+/", email.body)
    assert "for 7 days" in email.body
    assert "Set your password" in email.alternatives[0][0]


def test_it_refuses_an_address_already_in_use(admin_client, mailoutbox):
    UserFactory(first_name="Tom", last_name="Hughes", email="tom@police.example")

    response = _invite(admin_client, email="TOM@police.example")

    assert response.status_code == 400
    assert "tom@police.example is already in use by Tom Hughes." in response.text
    assert not get_user_model().objects.filter(first_name="Jane").exists()
    assert mailoutbox == []


def test_it_refuses_an_address_that_is_someones_username(admin_client, mailoutbox):
    UserFactory(username="jane.smith@police.example", email="")

    response = _invite(admin_client)

    assert response.status_code == 400
    assert "already in use" in response.text
    assert mailoutbox == []


def test_it_labels_every_field(admin_client):
    response = admin_client.get(INVITE)

    for field in ("first_name", "last_name", "email", "role"):
        assert re.search(rf'<label[^>]+for="id_{field}"', response.text)
    assert "Administrators" in response.text


def test_it_is_for_administrators_only(client, opcc_user):
    client.force_login(opcc_user)

    assert client.get(INVITE).status_code == 403
    assert _invite(client).status_code == 403


def test_a_superuser_counts_as_an_administrator(client, mailoutbox):
    client.force_login(UserFactory(is_superuser=True))

    assert _invite(client).status_code == 302
    assert len(mailoutbox) == 1


def test_a_new_invitation_replaces_the_earlier_link(admin_client, mailoutbox):
    _invite(admin_client)
    jane = get_user_model().objects.get(first_name="Jane")

    response = admin_client.post(reverse("people:invite_again", args=[jane.pk]))

    assert response.status_code == 302
    first, second = (
        re.search(r"/invitation/\S+/", email.body)[0] for email in mailoutbox
    )
    assert first != second
    assert admin_client.get(first).status_code == 410
    assert admin_client.get(second).status_code == 200


def test_a_failed_email_invites_nobody(admin_client, mailoutbox, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", refuse
    )

    response = _invite(admin_client)

    assert response.status_code == 400
    assert "The invitation could not be sent" in response.text
    assert not get_user_model().objects.filter(first_name="Jane").exists()


def test_with_passwords_off_it_invites_them_to_sign_in_with_their_account(
    admin_client, client, mailoutbox, settings
):
    settings.SITE_URL = "https://assurance.example"
    jane = UserFactory(email="jane@police.example")
    old_link = reverse("people:accept", args=[invitation_token(jane)])
    settings.PASSWORD_LOGIN = False
    settings.OIDC_ACCOUNT_NAME = "your Example Police account"

    _invite(admin_client)

    (email,) = mailoutbox
    assert (
        "Sign in with your Example Police account, the one for "
        "jane.smith@police.example, here:\nhttps://assurance.example/accounts/login/"
    ) in email.body
    assert "/invitation/" not in email.body + email.alternatives[0][0]
    assert "password" not in email.body.lower()
    followed = client.get(old_link, follow=True)
    assert followed.redirect_chain[-1][0].startswith(reverse("login"))
    assert "passwords are not used" in followed.text
