from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.models import Post
from audit.models import AccessEvent
from audit.services import record
from people import services
from people.forms import HandoverForm, InviteForm, PostForm, RoleForm
from people.models import Tenure
from people.services import Refused, name_of

administrators_only = permission_required("people.manage_people", raise_exception=True)


def _get_person(pk):
    return get_object_or_404(get_user_model(), pk=pk)


def _get_post(pk):
    return get_object_or_404(Post, pk=pk)


@require_GET
@administrators_only
def person_list(request):
    people = (
        get_user_model()
        .objects.prefetch_related("groups", "posts")
        .order_by("-is_active", "last_name", "first_name", "username")
    )
    rows = [(person, services.role_of(person)) for person in people]
    return render(request, "people/person_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@administrators_only
def invite(request):
    form = InviteForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            person = services.invite_person(
                **form.cleaned_data, today=timezone.localdate()
            )
        except Refused as refusal:
            form.add_error("email", str(refusal))
        else:
            _record(
                AccessEvent.Kind.INVITED, request, person, form.cleaned_data["role"]
            )
            messages.success(
                request, f"{name_of(person)} is invited: the email is on its way."
            )
            return redirect("people:detail", pk=person.pk)
    status = 400 if form.is_bound else 200
    return render(request, "people/invite.html", {"form": form}, status=status)


def _record(kind, request, person, role=""):
    """In the access log: who did it (the request's user), to whom, and the role."""
    detail = person.get_username() + (f" as {role}" if role else "")
    record(kind, request=request, detail=detail)


def _render_person(request, person, *, role_form=None, status=200):
    context = {
        "person": person,
        "role": services.role_of(person),
        "role_form": role_form or RoleForm(initial={"role": services.role_of(person)}),
        "tenures": person.tenures.select_related("post"),
        "invited": not person.has_usable_password(),
    }
    return render(request, "people/person_detail.html", context, status=status)


@require_GET
@administrators_only
def person_detail(request, pk):
    return _render_person(request, _get_person(pk))


@require_POST
@administrators_only
def change_role(request, pk):
    person = _get_person(pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_role(
                person, role=form.cleaned_data["role"], by=request.user
            )
        except Refused as refusal:
            form.add_error("role", str(refusal))
        else:
            role = form.cleaned_data["role"]
            _record(AccessEvent.Kind.ROLE_CHANGED, request, person, role)
            messages.success(request, f"{name_of(person)} is now {role}.")
            return redirect("people:detail", pk=person.pk)
    return _render_person(request, person, role_form=form, status=400)


@require_POST
@administrators_only
def deactivate(request, pk):
    person = _get_person(pk)
    try:
        services.deactivate(person, by=request.user)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        _record(AccessEvent.Kind.DEACTIVATED, request, person)
        messages.success(
            request,
            f"{name_of(person)}’s account is deactivated and signed out everywhere.",
        )
    return redirect("people:detail", pk=person.pk)


@require_POST
@administrators_only
def reactivate(request, pk):
    person = _get_person(pk)
    services.reactivate(person)
    _record(AccessEvent.Kind.REACTIVATED, request, person)
    messages.success(request, f"{name_of(person)}’s account is active again.")
    return redirect("people:detail", pk=person.pk)


@require_POST
@administrators_only
def invite_again(request, pk):
    person = _get_person(pk)
    if person.has_usable_password() or not person.is_active:
        messages.error(
            request, f"{name_of(person)} has set a password or is deactivated."
        )
    else:
        services.send_invitation(person)
        messages.success(
            request,
            f"A new invitation is on its way to {person.email}; "
            "the earlier link no longer works.",
        )
    return redirect("people:detail", pk=person.pk)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def accept(request, token):
    """The invitation link: the person sets a password, then signs in."""
    if not settings.PASSWORD_LOGIN:
        # A link sent before passwords were turned off: no password is used.
        messages.info(
            request,
            f"Sign in with {settings.OIDC_ACCOUNT_NAME}: passwords are not used.",
        )
        return redirect("login")
    try:
        person = services.invited_user(token)
    except Refused as refusal:
        return render(
            request, "people/invitation_void.html", {"reason": refusal}, status=410
        )
    form = SetPasswordForm(person, request.POST if request.method == "POST" else None)
    if form.is_valid():
        form.save()
        messages.success(
            request,
            f"Your password is set. Sign in with your username, {person.username}.",
        )
        return redirect("login")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "people/accept.html",
        {"form": form, "person": person},
        status=status,
    )


@require_GET
@administrators_only
def post_list(request):
    posts = Post.objects.prefetch_related("holders").order_by(
        "-is_active", "organisation", "name"
    )
    return render(request, "people/post_list.html", {"posts": posts})


@require_http_methods(["GET", "POST"])
@administrators_only
def post_form(request, pk=None):
    post = _get_post(pk) if pk else None
    form = PostForm(request.POST if request.method == "POST" else None, instance=post)
    if form.is_valid():
        post = form.save()
        messages.success(request, f"{post} is saved.")
        return redirect("people:post_detail", pk=post.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "people/post_form.html", {"form": form, "post": post}, status=status
    )


def _render_post(request, post, *, form=None, status=200):
    context = {
        "post": post,
        "holders": post.holders.order_by("last_name", "first_name"),
        "tenures": Tenure.objects.filter(post=post).select_related("user"),
        "handover_form": form or HandoverForm(),
    }
    return render(request, "people/post_detail.html", context, status=status)


@require_GET
@administrators_only
def post_detail(request, pk):
    return _render_post(request, _get_post(pk))


@require_POST
@administrators_only
def hand_over(request, pk):
    post = _get_post(pk)
    form = HandoverForm(request.POST)
    if form.is_valid():
        new_holder = form.cleaned_data["holder"]
        try:
            services.hand_over_post(
                post,
                to=new_holder,
                on=form.cleaned_data["started_on"],
                today=timezone.localdate(),
            )
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"{name_of(new_holder)} now holds {post}.")
            return redirect("people:post_detail", pk=post.pk)
    return _render_post(request, post, form=form, status=400)


@require_POST
@administrators_only
def retire(request, pk):
    post = _get_post(pk)
    try:
        services.retire_post(post)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"{post} is retired; its history stays.")
    return redirect("people:post_detail", pk=post.pk)
