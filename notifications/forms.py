from django import forms

from notifications.models import Delivery, Topic


class PreferencesForm(forms.Form):
    """One choice per topic: at once, in the morning email, or not at all."""

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for topic in Topic:
            self.fields[topic.value] = forms.ChoiceField(
                label=topic.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current[topic],
            )
