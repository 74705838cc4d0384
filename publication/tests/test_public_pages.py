"""The public record: every public page, the PDF, the feed and the search, with
one item withheld; its words must appear nowhere."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from publication.tests.conftest import WITHHELD_LINE, WITHHELD_WORDS

pytestmark = pytest.mark.django_db


def pdf_text(content):
    return "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
    )


def every_public_response(client, publication):
    """(name, text) of each public page, the PDF's text, the feed and searches."""
    pages = {
        "index": reverse("publication:index"),
        "meeting": reverse("publication:meeting", args=[publication.pk]),
        "decisions": reverse("publication:decisions"),
        "actions": reverse("publication:actions"),
        "feed": reverse("publication:feed"),
        "search form": reverse("publication:search"),
    }
    for word in [*WITHHELD_WORDS, "SOC", "HMICFRS"]:
        pages[f"search {word}"] = reverse("publication:search") + f"?q={word}"
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = response.text
        if name.startswith("search "):
            # The search box shows what was asked; the results follow it.
            text = text.split("</form>")[1]
            text = text.replace(f"“{name.removeprefix('search ')}”", "")
        yield name, text
    response = client.get(reverse("publication:pdf", args=[publication.pk]))
    assert response["Content-Type"] == "application/pdf"
    yield "pdf", pdf_text(b"".join(response.streaming_content))
    for paper in publication.papers.all():
        response = client.get(reverse("publication:paper", args=[paper.pk]))
        assert response.status_code == 200
        response.close()
        yield f"paper {paper.name}", paper.name


def test_the_withheld_item_appears_nowhere_but_as_its_line(client, published):
    responses = dict(every_public_response(client, published))

    for name, text in responses.items():
        for words in WITHHELD_WORDS:
            assert words.lower() not in text.lower(), f"{words!r} is on {name}"
    assert WITHHELD_LINE in responses["meeting"]
    assert WITHHELD_LINE in " ".join(responses["pdf"].split())
    # Its actions and its paper are absent; the rest is there.
    assert "2021-03/2" not in responses["meeting"] + responses["actions"]
    assert "2021-03/1" in responses["meeting"]
    assert "2021-03/1" in responses["actions"]
    assert "SOC delivery plan.pdf" in responses["meeting"]
    assert "endorsed the serious and organised crime" in responses["decisions"]
    assert "Holding to account" in responses["index"] + responses["meeting"]
    assert "Monthly Assurance Meeting March 2021" in responses["feed"]
    for words in WITHHELD_WORDS:
        assert "0 published minutes match" in responses[f"search {words}"]
    # Nothing withheld was even stored.
    assert "rocu" not in published.search_text
    assert "ROCU" not in str(published.content)


def test_the_public_search_finds_words_of_the_discussion(client, published):
    page = client.get(reverse("publication:search"), {"q": "hmicfrs"}).text

    assert "1 published minute matches" in page
    assert reverse("publication:meeting", args=[published.pk]) in page


def test_the_pdf_is_tagged_titled_and_in_british_english(client, published):
    response = client.get(reverse("publication:pdf", args=[published.pk]))
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    root = reader.trailer["/Root"]

    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "Monthly Assurance Meeting March 2021 — minutes"
