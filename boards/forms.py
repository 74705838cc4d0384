from django import forms

from actions.models import Post
from boards.models import Board


class BoardForm(forms.ModelForm):
    class Meta:
        model = Board
        fields = ["name", "meeting_type", "members", "chair", "venue", "minute_taker"]
        widgets = {"members": forms.CheckboxSelectMultiple}
        help_texts = {
            "name": "e.g. “Police Accountability Board”.",
            "meeting_type": "What the minutes call its meetings; a meeting may "
            "carry another.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Post.objects.filter(is_active=True)
