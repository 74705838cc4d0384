import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from actions.dashboard import FORTNIGHT
from actions.models import Action, ActionStatus, Organisation, Post
from meetings.models import Meeting, MeetingType

# Within SQLite's limit of parameters in one statement, and many pages' worth.
SEARCH_FOUND_FIRST = 500
DUE_CHOICES = [
    ("overdue", "Overdue"),
    ("soon", "Due in the next 14 days"),
    ("later", "Due later"),
    ("none", "No due date"),
]


class BootstrapFilterSet(django_filters.FilterSet):
    """Filters whose fields look like the rest of the forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = hasattr(field, "choices")
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"
            if is_select and not hasattr(field, "queryset"):
                # Read once: a callable's choices are read again on each use.
                # django-filters puts the empty (and null) choice first itself:
                # given back with the others, they were offered twice.
                added = [
                    getattr(field, "empty_label", None),
                    getattr(field, "null_label", None),
                ]
                first = sum(label is not None for label in added)
                field.choices = list(field.choices)[first:]


class ActionFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    status = django_filters.ChoiceFilter(
        choices=[("owed", "Not yet signed off"), *ActionStatus.choices],
        method="filter_status",
        empty_label="Any status",
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=Post.objects.all(),
        empty_label="Any owner",
        null_label="Needs an owner",
        label="Owner post",
    )
    organisation = django_filters.ChoiceFilter(
        field_name="owner__organisation",
        choices=Organisation.choices,
        empty_label="Force and OPCC",
        label="Organisation",
    )
    meeting_type = django_filters.ModelChoiceFilter(
        field_name="agenda_item__meeting__meeting_type",
        queryset=MeetingType.objects.all(),
        empty_label="Any meeting type",
        label="Meeting type",
    )
    meeting = django_filters.ModelChoiceFilter(
        field_name="agenda_item__meeting",
        # Only what names a meeting (Meeting.__str__): every meeting is a choice,
        # and each was read and built whole for a title and a date.
        queryset=Meeting.objects.only("title", "date").order_by("-date", "title"),
        empty_label="Any meeting",
        label="Meeting",
    )
    due = django_filters.ChoiceFilter(
        choices=DUE_CHOICES, method="filter_due", empty_label="Any time", label="Due"
    )
    closed = django_filters.ChoiceFilter(
        choices=[("90", "In the last 90 days")],
        method="filter_closed",
        empty_label="Any time",
        label="Closed",
    )

    class Meta:
        model = Action
        fields = [
            "q",
            "status",
            "owner",
            "organisation",
            "meeting_type",
            "meeting",
            "due",
            "closed",
        ]

    def search(self, queryset, name, value):
        """The actions whose reference or description holds `value`.

        The matches are looked up first, through the trigram indexes of migration
        0008 (on PostgreSQL), no further than SEARCH_FOUND_FIRST: when that is all
        of them, the list is those. Asked for the first page in due-date order
        instead, PostgreSQL walked the due-date index in search of a rare reference
        (4.7 s at a million actions). A common word is left to that walk, which
        finds a page of them at once."""
        matches = Q(reference__icontains=value) | Q(description__icontains=value)
        found = list(
            Action.objects.filter(matches)
            .order_by()
            .values_list("pk", flat=True)[: SEARCH_FOUND_FIRST + 1]
        )
        if len(found) <= SEARCH_FOUND_FIRST:
            return queryset.filter(pk__in=found)
        return queryset.filter(matches)

    def filter_status(self, queryset, name, value):
        if value == "owed":
            return queryset.open()
        return queryset.filter(status=value)

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        fortnight = today + FORTNIGHT
        return {
            "overdue": lambda: queryset.open().overdue(today),
            "soon": lambda: queryset.open().filter(
                due_date__gte=today, due_date__lte=fortnight
            ),
            "later": lambda: queryset.filter(due_date__gt=fortnight),
            "none": lambda: queryset.filter(due_date__isnull=True),
        }[value]()

    def filter_closed(self, queryset, name, value):
        since = timezone.now() - datetime.timedelta(days=int(value))
        return queryset.filter(status=ActionStatus.CLOSED, closed_at__gte=since)


def _meeting_types():
    return list(MeetingType.objects.values_list("pk", "name"))


class DashboardFilter(BootstrapFilterSet):
    """What the dashboard counts; the same names as the actions list's filters, so
    each figure links to the list it counts. Plain choices, read once: a model
    choice would look its value up again, a query more per filter."""

    meeting_type = django_filters.ChoiceFilter(
        field_name="agenda_item__meeting__meeting_type",
        choices=_meeting_types,
        empty_label="Any meeting type",
        label="Meeting type",
    )
    organisation = django_filters.ChoiceFilter(
        field_name="owner__organisation",
        choices=Organisation.choices,
        empty_label="Force and OPCC",
        label="Organisation",
    )
    # Its choices are the posts read in __init__.
    owner = django_filters.ChoiceFilter(
        choices=[],
        method="filter_owner",
        empty_label="Any owner",
        label="Owner post",
    )

    class Meta:
        model = Action
        fields = ["meeting_type", "organisation", "owner"]

    def __init__(self, *args, **kwargs):
        # Kept: the dashboard names the posts in its figures from these.
        self.posts = list(Post.objects.all())
        super().__init__(*args, **kwargs)
        self.form.fields["owner"].choices = [
            ("null", "Needs an owner"),
            *((post.pk, str(post)) for post in self.posts),
        ]

    def filter_owner(self, queryset, name, value):
        if value == "null":
            return queryset.filter(owner__isnull=True)
        return queryset.filter(owner=value)


class YearFilter(django_filters.NumberFilter):
    """A year a date can have: a whole number from 1 to 9999, else the form says
    what is wrong (a year the database cannot hold would fail the query)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=9999, **kwargs)


class MeetingFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", label="Search titles"
    )
    meeting_type = django_filters.ModelChoiceFilter(
        queryset=MeetingType.objects.all(), empty_label="Any type", label="Type"
    )
    year = YearFilter(field_name="date__year", label="Year")

    class Meta:
        model = Meeting
        fields = ["q", "meeting_type", "year"]
