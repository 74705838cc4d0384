from django import forms
from django.contrib.auth import get_user_model

from actions.models import Post
from people.models import ROLES
from people.services import email_in_use, name_of

ROLE_CHOICES = [(role, role) for role in ROLES]


class InviteForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(
        label="Email address", help_text="The invitation goes here."
    )
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES)
    posts = forms.ModelMultipleChoiceField(
        label="Posts they hold",
        queryset=Post.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Optional: they hold these alongside anyone holding them now. "
        "To replace a holder, hand the post over from its page instead.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if holder := email_in_use(email):
            raise forms.ValidationError(
                f"{email} is already in use by {name_of(holder)}."
            )
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES)


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["name", "abbreviation", "organisation"]
        labels = {"name": "Name of the post"}


class HandoverForm(forms.Form):
    holder = forms.ModelChoiceField(
        label="New holder", queryset=get_user_model().objects.all()
    )
    started_on = forms.DateField(
        label="Holds the post from",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The previous holder’s last day is the day before.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered: active people. Anyone else posted is refused with a reason.
        active = get_user_model().objects.filter(is_active=True)
        self.fields["holder"].choices = [("", "Choose a person")] + [
            (user.pk, f"{name_of(user)} ({user.email or user.username})")
            for user in active.order_by("last_name", "first_name", "username")
        ]
