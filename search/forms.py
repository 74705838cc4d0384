from django import forms

from search.services import KINDS

# Longer than any phrase anyone types; a limit keeps each search cheap.
MAX_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": "Search for at most %(limit_value)d characters "
            "(this has %(show_value)d)."
        },
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
    )
    kind = forms.ChoiceField(
        choices=[("", "Everything"), *((k, v.label) for k, v in KINDS.items())],
        required=False,
        label="In",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    page = forms.IntegerField(
        min_value=1,
        max_value=10_000,
        required=False,
        error_messages={"invalid": "A page is a number, e.g. 2."},
    )
