"""What a browser would post back from the import preview, with some changes."""


def preview_data(response, **changes):
    """Every field of the preview as shown, then `changes` by field name."""
    forms = response.context["forms"]
    shown = [
        forms.header,
        forms.owners,
        forms.attendees.management_form,
        *forms.attendees,
        *forms.suggested_posts.values(),
    ]
    data = {
        field.html_name: "" if field.value() is None else field.value()
        for form in shown
        for field in form
    }
    return {**data, **changes}
