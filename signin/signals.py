from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from signin.services import (
    MAY_USE_SECOND_FACTOR,
    SECOND_FACTOR_DUE,
    end_sessions_of,
    may_use_second_factor,
    second_factor_due,
    start_session_clock,
)


@receiver(user_logged_in, dispatch_uid="signin_start_session")
def _start_session(sender, request, user, **kwargs):
    start_session_clock(request.session, timezone.now())
    request.session[MAY_USE_SECOND_FACTOR] = may_use_second_factor(user)
    request.session[SECOND_FACTOR_DUE] = second_factor_due(user)


# A signal, not a view: accounts are deactivated in the admin as well as anywhere
# else, and each way must end the sessions.
@receiver(post_save, sender=get_user_model(), dispatch_uid="signin_end_sessions")
def _end_sessions_of_inactive(sender, instance, **kwargs):
    if not instance.is_active:
        end_sessions_of(instance)
