import copy
import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils.html import format_html

from actions.models import Organisation, Post
from imports.services import existing_meeting_for, match_posts, set_owner
from meetings.importer import (
    MinutesError,
    date_minutes,
    read_minutes_in_time,
    refuse_oversize,
)
from meetings.importer.pdf import MAX_PDF_PAGES
from meetings.models import Attendance, Meeting

ENCODINGS = [
    ("", "UTF-8 (usual)"),
    ("cp1252", "Windows-1252 (older Word text exports)"),
]


class MinutesUploadForm(forms.Form):
    file = forms.FileField(
        label="Minutes file",
        help_text=(
            "A .pdf with its text (not a scan), a Word .docx, an .html page or a "
            f".txt export, up to 10 MB; PDFs up to {MAX_PDF_PAGES} pages."
        ),
    )
    encoding = forms.ChoiceField(
        label="Text encoding",
        choices=ENCODINGS,
        required=False,
        help_text="Only for .txt and .html files; PDF and Word documents need none.",
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        try:
            refuse_oversize(upload.size)
            minutes = read_minutes_in_time(
                upload.read(), upload.name, encoding=cleaned.get("encoding") or None
            )
        except MinutesError as error:
            raise forms.ValidationError({"file": f"{upload.name} {error}"}) from error
        if meeting := existing_meeting_for(minutes):
            raise forms.ValidationError(
                {"file": imported_before(meeting, f"{upload.name} was")}
            )
        cleaned["minutes"] = match_posts(minutes)
        _refuse_too_long_to_check(upload.name, cleaned["minutes"])
        return cleaned


def _refuse_too_long_to_check(name, minutes):
    """Refuse minutes whose preview would post back more fields than Django takes
    (DATA_UPLOAD_MAX_NUMBER_FIELDS, a guard against floods): the confirmation would
    fail with a bare "Bad Request", so the user is told now, and why."""
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is None or PreviewForms(minutes).field_count() <= limit:
        return
    raise forms.ValidationError(
        {
            "file": (
                f"{name} has {len(minutes['actions']):,} actions and "
                f"{len(minutes['attendees']):,} attendees, more than one preview "
                f"can check (its fields may number {limit:,}): split it into "
                "shorter files, or ask an administrator to run import_minutes."
            )
        }
    )


def imported_before(meeting, subject="These minutes were"):
    """The duplicate's message, linking the meeting that already holds them."""
    return format_html(
        '{} imported before, as <a href="{}">{}</a>.',
        subject,
        reverse("meetings:detail", args=[meeting.pk]),
        meeting,
    )


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingHeaderForm(forms.Form):
    """The meeting as the minutes head it, to correct before importing."""

    title = forms.CharField(max_length=300, help_text="As it heads the minutes.")
    type = forms.CharField(
        label="Type of meeting",
        max_length=200,
        help_text="One of those already in Assurance, or a new one.",
        widget=forms.TextInput(attrs={"list": "meeting-types"}),
    )
    date = forms.DateField(
        widget=DATE_WIDGET,
        error_messages={
            "required": "Enter the date of the meeting.",
            "invalid": "Enter the date as a day, month and year.",
        },
    )
    time = forms.TimeField(label="Start time", required=False, widget=TIME_WIDGET)
    venue = forms.CharField(max_length=200, required=False)
    chair = forms.CharField(max_length=200, required=False)
    minute_taker = forms.CharField(label="Minute-taker", max_length=200, required=False)
    status = forms.ChoiceField(
        label="Record these minutes as",
        choices=Meeting.Status.choices,
        initial=Meeting.Status.DRAFT,
        widget=forms.RadioSelect,
        help_text=(
            "Draft minutes can still be corrected. Approved minutes are read-only "
            "(except to superusers); published ones are approved and public too. "
            "Minutes from the archive are usually approved, or published, already."
        ),
    )

    def __init__(self, *args, header, **kwargs):
        super().__init__(*args, initial=header, **kwargs)
        if not header.get("date"):
            self.fields[
                "date"
            ].help_text = "These minutes give no meeting date: enter it."

    def header(self):
        """The corrected header, in the contract's shape."""
        data = {name: self.cleaned_data[name] for name in HEADER_TEXT}
        time = self.cleaned_data["time"]
        return {
            **data,
            "date": self.cleaned_data["date"].isoformat(),
            "time": time.strftime("%H:%M") if time else None,
        }


HEADER_TEXT = ["title", "type", "venue", "chair", "minute_taker"]


class AttendeeForm(forms.Form):
    name = forms.CharField(
        max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    capacity = forms.CharField(
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    abbreviation = forms.CharField(
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "size": 6}),
    )
    attendance = forms.ChoiceField(
        choices=Attendance.choices, widget=forms.Select(attrs={"class": "form-select"})
    )


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=0)


class ActionOwnersForm(forms.Form):
    """One owner per imported action, as read from the minutes, to correct."""

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        # Chosen by primary key: two posts may share an abbreviation.
        self.posts = {
            str(post.pk): post for post in Post.objects.filter(is_active=True)
        }
        choices = [("", "Needs an owner")] + [
            (pk, str(post)) for pk, post in self.posts.items()
        ]
        for number, action in enumerate(actions, start=1):
            attrs = {"class": "form-select"}
            if action["owner_as_written"]:
                # The preview prints the owner as written under the select, with
                # this id, so that a screen reader hears it with the choice.
                attrs["aria-describedby"] = f"id_owner_{number}_written"
            self.fields[f"owner_{number}"] = forms.ChoiceField(
                label=f"Owner of action {number}",
                choices=choices,
                required=False,
                initial=action["owner_id"] or "",
                widget=forms.Select(attrs=attrs),
            )

    def owners(self):
        """Each action's post, or None."""
        return [self.posts.get(value) for value in self.cleaned_data.values()]


class SuggestedPostForm(forms.Form):
    organisation = forms.ChoiceField(
        choices=Organisation.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class PreviewForms:
    """Every form of the preview, bound together: the header, the attendance,
    each action's owner, and the organisation of each post the minutes suggest."""

    def __init__(self, minutes, data=None):
        self.minutes = minutes
        self.header = MeetingHeaderForm(data, header=minutes["meeting"])
        self.attendees = AttendeeFormSet(
            data, initial=minutes["attendees"], prefix="attendees"
        )
        self.owners = ActionOwnersForm(data, actions=minutes["actions"])
        # By the suggestion's place in the list, which creating another never
        # changes: the posted post-N values stay the suggestion's own.
        self.suggested_posts = {
            number: SuggestedPostForm(data, prefix=f"post-{number}", initial=suggestion)
            for number, suggestion in enumerate(minutes["suggested_posts"])
            if not suggestion["created"]
        }

    def is_valid(self):
        # Every form is checked, so every error shows at once.
        valid = [form.is_valid() for form in (self.header, self.attendees, self.owners)]
        return all(valid)

    def problems(self):
        """Each error of the preview as (field id or None, what it is, message), in
        the order of the page, for the summary above the form: the button is at
        the foot of a long page, far from most fields."""
        problems = [(None, "", error) for error in self.header.non_field_errors()]
        parts = [
            (self.header, ""),
            *((form, f"Attendee {n}, ") for n, form in enumerate(self.attendees, 1)),
            (self.owners, ""),
        ]
        for form, subject in parts:
            for name, errors in form.errors.items():
                if name == NON_FIELD_ERRORS:
                    continue
                field = form[name]
                label = f"{subject}{field.label.lower() if subject else field.label}"
                problems += [(field.id_for_label, label, error) for error in errors]
        return problems

    def field_count(self):
        # The CSRF token is posted too.
        forms_shown = [
            self.header,
            self.owners,
            self.attendees.management_form,
            *self.attendees,
            *self.suggested_posts.values(),
        ]
        return 1 + sum(len(form.fields) for form in forms_shown)

    @property
    def status(self):
        return self.header.cleaned_data["status"]

    def corrected_minutes(self):
        """A copy of the minutes with what the user corrected."""
        minutes = copy.deepcopy(self.minutes)
        header = self.header.header()
        if header["date"] != minutes["meeting"]["date"]:
            date_minutes(minutes, datetime.date.fromisoformat(header["date"]))
        minutes["meeting"].update(header)
        for attendee, form in zip(minutes["attendees"], self.attendees, strict=True):
            attendee.update(form.cleaned_data)
        for action, post in zip(minutes["actions"], self.owners.owners(), strict=True):
            set_owner(action, post)
        return minutes
