from django import template
from django.utils.html import format_html, format_html_join

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
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if str(value) == chosen else "", text)
            for value, text in field.field.choices
        ),
    )


@register.filter
def days_overdue_on(action, today):
    return action.days_overdue(today)


@register.simple_tag
def known_posts():
    """The posts, for suggesting capacities and abbreviations in attendance."""
    return Post.objects.filter(is_active=True)


@register.simple_tag
def bar(length):
    """A horizontal bar for a chart drawn as a table; the table says the number."""
    return format_html(
        '<svg class="bar" viewBox="0 0 100 12" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false"><rect width="{}" height="12" '
        'fill="#1d3a6e"/></svg>',
        length,
    )


@register.simple_tag
def column_chart(columns, peak, labelled_by):
    """The trend as SVG columns (from dashboard.column_chart), each with a tooltip;
    the figures are also in a table, for screen readers and for reading. No
    viewBox: a scaled chart's 12px labels were 6px on a phone."""
    columns_svg = format_html_join(
        "",
        '<rect x="{}%" y="{}" width="{}%" height="{}" fill="#1d3a6e">'
        "<title>{}: {}</title></rect>{}",
        (
            (
                column["x"],
                column["y"],
                column["width"],
                column["height"],
                f"{column['end']:%d %b %Y}",
                column["count"],
                format_html(
                    '<text class="trend-label{}" x="{}%" y="160" font-size="12" '
                    'fill="#212529">{}</text>',
                    " trend-label-minor" if column["minor"] else "",
                    column["x"],
                    column["label"],
                )
                if column["label"]
                else "",
            )
            for column in columns
        ),
    )
    return format_html(
        '<svg class="trend-chart" width="100%" height="170" role="img" '
        'aria-labelledby="{}">'
        '<line x1="9.5%" y1="142" x2="100%" y2="142" stroke="#6c757d" '
        'stroke-width="1"/>'
        '<text x="9%" y="26" text-anchor="end" font-size="12" fill="#212529">{}</text>'
        '<text x="9%" y="142" text-anchor="end" font-size="12" fill="#212529">0</text>'
        "{}</svg>",
        labelled_by,
        peak,
        columns_svg,
    )
