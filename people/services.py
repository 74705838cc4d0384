"""Inviting people, giving them a role, and handing posts from one to another."""

import datetime
from email.utils import formataddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format

from actions.models import Action, Post
from people.models import ADMINISTRATORS, ROLES, Tenure

INVITATION_SALT = "people.invitation"
INVITATION_LIFETIME = datetime.timedelta(days=7)


class Refused(Exception):
    """A change that would break a rule; the message says which, for the user."""


def name_of(user):
    return user.get_full_name() or user.username


def administrators():
    """Whom a person with no role asks: active administrators, superusers too."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=ADMINISTRATORS) | Q(is_superuser=True))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def role_of(user):
    """The name of the user's role, or None; a superuser is an administrator."""
    names = {group.name for group in user.groups.all()}
    role = next((role for role in ROLES if role in names), None)
    return role or (ADMINISTRATORS if user.is_superuser else None)


def email_in_use(email):
    return (
        get_user_model()
        .objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .first()
    )


def invite_person(*, first_name, last_name, email, role, posts, today):
    """Create the person's account, active with their role and no password, and
    email them a link to set one.

    The account exists from now, so signing in with the organisation's account
    (matched by verified email) finds it. Sent inside the transaction: if the
    email fails, nobody is created and the invitation can be tried again.
    """
    email = email.strip().lower()
    if holder := email_in_use(email):
        raise Refused(f"{email} is already in use by {name_of(holder)}.")
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                email, email=email, first_name=first_name, last_name=last_name
            )
            user.groups.add(Group.objects.get(name=role))
            for post in posts:
                post.holders.add(user)
                Tenure.objects.create(post=post, user=user, started_on=today)
            send_invitation(user)
    except IntegrityError:
        # Another administrator invited the same address a moment before.
        raise Refused(f"{email} is already in use.") from None
    except OSError as error:  # smtplib's errors among them
        raise Refused(
            f"The invitation could not be sent ({error}); nobody was invited. "
            "Try again in a few minutes."
        ) from None
    return user


def _password_fingerprint(user):
    # Setting a password, or a fresh invitation (a new unusable one), changes it:
    # so a link works once, and only the newest works.
    return salted_hmac(INVITATION_SALT, user.password).hexdigest()[:20]


def invitation_token(user):
    return signing.dumps(
        {"user": user.pk, "password": _password_fingerprint(user)},
        salt=INVITATION_SALT,
    )


def send_invitation(user):
    """Email `user` a new link to set a password, any earlier one void; with
    PASSWORD_LOGIN=0, the sign-in page, as their organisation account is the way
    in (matched by this email address)."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    context = {
        "person": user,
        "name": name_of(user),
        "passwords": settings.PASSWORD_LOGIN,
        "account": settings.OIDC_ACCOUNT_NAME,
        "url": settings.SITE_URL
        + (
            reverse("people:accept", args=[invitation_token(user)])
            if settings.PASSWORD_LOGIN
            else reverse("login")
        ),
        "days": INVITATION_LIFETIME.days,
    }
    email = EmailMultiAlternatives(
        " ".join(render_to_string("emails/invitation-subject.html", context).split()),
        render_to_string("emails/invitation-body-text.html", context),
        to=[formataddr((context["name"], user.email))],
    )
    email.attach_alternative(
        render_to_string("emails/invitation-body-html.html", context), "text/html"
    )
    email.send()


def invited_user(token):
    """The person an invitation link is for, or Refused saying why it fails."""
    try:
        claim = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_LIFETIME)
    except signing.SignatureExpired:
        raise Refused(
            "This invitation has expired: invitations last "
            f"{INVITATION_LIFETIME.days} days. Ask an administrator to send you "
            "a new one."
        ) from None
    except signing.BadSignature:
        raise Refused(
            "This invitation link is not complete or not right: copy the whole "
            "link from the email."
        ) from None
    user = get_user_model().objects.filter(pk=claim["user"]).first()
    if user is None or not user.is_active:
        raise Refused("This account is closed: ask an administrator.")
    if _password_fingerprint(user) != claim["password"]:
        raise Refused(
            "This invitation has been used already, or a newer one replaced it. "
            "Sign in with your password, or use the newest invitation."
        )
    return user


def change_role(user, *, role, by):
    if user == by and role != ADMINISTRATORS and not by.is_superuser:
        raise Refused(
            "You cannot take away your own administrator role: ask another "
            "administrator."
        )
    with transaction.atomic():
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
        user.groups.add(Group.objects.get(name=role))


def deactivate(user, *, by):
    """Close the account: its sessions end (signin.signals), its history stays."""
    if user == by:
        raise Refused("You cannot deactivate your own account.")
    if user.is_superuser and not by.is_superuser:
        raise Refused("Only a superuser can deactivate a superuser.")
    user.is_active = False
    user.save(update_fields=["is_active"])


def reactivate(user):
    user.is_active = True
    user.save(update_fields=["is_active"])


def hand_over_post(post, *, to, on, today):
    """`to` holds `post` from the day `on`; whoever held it until then stops the
    day before. Actions stay with the post.

    1. Refuse a retired post, a deactivated person, the current holder, a day
       after today and a day not after a current holder's start.
    2. End the current tenures (a holder with none gets one, from an unknown
       day), open the new one, and make `to` the post's only holder.
    Returns the people who handed over.
    """
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        holders = list(post.holders.all())
        current = list(Tenure.objects.current().filter(post=post))
        _check_handover(post, holders, current, to=to, on=on, today=today)
        last_day = on - datetime.timedelta(days=1)
        Tenure.objects.filter(pk__in=[t.pk for t in current]).update(ended_on=last_day)
        recorded = {tenure.user_id for tenure in current}
        Tenure.objects.bulk_create(
            Tenure(post=post, user=holder, ended_on=last_day)
            for holder in holders
            if holder.pk not in recorded
        )
        Tenure.objects.create(post=post, user=to, started_on=on)
        post.holders.set([to])
    return holders


def _check_handover(post, holders, current, *, to, on, today):
    if not post.is_active:
        raise Refused(f"{post} is retired: nobody can be handed it.")
    if not to.is_active:
        raise Refused(
            f"{name_of(to)}’s account is deactivated: reactivate it first, or "
            "choose someone else."
        )
    if to in holders:
        raise Refused(f"{name_of(to)} already holds {post}.")
    if on > today:
        raise Refused(
            "The handover date is in the future: record the handover on the day."
        )
    for tenure in current:
        if tenure.started_on and tenure.started_on >= on:
            raise Refused(
                f"{name_of(tenure.user)} has held {post} since "
                f"{date_format(tenure.started_on)}: the handover date must be "
                "after that."
            )


def holders_on(post_id, day):
    """Who held the post on `day`, as far as the tenures recorded say."""
    return [
        tenure.user
        for tenure in Tenure.objects.held_on(day)
        .filter(post_id=post_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    ]


def retire_post(post):
    """A retired post owns no open action: they are moved first, not left behind."""
    open_count = Action.objects.open().filter(owner=post).count()
    if open_count:
        raise Refused(
            f"{post} owns {open_count} open action{'s' if open_count != 1 else ''}: "
            "move them to another post first."
        )
    post.is_active = False
    post.save(update_fields=["is_active"])
