import html

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from actions.models import Post

register = template.Library()


@register.filter
def overdue_on(action, today):
    """{% if action|overdue_on:today %}: still owed and past its due date."""
    return action.is_overdue(today)


@register.filter
def options_of(field):
    """A select's <option>s, the chosen one selected, written here rather than by
    a loop in the template, which took a millisecond per hundred choices. Its
    choices are read once, without asking their length: a model choice field's
    would be counted by a query first."""
    chosen = field.value()
    chosen = "" if chosen is None else str(chosen)
    return mark_safe(
        "".join(
            f'<option value="{_escaped(value)}"'
            f"{' selected' if str(value) == chosen else ''}>{_escaped(text)}</option>"
            for value, text in field.field.choices
        )
    )


def _escaped(value):
    """conditional_escape() without its check for lazy arguments on every call,
    for the hundreds of a select's choices: what is safe already is kept as it is,
    anything else escaped as escape() does."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@register.filter
def days_overdue_on(action, today):
    return action.days_overdue(today)


@register.simple_tag
def known_posts():
    """The posts, for suggesting capacities and abbreviations in attendance."""
    return Post.objects.filter(is_active=True)


@register.simple_tag
def bar(length):
    """A horizontal bar for a chart drawn as a table; the table says the number.
    Written with the number made a float, which has nothing to escape: a page's
    dozens of bars and columns went through format_html's escaping for nothing."""
    return mark_safe(
        '<svg class="bar" viewBox="0 0 100 12" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false">'
        f'<rect width="{float(length)}" height="12" fill="#1d3a6e"/></svg>'
    )


@register.simple_tag
def column_chart(columns, peak, labelled_by):
    """The trend as SVG columns (from dashboard.column_chart), each with a tooltip;
    the figures are also in a table, for screen readers and for reading. No
    viewBox: a scaled chart's 12px labels were 6px on a phone. As bar(): numbers
    and dates written as they are, only the words escaped."""
    columns_svg = "".join(_column(column) for column in columns)
    return mark_safe(
        '<svg class="trend-chart" width="100%" height="170" role="img" '
        f'aria-labelledby="{escape(labelled_by)}">'
        '<line x1="9.5%" y1="142" x2="100%" y2="142" stroke="#6c757d" '
        'stroke-width="1"/>'
        '<text x="9%" y="26" text-anchor="end" font-size="12" fill="#212529">'
        f"{int(peak)}</text>"
        '<text x="9%" y="142" text-anchor="end" font-size="12" fill="#212529">0</text>'
        f"{columns_svg}</svg>"
    )


def _column(column):
    x = float(column["x"])
    label = ""
    if column["label"]:
        minor = " trend-label-minor" if column["minor"] else ""
        label = (
            f'<text class="trend-label{minor}" x="{x}%" y="160" font-size="12" '
            f'fill="#212529">{escape(column["label"])}</text>'
        )
    return (
        f'<rect x="{x}%" y="{float(column["y"])}" width="{float(column["width"])}%" '
        f'height="{float(column["height"])}" fill="#1d3a6e"><title>'
        f"{column['end']:%d %b %Y}: {int(column['count'])}</title></rect>{label}"
    )
