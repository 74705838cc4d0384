import django_filters
from django import forms

from audit.models import AccessEvent


class AccessEventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label="What", choices=AccessEvent.Kind.choices, empty_label="Anything"
    )
    username = django_filters.CharFilter(
        label="Who (user name)", lookup_expr="icontains"
    )
    address = django_filters.CharFilter(label="Address", lookup_expr="startswith")
    since = django_filters.DateFilter(
        label="From",
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label="To",
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    path = django_filters.CharFilter(label="Page or file", lookup_expr="icontains")

    class Meta:
        model = AccessEvent
        fields = ["kind", "username", "address", "since", "until", "path"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"
