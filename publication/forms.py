from django import forms

from meetings.marking import Marking, Publication, marking_errors


class MarkingForm(forms.Form):
    """One record's marking and publication choice, on the "Prepare for
    publication" page; `record` is the item, paper, action or decision."""

    marking = forms.ChoiceField(
        label="Protective marking",
        choices=Marking.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    publication = forms.ChoiceField(
        label="On publication",
        choices=Publication.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    exemption = forms.CharField(
        label="Exemption, if withheld",
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "placeholder": "section 31 — law enforcement",
            }
        ),
    )

    def __init__(self, *args, record, **kwargs):
        self.record = record
        kwargs.setdefault(
            "initial",
            {
                "marking": record.marking,
                "publication": record.publication,
                "exemption": record.exemption,
            },
        )
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if {"marking", "publication", "exemption"} <= data.keys():
            errors = marking_errors(
                data["marking"], data["publication"], data["exemption"]
            )
            for field, message in errors.items():
                self.add_error(field, message)
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is it withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="The public page says so, with the date.",
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the published minutes", max_length=200)
