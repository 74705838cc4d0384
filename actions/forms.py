from pathlib import PurePath

import filetype
from django import forms
from django.db.models import Q

from actions.evidence import office_problem, pdf_problem
from actions.models import Action, ActionStatus, CalendarFeed, Organisation, Post
from meetings.due_phrases import UnclearDuePhrase, due_date_for

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# What evidence may be: checked from the file's first bytes, never from its name.
ALLOWED_ATTACHMENTS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "image/gif": "GIF image",
    "image/webp": "WebP image",
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once, each checked by its content and size."""

    widget = MultipleFileInput
    # Agenda papers take the same checks with fewer types (boards.forms).
    allowed = ALLOWED_ATTACHMENTS
    allowed_in_words = "PDF, Word, Excel or image files"

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        return [self._checked(super(AttachmentsField, self).clean(u)) for u in uploads]

    def _checked(self, upload):
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size / 1024 / 1024:.1f} MB; attachments "
                "may be up to 20 MB."
            )
        kind = filetype.guess(upload.read(8192))
        upload.seek(0)
        if kind is None or kind.mime not in self.allowed:
            found = f"it is a {kind.extension} file" if kind else "its type is unknown"
            raise forms.ValidationError(
                f"{upload.name} cannot be attached: {found}. Attach "
                f"{self.allowed_in_words}."
            )
        if kind.extension in ("docx", "xlsx"):
            problem = office_problem(upload)
        elif kind.extension == "pdf":
            problem = pdf_problem(upload.read())
            upload.seek(0)
        else:
            problem = None
        if problem:
            raise forms.ValidationError(f"{upload.name} cannot be attached: {problem}.")
        upload.content_type = kind.mime
        # Downloads are named for what the file is, not what it was called.
        stem = PurePath(upload.name).stem or "evidence"
        # Within the 255 characters a file's name is kept in, extension included.
        upload.name = f"{stem[: 254 - len(kind.extension)]}.{kind.extension}"
        return upload


class StatusForm(forms.Form):
    to = forms.ChoiceField(choices=ActionStatus.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed to not accept, supersede or reopen an action.",
    )


class UpdateForm(forms.Form):
    text = forms.CharField(
        label="Progress update", widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = AttachmentsField(
        label="Evidence (optional)",
        required=False,
        help_text="PDF, Word, Excel or images, up to 20 MB each.",
    )


class DueDateForm(forms.Form):
    due_date = forms.DateField(
        label="New due date", widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label="Reason for the change", max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Action
        fields = ["description", "owner"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"owner": "Owner post"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].empty_label = "Needs an owner"
        # A post abolished since keeps its actions until someone moves them.
        self.fields["owner"].queryset = Post.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.owner_id)
        )


class ActionCorrectionForm(ActionEditForm):
    reason = forms.CharField(
        label="Reason for the correction",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the action's history, with your name.",
        error_messages={"required": "Say why the wording is corrected."},
    )


class ReassignForm(forms.Form):
    from_post = forms.ModelChoiceField(
        label="Move every open action of", queryset=Post.objects.all()
    )
    to_post = forms.ModelChoiceField(
        label="To", queryset=Post.objects.filter(is_active=True)
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from_post") and cleaned.get("from_post") == cleaned.get(
            "to_post"
        ):
            raise forms.ValidationError({"to_post": "Choose a different post."})
        return cleaned


class ActionRaiseForm(forms.Form):
    description = forms.CharField(
        label="Action", widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ModelChoiceField(
        label="Owner post",
        queryset=Post.objects.filter(is_active=True),
        required=False,
        empty_label="Needs an owner",
    )
    due_date = forms.DateField(
        label="Due date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_phrase = forms.CharField(
        label="Or when, as minuted",
        max_length=200,
        required=False,
        help_text="For example “in 6 months”, “by the next meeting”, “end of Q2”.",
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean(self):
        cleaned = super().clean()
        phrase = cleaned.get("due_phrase")
        if phrase and not cleaned.get("due_date") and "due_date" not in self.errors:
            try:
                cleaned["due_date"] = due_date_for(
                    phrase,
                    meeting_date=self.meeting.date,
                    next_meeting_date=self.meeting.next_meeting_on,
                )
            except UnclearDuePhrase as unclear:
                self.add_error("due_phrase", str(unclear))
        due = cleaned.get("due_date")
        if due and due < self.meeting.date:
            meeting_day = f"{self.meeting.date:%-d %b %Y}"
            self.add_error(
                "due_date", f"{due:%-d %b %Y} is before the meeting on {meeting_day}."
            )
        return cleaned


class ReminderSettingsForm(forms.Form):
    due_soon = forms.BooleanField(
        required=False,
        label="Email me before an action I own is due",
        help_text="Due-today and overdue reminders always come.",
    )


class CalendarContentsForm(forms.ModelForm):
    """What a user's calendar holds; everything owed only for a user who may see
    every action."""

    class Meta:
        model = CalendarFeed
        fields = ["holds", "meeting_type", "organisation", "owner"]
        widgets = {"holds": forms.RadioSelect}
        labels = {
            "holds": "Your calendar holds",
            "meeting_type": "Meeting type",
            "organisation": "Organisation",
            "owner": "Owner post",
        }
        help_texts = {
            "meeting_type": "These three narrow everything owed, as the dashboard’s "
            "filters do; they do not change your posts’ actions."
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.has_perm("actions.view_action"):
            self.fields["holds"].choices = [
                (CalendarFeed.Holds.MINE, CalendarFeed.Holds.MINE.label)
            ]
        # The dashboard's words for "no filter".
        self.fields["meeting_type"].empty_label = "Any meeting type"
        self.fields["organisation"].choices = [
            ("", "Force and OPCC"),
            *Organisation.choices,
        ]
        self.fields["owner"].empty_label = "Any owner"
