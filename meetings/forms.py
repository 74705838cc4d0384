from django import forms

from meetings.html import minutes_html_to_text, text_to_minutes_html
from meetings.models import AgendaItem, Attendee, Meeting, MeetingType


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "board",
            "meeting_type",
            "title",
            "date",
            "start_time",
            "venue",
            "chair",
            "minute_taker",
            "next_meeting_title",
            "next_meeting_date",
            "next_meeting_time",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "next_meeting_date": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            ),
            "next_meeting_time": forms.TimeInput(
                attrs={"type": "time"}, format="%H:%M"
            ),
        }
        labels = {
            "board": "Board",
            "meeting_type": "Type of meeting",
            "start_time": "Start time",
            "next_meeting_title": "Next meeting, as minuted",
            "next_meeting_date": "Date of the next meeting",
            "next_meeting_time": "Time of the next meeting",
        }
        help_texts = {
            "title": "As it heads the minutes.",
            "meeting_type": "Leave it to take the board’s usual type.",
        }
        error_messages = {
            "date": {"invalid": "Enter the date as a day, month and year."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].empty_label = "Choose the board that meets"
        self.fields["meeting_type"].required = False
        self.fields["meeting_type"].empty_label = "The board’s usual type"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("board") and not cleaned.get("meeting_type"):
            cleaned["meeting_type"] = cleaned["board"].meeting_type
        return cleaned


AttendanceFormSet = forms.inlineformset_factory(
    Meeting,
    Attendee,
    fields=["name", "capacity", "abbreviation", "attendance"],
    # Room for a typical meeting; "Save and add more people" (or "Add another
    # person", with JavaScript) gives room for more.
    extra=5,
    can_delete=True,
    widgets={
        "name": forms.TextInput(attrs={"class": "form-control"}),
        "capacity": forms.TextInput(
            attrs={"class": "form-control", "list": "known-capacities"}
        ),
        "abbreviation": forms.TextInput(
            attrs={"class": "form-control", "list": "known-abbreviations", "size": 6}
        ),
        "attendance": forms.Select(attrs={"class": "form-select"}),
    },
)


class AgendaItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AgendaItem
        fields = ["number", "title", "parent", "position", "discussion"]
        labels = {
            "number": "Number, as written",
            "parent": "Sub-item of",
            "position": "Order in the minutes",
        }
        help_texts = {
            "discussion": "A blank line starts a new paragraph. Lines starting "
            "“- ” make a bulleted list, and lines starting “1.” a numbered one. "
            # Help text is shown as HTML, so the tags to type are escaped.
            "For bold and underline, use the buttons or type "
            "&lt;strong&gt;…&lt;/strong&gt; and &lt;u&gt;…&lt;/u&gt;. "
            "Any other formatting is removed.",
        }
        widgets = {
            "discussion": forms.Textarea(
                # static/js/minutes-toolbar.js adds its buttons to this box.
                attrs={"rows": 12, "data-minutes-toolbar": True}
            )
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        # One level of sub-items: an item with sub-items of its own stays on top.
        has_children = self.instance.pk and self.instance.children.exists()
        self.fields["parent"].queryset = (
            meeting.items.none()
            if has_children
            else meeting.items.filter(parent=None).exclude(pk=self.instance.pk)
        )
        self.fields["parent"].empty_label = "None: a numbered item"
        if not self.instance.pk:
            self.fields["position"].initial = meeting.items.count() + 1
        else:
            self.fields["version"].initial = self.instance.version
            # Edited as it would be typed, so the list rules apply to it as well.
            self.initial["discussion"] = minutes_html_to_text(self.instance.discussion)

    def clean_number(self):
        number = self.cleaned_data["number"].strip().rstrip(".")
        taken = self.instance.meeting.items.filter(number=number).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(f"Item {number} is already in these minutes.")
        return number

    def clean_discussion(self):
        return text_to_minutes_html(self.cleaned_data["discussion"])


class MeetingTypeForm(forms.ModelForm):
    class Meta:
        model = MeetingType
        fields = ["name"]
        labels = {"name": "Name of the type of meeting"}
