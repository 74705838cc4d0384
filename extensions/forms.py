from django import forms

from extensions.models import ExtensionRequest


class AskForm(forms.ModelForm):
    class Meta:
        model = ExtensionRequest
        fields = ["new_due_date", "reason"]
        widgets = {
            "new_due_date": forms.DateInput(attrs={"type": "date"}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }


class DecisionForm(forms.Form):
    APPROVE, DECLINE = "approve", "decline"

    extension = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[(APPROVE, "Approve"), (DECLINE, "Decline")], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.DECLINE and not data.get("reason"):
            self.add_error("reason", "Say why more time is not given.")
        return data
