"""The importer reads minutes in three layouts; no database involved."""

import io
import zipfile

import docx
import pytest

from meetings.importer import MinutesError, read_minutes
from meetings.tests.samples import FIXTURES, MARCH_2021


def read(name, **options):
    return read_minutes((FIXTURES / name).read_bytes(), name, **options)


@pytest.fixture(scope="module")
def march():
    return read("monthly-assurance-2021-03.txt")


def test_it_reads_the_header_of_the_text_export(march):
    assert march["meeting"] == {
        "title": "Monthly Assurance Meeting March 2021",
        "type": "Monthly Assurance Meeting",
        "date": "2021-03-23",
        "time": "10:30",
        "chair": "John Campion",
        "minute_taker": "Charity Pearce, Assistant Policy Officer, OPCC",
        "venue": "Virtual",
    }


def test_it_reads_names_capacities_and_abbreviations(march):
    assert [a["abbreviation"] for a in march["attendees"]] == [
        "PCC",
        "PO",
        "PA",
        "CC",
        "ACC",
        "SO",
    ]
    assert march["attendees"][0] == {
        "name": "John Campion",
        "capacity": "Police and Crime Commissioner",
        "abbreviation": "PCC",
        "initials": "",
        "attendance": "present",
    }


def test_it_keeps_item_numbers_as_written_and_nests_them(march):
    assert [(i["number"], i["parent"]) for i in march["items"]] == [
        ("1", None),
        ("2", None),
        ("3", None),
        ("1.1", "3"),
        ("1.2", "3"),
        ("1.3", "3"),
        ("1.4", "3"),
        ("4", None),
    ]
    assert (
        "Items 1.1–1.4 sit under item 3 and look like 3.1–3.4: kept as written."
        in march["warnings"]
    )


def test_it_joins_rows_continued_across_page_breaks(march):
    item_1_2 = next(i for i in march["items"] if i["number"] == "1.2")

    assert (
        "<u>Appointment, support and development for LROs</u>"
        in (item_1_2["discussion"])
    )
    # The second half of item 1.2 is on a row of its own in the export.
    assert "revisit in 6 months where would the force" in item_1_2["discussion"]


def test_it_turns_bullet_marks_into_a_list(march):
    item_1_4 = next(i for i in march["items"] if i["number"] == "1.4")

    assert (
        "<ul><li>The force are committed to reality testing" in (item_1_4["discussion"])
    )
    assert "•" not in item_1_4["discussion"]


def test_it_finds_the_three_actions_and_their_owners(march):
    assert [
        (a["item"], a["owner"], a["due_date"], a["due_phrase"])
        for a in march["actions"]
    ] == [
        ("2", "CC", None, None),
        ("1.2", None, "2021-09-23", "in 6 months"),
        ("1.2", "PCC", None, None),
    ]
    assert march["actions"][1]["description"] == (
        "Revisit in 6 months to see how SOC activity across the 4P's is balanced."
    )


def test_it_imports_an_action_naming_no_owner_unassigned_with_a_warning(march):
    assert any(
        "“Revisit in 6 months" in w and "names no owner" in w for w in march["warnings"]
    )


def test_it_reads_the_next_meeting(march):
    assert march["next_meeting"] == {
        "title": "Performance of Review of the year 2021",
        "date": "2021-04-27",
        "time": "14:00",
    }


def test_it_reads_a_word_document_with_numbered_paragraphs():
    minutes = read("performance-review-2021-04.docx")

    assert minutes["meeting"]["date"] == "2021-04-27"
    assert minutes["meeting"]["time"] == "14:00"
    assert minutes["meeting"]["venue"] == "Police HQ, Worcester"
    assert [
        (a["name"], a["abbreviation"], a["attendance"]) for a in minutes["attendees"]
    ] == [
        ("John Campion", "PCC", "present"),
        ("Anthony Bangham", "CC", "present"),
        ("Amanda Blakeman", "DCC", "present"),
        ("Geoff Wessell", "ACC", "apologies"),
    ]
    assert [(i["number"], i["parent"]) for i in minutes["items"]] == [
        ("1", None),
        ("2", None),
        ("3", None),
        ("3.1", "3"),
        ("3.2", "3"),
        ("4", None),
    ]
    assert [
        (a["owner"], a["due_date"], a["due_phrase"]) for a in minutes["actions"]
    ] == [
        ("DCC", "2021-05-25", "by the next meeting"),
        ("ACC", "2021-09-30", "by end of Q2"),
        ("CC", "2021-05-11", "within 2 weeks"),
    ]
    assert "<u>999 abandonment</u>" in minutes["items"][3]["discussion"]
    assert minutes["warnings"] == []


def test_it_reads_html_with_an_owner_column_and_sanitises_it():
    minutes = read("audit-committee-2022-09.html")

    assert minutes["meeting"]["date"] == "2022-09-14"
    assert minutes["meeting"]["time"] == "10:00"
    assert [a["attendance"] for a in minutes["attendees"]] == [
        "present",
        "present",
        "present",
        "apologies",
    ]
    assert [(a["owner"], a["due_date"]) for a in minutes["actions"]] == [
        ("CFO", "2022-11-30"),
        ("PO", "2022-10-31"),
        (None, None),
    ]
    assert minutes["next_meeting"]["date"] == "2022-12-07"
    treasury = minutes["items"][2]["discussion"]
    assert "script" not in treasury
    assert "onclick" not in treasury
    assert "<p>The committee noted the report.</p>" in treasury


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n", "is empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "contains binary data"),
        ("minutes.docx", b"this is not a zip", "is not a Word document"),
        ("minutes.pdf", b"%PDF-1.7", "is a damaged PDF"),
        ("minutes.odt", b"PK\x03\x04", "cannot read .odt"),
    ],
)
def test_it_refuses_what_is_not_minutes(name, data, message):
    with pytest.raises(MinutesError, match=message):
        read_minutes(data, name)


def test_it_refuses_a_file_over_the_limit():
    with pytest.raises(MinutesError, match=r"is 50\.0 MB; minutes over 10 MB"):
        read_minutes(b"x" * 50 * 1024 * 1024, "huge.txt")


CP1252 = (
    "Monthly Assurance Meeting March 2021\n"
    "Date: 23 March 2021\n"
    "No.\tItem\t\n"
    "1.\t<p>AOB</p><p>ACTION: CC to review the force’s “hotspot” plan.</p>\tCC\n"
).encode("cp1252")


def test_it_refuses_a_file_in_another_encoding_and_says_which():
    with pytest.raises(MinutesError, match=r"not UTF-8 text.*cp1252"):
        read_minutes(CP1252, "minutes.txt")


def test_it_reads_that_file_when_told_its_encoding():
    minutes = read_minutes(CP1252, "minutes.txt", encoding="cp1252")

    assert minutes["actions"][0]["description"] == (
        "CC to review the force’s “hotspot” plan."
    )


@pytest.mark.parametrize(
    "data",
    [
        b"Monthly Assurance Meeting\nChair: John Campion\n1.\tAOB\t\n",
        b"Monthly Assurance Meeting\nDate: Tuesday 23rd March\n1.\tAOB\t\n",
    ],
)
def test_it_reads_minutes_without_a_date_and_asks_for_it(data):
    minutes = read_minutes(data, "undated.txt")

    assert minutes["meeting"]["date"] is None
    assert minutes["items"][0]["title"] == "AOB"
    assert "give no meeting date" in minutes["warnings"][0]


def test_it_keeps_two_items_with_one_number_apart_with_a_warning():
    data = b"Minutes\nDate: 23 March 2021\n1.\tAOB\t\n2.\tSOC\t\n2.\tFinance\t\n"

    minutes = read_minutes(data, "minutes.txt")

    assert [i["number"] for i in minutes["items"]] == ["1", "2", "2 (2)"]
    assert "Item number 2 is used more than once" in minutes["warnings"][0]


def test_it_keeps_an_overlong_title_whole_in_the_discussion():
    title = "Performance " * 60
    data = f"Minutes\nDate: 23 March 2021\nChair: {'J' * 250}\n1.\t{title}\t\n"

    minutes = read_minutes(data.encode(), "minutes.txt")

    item = minutes["items"][0]
    assert len(item["title"]) == 500
    assert item["title"].endswith("…")
    assert item["discussion"].startswith(f"<p>{title.strip()}</p>")
    assert len(minutes["meeting"]["chair"]) == 200
    assert len([w for w in minutes["warnings"] if "shortened" in w]) == 2


def minutes_from(text, name="minutes.txt"):
    return read_minutes(text.encode(), name)


HEADER = "Monthly Assurance Meeting March 2021\nDate: Tuesday 23rd March 2021\n"


def test_it_refuses_a_damaged_word_document():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types><broken")
        docx.writestr("word/document.xml", "<w:document>")

    with pytest.raises(MinutesError, match="is a damaged Word document"):
        read_minutes(archive.getvalue(), "minutes.docx")


def test_it_reads_words_unicode_text_export():
    utf16 = read_minutes(MARCH_2021.read_text().encode("utf-16"), "minutes.txt")

    assert utf16 == read("monthly-assurance-2021-03.txt") | {"source": "minutes.txt"}


def test_it_reads_minutes_without_numbered_items_as_one_item():
    minutes = minutes_from(
        HEADER + "The PCC welcomed everyone.\nACTION: CC to review overtime.\n"
    )

    assert [(i["number"], i["title"]) for i in minutes["items"]] == [("1", "Minutes")]
    assert minutes["actions"][0]["owner"] == "CC"
    assert "imported as one item" in minutes["warnings"][0]


def test_it_takes_the_owner_from_the_sentence_before_the_column():
    minutes = minutes_from(
        HEADER + "1.\t<p>Overtime</p><p>ACTION: DCC to review it.</p>\tCC\n"
    )

    assert minutes["actions"][0]["owner"] == "DCC"


def test_it_does_not_share_one_owner_cell_among_several_actions():
    minutes = minutes_from(
        HEADER
        + "1.\t<p>Overtime</p><p>ACTION: Review it.</p><p>ACTION: Cost it.</p>\tCC\n"
    )

    assert [a["owner"] for a in minutes["actions"]] == [None, None]
    assert "the owner column says “CC” for 2 actions" in minutes["warnings"][0]


@pytest.mark.parametrize(
    ("line", "description", "owner"),
    [
        ("Action Point: Review overtime.", "Review overtime.", None),
        ("ACTION 1: Review overtime.", "Review overtime.", None),
        ("Action by ACC: Review overtime.", "Review overtime.", "ACC"),
        ("ACTION (CC): Review overtime.", "Review overtime.", "CC"),
        ("Action – DCC to review overtime.", "DCC to review overtime.", "DCC"),
        ("action: CEx to review overtime.", "CEx to review overtime.", "CEx"),
        (
            "The PCC asked about overtime. ACTION: ACC to review it.",
            "ACC to review it.",
            "ACC",
        ),
        (
            "Overtime was discussed.<br>ACTION: CC to review it.",
            "CC to review it.",
            "CC",
        ),
    ],
)
def test_it_reads_the_ways_minutes_write_an_action(line, description, owner):
    minutes = minutes_from(HEADER + f"1.\t<p>Overtime</p><p>{line}</p>\t\n")

    assert [(a["description"], a["owner"]) for a in minutes["actions"]] == [
        (description, owner)
    ]


def test_it_reads_a_list_of_actions_under_a_heading():
    minutes = minutes_from(
        HEADER + "1.\t<p>Overtime</p><p>Actions:</p><ul><li>CC to cost it.</li>"
        "<li>ACC to review it in 2 weeks.</li></ul><p>The PCC thanked all.</p>\t\n"
    )

    assert [(a["owner"], a["due_date"]) for a in minutes["actions"]] == [
        ("CC", None),
        ("ACC", "2021-04-06"),
    ]


def test_it_warns_about_a_line_that_looks_like_an_action_but_is_not_read():
    minutes = minutes_from(
        HEADER + "1.\t<p>Overtime</p><p>Action-planning was discussed.</p>\t\n"
    )

    assert minutes["actions"] == []
    assert (
        "“Action-planning was discussed.” that was not read as an action"
        in (minutes["warnings"][0])
    )


def test_it_puts_a_yearless_next_meeting_after_the_meeting():
    minutes = minutes_from(
        "Monthly Assurance Meeting December 2021\nDate: Tuesday 14 December 2021\n"
        "1.\t<p>Date of next meeting</p><p>18 January, 10:00</p>\t\n"
    )

    assert minutes["next_meeting"]["date"] == "2022-01-18"


def test_it_reads_the_year_of_a_financial_year_title():
    minutes = minutes_from(
        "Annual Assurance Meeting 2020/21\nDate: Tuesday 23rd March\n1.\tAOB\t\n"
    )

    assert minutes["meeting"]["date"] == "2021-03-23"
    assert minutes["meeting"]["type"] == "Annual Assurance Meeting"
    assert minutes["warnings"] == []


def test_it_warns_when_the_weekday_and_date_disagree():
    minutes = minutes_from(
        "Monthly Assurance Meeting\nDate: Monday 23rd March 2021\n1.\tAOB\t\n"
    )

    assert minutes["warnings"] == [
        "The date line says Monday, but 23 Mar 2021 was a Tuesday: check the date."
    ]


def test_it_takes_the_date_from_a_title_that_holds_it():
    minutes = minutes_from(
        "Minutes of the Monthly Assurance Meeting held on Tuesday 23rd March 2021\n"
        "1.\tAOB\t\n"
    )

    assert minutes["meeting"]["date"] == "2021-03-23"
    assert minutes["meeting"]["type"] == "Monthly Assurance Meeting"


def test_it_reads_items_numbered_with_brackets_or_merged_with_their_title():
    minutes = minutes_from(
        HEADER
        + "1)\tApologies\t\n2. Holding to account\t<p>ACTION: CC to report.</p>\t\n"
    )

    assert [(i["number"], i["title"]) for i in minutes["items"]] == [
        ("1", "Apologies"),
        ("2", "Holding to account"),
    ]
    assert minutes["actions"][0]["owner"] == "CC"


def test_it_warns_about_a_row_it_does_not_understand():
    minutes = minutes_from(HEADER + "1.\tAOB\t\nSee appendix\tA\t\n")

    assert minutes["warnings"] == [
        "A table row starting “See appendix” was not read: check it."
    ]


def test_it_reads_html_text_in_divs_and_nested_tables_once():
    page = (
        "<h5>Monthly Assurance Meeting March 2021</h5><div>Date: 23 March 2021</div>"
        "<table><tr><td>1</td><td><p>Finance</p><table><tr><td>2</td><td>Budget</td>"
        "</tr></table><p>ACTION: CC to report.</p></td></tr></table>"
    )

    minutes = minutes_from(page, "minutes.html")

    assert [i["number"] for i in minutes["items"]] == ["1"]
    assert minutes["meeting"]["date"] == "2021-03-23"
    assert minutes["actions"][0]["owner"] == "CC"


def test_it_reads_a_title_padded_with_spaces():
    minutes = minutes_from(
        "Monthly Assurance Meeting" + " " * 30_000 + "March 2021\n"
        "Date: 23 March 2021\n1.\tAOB\t\n"
    )

    assert minutes["meeting"]["type"] == "Monthly Assurance Meeting"


def word_document_with(extra_parts=(), body=""):
    document = docx.Document()
    document.add_paragraph("Monthly Assurance Meeting")
    saved = io.BytesIO()
    document.save(saved)
    source = zipfile.ZipFile(saved)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as package:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml" and body:
                data = data.replace(b"<w:body>", b"<w:body>" + body.encode(), 1)
            package.writestr(member, data)
        for name, data in extra_parts:
            package.writestr(name, data)
    return packed.getvalue()


def test_it_refuses_a_word_document_that_unpacks_to_too_much():
    data = word_document_with([("word/media/zeros.bin", b"\0" * 120 * 2**20)])

    assert len(data) < 1024 * 1024
    with pytest.raises(MinutesError, match="unpacks to more than 100 MB"):
        read_minutes(data, "minutes.docx")


def test_it_refuses_a_word_document_of_a_million_paragraphs():
    data = word_document_with(body="<w:p/>" * 1_000_000)

    with pytest.raises(MinutesError, match="has 1,000,001 paragraphs"):
        read_minutes(data, "minutes.docx")


def test_it_refuses_minutes_of_more_lines_than_it_reads_in_a_few_seconds():
    data = ("Board\nDate: 8 March 2016\n" + "The board noted it.\n" * 25_000).encode()

    with pytest.raises(MinutesError, match="has 25,002 lines and table rows"):
        read_minutes(data, "minutes.txt")
