import django_filters
from django import forms
from django.db.models import Q

from actions.filters import BootstrapFilterSet, YearFilter
from actions.forms import ALLOWED_ATTACHMENTS, AttachmentsField
from actions.models import Post
from boards.models import Board, Decision
from meetings.forms import AgendaItemForm
from meetings.models import Meeting


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


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is the approval withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the history of the minutes.",
    )


class AgreedForm(forms.Form):
    at = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        label="Agreed as a true record at",
        empty_label="Choose the meeting",
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].queryset = (
            Meeting.objects.filter(date__gt=meeting.date)
            .filter(Q(board=meeting.board_id) | Q(pk=meeting.next_meeting_id))
            .exclude(status=Meeting.Status.PUBLISHED)
            .order_by("date", "title")
        )
        self.fields["at"].label_from_instance = lambda later: (
            f"{later.title}, {later.date:%-d %b %Y}"
        )
        # Usually the meeting these minutes name as the next.
        self.fields["at"].initial = meeting.next_meeting_id


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "significant_public_interest"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"text": "As minuted, e.g. “The Board agreed the estates plan.”"}


class DecisionFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(
        field_name="text", lookup_expr="icontains", label="Search decisions"
    )
    board = django_filters.ModelChoiceFilter(
        field_name="agenda_item__meeting__board",
        queryset=Board.objects.all(),
        empty_label="Any board",
    )
    year = YearFilter(field_name="agenda_item__meeting__date__year", label="Year")
    significant = django_filters.ChoiceFilter(
        field_name="significant_public_interest",
        choices=[("yes", "Of significant public interest"), ("no", "Others")],
        method="filter_significant",
        empty_label="Any decision",
        label="Public interest",
    )

    class Meta:
        model = Decision
        fields = ["q", "board", "year", "significant"]

    def filter_significant(self, queryset, name, value):
        return queryset.filter(significant_public_interest=value == "yes")


class PapersField(AttachmentsField):
    """Papers for an item: checked as evidence is, but only documents."""

    allowed = {
        mime: words
        for mime, words in ALLOWED_ATTACHMENTS.items()
        if words in ("PDF", "Word", "Excel")
    }
    allowed_in_words = "PDF, Word or Excel files"


class AgendaEntryForm(AgendaItemForm):
    """An item of the agenda before the meeting: no discussion yet."""

    papers = PapersField(
        required=False,
        label="Papers",
        help_text="PDF, Word or Excel, up to 20 MB each; choose several at once.",
    )

    class Meta(AgendaItemForm.Meta):
        fields = ["number", "title", "presenter", "parent", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = Post.objects.filter(is_active=True)
        self.fields["presenter"].empty_label = "Nobody named"
