"""The published minutes as a tagged PDF (PDF/UA-1), made by WeasyPrint from the
snapshot alone: the same words as the public page, and only those."""

import datetime

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.template.loader import render_to_string

# A stylesheet of its own: the page's Bootstrap is for screens, and the minutes
# need A4 margins and page numbers.
PRINT_CSS = "publication/minutes-print.css"


def minutes_pdf(publication, minutes):
    # Imported here: WeasyPrint takes half a second to load, which every other
    # request (and the worker) would pay at start-up.
    from weasyprint import CSS, HTML

    html = render_to_string(
        "publication/minutes_pdf.html",
        {"publication": publication, "minutes": minutes},
    )
    # No base URL: the document loads nothing, so the PDF never fetches.
    return HTML(string=html).write_pdf(
        stylesheets=[CSS(filename=finders.find(PRINT_CSS))],
        pdf_variant="pdf/ua-1",
    )


def for_display(content):
    """The snapshot with its ISO dates as dates, for the templates' date filter,
    and its papers listed together."""
    content["date"] = datetime.date.fromisoformat(content["date"])
    for entry in content["arising"]:
        entry["raised_on"] = datetime.date.fromisoformat(entry["raised_on"])
        entry["due_date"] = _date(entry["due_date"])
    content["papers"] = []
    for item in content["items"]:
        for action in item.get("actions", []):
            action["due_date"] = _date(action["due_date"])
        content["papers"] += [
            {**paper, "item_number": item["number"]} for paper in item.get("papers", [])
        ]
    content["next_meeting"] = _date(content["next_meeting"])
    return content


def _date(iso):
    return datetime.date.fromisoformat(iso) if iso else None


def make_minutes_pdf(publication):
    """Make and keep the publication's PDF, unless it is already made."""
    if publication.pdf:
        return
    content = minutes_pdf(publication, for_display(publication.content))
    publication.pdf.save(
        f"minutes-{publication.pk}.pdf", ContentFile(content), save=False
    )
    publication.save(update_fields=["pdf"])
