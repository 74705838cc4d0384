"""The layouts real minutes come in: dates, item numbers, action tables and logs,
and owners named through the attendance. No database involved."""

import datetime
import io

import docx
import pytest

from meetings.importer import MinutesError, date_minutes, read_minutes


def read(text, name="minutes.txt"):
    return read_minutes(text.encode(), name)


def actions(minutes, *keys):
    return [tuple(action[key] for key in keys) for action in minutes["actions"]]


# The meeting's date


@pytest.mark.parametrize(
    ("head", "date", "time"),
    [
        ("Thursday 14th July 2022 – 09:30-11:30", "2022-07-14", "09:30"),
        ("Meeting: 09/11/2021 - Audit & Standards Committee", "2021-11-09", None),
        ("Meeting date: 10.09.2013", "2013-09-10", None),
        (
            "Minutes of the meeting held at HQ on Tuesday, 6 February 2018",
            "2018-02-06",
            None,
        ),
    ],
)
def test_it_finds_the_date_on_a_line_of_its_own_or_after_any_label(head, date, time):
    minutes = read(f"Accountability Board\n{head}\n1. Apologies\nNone.\n")

    assert (minutes["meeting"]["date"], minutes["meeting"]["time"]) == (date, time)


def test_it_finds_a_date_in_capitals_on_the_fourth_line():
    minutes = read(
        "Agenda Item 4\nJOINT AUDIT COMMITTEE\nMINUTES\n"
        "TUESDAY 8 MARCH 2016 AT 2:00PM\nPRESENT\nMr G Tollett (Chair)\n"
        "1. APOLOGIES\nNone.\n"
    )

    assert minutes["meeting"]["date"] == "2016-03-08"
    assert minutes["meeting"]["time"] == "14:00"
    assert minutes["items"][0]["number"] == "1"


def test_it_takes_the_year_from_a_reference_beside_a_yearless_date():
    minutes = read(
        "Accountability Board\nWednesday 12th July, 10:00-12:00\n"
        "Ref 01/12/07/2023 – Welcome\nAll were welcomed.\n"
    )

    assert minutes["meeting"]["date"] == "2023-07-12"
    assert minutes["items"][0]["number"] == "01/12/07/2023"


def test_it_never_takes_the_next_or_a_previous_meetings_date():
    minutes = read(
        "Joint Audit Committee\n1. Minutes of the meeting held on 23rd June 2017\n"
        "Approved.\n2. Date of next meeting\nThe next meeting will be on 12 "
        "September 2017.\n"
    )

    assert minutes["meeting"]["date"] is None
    assert "give no meeting date" in minutes["warnings"][0]


MODERN_GOV_HEAD = (
    "Venue: Council Chamber\nContact: Democratic Services Officer\nNo. | Item |\n"
    "Apologies Minutes: Apologies were received from two members.\n"
)


@pytest.mark.parametrize(
    "lines",
    [
        (
            "Announcements: two meetings have moved.\nThe new dates were:\n"
            "Thursday 5 March 2015, 2.00 pm\nThursday 3 September 2015, 2.00 pm\n"
        ),
        (
            "Notes of the informal meeting\nTo receive, for information, the notes "
            "of the informal meeting of the Estates Group held on 14th July 2015.\n"
        ),
        (
            "The item was added to the agenda of the next formal Panel meeting on "
            "26 November 2015.\n"
        ),
        # Below the title: earlier meetings listed, the minutes approved, and
        # another body's meeting in the discussion.
        (
            f"{MODERN_GOV_HEAD}Previous Meetings\n"
            "· 11 May 2015 – Hearing · 6 June 2015 · 1 July 2015\n"
            "Minutes: The minutes from the meeting held on 11 May 2015 were "
            "presented and one correction was made to them by the Panel.\n"
        ),
        (
            f"{MODERN_GOV_HEAD}Attention was drawn to the minute from the Cabinet "
            "meeting held on 19 March 2015 at which the draft plan was considered.\n"
        ),
        (
            f"{MODERN_GOV_HEAD}To agree the public minutes of the meetings held on "
            "3rd June and 17th June 2015. Minutes: RESOLVED, That the minutes be "
            "approved.\n"
        ),
    ],
)
def test_dates_of_other_meetings_in_the_head_never_date_this_one(lines):
    minutes = read(f"Police and Crime Panel\n{lines}1. Apologies\nNone.\n")

    assert minutes["meeting"]["date"] is None


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ("Governing Body meeting via Zoom 18 th June, 2020 at 6.00 pm", "2020-06-18"),
        ("MINUTES OF THE HALL COMMITTEE HELD ON 3rd November2014", "2014-11-03"),
        (
            "Police and Crime Panel - Wednesday, 14th November, 2018 2.00 pm",
            "2018-11-14",
        ),
    ],
)
def test_the_titles_date_beats_the_date_of_the_minutes_it_approves(head, date):
    minutes = read(
        f"{head}\nVenue: Council Chamber\nMinutes of the Panel held on 27 "
        "September 2018\nRESOLVED that the minutes be signed.\n1. Apologies\nNone.\n"
    )

    assert minutes["meeting"]["date"] == date


def test_it_keeps_the_written_date_when_the_weekday_disagrees_and_says_so():
    minutes = read("Audit Committee\nMonday 22 March 2023\n1. Apologies\nNone.\n")

    assert minutes["meeting"]["date"] == "2023-03-22"
    assert "says Monday, but 22 Mar 2023 was a Wednesday" in minutes["warnings"][0]


def test_a_date_given_later_dates_the_actions_that_count_from_the_meeting():
    minutes = read(
        "Governance Group\nESTATES\nThe surveys were reviewed.\n"
        "ACTION: CC to report back in 3 months.\n"
    )
    assert actions(minutes, "due_date", "due_phrase") == [(None, "in 3 months")]

    date_minutes(minutes, datetime.date(2024, 2, 5))

    assert actions(minutes, "due_date") == [("2024-05-05",)]


# Agenda items


@pytest.mark.parametrize(
    ("lines", "numbers", "titles"),
    [
        (
            "118/21\nApologies\n119/21\nFinance\n",
            ["118/21", "119/21"],
            ["Apologies", "Finance"],
        ),
        (
            "22/2019/P – Estates Strategy\n23/2019/P – Fleet\n",
            ["22/2019/P", "23/2019/P"],
            ["Estates Strategy", "Fleet"],
        ),
        ("412. APOLOGIES\n413. MINUTES\n", ["412", "413"], ["APOLOGIES", "MINUTES"]),
        (
            "BRD 31/19(c) Quality report\nBRD 32/19 Finance report\n",
            ["BRD 31/19(c)", "BRD 32/19"],
            ["Quality report", "Finance report"],
        ),
    ],
)
def test_it_keeps_reference_numbers_as_written(lines, numbers, titles):
    minutes = read("Trust Board\nDate: 29 May 2019\n" + lines)

    assert [i["number"] for i in minutes["items"]] == numbers
    assert [i["title"] for i in minutes["items"]] == titles


def test_it_renumbers_items_a_text_export_flattened_to_1_and_says_so():
    minutes = read(
        "Ethics Committee\nDate: 8 March 2016\n1. APOLOGIES\nNone.\n"
        "1. MINUTES\nAgreed.\n1. FINANCE\nNoted.\n"
    )

    assert [i["number"] for i in minutes["items"]] == ["1", "2", "3"]
    assert "Every item was numbered “1.”" in minutes["warnings"][0]


def test_it_reads_words_automatic_numbering():
    document = docx.Document()
    document.add_paragraph("Strategic Policing Board")
    document.add_paragraph("Date: 19 November 2019")
    for title in ("Apologies", "Finance", "Estates"):
        document.add_paragraph(title, style="List Number")
        document.add_paragraph(f"{title} were discussed.")
    data = io.BytesIO()
    document.save(data)

    minutes = read_minutes(data.getvalue(), "board.docx")

    assert [(i["number"], i["title"]) for i in minutes["items"]] == [
        ("1", "Apologies"),
        ("2", "Finance"),
        ("3", "Estates"),
    ]


def test_it_reads_headings_as_items_when_nothing_is_numbered():
    minutes = read(
        "Governance Group – note of meeting\nPresent: Jane Hollis (JH) – Director of "
        "Estates\nESTATES\nThe surveys were reviewed.\nACTION: JH to cost the roofs.\n"
        "FLEET\nThe vans were discussed.\n"
    )

    assert [(i["number"], i["title"]) for i in minutes["items"]] == [
        ("1", "ESTATES"),
        ("2", "FLEET"),
    ]
    assert actions(minutes, "item", "owner_as_written") == [("1", "JH")]
    assert any("not numbered" in w for w in minutes["warnings"])


def test_it_refuses_a_document_that_is_not_minutes():
    with pytest.raises(MinutesError, match="does not look like minutes"):
        read("To: Facilities\nFrom: Ellie\nPlease order paper and pens.\nThanks\n")


def test_a_minute_book_page_with_no_title_or_date_is_read_not_refused():
    minutes = read(
        "Ground hire  An application for the pitch on Boxing Day was not agreed.\n"
        "Stand roof  Secretary reported that the roof leaks. Decided to ask the "
        "builder for a price.\n"
        "Tea bar  Agreed that the Treasurer buy a new urn.\n"
    )

    assert minutes["meeting"]["date"] is None
    assert "give no meeting date" in minutes["warnings"][0]
    assert "Stand roof" in minutes["items"][0]["discussion"]


# Action tables and logs


def test_it_reads_an_action_table_by_its_column_headings():
    minutes = read(
        "Performance Review\nDate: 16 June 2020\n1.\tActions\t\n"
        "Action\tOwner\tDeadline\tStatus\n"
        "Review the overtime budget\tCC\t31 Oct\tOngoing\n"
        "Publish the survey\tPCC\tMay (new date 12 Jul)\tComplete\n"
        "Close the old custody suite\tACC\tby March 2021\tClosed\n"
        "N/A\t\t\t\n"
    )

    assert actions(minutes, "description", "owner", "due_date", "status") == [
        ("Review the overtime budget", "CC", "2020-10-31", "in_progress"),
        ("Publish the survey", "PCC", "2020-07-12", "completed"),
        ("Close the old custody suite", "ACC", "2021-03-31", "closed"),
    ]


def test_it_reads_a_log_laid_out_with_spaces_whose_cells_wrap():
    minutes = read(
        "FORCE EXECUTIVE BOARD – ACTION TRACKING LIST\n"
        "Position at the meeting of 5 July 2022\n\n"
        " NO     ACTION                             LEAD     TARGET    STATUS/\n"
        "                                                    DATE      COMMENT\n"
        " April 2022\n"
        " 04.01  Options for a single switchboard   ACC      30 Sept   Ongoing\n"
        "        to be costed with the plan\n"
        " 04.02  Telematics data to be shared       SO       21.9.22   Complete\n"
        "        with the scrutiny panel\n"
        "\n Page 1 of 1\n"
    )

    assert actions(minutes, "description", "owner", "due_date", "status") == [
        (
            "Options for a single switchboard to be costed with the plan",
            "ACC",
            "2022-09-30",
            "in_progress",
        ),
        (
            "Telematics data to be shared with the scrutiny panel",
            "SO",
            "2022-09-21",
            "completed",
        ),
    ]
    assert [item["number"] for item in minutes["items"]] == ["1"]


# Action lines


@pytest.mark.parametrize(
    ("line", "description", "owner"),
    [
        ("Action JH to discuss the survey.", "JH to discuss the survey.", "JH"),
        ("4. Action KT to review the slippage.", "KT to review the slippage.", "KT"),
        (
            "Action – DCC Morgan to commission a review.",
            "DCC Morgan to commission a review.",
            "DCC Morgan",
        ),
        ("ACTION: Circulate the plan (JH).", "Circulate the plan (JH).", "JH"),
        (
            "The Chief Constable would welcome the panel's views in due course.",
            None,
            None,
        ),
    ],
)
def test_it_reads_the_ways_actions_name_their_owner(line, description, owner):
    minutes = read(
        "Board\nDate: 6 February 2020\nPresent: Jane Hollis (JH); Kim Tate (KT); "
        "DCC Ann Morgan (AM)\n1. Finance\n" + line + "\n"
    )

    if description is None:
        assert minutes["actions"] == []
    else:
        assert actions(minutes, "description", "owner_as_written") == [
            (description, owner)
        ]


def test_an_owner_on_its_own_line_names_the_sentence_above():
    minutes = read(
        "Resources Board\nDate: 6 February 2020\n1. Fleet\nThe pilot was noted. "
        "The electric vehicle pilot would be evaluated by May 2020.\n"
        "Action : Deputy Chief Executive\n"
    )

    assert actions(minutes, "description", "owner_as_written", "due_date") == [
        (
            "The electric vehicle pilot would be evaluated by May 2020.",
            "Deputy Chief Executive",
            "2020-05-31",
        )
    ]


def test_an_update_line_updates_the_carried_action_above_it():
    minutes = read(
        "Accountability Board\nThursday 14th July 2022\n"
        "Ref 02/14/07/2022 – Action log\n"
        "Carried action 05/09/06/2022 – DCC to break down overtime by rank.\n"
        "Update 14.07.22 – delayed by the finance system. C/Fwd.\n"
    )

    (action,) = minutes["actions"]
    assert action["description"] == "DCC to break down overtime by rank."
    assert action["status"] == "in_progress"
    assert action["updates"] == [
        {"date": "2022-07-14", "text": "delayed by the finance system. C/Fwd."}
    ]


def test_lines_about_actions_that_are_not_actions_are_left_alone():
    minutes = read(
        "Accountability Board\nDate: 14 July 2022\n1. Fraud\n"
        "Action Fraud referrals rose by 14%.\nThe action plan was noted.\n"
        "No further action required.\nActions from the previous meeting were "
        "reviewed.\nACTION LOG\n"
    )

    assert minutes["actions"] == []


# Decisions


def test_it_reads_decisions_marked_resolved_decision_or_agreed_by_the_board():
    minutes = read(
        "Governance Board\nDate: 3 March 2022\n1. Estates\n"
        "After discussion, the Board approved the revised disposal list. "
        "The Board noted the report.\n"
        "RESOLVED – That the estates strategy be adopted.\n"
        "ACTION: TK to circulate the plan by 31 March 2022.\n"
        "2. Budget\nRESOLVED:\n(1) That the report be noted.\n"
        "(2) That the precept proposal be supported.\nThe chair thanked officers.\n"
        "3. Custody\nDecision 4/22: the PCC will commission a custody review.\n"
    )

    assert [(d["item"], d["text"]) for d in minutes["decisions"]] == [
        ("1", "After discussion, the Board approved the revised disposal list."),
        ("1", "That the estates strategy be adopted."),
        ("2", "That the report be noted."),
        ("2", "That the precept proposal be supported."),
        ("3", "The PCC will commission a custody review."),
    ]
    assert [a["item"] for a in minutes["actions"]] == ["1"]


def test_lines_about_decisions_that_record_none_are_left_alone():
    minutes = read(
        "Governance Board\nDate: 3 March 2022\n1. Estates\n"
        "Decision: none.\nDecisions taken in January were reviewed.\n"
        "The Board agreed to note the update.\nThe Board noted the report.\n"
        "Agreed actions were reviewed.\n"
    )

    assert minutes["decisions"] == []


# Owners through the attendance


def test_it_knows_people_by_initials_name_surname_and_capacity():
    minutes = read(
        "Accountability Board\nDate: 14 July 2022\n"
        "Sarah Whitfield (SW) Chair – Police & Crime Commissioner\n"
        "Mark Ellison (ME) – Chief Constable\n"
        "Present: Mr Ravi Patel – Head of Finance; Rachel Hartland-Lane (RHL) – "
        "Director of Business Services\n"
        "1. Finance\nACTION: SW to write to the Home Office.\n"
        "ACTION: Mr Patel to cost the plan.\nACTION: RHL/ME to agree the budget.\n"
        "ACTION: The Chief Constable to report.\nACTION: JQ to chase it.\n"
    )

    resolved = [
        [person["name"] for person in action["owner_people"]]
        for action in minutes["actions"]
    ]
    assert resolved == [
        ["Sarah Whitfield"],
        ["Mr Ravi Patel"],
        ["Rachel Hartland-Lane", "Mark Ellison"],
        ["Mark Ellison"],
        [],
    ]
    assert minutes["actions"][4]["owner_as_written"] == "JQ"


def test_it_reads_an_attendance_table_under_a_label():
    minutes = read(
        "Ethics Committee\nDate: 8 March 2016\nIN ATTENDANCE\n"
        "Mrs L Nair\tHead of Internal Audit\n1. AUDIT\nThe plan was agreed.\n"
    )

    assert minutes["attendees"][0]["capacity"] == "Head of Internal Audit"


# What a review of the importer found, kept found

HEAD = (
    "Police Accountability Board\nDate: 8 March 2016\nPresent: Rachel Brown (RB) – "
    "Director of Estates; Tom King (TK) – Chief Executive\n1. Estates\n"
)


def test_the_next_meetings_date_never_dates_minutes_that_give_none():
    minutes = read(
        "Police Accountability Board\n1. Estates\nACTION: RB to report.\n"
        "2. Date of next meeting\n12 September 2016 at 10:00\n"
    )

    assert minutes["meeting"]["date"] is None


def test_a_yearless_deadline_agreed_today_falls_after_the_meeting():
    minutes = read(
        HEAD + "Action\tOwner\tDeadline\nReview the lease\tRB\t31 Oct\n"
        "Publish the plan\tTK\tFebruary\n"
    )

    assert actions(minutes, "due_date") == [("2016-10-31",), ("2017-02-28",)]


def test_a_yearless_deadline_in_a_log_of_earlier_actions_is_the_nearest():
    minutes = read(
        HEAD + "Action\tOwner\tDeadline\tStatus\nReview the lease\tRB\tFebruary\t"
        "Ongoing\n"
    )

    assert actions(minutes, "due_date") == [("2016-02-29",)]


@pytest.mark.parametrize(
    ("line", "description", "owner"),
    [
        ("ACTION: Review the lease - RB/TK", "Review the lease - RB/TK", "RB/TK"),
        ("ACTION: Update the Board, RB", "Update the Board, RB", "RB"),
        ("ACTION (RB): Review the lease.", "Review the lease.", "RB"),
    ],
)
def test_an_action_naming_its_owners_at_either_end_is_one_action(
    line, description, owner
):
    minutes = read(HEAD + "The board discussed the lease at length.\n" + line + "\n")

    assert actions(minutes, "description", "owner_as_written") == [(description, owner)]
    assert [person["name"] for person in minutes["attendees"]] == [
        "Rachel Brown",
        "Tom King",
    ]


def test_points_under_a_listed_action_are_its_detail():
    minutes = read_minutes(
        b"<h1>Board</h1><p>Date: 8 March 2016</p><h2>1. Estates</h2>"
        b"<p>Actions agreed:</p><ul><li>RB to review the lease, covering:<ul>"
        b"<li>the costs</li><li>the terms</li></ul></li><li>TK to sign it.</li></ul>",
        "minutes.html",
    )

    assert actions(minutes, "description") == [
        ("RB to review the lease, covering:",),
        ("TK to sign it.",),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Action – For information.",
        "ACTION: For noting",
        "Action: the Board is asked to note the report.",
        "Actions: None arising.",
    ],
)
def test_a_cover_sheets_words_are_no_action(line):
    assert read(HEAD + line + "\n")["actions"] == []


def test_news_of_someone_is_no_undertaking():
    minutes = read(
        "Board\nDate: 8 March 2016\nPresent: Jane Hollis (JH); Mr Mark Ellison\n"
        "1. Staff\nJH will be on leave in August.\nMr Ellison will retire in May.\n"
        "Mr Ellison will circulate the rota.\n"
    )

    assert actions(minutes, "description") == [("Mr Ellison will circulate the rota.",)]


def test_a_heading_row_across_an_action_table_is_no_action():
    minutes = read_minutes(
        b"<p>Board</p><p>Date: 8 March 2016</p><table><tr><th>Action</th>"
        b"<th>Owner</th><th>Status</th></tr><tr><td colspan=3>Carried forward</td>"
        b"</tr><tr><td>Review it</td><td>CC</td><td>Open</td></tr><tr></tr></table>",
        "minutes.html",
    )

    assert actions(minutes, "description") == [("Review it",)]


def test_lines_written_straight_into_a_page_between_line_breaks_are_read():
    minutes = read_minutes(
        b"<strong>AUDIT COMMITTEE</strong><br />Thursday 11 November 2010<br />"
        b"Present: Jane Hollis (JH)<br />1. Apologies<br />None.<br />"
        b"<div>2. Risk register<br />ACTION: JH to update the risk register.<br />"
        b"<p>The committee noted the report.</p></div>",
        "minutes.html",
    )

    assert minutes["meeting"]["date"] == "2010-11-11"
    assert [item["number"] for item in minutes["items"]] == ["1", "2"]
    assert actions(minutes, "description", "owner_as_written") == [
        ("JH to update the risk register.", "JH")
    ]


def test_a_date_on_its_own_line_is_no_item_number():
    minutes = read("Police Accountability Board\n08.03.16\n1. Apologies\nNone.\n")

    assert minutes["meeting"]["date"] == "2016-03-08"
    assert [item["number"] for item in minutes["items"]] == ["1"]


def test_a_yearless_date_takes_the_year_its_weekday_falls_in():
    minutes = read(
        "Police Accountability Board\nTuesday 13 December\n1. Apologies\nNone.\n"
        "2. Date of next meeting\nTuesday 10 January 2017\n"
    )

    assert minutes["meeting"]["date"] == "2016-12-13"


def test_an_update_after_the_action_is_kept_as_its_update():
    minutes = read(
        HEAD + "ACTION: RB to revise the costings. Update 18.01.16 – costings "
        "confirmed – Complete\n"
    )

    (action,) = minutes["actions"]
    assert action["description"] == "RB to revise the costings."
    assert action["status"] == "completed"
    assert action["updates"][0]["text"].startswith("costings confirmed")


def test_a_corrected_date_dates_the_actions_again():
    minutes = read(HEAD + "ACTION: RB to report within 6 months.\n")

    date_minutes(minutes, datetime.date(2016, 4, 8))

    assert actions(minutes, "due_date") == [("2016-10-08",)]


def test_undertakings_agreed_in_the_discussion_of_unmarked_minutes_are_actions():
    minutes = read(
        "Police and Crime Panel\nDate: 29 September 2022\n1. Webinar\nIt was noted "
        "that Cllr Mathew had attended. It was agreed that Cllr Mathew would "
        "circulate the slides.\n2. Estates\nThe PCC undertook to update the Panel.\n"
        "The Board agreed to a start time of 18:00.\nThe PCC would like more data.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("It was agreed that Cllr Mathew would circulate the slides.", "Cllr Mathew"),
        ("The PCC undertook to update the Panel.", "PCC"),
    ]


def test_tasks_and_undertakings_of_posts_in_unmarked_minutes_are_actions():
    minutes = read(
        "Fire Services Committee\nDate: 5 September 2014\n1. Appointments\n"
        "Officers to write to retiring members thanking them for their work.\n"
        "Members to note the list of appointments.\n"
        "2. Reports\nIt was agreed that the Clerks would forward the report to "
        "the Finance Committee.\nThe panel agreed the scope (see ‘Annex A’). "
        "The Director of the Police Authority undertook to brief the Board.\n"
    )

    assert actions(minutes, "owner_as_written") == [
        ("Officers",),
        ("Clerks",),
        ("Director of the Police Authority",),
    ]


def test_a_task_with_its_owner_in_front_is_an_action_in_any_minutes():
    minutes = read(
        "Parish Council\nheld on 16th July 2012\n"
        "Councillors Present: C Cudmore – Chairman (CC), A Dagger (AD) and "
        "B Wigmore (BW).\nIn attendance: S Vaillant (SV; Clerk).\n"
        "1.0 Matters arising\n"
        "1.1 Gulley outside the farm – the drain was perhaps cleaned. BW to confirm.\n"
        "1.2 Lettering on the village stones – Clerk to ask the mason for a quote.\n"
        "1.3 Verges – Members to note the cutting dates. A contractor to be found.\n"
        "ACTION: Mr Patel to send the survey.\n"
        "Mr Patel to provide the costed options.\nACTION: Mr Patel\n"
    )

    assert [(a["name"], a["initials"]) for a in minutes["attendees"]] == [
        ("C Cudmore", ""),
        ("A Dagger", "AD"),
        ("B Wigmore", "BW"),
        ("S Vaillant", "SV"),
    ]
    assert actions(minutes, "description", "owner_as_written") == [
        ("BW to confirm.", "BW"),
        ("Clerk to ask the mason for a quote.", "Clerk"),
        ("Mr Patel to send the survey.", "Mr Patel"),
        ("Mr Patel to provide the costed options.", "Mr Patel"),
    ]


def test_several_tasks_in_one_paragraph_are_each_an_action():
    minutes = read(
        "Parish Council\nDate: 2 May 2019\n53/19 Section 106 monies\n"
        "Actions from last meeting: SS to discuss the proposals with the club. "
        "RT to contact Highways about the drainage. The verges were cut, however, "
        "GC to find out how often.\n(10.5.1) Clerk to organise a visit to the farm.\n"
    )

    assert actions(minutes, "owner_as_written") == [
        ("SS",),
        ("RT",),
        ("GC",),
        ("Clerk",),
    ]


def test_tasks_asked_of_someone_in_unmarked_minutes_are_actions():
    minutes = read(
        "Audit Committee\nDate: 26 November 2018\nPresent: Mr Ian Trent\n"
        "1. Complaints\nThe Chair asked officers to establish a rota for the "
        "panels. Members asked whether the rota was fair. The Chair asked Members "
        "to note the report.\nThe Committee requested that the Police look into "
        "the figures. It asked that the report be noted.\n"
        "2. Quality\nMr Trent also agreed to bring a paper to the next meeting.\n"
        "RESOLVED that the Committee requests the Policy Officer to investigate the "
        "two issues raised.\n"
    )

    assert actions(minutes, "owner_as_written") == [
        ("officers",),
        ("Police",),
        ("Mr Trent",),
        ("Policy Officer",),
    ]


def test_tasks_reported_or_set_without_an_owner_in_unmarked_minutes_are_actions():
    minutes = read(
        "Parish Council\nDate: 4 June 2019\nPresent: Cllr Amy Dorrit; Tom Pryce "
        "(Clerk)\n1. Play area\nCllr Dorrit advised that she would contact the "
        "insurers. The Clerk would advertise the vacancy. The Clerk would like a "
        "new printer. The Clerk said that the grant would arrive in July.\n"
        "2. Footpaths\nIt was agreed that a map of the routes would be circulated. "
        "The Council requested that the signs be reviewed further. Ms Okafor to "
        "be invited to the next meeting. It was agreed that the minutes be "
        "approved. It was resolved that the accounts be received.\n"
        "3. Hedges\nThe hedge on Mill Lane is overgrown, Clerk to write to the owner. "
        "Walt advised that he will notify the farmer. The survey would be "
        "circulated to councillors. The pilot would be evaluated in May.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("Cllr Dorrit advised that she would contact the insurers.", "Cllr Dorrit"),
        ("The Clerk would advertise the vacancy.", "Clerk"),
        ("It was agreed that a map of the routes would be circulated.", ""),
        ("The Council requested that the signs be reviewed further.", ""),
        ("Ms Okafor to be invited to the next meeting.", ""),
        ("Clerk to write to the owner.", "Clerk"),
        ("Walt advised that he will notify the farmer.", "Walt"),
        ("The survey would be circulated to councillors.", ""),
    ]


def test_a_first_name_the_minutes_show_speaking_can_own_a_task():
    minutes = read(
        "Village Hall Committee\nDate: 9 October 2019\nPresent: Cllr Ann Ruddock\n"
        "1. Car park\nMark reported that the fence by the gate was down. Mark to "
        "send photographs to the insurer. Priya explained the lease terms and "
        "would check the renewal date. Priya will check the invoices.\n"
        "2. Courses\nTraining outlined the new first aid course. Training to "
        "continue in the spring, as the training budget allows.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("Mark to send photographs to the insurer.", "Mark"),
        ("Priya will check the invoices.", "Priya"),
    ]


def test_someone_taking_a_task_on_at_the_end_of_their_sentence_owns_it():
    minutes = read(
        "Parish Council\nDate: 3 March 2020\nPresent: Cllr Joan Cole; Dan Ash "
        "(Clerk)\n1. Verges\nCllr Cole raised the state of the verges on Mill Road "
        "and offered to pursue a response from Highways. The Clerk noted that the "
        "contractor had inspected the drains and agreed to clear them. Members "
        "discussed the budget and agreed to hold it.\n"
    )

    assert actions(minutes, "owner_as_written") == [("Cllr Cole",)]


def test_an_actions_label_under_a_numbered_point_lists_only_its_own_bullets():
    minutes = read(
        "Minutes – Finance Committee Meeting 12 May 2015\n"
        "The following summarises the discussion and the actions agreed:\n"
        "  1. Reviewed the forward plan for the year.\n"
        "    • Actions:\n"
        "      • Staff to book the autumn workshop. Staff to send members the "
        "draft terms of reference.\n"
        "      • Treasurer to circulate the reserves policy.\n"
        "  2. Received an update on the pension fund valuation from the actuary.\n"
        "  3. Discussed the insurance renewal and agreed the broker's terms.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("Staff to book the autumn workshop.", "Staff"),
        ("Staff to send members the draft terms of reference.", "Staff"),
        ("Treasurer to circulate the reserves policy.", "Treasurer"),
    ]


def test_tasks_set_by_resolutions_and_agreements_in_unmarked_minutes_are_actions():
    minutes = read(
        "Town Council\nDate: 14 March 2017\nPresent: Cllr Rhona Baird; "
        "Duncan Fyfe (Clerk)\n"
        "1. Finance\nThe totals in the two statements differed, so Duncan to send "
        "out the corrected figures. Maintenance 1) RB to ask the glazier for a "
        "quote 2) Clerk to buy grit for the car park.\n"
        "2. Grants\n(b) that whilst the report be approved, the Deputy Director be "
        "requested to draft a fairer scoring scheme.\nThe Council RESOLVED for "
        "Terry to strim the churchyard before Easter. While the Council supported "
        "the campaign, it was agreed to write to the Home Office about its "
        "posters.\n"
        "3. Hall\nThe curtains need cleaning. This will be checked and quotes "
        "obtained. An inventory is to be undertaken of the kitchen. The Clerk "
        "would meet with the Mayor to agree the lease. The report outlined four "
        "measures to be included in future reports. Clerk to write to the "
        "caretaker. Clerk to action.\n"
        "The Governing Body to meet weekly by video call until June.\n"
        "Signed: R Baird\nClerk to the Council – 21/03/2017\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("Duncan to send out the corrected figures.", "Duncan"),
        ("RB to ask the glazier for a quote", "RB"),
        ("Clerk to buy grit for the car park.", "Clerk"),
        (
            (
                "that whilst the report be approved, the Deputy Director be "
                "requested to draft a fairer scoring scheme."
            ),
            "Deputy Director",
        ),
        (
            "The Council RESOLVED for Terry to strim the churchyard before Easter.",
            "Terry",
        ),
        (
            (
                "While the Council supported the campaign, it was agreed to write "
                "to the Home Office about its posters."
            ),
            "",
        ),
        ("This will be checked and quotes obtained.", ""),
        ("An inventory is to be undertaken of the kitchen.", ""),
        ("The Clerk would meet with the Mayor to agree the lease.", "Clerk"),
        ("Clerk to write to the caretaker.", "Clerk"),
    ]


def test_club_notes_with_plain_headings_instructions_and_tags_are_read():
    minutes = read(
        "Orchard Road Allotment Society\nCommittee notes\nDate: 6th March 2019\n"
        "Present: Hana Okoro, Luis Ferrer, Bea Quint\nApologies: Col Dunne\n"
        "Matters arising\n"
        "The gate lock is broken. Agreed a locksmith should be found. Luis to "
        "ACTION.\n"
        "Hana to order the seed potatoes.\n"
        "Shed\n"
        "– Investigate the cost of a second water butt.\n"
        "– Share this item\n"
        "– Review of the year\n"
        "It was agreed by the group to produce a planting rota in April. Agreed "
        "we will ask the council to empty the skip. Bea requested that a plot "
        "map is provided to new members. HO and LF to organise the open day. "
        "ARe & RM to liaise with the league.\n"
        "Bea to remain in attendance for the lease talks. Rents to date: £410. "
        "Col was to investigate the leak. The old mower and tools are to be "
        "written off.\n"
    )

    assert [person["name"] for person in minutes["attendees"]] == [
        "Hana Okoro",
        "Luis Ferrer",
        "Bea Quint",
        "Col Dunne",
    ]
    assert actions(minutes, "description", "owner_as_written") == [
        ("Agreed a locksmith should be found.", "Luis"),
        ("Hana to order the seed potatoes.", "Hana"),
        ("Investigate the cost of a second water butt.", ""),
        ("It was agreed by the group to produce a planting rota in April.", ""),
        ("Agreed we will ask the council to empty the skip.", ""),
        ("Bea requested that a plot map is provided to new members.", ""),
        ("HO and LF to organise the open day.", "HO and LF"),
        ("ARe & RM to liaise with the league.", "ARe & RM"),
    ]


def test_someone_taking_a_task_on_mid_sentence_owns_it():
    minutes = read(
        "Village Hall Committee\nDate: 2 April 2014\nPresent: Mo Bright (MB), "
        "Rita Bell (RB), Dylan Hart\n"
        "1. Repairs\nPlayground bin – ongoing MB to order a key. The quote was "
        "agreed although RB will provide a second one. The piano will be tuned by "
        "a local firm and Dylan is to purchase a cover.\n"
        "2. Contracts\nThe committee approved a recommendation to direct the CEO "
        "to enter into a contract. It was unanimously agreed that the January "
        "meeting minutes be signed.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("MB to order a key.", "MB"),
        ("RB will provide a second one.", "RB"),
        ("Dylan is to purchase a cover.", "Dylan"),
    ]


def test_more_ways_minutes_set_tasks_without_marking_them():
    minutes = read(
        "Sports Club Committee\nDate: 7 May 2012\nPresent: Tom Cole (TC), "
        "Dee Hart (DH)\n"
        "1. Clubhouse\n"
        "– Look at use of the community room for yoga classes.\n"
        "– Must start to look for other daytime uses for the bar.\n"
        "– Update on the boiler from the engineer.\n"
        "The report on weedkillers was circulated, TC will edit then it goes on "
        "the website. DH to be asked. Energy audit – Agreed to try and read the "
        "meters monthly. The minutes will be signed off at the next meeting.\n"
        "The treasurer stated that he was prepared to collate the match fees.\n"
        "The Chair asked the Director of Finance & Performance to check the "
        "grant. The old nets are to be written off.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("Look at use of the community room for yoga classes.", ""),
        ("Must start to look for other daytime uses for the bar.", ""),
        ("TC will edit then it goes on the website.", "TC"),
        ("DH to be asked.", ""),
        ("Energy audit – Agreed to try and read the meters monthly.", ""),
        ("The minutes will be signed off at the next meeting.", ""),
        (
            "The treasurer stated that he was prepared to collate the match fees.",
            "treasurer",
        ),
        (
            "The Chair asked the Director of Finance & Performance to check the grant.",
            "Director of Finance & Performance",
        ),
    ]


def test_an_action_tag_at_the_end_of_a_paragraph_names_its_owner_and_task():
    minutes = read(
        "Cricket Club Committee\nDate: 2 June 2017\n1. Pavilion\n"
        "Boiler – Sam Bell has offered to look at it. NC will ring Sam to arrange "
        "a visit. [Action NC]\n"
        "Nets – the grant may cover new nets. BM will find the forms and work "
        "with PA to apply. [Action BM/PA].\n"
        "2. Any other business\nWhen the board is up again, the rota will be "
        "pinned to it. Action: Brenda\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("NC will ring Sam to arrange a visit.", "NC"),
        ("BM will find the forms and work with PA to apply.", "BM/PA"),
        ("When the board is up again, the rota will be pinned to it.", "Brenda"),
    ]


def test_a_first_name_taking_a_task_on_is_someone():
    minutes = read(
        "Allotment Society\nDate: 28 January 2014\n1. Plots\nThere are no "
        "vacant plots. Keith will advertise the waiting list in the magazine. "
        "Funding will provide two new water butts, as the funding rules allow.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("Keith will advertise the waiting list in the magazine.", "Keith"),
    ]


def test_a_mandate_or_an_agreement_without_that_sets_a_task():
    minutes = read(
        "Parish Council\nDate: 3 June 2019\nPresent: Cllr Jo Fry; Dan Ash (Clerk)\n"
        "1. Hall\nThe Clerk was authorised to obtain three quotes for the roof. "
        "It was agreed Cllr Fry would contact the school. The Finance Committee "
        "was authorised to set the fees.\n"
    )

    assert actions(minutes, "owner_as_written") == [("Clerk",), ("Cllr Fry",)]


def test_an_agent_at_the_end_or_a_list_of_initials_owns_the_task():
    minutes = read(
        "Cricket Club AGM\nDate: 4 March 2013\nPresent: Pat Bell (PB), "
        "Tom Wren (TW), Ian Pope (IP)\n"
        "1. Ground\nThe gang mowers work, and would be adjusted by PB. New nets "
        "may be affordable next year. TW, IP and PB to investigate. The "
        "Sub-committee agreed to adjourn.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("The gang mowers work, and would be adjusted by PB.", "PB"),
        ("TW, IP and PB to investigate.", "TW, IP and PB"),
    ]


def test_a_date_whose_weekday_lost_its_space_is_read():
    minutes = read("Parish Council\nTuesday12 June 2012\n1. Apologies\nNone.\n")

    assert minutes["meeting"]["date"] == "2012-06-12"


def test_a_numbered_paragraph_that_records_an_undertaking_is_read_as_one():
    minutes = read(
        "Public Accounts Committee\nDate: 26 November 2018\n1. Introductions\n"
        "1.1 The Chair welcomed Members to the Committee.\n2. Papers to note\n"
        "2.1 The papers were noted.\n2.2 It was agreed that the Clerks would "
        "forward the rural services report to the Economy Committee.\n"
    )

    assert actions(minutes, "owner_as_written") == [("Clerks",)]


def test_an_action_table_copied_a_cell_per_line_is_read_row_by_row():
    minutes = read(
        "Accountability Board\nAction Log\nRef\nDate raised\nAction\nOwner\n"
        "Due date\nStatus\nAB/22/14\n12/10/2022\nProvide the stop and search "
        "outcomes by ethnicity\nACC Operations\n31/01/2023\nComplete\n"
        "AB/22/15\n12/10/2022\nReview the victim survey questions with the\n"
        "victims lead\nHead of Strategy\n28/02/2023\nOngoing\n"
        "AB/23/01\n11/01/2023\nCirculate the estates disposal programme\n"
        "Open\nThe log is reviewed at each meeting.\n"
    )

    assert actions(minutes, "description", "owner_as_written", "status") == [
        (
            "Provide the stop and search outcomes by ethnicity",
            "ACC Operations",
            "completed",
        ),
        (
            "Review the victim survey questions with the victims lead",
            "Head of Strategy",
            "in_progress",
        ),
        ("Circulate the estates disposal programme", "", "open"),
    ]
    assert actions(minutes, "due_date") == [("2023-01-31",), ("2023-02-28",), (None,)]


def test_a_cell_per_line_table_with_rows_set_apart_by_blank_lines_ends_at_prose():
    minutes = read(
        "Joint Audit Committee\nDate: 22 March 2023\nPresent: Tom Kerr (TK)\n"
        "1. Internal audit\n\nAction\nOwner\nDeadline\nStatus\n\n"
        "Report the fleet audit findings to the committee\nTK\nJune 2023\nOpen\n\n"
        "Share the benchmarking data\nTK\nComplete\n\n"
        "The Chair thanked members for their work.\nNo further action was needed.\n"
        "2. Any other business\nNone.\n"
    )

    assert actions(minutes, "description", "due_date", "status") == [
        ("Report the fleet audit findings to the committee", "2023-06-30", "open"),
        ("Share the benchmarking data", None, "completed"),
    ]
    assert "The Chair thanked members" in minutes["items"][0]["discussion"]


def test_headings_that_name_no_action_column_are_no_table():
    minutes = read(
        "Board\nDate: 2 March 2023\n1. Papers\nOwner\nStatus\nUpdate\n"
        "Jane Hollis\nOpen\nThe paper was noted.\n"
    )

    assert minutes["actions"] == []


def test_a_hard_wrapped_sentence_is_read_whole_and_an_action_named_in_it_found():
    minutes = read(
        "Partnership Committee\nDate: 2 March 2023\n1. Actions\nThe action for Alex "
        "Edmonstone to provide a\npaper to the next meeting was carried forward.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        (
            (
                "Alex Edmonstone to provide a paper to the next meeting was "
                "carried forward."
            ),
            "Alex Edmonstone",
        )
    ]


# Resolutions and council web pages


def test_limbs_of_a_resolution_that_set_a_task_are_actions_and_the_rest_are_not():
    minutes = read(
        "Overview and Scrutiny Committee\nDate: 4 May 2021\n5. Work programme\n"
        "The committee discussed its work programme for the year.\nRESOLVED:\n"
        "(a) That the report be noted;\n"
        "(b) the forward plan be updated for the next meeting; and\n"
        "(c) the Scrutiny Officer email members asking for volunteers.\n"
        "(d) the meeting in June includes a report on the budget.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("the forward plan be updated for the next meeting; and", ""),
        (
            "the Scrutiny Officer email members asking for volunteers.",
            "Scrutiny Officer",
        ),
    ]


def test_a_council_web_page_reads_the_minutes_after_the_agenda_and_its_resolution():
    minutes = read(
        "Agenda item\n\nDepot review\n\nTo receive a report on the depot. A verbal "
        "update will be provided on the lease.\n\nMinutes:\n\nThe Panel discussed the "
        "depot's lease at length. It was agreed that a site visit would be arranged "
        "for members.\n\nResolved:\n\n1.  That the Panel note the report\n\n"
        "2.  That, with the Treasurer, the working group develop a costed plan for "
        "the next meeting\n\nSupporting documents:\n"
    )

    assert len(minutes["items"]) == 1
    assert actions(minutes, "description") == [
        ("It was agreed that a site visit would be arranged for members.",),
        (
            (
                "That, with the Treasurer, the working group develop a costed plan "
                "for the next meeting"
            ),
        ),
    ]


def test_minutes_after_a_label_are_read_not_taken_for_who_took_them():
    minutes = read(
        "Safer Roads Board\nDate: 3 December 2019\n"
        "Minutes: The Board considered its action log and the progress made on each "
        "action since the last meeting. Officers agreed to look into whether a "
        "briefing on speed cameras could be held. The Chairman undertook to write "
        "to the Home Office about the funding gap.\n"
    )

    assert minutes["meeting"]["minute_taker"] == ""
    assert actions(minutes, "owner_as_written") == [("Officers",), ("Chairman",)]


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Members requested a briefing note on the new custody suite.", ""),
        ("The Panel asked if a visit to the control room could be arranged.", ""),
        (
            "The Committee agreed to invite the Chief Fire Officer to its meeting.",
            "",
        ),
        ("The PCC noted she could provide the figures by email.", "PCC"),
        (
            "Democratic Services would ascertain whether a reserve list exists.",
            "Democratic Services",
        ),
        ("A member requested that the next report include repeat victims.", ""),
        (
            "Carole Lee and Ross Hay to produce a paragraph on links.",
            "Carole Lee and Ross Hay",
        ),
        (
            "The Commissioner said that she would ensure the force heard it.",
            "Commissioner",
        ),
        ("The Chair asked that the Panel's thanks be passed on to the staff.", ""),
    ],
)
def test_a_task_asked_for_agreed_or_offered_in_prose_is_an_action(sentence, owner):
    minutes = read(
        f"Police and Crime Panel\nDate: 8 June 2021\n3. Updates\n{sentence}\n"
    )

    assert actions(minutes, "owner_as_written") == [(owner,)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Panel asked if the figures could be explained.",
        "The Committee agreed to note the report.",
        "Members requested a recorded vote.",
        "Members requested that the report would include it.",
        "The Board agreed to keep the format of its meetings.",
    ],
)
def test_a_question_a_decision_or_a_vote_is_no_action(sentence):
    minutes = read(
        f"Police and Crime Panel\nDate: 8 June 2021\n3. Updates\n{sentence}\n"
    )

    assert minutes["actions"] == []


def test_someone_taking_a_task_on_after_and_is_its_owner():
    minutes = read(
        "Community Safety Board\nDate: 8 June 2021\n3. Car crime\nThe Chair asked "
        "that the campaign be promoted on the council's website and Tom Baker agreed "
        "to look into the costs.\n"
    )

    assert ("Tom Baker agreed to look into the costs.", "Tom Baker") in actions(
        minutes, "description", "owner_as_written"
    )


def test_an_outstanding_actions_list_written_as_prose_carries_each_reference():
    minutes = read(
        "Trust Board\nDate: 6 July 2017\n113. Outstanding actions of the Board\n"
        "The Board received the outstanding action list and noted these updates:\n"
        "301/16\nEstates Report\nThe Director of Estates reported that the survey "
        "had not covered the car parks, so this action should remain open.\n"
        "17/17\nStaff Awards\nIt was noted that the awards had been held and the "
        "action could be closed.\n"
        "114. Any other business\nNone.\n"
    )

    assert actions(minutes, "description", "status") == [
        (
            (
                "Estates Report: The Director of Estates reported that the survey had "
                "not covered the car parks, so this action should remain open."
            ),
            "open",
        ),
        (
            (
                "Staff Awards: It was noted that the awards had been held and the "
                "action could be closed."
            ),
            "completed",
        ),
    ]


@pytest.mark.parametrize(
    ("sentence", "description", "owner"),
    [
        (
            (
                "It was resolved that Cllr Hart and Cllr Moss would undertake the "
                "interviews."
            ),
            (
                "It was resolved that Cllr Hart and Cllr Moss would undertake the "
                "interviews."
            ),
            "Cllr Hart and Cllr Moss",
        ),
        (
            (
                "Resolved – That the annual report be noted and that any further "
                "comments be forwarded to the Policy Lead."
            ),
            "that any further comments be forwarded to the Policy Lead.",
            "",
        ),
        (
            (
                "Councillor Shah asked for the youth strategy to be brought to the "
                "next meeting."
            ),
            (
                "Councillor Shah asked for the youth strategy to be brought to the "
                "next meeting."
            ),
            "",
        ),
        (
            "Verges: overgrown again. Cllr. Adams to collate the complaints.",
            "Cllr. Adams to collate the complaints.",
            "Cllr. Adams",
        ),
    ],
)
def test_tasks_resolved_asked_for_or_given_in_parish_and_council_minutes(
    sentence, description, owner
):
    minutes = read(f"Parish Council\nDate: 8 June 2021\n4. Matters\n{sentence}\n")

    assert actions(minutes, "description", "owner_as_written") == [(description, owner)]


def test_a_heading_that_carries_its_task_after_a_dash_is_read():
    minutes = read(
        "Parish Council\nDate: 8 June 2021\n"
        "11. Park inspection- clerk to get quotes for a safety inspection\n"
        "12. Bins- district councillor and clerk to complain about missed bins\n"
        "13. Police update – Inspector to report\n"
    )

    assert actions(minutes, "owner_as_written") == [
        ("clerk",),
        ("district councillor and clerk",),
    ]


def test_a_first_name_that_opens_a_task_names_someone_but_nothing_does_not():
    minutes = read(
        "Community Safety Committee\nDate: 11 January 2018\n7. Old business\n"
        "Mark to send the previous letters to the committee.\n"
        "Mark to talk to the school about the survey.\n"
        "8. Liaison\nNothing to report as the board has not met.\n"
    )

    assert actions(minutes, "owner_as_written") == [("Mark",), ("Mark",)]


def test_an_undertaking_in_marked_minutes_counts_unless_a_marked_action_restates_it():
    minutes = read(
        "Fire Authority Audit Committee\nDate: 14 March 2022\n"
        "3. Risk register\nThe Treasurer presented the register. The Treasurer "
        "agreed to add the pension fund risk.\n"
        "4. Matters arising\nThe Clerk undertook to add a standing item on "
        "interim decisions to every future agenda. Members asked whether the "
        "figures would change; the Treasurer would like to revisit them.\n"
        "5. Actions agreed\n"
        "ACTION – Treasurer to add the pension fund risk to the register.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        (
            (
                "The Clerk undertook to add a standing item on interim decisions to "
                "every future agenda."
            ),
            "Clerk",
        ),
        ("Treasurer to add the pension fund risk to the register.", "Treasurer"),
    ]


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("The witnesses agreed to update the Committee on staffing.", "witnesses"),
        (
            (
                "The Head of Estates said that, with the Chair, she would be meeting "
                "the landlord."
            ),
            "Head of Estates",
        ),
        (
            "It was noted that the WYCA will be writing to the minister about fares.",
            "WYCA",
        ),
        ("The Panel decided to issue an annual report on its work.", ""),
        (
            (
                "It was agreed that the Secretary should be in contact with the "
                "council leader."
            ),
            "Secretary",
        ),
        (
            (
                "(ii) to note that the Chief Officer would review the format of the "
                "report."
            ),
            "Chief Officer",
        ),
        (
            (
                "It was agreed that the minutes would be amended and brought to the "
                "next meeting."
            ),
            "",
        ),
    ],
)
def test_plans_decisions_and_agreements_that_set_a_task_are_actions(sentence, owner):
    minutes = read(
        f"Integration Joint Board\nDate: 8 June 2021\n3. Updates\n{sentence}\n"
    )

    assert actions(minutes, "owner_as_written") == [(owner,)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Board noted that the figures would be rising over the winter.",
        "It was noted that there will be reviewing of the scheme by the Government.",
        "Need to establish who owns the field.",
    ],
)
def test_a_forecast_or_a_sentence_without_a_subject_is_no_action(sentence):
    minutes = read(
        f"Community Council\nDate: 8 June 2021\n3. Matters arising\n{sentence}\n"
    )

    assert minutes["actions"] == []


def test_actions_marked_in_the_middle_of_a_paragraph_are_read():
    minutes = read(
        "Community Council\nDate: 8 June 2021\n3. Footpath\n"
        "The path floods near the stile. Grant forms are due in May. "
        "ACTION TW to ask the landowner about drainage. Mo asked Pat whether "
        "she could price a boardwalk. Agreed. ACTION PK. "
        "The funding position was discussed at length. Decision/Action: The "
        "steering group agreed to meet the funder in June.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("TW to ask the landowner about drainage.", "TW"),
        ("Mo asked Pat whether she could price a boardwalk. Agreed.", "PK"),
        ("The steering group agreed to meet the funder in June.", ""),
    ]


def test_a_rolling_action_list_in_an_item_reads_each_entry_to_the_items_end():
    minutes = read(
        "Audit Committee\nDate: 4 February 2015\n"
        "1. / Apologies\nNone.\n"
        "2. / Matters arising\nRolling Action List\nMin Ref / 30 October 2014\n"
        "9 / Risk management\n- Risk Register\n"
        "- Heat map to be added to the register – complete\n"
        "- Report to go to the Board in March\n"
        "12 June 2014\n4 / Assurance statement\n"
        "- DoF to redraft the wording for the accounts.\n"
        "3. / 2014/15 budget: month 9\nThe position was noted.\n"
    )

    assert [item["number"] for item in minutes["items"]] == ["1", "2", "3"]
    assert actions(minutes, "description", "status") == [
        ("Heat map to be added to the register", "completed"),
        ("Report to go to the Board in March", "open"),
        ("DoF to redraft the wording for the accounts.", "open"),
    ]


def test_a_document_that_summarises_actions_reads_each_entry_as_one_action():
    minutes = read(
        "Summary of Actions from the Trust Board meeting on 5 March 2019\n"
        "Relevant Item / Action / Responsibility\n"
        "Actions held over from the meeting on 6 November 2018\n"
        "TB 41/18(c) / Estates Strategy\n"
        "Future reports to show the backlog by site.\n"
        "The car park survey to be included. Status: in progress – survey "
        "booked for April / KD\n"
        "Actions from the meeting on 5 March 2019\n"
        "TB 12/19(a) / Staff survey\n"
        "To report on the following:\n- response rates by ward; and\n"
        "- the action plan for theatres\n"
        "TB 12/19(b) / Equality report\n"
        "The Trust to publish its equality report by the end of May 2019.\n"
        "Status: open / HR\n"
    )

    assert actions(minutes, "description", "owner_as_written", "status") == [
        (
            (
                "Future reports to show the backlog by site. The car park survey to be "
                "included."
            ),
            "KD",
            "in_progress",
        ),
        (
            (
                "To report on the following: - response rates by ward; and - the "
                "action plan for theatres"
            ),
            "",
            "open",
        ),
        (
            "The Trust to publish its equality report by the end of May 2019.",
            "HR",
            "open",
        ),
    ]


def test_markdown_minutes_lose_their_front_matter_and_links_but_keep_the_title():
    minutes = read(
        '---\ntitle: "Minutes of the Village Hall Committee, 3 May 2022"\n'
        "date: 2022-05-09\ncategories:\n  - minutes\n---\n\n"
        "## Reports\n\n"
        "    [Rosa][RosaPeel] will ask [the hire company](https://example.org/hire)\n"
        "    about a refund for the stall at the Spring Fair in the Market\n"
        "    Square.\n"
    )

    assert minutes["meeting"]["title"] == (
        "Minutes of the Village Hall Committee, 3 May 2022"
    )
    assert minutes["meeting"]["date"] == "2022-05-03"
    assert actions(minutes, "description") == [
        (
            (
                "Rosa will ask the hire company about a refund for the stall at the "
                "Spring Fair in the Market Square."
            ),
        )
    ]


def test_a_long_attendance_list_on_one_line_gives_each_person():
    minutes = read(
        "Minutes of Elmbridge Parish Council, Wednesday 6 July 2022\n\n"
        "Those Attending:\n\n"
        "Cllr P Oduya (Chairman), Cllr Mrs K Lister (Vice-Chair), Cllr D Farrant, "
        "Cllr Mrs V Holt, Cllr S Baines, Mrs L Gray (Clerk), 6 Members of the Public\n"
        "\n1. Apologies\nNone.\n"
    )

    assert [person["name"] for person in minutes["attendees"]] == [
        "Cllr P Oduya",
        "Cllr Mrs K Lister",
        "Cllr D Farrant",
        "Cllr Mrs V Holt",
        "Cllr S Baines",
        "Mrs L Gray",
    ]


def test_the_clerks_word_on_what_they_will_do_is_an_action_and_two_owners_stay_one():
    minutes = read(
        "Parish Council\nDate: 6 July 2022\n7. Any other business\n"
        "Litter again dumped behind the shops, the Clerk will report this to the "
        "district council.\n"
        "The verges have not been cut. The Clerk will get in touch with the "
        "contractor.\n"
        "The Chairman and Vice-Chairman will meet the head teacher about parking.\n"
    )

    assert actions(minutes, "owner_as_written") == [
        ("Clerk",),
        ("Clerk",),
        ("Chairman and Vice-Chairman",),
    ]


def test_a_paragraph_of_a_web_page_wrapped_in_its_source_is_read_whole():
    minutes = read(
        "<h1>Radio Club monthly meeting</h1><p>Date: 4 March 2019</p>"
        "<h2>1. Projects</h2>\n<p>Graham reported on the mast.\nGraham will ask "
        "if\nthe school would host it.</p>",
        name="minutes.html",
    )

    assert actions(minutes, "description") == [
        ("Graham will ask if the school would host it.",)
    ]


def test_a_note_that_gives_someone_at_the_meeting_a_task_is_an_action():
    minutes = read(
        "## Members' meeting 2019-03-06\n\n"
        "- Present: Priya, Tomas, Wen, Olu\n\n"
        "### Finances\n"
        "- Priya: Introduce Olu to the bookkeeper before the 20th\n"
        "- Tomas: Suggest we keep the current bank\n"
        "- Wen contact the landlord and ask about the lease\n"
        "- Olu reported that the lease runs to June\n"
        "- Tomas needs to renew the insurance policy\n"
        "- Olu is going to look into cheaper electricity\n"
    )

    assert actions(minutes, "owner_as_written") == [
        ("Priya",),
        ("Wen",),
        ("Tomas",),
        ("Olu",),
    ]


def test_discussion_with_a_task_before_the_first_numbered_item_is_kept():
    minutes = read(
        "Minutes March 2017\nMinutes of the meeting held on Monday 13th March 2017\n"
        "Present: Rita Moss, Joe Cole (Chairman), Ann Webb\n"
        "The council thanked Mr Hale for coming to the meeting. Action: Joe Cole to "
        "raise the complaint at the next liaison meeting.\n"
        "1. Minutes\nThe minutes were accepted.\n"
    )

    assert [item["number"] for item in minutes["items"]] == ["0", "1"]
    assert actions(minutes, "item", "owner_as_written") == [("0", "Joe Cole")]
    assert [person["name"] for person in minutes["attendees"]] == [
        "Rita Moss",
        "Joe Cole",
        "Ann Webb",
    ]


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Bus shelter\n           The clerk: to obtain two more quotes.", "clerk"),
        ("Verges - the clerk would contact the farmer about the hedge.", "clerk"),
        ("Staff was directed to re-evaluate the duty rota.", "Staff"),
        (
            (
                "In response to a question about the lane, the officer noted he would "
                "look into the matter."
            ),
            "officer",
        ),
        ("Item 4.2.3 –EW to contact the county association for advice.", "EW"),
        ("The members requested a written explanation of the procedure.", ""),
        ("The Committee requested assurance on what was being done.", ""),
        (
            (
                "It was agreed that the Parish Council would look into the cost of new "
                "gates."
            ),
            "",
        ),
        (
            "Mr Cade resigned from the planters and the Clerk would place a notice.",
            "Clerk",
        ),
    ],
)
def test_more_ways_a_task_is_given_or_taken_on(text, owner):
    minutes = read(f"Parish Council\nDate: 8 June 2021\n4. Matters\n{text}\n")

    assert actions(minutes, "owner_as_written") == [(owner,)]


def test_carried_actions_under_a_heading_in_capitals_and_bullets_run_together():
    minutes = read(
        "Community Council\nDate: 11 June 2024\n9. Website\n"
        "ACTIONS FROM PREVIOUS MEETING – UPDATE ON PROGRESS\n"
        "• Set up the shared inbox. – All but one councillor has done this.\n"
        "• Obtain quotes for the defibrillator, Sian to confirm. • Order the new "
        "bench once the grant is paid.\n"
        "10. Any other business\nAGREED to accept the grant of £500.\n"
    )

    assert actions(minutes, "description") == [
        ("Set up the shared inbox. – All but one councillor has done this.",),
        ("Obtain quotes for the defibrillator, Sian to confirm.",),
        ("Order the new bench once the grant is paid.",),
    ]


def test_minutes_titled_with_their_action_log_are_not_read_as_a_log():
    minutes = read(
        "Minutes and action log of the Estates Board\nDate: 5 March 2019\n"
        "1. Apologies\nApologies were received from the Treasurer.\n"
        "2. Car parks\nThe survey was noted.\n"
    )

    assert minutes["actions"] == []


def test_an_action_line_wrapped_in_a_narrow_column_is_read_whole():
    minutes = read(
        "Trustee Board\n12 March 2024\n3. Complaints\n"
        "The board discussed the complaint.\n"
        "Action: The Treasurer to write to the\n"
        "Charity Commission and copy the reply to\n"
        "Trustees by the end of April.\n"
        "4. Finance\nThe accounts were noted.\n"
    )

    assert actions(minutes, "description", "item") == [
        (
            (
                "The Treasurer to write to the Charity Commission and copy the reply "
                "to Trustees by the end of April."
            ),
            "3",
        )
    ]
    assert [item["title"] for item in minutes["items"]] == ["Complaints", "Finance"]


def test_what_the_meeting_did_written_under_action_is_not_a_task():
    minutes = read(
        "Licensing Commission Workshop\nMarch 3, 2020\n"
        "Agenda Item 1 Call to order\n"
        "ACTION: Chair Okafor called the meeting to order at 9:02 a.m.\n"
        "Agenda Item 2 Absences\n"
        "ACTION: Commissioner Reyes, duly seconded by Commissioner Lin, moved to "
        "excuse the absence of Commissioner Hale\n"
        "Agenda Item 3 Future dates\n"
        "ACTION: The next workshop meeting of the Commission is scheduled for "
        "June 9, 2020.\n"
        "ACTION: Staff to circulate the draft budget to commissioners.\n"
        "Agenda Item 4 Adjourn\n"
        "ACTION: Chair Okafor adjourned the meeting at 3:15 p.m.\n"
    )

    assert actions(minutes, "description") == [
        ("Staff to circulate the draft budget to commissioners.",)
    ]


def test_an_item_reviewing_the_action_log_does_not_silence_the_new_tasks_in_prose():
    minutes = read(
        "Parish Council\nMinutes of the meeting held on 5 March 2024\n"
        "1. Action Log / Matters Arising\nThe footpath sign has been repaired.\n"
        "2. Newsletter\nOnly councillors' email addresses to be put in the "
        "newsletter. Mr Dale would be sent a copy to check.\n"
    )

    assert actions(minutes, "description", "item") == [
        ("Only councillors' email addresses to be put in the newsletter.", "2"),
        ("Mr Dale would be sent a copy to check.", "2"),
    ]


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Practice leaflets to be handed out at the next open day.", ""),
        ("SV still to check the lease for restrictions.", "SV"),
        ("CB is to meet the insurers about the roof.", "CB"),
        ("PR would look for a carpenter to replace the side door.", "PR"),
        ("PR would also circulate the notes to residents.", "PR"),
        ("PR would look at the quotes for the side door.", "PR"),
        ("Confirmed CB would look at the cost of a new boiler.", "CB"),
        ("Mr Vale would put together a note on the lease for members.", "Mr Vale"),
        ("The Chair will follow up with the council about the lease.", "Chair"),
        ("The Clerk will follow this up with the council.", "Clerk"),
        ("Liz to purchase the refreshments for the AGM.", "Liz"),
        ("The group agreed to schedule a visit to the site in June.", ""),
        ("A press release would be issued after the meeting.", ""),
        ("The new rota will now be circulated to the plot holders.", ""),
        ("Alan will look into the cost of a new meter.", "Alan"),
        ("CB apologised and said she would send the papers to everyone.", "CB"),
        ("Repairs to the side gate to be made before the summer.", ""),
        ("Access to the bank account to be transferred to the new signatory.", ""),
        ("The hedge by the car park to be trimmed before the fete.", ""),
        (
            (
                "The group discussed the draft constitution and agreed to revisit it "
                "at the June meeting."
            ),
            "",
        ),
        (
            (
                "Under that item, the Head of Internal Audit would provide a short "
                "update on the audits in progress."
            ),
            "Head of Internal Audit",
        ),
    ],
)
def test_yet_more_ways_a_task_is_written(sentence, owner):
    minutes = read(
        "Hall Trustees\n20 November 2024\n"
        "Present: Paul Reed (PR), Carol Bates (CB), Simon Vale (SV)\n"
        f"3. Repairs\nThe boiler was serviced. {sentence}\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [(sentence, owner)]


def test_a_due_date_with_its_year_is_kept_when_the_minutes_give_no_date():
    minutes = read(
        "Working Group notes\n1. Estates\n"
        "ACTION: JH to report back on the lease in March 2025.\n"
        "ACTION: JH to report back on the boiler by the end of June.\n"
    )

    assert minutes["meeting"]["date"] is None
    assert actions(minutes, "due_phrase", "due_date") == [
        ("in March 2025", "2025-03-31"),
        ("by the end of June", None),
    ]


def test_someone_taking_a_task_on_before_the_first_item_is_kept():
    minutes = read(
        "Committee on Libraries\nMarch 11, 2024\nPresent: Ana Ruiz, Dev Shah\n"
        "The committee reviewed its draft report. Dr Shah will email the report to "
        "the chairs of the departments.\n"
        "1. Adjournment\nThe meeting adjourned at 5 p.m.\n"
    )

    assert actions(minutes, "description", "item") == [
        ("Dr Shah will email the report to the chairs of the departments.", "0")
    ]


def test_a_web_pages_own_words_before_the_minutes_are_not_a_task():
    minutes = read(
        "Accessibility Settings Skip to main content\n"
        "This page will be updated when the minutes are approved.\n"
        "Minutes of the meeting held on 3 March 2024\n1. Apologies\nNone.\n"
        "2. Footpaths\nThe Clerk will write to the County Council about the stile.\n"
    )

    assert [item["number"] for item in minutes["items"]] == ["1", "2"]
    assert actions(minutes, "description") == [
        ("The Clerk will write to the County Council about the stile.",)
    ]


def test_a_bulleted_attendance_ends_at_a_heading_and_attendees_in_a_task_are_none():
    minutes = read(
        "Road Safety Forum (West)\nMinutes of meeting held on 22 November 2024\n"
        "Attendees\n- Lia Ford (LF) Transport Agency\n- Sam Kerr (SK) City Council\n"
        "Welcome and Introductions\nThe Chair welcomed the group, noting that no "
        "papers were issued for this first meeting.\n"
        "Action Point 1\nPapers to be issued to attendees.\nOwner: Lia Ford\n"
        "Road Safety Framework\nSK gave a short presentation on the framework.\n"
    )

    assert [person["name"] for person in minutes["attendees"]] == [
        "Lia Ford",
        "Sam Kerr",
    ]
    assert actions(minutes, "description", "owner_as_written") == [
        ("Papers to be issued to attendees.", "Lia Ford")
    ]


def test_numbered_points_run_together_in_a_paragraph_end_each_task():
    minutes = read(
        "Residents Association\n12 March 2024\n2. Repairs\n"
        "Items raised – 1 The lift on the east block is out again. NW to write to "
        "the landlord. 2 Concern was expressed at the new repairs leaflet. 3 RW "
        "reported that the bike store had been mended.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("NW to write to the landlord.", "NW")
    ]


def test_a_list_of_the_meetings_business_and_actions_is_not_an_action_list():
    minutes = read(
        "Owners Association Board\nJuly 9, 2024\n"
        "Board Members Present: Mary Cole, Neil Hart, Kate Ruiz\n"
        "1. Board business\nDiscussion, motions, and action items:\n"
        "- The board accepted the resignation of Tom Bell from the board.\n"
        "- Mary made a motion to appoint Neil Hart as treasurer. Kate seconded. "
        "Unanimous approval.\n"
        "- Action Item: Neil to create an agenda template for board meetings.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("Neil to create an agenda template for board meetings.", "Neil")
    ]


def test_a_question_put_at_the_meeting_is_not_a_task_but_the_promise_to_answer_is():
    minutes = read(
        "Police and Crime Panel\n16 February 2024\n5. Estates\n"
        "Councillor Dean asked for clarification on the sale of the old station. "
        "The Commissioner undertook to respond outside the meeting.\n"
    )

    assert actions(minutes, "description") == [
        ("The Commissioner undertook to respond outside the meeting.",)
    ]


def test_an_action_line_that_gives_each_owners_status_is_the_status_of_the_one_above():
    minutes = read(
        "Charity Board\n12 May 2024\n3. Carried forward\n"
        "MP to set up a shared folder for the trustees' papers.\n\n"
        "ACTION: MP Yes check.svg Done\n\n"
        "TH to tell the bank of the new signatories.\n\n"
        "ACTION: TH Go-next-red.svg Carried forward\n\n"
        "PW to write to the landlord; JS to chase the insurer.\n\n"
        "ACTION: PW Yes check.svg Done; JS Go-next-red.svg Carried forward SV, ZH\n"
    )

    assert actions(minutes, "description", "status") == [
        ("MP to set up a shared folder for the trustees' papers.", "completed"),
        ("TH to tell the bank of the new signatories.", "in_progress"),
        # Done for one owner and carried forward for the other: left open.
        ("PW to write to the landlord", "open"),
        ("JS to chase the insurer.", "open"),
    ]


def test_tasks_in_markdown_notes_with_owners_or_a_checkbox_in_brackets():
    minutes = read(
        "Steering Committee\n12 March 2024\n"
        "Attendees: Nina Lowe (NL), Mark Shah (MS), Hana Park (HP)\n## Actions\n"
        "- [NL]\tCreate a discussion document for online events. - done\n"
        "- [MS, HP]  Investigate hosting options for the website.\n"
        "- [ ] Update the website with the approved minutes.\n"
        "- [x] Book the room for the workshop.\n"
    )

    assert actions(minutes, "description", "owner_as_written", "status") == [
        ("Create a discussion document for online events.", "NL", "completed"),
        ("Investigate hosting options for the website.", "MS, HP", "open"),
        ("Update the website with the approved minutes.", "", "open"),
        ("Book the room for the workshop.", "", "completed"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "- [PDF] Annual Report 2023",
        "- [x] Quorum present",
        "The Chief Constable is to retire in March.",
        "CB is to leave the board at the end of the year.",
        "Going forward, the Force would look to recruit more officers.",
        "Apologies for absence.",
        # News someone gave, what was planned then or asked for before, what a
        # paper proposed, and what will come later.
        "The Treasurer noted that the grant claim would be submitted in May.",
        "The updates were to be included in the tracker before the summer.",
        "The Clerk clarified that the notes would be circulated with the agenda.",
        "At the last meeting members had requested that the notes be included.",
        "There were no items of public participation to be considered.",
        "The Hall considered a paper on fees which would be reviewed each year.",
        "Minutes will follow.",
        "ACTIONS arising from the previous meeting: all complete.",
        "ACTIONS outstanding were carried forward.",
        "Residents were asked to report fly-tipping to the council.",
        "It was confirmed that the Chair would attend the launch.",
        "Alan will not be continuing on the committee.",
        (
            "RESOLVED that the minutes of the Hall Trustees meeting held on 2 May be "
            "signed as a correct record."
        ),
    ],
)
def test_lines_that_look_like_these_tasks_but_are_not(line):
    minutes = read(
        "Hall Trustees\n20 November 2024\nPresent: Carol Bates (CB)\n"
        f"3. Business\n{line}\n"
    )

    assert minutes["actions"] == []


def test_a_task_that_mentions_the_next_meeting_is_not_a_record_of_business():
    minutes = read(
        "Parish Council\n5 March 2024\n4. Next meeting\n"
        "ACTION: Clerk to tell residents the next meeting will be held on 5 May.\n"
    )

    assert actions(minutes, "description") == [
        ("Clerk to tell residents the next meeting will be held on 5 May.",)
    ]


def test_action_points_run_together_after_their_status_are_each_read():
    minutes = read(
        "Union Board of Management\nMeeting 6: 03/12/2012\n"
        "3. Minutes of the Previous Meeting\n"
        "AP. E. Murphy to speak with J. Ansell about the set-up times. - COMPLETED "
        "AP. P. Kelly to submit the welcome week plan to the next board. - COMPLETED\n"
    )

    assert actions(minutes, "description", "owner_as_written", "status") == [
        (
            "E. Murphy to speak with J. Ansell about the set-up times.",
            "E. Murphy",
            "completed",
        ),
        (
            "P. Kelly to submit the welcome week plan to the next board.",
            "P. Kelly",
            "completed",
        ),
    ]


def test_an_action_naming_an_officer_after_the_sentence_gives_it_to_them():
    minutes = read(
        "Officers Meeting\n14 February 2014\n"
        "- The Chair suggested the web pages be updated to show contact points. "
        "Action: secretary\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        (
            "The Chair suggested the web pages be updated to show contact points.",
            "secretary",
        ),
    ]


def test_someone_asked_to_do_something_is_an_action_in_marked_minutes():
    minutes = read(
        "Area Board\n12 April 2024\nPresent: Paul Reed (PR), Janet Hill (JH)\n"
        "1. Attendance\n"
        "The board noted that Dan had missed four meetings and Janet was asked to "
        "write to him about this.\n2. Visits\n"
        "– ACTION provision of dates for the outstanding visits carried forward\n"
        "ACTION: PR to book the hall.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        (
            (
                "The board noted that Dan had missed four meetings and Janet was "
                "asked to write to him about this."
            ),
            "Janet",
        ),
        ("provision of dates for the outstanding visits carried forward", ""),
        ("PR to book the hall.", "PR"),
    ]


def test_a_second_owner_after_and_an_acronym_takes_a_task_of_their_own():
    minutes = read(
        "Parish Council\n3 February 2024\nPresent: Paul Reed (PR)\n1. Highways\n"
        "PR agreed to report the sign to KCC and Cllr Davey will speak to the PCSO.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("PR agreed to report the sign to KCC", "PR"),
        ("Cllr Davey will speak to the PCSO.", "Cllr Davey"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Meeting 5 March 2024 — apologies were received",
        (
            "The meeting, held on 5 March 2024 in the hall, opened at 7pm with twelve "
            "residents present."
        ),
        "Hearing on 5 March 2024 and 6 March 2024",
    ],
)
def test_a_date_below_the_title_still_dates_the_minutes(line):
    minutes = read(f"Parish Council\n{MODERN_GOV_HEAD}{line}\n1. Apologies\nNone.\n")

    assert minutes["meeting"]["date"] == "2024-03-05"


def test_a_task_marked_mid_paragraph_ends_after_an_appendix_letter():
    minutes = read(
        "Hall Trustees\n20 November 2024\n3. Business\nThe plan was discussed. "
        "ACTION: Clerk to circulate Appendix C. Cllr Hart agreed to write to the "
        "council.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("Clerk to circulate Appendix C.", "Clerk"),
        ("Cllr Hart agreed to write to the council.", "Cllr Hart"),
    ]


def test_the_day_a_page_was_uploaded_does_not_date_the_meeting_it_holds():
    minutes = read(
        "Documents\nMarch 2022 Minutes\nMinutes uploaded on April 19, 2022\n"
        "Fernbrook Community Council meeting held on Wednesday 16th March 2022\n"
        "1. Apologies\nNone.\n"
    )

    assert minutes["meeting"]["date"] == "2022-03-16"


def test_an_action_point_marked_mid_paragraph_in_any_case_is_an_action():
    minutes = read(
        "Scrutiny Panel\n12 May 2022\n1. Body-worn video\nThe panel watched three "
        "clips. Action Point RD to speak to the sergeants about it. The panel then "
        "moved on. Some receipts were missing. Action TW to ask the custody team.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("RD to speak to the sergeants about it.", "RD"),
        ("TW to ask the custody team.", "TW"),
    ]


def test_an_action_regarding_a_subject_is_an_action_without_an_owner():
    minutes = read(
        "Accountability Board\n9 March 2022\n2. Actions from the last meeting\n"
        "– Action regarding the firearms licence backlog to be resolved by June "
        "2022.\n"
    )

    assert actions(minutes, "description", "owner_as_written", "due_date") == [
        (
            "regarding the firearms licence backlog to be resolved by June 2022.",
            "",
            "2022-06-30",
        )
    ]


def test_an_action_naming_its_owner_at_the_end_of_the_sentence_is_theirs():
    minutes = read(
        "Community Council\n2 July 2019\n4. Police matters\nIt was noted that the "
        "dog bin by the school gates was broken ACTION Councillor Pryce please.\n"
        "The bench was repainted ACTION Plan Agreed.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        (
            "It was noted that the dog bin by the school gates was broken",
            "Councillor Pryce",
        )
    ]


def test_a_table_s_headings_run_together_are_neither_an_action_nor_its_owner():
    minutes = read(
        "Open Source Committee\n4 April 2024\n1. Forum\nDiscussion Point\nNotes\n"
        "Actions: Responsible / Note\nRoadmap\nThe roadmap was discussed.\n"
        "Dana to publish the roadmap by the end of April.\n"
    )

    assert actions(minutes, "description", "owner_as_written") == [
        ("Dana to publish the roadmap by the end of April.", "Dana")
    ]


@pytest.mark.parametrize(
    ("resolution", "expected"),
    [
        (
            (
                "Agreed: That\na) The Harbour Engineer organise two meetings a year "
                "with the owners\nb) That a set agenda be kept to at these meetings.\n"
            ),
            (
                "The Harbour Engineer organise two meetings a year with the owners",
                "Harbour Engineer",
            ),
        ),
        (
            "RESOLVED that the Clerk write to the tenants about the new fees.\n",
            (
                "RESOLVED that the Clerk write to the tenants about the new fees.",
                "Clerk",
            ),
        ),
        (
            (
                "It was agreed that with effect from the June meeting, Group Chairs "
                "would report new members to the Board.\n"
            ),
            ("Group Chairs would report new members to the Board.", "Group Chairs"),
        ),
    ],
)
def test_a_resolution_setting_someone_a_task_is_an_action(resolution, expected):
    minutes = read(f"Harbour Board\n3 October 2012\n4. Stakeholders\n{resolution}")

    assert actions(minutes, "description", "owner_as_written") == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was decided to make no change to the committee's membership.",
        "The Board agreed to take no further action on the complaint.",
        (
            "The Chairman asked that any Board Member interested in standing as "
            "Vice Chairman should let the Chief Executive know by 31 October 2012."
        ),
        "RESOLVED that the report be noted.",
    ],
)
def test_a_decision_to_do_nothing_or_an_invitation_to_anyone_is_no_action(sentence):
    minutes = read(f"Drainage Board\n3 October 2012\n4. Membership\n{sentence}\n")

    assert minutes["actions"] == []


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        (
            "The return is due by 28 February. Once received NR will file the return.",
            "NR",
        ),
        ("PL has further comments which he will send to the Chair by email.", "PL"),
    ],
)
def test_a_task_after_a_short_clause_or_in_a_relative_clause_is_an_action(
    sentence, owner
):
    minutes = read(
        "Museum Trustees\n14 February 2024\nPresent: Nia Rees (NR), Paul Lloyd (PL)\n"
        f"3. Treasurer's report\n{sentence}\n"
    )

    assert [action["owner_as_written"] for action in minutes["actions"]] == [owner]


def test_a_note_that_someone_is_doing_something_is_an_action_under_way():
    minutes = read(
        "Branch Executive\nMonday 21 November 2016\nIn Attendance:\n"
        "Tina Cole (President)\nOwen Park (Treasurer)\n1. Branch AGM:\n"
        "- Owen preparing the financial report and agenda\n"
        "- Tina getting quotes for the room\n"
        "- Owen during the year attended four events\n"
    )

    assert actions(minutes, "description", "owner_as_written", "status") == [
        ("Owen preparing the financial report and agenda", "Owen", "in_progress"),
        ("Tina getting quotes for the room", "Tina", "in_progress"),
    ]
