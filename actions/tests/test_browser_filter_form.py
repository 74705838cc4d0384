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


# For each control, the tops of the controls on its line: those whose fields (the
# form's columns, label and message included) sit beside its field.
TOPS_ON_EACH_LINE = """form => {
  const controls = [...form.querySelectorAll("input, select, button")].map(control => {
    let field = control;
    while (field.parentElement !== form) field = field.parentElement;
    return {
      top: Math.round(control.getBoundingClientRect().top),
      field: field.getBoundingClientRect(),
    };
  });
  return controls.map(control => controls
    .filter(other => other.field.top < control.field.bottom
      && other.field.bottom > control.field.top)
    .map(other => other.top));
}"""


def test_a_message_leaves_the_filter_row_in_line(page, filters, live_server):
    page.goto(f"{live_server.url}/actions/?status=lost&owner=999")

    expect(filters.get_by_text("Select a valid choice.").first).to_be_visible()
    for tops in filters.evaluate(TOPS_ON_EACH_LINE):
        assert len(set(tops)) == 1, tops
