"""The filter row at 1366 px, as OPCC staff see it on the actions list."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each select's chosen text, its width as drawn in the select's font, and the room
# the select leaves for it beside its arrow.
MEASURE_SELECTS = """form => [...form.querySelectorAll("select")].map(select => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const text = select.options[select.selectedIndex].text;
  const room = select.clientWidth
    - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {text, width: context.measureText(text).width, room};
})"""


@pytest.fixture
def filters(page, sign_in, live_server):
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in("opcc")
    page.goto(f"{live_server.url}/actions/")
    return page.get_by_role("form", name="Filter actions")


def test_every_select_shows_its_choice_in_full(filters):
    selects = filters.evaluate(MEASURE_SELECTS)

    assert {s["text"] for s in selects} >= {"Any meeting type", "Force and OPCC"}
    cut_short = [s for s in selects if s["width"] > s["room"]]
    assert not cut_short
    expect(filters.get_by_label("Meeting type")).to_be_visible()
