from django import forms

from meetings.models import Attendee, Meeting


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "meeting_type",
            "title",
            "date",
            "start_time",
            "venue",
            "chair",
            "minute_taker",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        labels = {"meeting_type": "Type of meeting", "start_time": "Start time"}
        help_texts = {"title": "As it heads the minutes."}
        error_messages = {
            "date": {"invalid": "Enter the date as a day, month and year."},
        }


AttendanceFormSet = forms.inlineformset_factory(
    Meeting,
    Attendee,
    fields=["name", "capacity", "abbreviation", "attendance"],
    extra=3,
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
