"""The favicon: an SVG in static/, linked from every page."""

import xml.etree.ElementTree as ET

import pytest


@pytest.mark.django_db
def test_every_page_links_the_favicon(client):
    page = client.get("/accounts/login/").text

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page


def test_the_favicon_is_served_as_svg(client):
    response = client.get("/static/favicon.svg")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = ET.fromstring(b"".join(response.streaming_content))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
