from django import forms

from actions.models import Post
from imports.services import existing_meeting_for, match_posts
from meetings.importer import MinutesError, read_minutes, refuse_oversize

ENCODINGS = [
    ("", "UTF-8 (usual)"),
    ("cp1252", "Windows-1252 (older Word text exports)"),
]


class MinutesUploadForm(forms.Form):
    file = forms.FileField(
        label="Minutes file",
        help_text="A .txt export, a Word .docx or an .html page, up to 10 MB.",
    )
    encoding = forms.ChoiceField(
        label="Text encoding",
        choices=ENCODINGS,
        required=False,
        help_text="Only for .txt and .html files; Word documents need none.",
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        try:
            refuse_oversize(upload.size)
            minutes = read_minutes(
                upload.read(), upload.name, encoding=cleaned.get("encoding") or None
            )
        except MinutesError as error:
            raise forms.ValidationError({"file": f"{upload.name} {error}"}) from error
        if meeting := existing_meeting_for(minutes):
            raise forms.ValidationError(
                {"file": f"{upload.name} was imported before, as “{meeting}”."}
            )
        cleaned["minutes"] = match_posts(minutes)
        return cleaned


class ActionOwnersForm(forms.Form):
    """One owner per imported action, as read from the minutes, to correct."""

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Needs an owner")] + [
            (post.abbreviation, str(post))
            for post in Post.objects.filter(is_active=True)
        ]
        for number, action in enumerate(actions, start=1):
            self.fields[f"owner_{number}"] = forms.ChoiceField(
                label=f"Owner of action {number}",
                choices=choices,
                required=False,
                initial=action["owner"] or "",
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def owners(self):
        return [value or None for value in self.cleaned_data.values()]
