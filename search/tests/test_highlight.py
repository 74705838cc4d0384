from search.highlight import START, STOP, as_html, mark_words, plain_text


def test_the_words_of_html_keep_their_paragraphs_apart():
    html = "<p>Grip.</p><p>SOC <u>is</u> usual</p><ul><li>a</li><li>b<br>c</li></ul>"

    assert plain_text(html) == "Grip. SOC is usual a b c"


def test_our_marks_in_the_text_itself_are_dropped():
    assert plain_text(f"<p>a{START}b{STOP}</p>") == "ab"


def test_every_part_is_escaped_and_only_the_marks_become_markup():
    text = plain_text("<p>&lt;img src=x onerror=alert(1)&gt; custody &amp; care</p>")

    html = as_html(mark_words(text, ["custody"]))

    assert html == "&lt;img src=x onerror=alert(1)&gt; <mark>custody</mark> &amp; care"


def test_a_long_text_is_cut_to_the_part_around_its_first_match():
    text = "word " * 100 + "custody " + "word " * 100

    shown = as_html(mark_words(text, ["custody"]))

    assert "<mark>custody</mark>" in shown
    assert shown.startswith("… ")
    assert shown.endswith(" …")
    assert len(shown) < len(text)
