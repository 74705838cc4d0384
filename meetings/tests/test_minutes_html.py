import pytest

from meetings.html import minutes_html_to_text, text_to_minutes_html


def test_it_makes_bulleted_and_numbered_lists_from_lines():
    text = (
        "The PCC asked for:\n- the plan\n* the costs\n• the dates\n\n"
        "1. Review it.\n2. Report back."
    )

    assert text_to_minutes_html(text) == (
        "<p>The PCC asked for:</p>"
        "<ul><li>the plan</li><li>the costs</li><li>the dates</li></ul>"
        "<ol><li>Review it.</li><li>Report back.</li></ol>"
    )


def test_it_joins_wrapped_lines_into_their_paragraph_or_entry():
    text = "The CC said\nthat it was done.\n- a long\n  entry\nThe PCC agreed."

    assert text_to_minutes_html(text) == (
        "<p>The CC said that it was done.</p><ul><li>a long entry</li></ul>"
        "<p>The PCC agreed.</p>"
    )


def test_blank_lines_separate_paragraphs_whatever_their_spaces():
    assert text_to_minutes_html("One.\r\n  \r\nTwo.\n\n\n") == "<p>One.</p><p>Two.</p>"


def test_it_keeps_bold_and_underline_and_escapes_other_text():
    text = "<u>Finance</u>\n- costs <strong>rose</strong> & fell < 5%\n- <b>a <i>x"

    assert text_to_minutes_html(text) == (
        "<p><u>Finance</u></p><ul><li>costs <strong>rose</strong> &amp; fell "
        "&lt; 5%</li><li><b>a <i>x</i></b></li></ul>"
    )


@pytest.mark.parametrize("text", ["- ", "-", "1.", "1.5 million"])
def test_a_marker_alone_or_without_a_space_makes_no_list(text):
    assert "<li>" not in text_to_minutes_html(text)


def test_pasted_html_keeps_its_own_structure_and_is_sanitised():
    html = '<p onclick="x()">- not a list</p><script>alert(1)</script>'

    assert text_to_minutes_html(html) == "<p>- not a list</p>"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            (
                "<p><u>Finance</u></p><ul><li>costs &amp; <strong>staff</strong></li>"
                "</ul><ol><li>one</li><li>two</li></ol><p>Costs &lt; £5k.</p>"
            ),
            (
                "<u>Finance</u>\n\n- costs & <strong>staff</strong>\n\n1. one\n"
                "2. two\n\nCosts < £5k."
            ),
        ),
        # Imported minutes space their paragraphs; the browser ignores it.
        ("<p>One.</p> <p>Two.</p>", "One.\n\nTwo."),
    ],
)
def test_stored_minutes_are_edited_as_the_text_that_makes_them(html, text):
    assert minutes_html_to_text(html) == text
    assert text_to_minutes_html(text) == html.replace("</p> <p>", "</p><p>")


@pytest.mark.parametrize(
    "html",
    [
        "<ul><li>one<ul><li>nested</li></ul></li></ul>",
        "<p>a<br>b</p>",
        "<p>- not a list</p>",
        "<p>&lt;strong&gt; as written</p>",
        "loose text",
    ],
)
def test_minutes_the_text_rules_cannot_make_stay_html(html):
    assert minutes_html_to_text(html) == html
