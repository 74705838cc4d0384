import datetime

import pytest

from meetings.due_phrases import UnclearDuePhrase, due_date_for, find_due_phrase

MARCH_23 = datetime.date(2021, 3, 23)
APRIL_27 = datetime.date(2021, 4, 27)


@pytest.mark.parametrize(
    ("phrase", "meeting", "expected"),
    [
        ("in 6 months", MARCH_23, datetime.date(2021, 9, 23)),
        ("In six months", MARCH_23, datetime.date(2021, 9, 23)),
        ("in 6 months' time", MARCH_23, datetime.date(2021, 9, 23)),
        ("within 6 months", MARCH_23, datetime.date(2021, 9, 23)),
        # A month after the 31st ends on the last day of the shorter month.
        ("in 6 months", datetime.date(2021, 8, 31), datetime.date(2022, 2, 28)),
        ("in 6 months", datetime.date(2023, 8, 31), datetime.date(2024, 2, 29)),
        ("in a month", datetime.date(2021, 1, 31), datetime.date(2021, 2, 28)),
        ("in 2 weeks", MARCH_23, datetime.date(2021, 4, 6)),
        ("within 28 days", MARCH_23, datetime.date(2021, 4, 20)),
        ("in one year", datetime.date(2020, 2, 29), datetime.date(2021, 2, 28)),
        ("end of June 2021", MARCH_23, datetime.date(2021, 6, 30)),
        ("by the end of June", MARCH_23, datetime.date(2021, 6, 30)),
        ("end of February", datetime.date(2021, 3, 23), datetime.date(2022, 2, 28)),
        ("end of the month", MARCH_23, datetime.date(2021, 3, 31)),
        # Financial-year quarters: Q1 April to June ... Q4 January to March.
        ("end of Q2", MARCH_23, datetime.date(2021, 9, 30)),
        ("by end of Q4", MARCH_23, datetime.date(2021, 3, 31)),
        ("end of Q1", datetime.date(2021, 7, 1), datetime.date(2022, 6, 30)),
        ("end of Q3 2021/22", MARCH_23, datetime.date(2021, 12, 31)),
        ("23/09/2021", MARCH_23, datetime.date(2021, 9, 23)),
        ("by 23.09.21", MARCH_23, datetime.date(2021, 9, 23)),
        ("23 September 2021", MARCH_23, datetime.date(2021, 9, 23)),
        ("by 23rd Sept 2021", MARCH_23, datetime.date(2021, 9, 23)),
        ("by 31 May", MARCH_23, datetime.date(2021, 5, 31)),
        ("by 1 March", MARCH_23, datetime.date(2022, 3, 1)),
    ],
)
def test_it_turns_a_phrase_into_a_date(phrase, meeting, expected):
    assert due_date_for(phrase, meeting_date=meeting) == expected


@pytest.mark.parametrize(
    "phrase", ["by next meeting", "by the next meeting", "for the next meeting"]
)
def test_it_takes_the_next_meetings_date_when_known(phrase):
    assert due_date_for(phrase, meeting_date=MARCH_23, next_meeting_date=APRIL_27) == (
        APRIL_27
    )


def test_it_refuses_the_next_meeting_when_its_date_is_not_known():
    with pytest.raises(UnclearDuePhrase, match="next meeting is not known"):
        due_date_for("by the next meeting", meeting_date=MARCH_23)


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("ASAP", "not a due date"),
        ("soon", "not a due date"),
        ("ongoing", "not a due date"),
        ("in a few weeks", "not a due date"),
        ("next year", "not a due date"),
        ("TBC", "not a due date"),
        ("31/02/2021", "not a date"),
        ("23/03/2020", "before the meeting"),
        ("end of June 2020", "before the meeting"),
        ("", "not a due date"),
        ("end of Q4 9999", "not a date"),
        ("end of June 0000", "not a date"),
    ],
)
def test_it_refuses_rather_than_guesses(phrase, reason):
    with pytest.raises(UnclearDuePhrase, match=reason):
        due_date_for(phrase, meeting_date=MARCH_23)


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        (
            "Revisit in 6 months to see how SOC activity across the 4P's is balanced.",
            "in 6 months",
        ),
        ("DCC to report back by the next meeting.", "by the next meeting"),
        ("Provide the delivery plan by 30/06/2021 to the OPCC.", "by 30/06/2021"),
        ("ACC to circulate the profile by end of Q2.", "by end of Q2"),
        ("PCC to revisit LPPT teams to check against original agreement.", None),
        ("Share the 4P's balance within 14 days", "within 14 days"),
        ("Report on the 4 March incident to the PCC.", None),
        ("ACC to look at the 2 May deployment before 30 June.", "before 30 June"),
        ("Action-planning for 01/05/2021 events", None),
    ],
)
def test_it_finds_the_phrase_in_an_actions_sentence(sentence, phrase):
    assert find_due_phrase(sentence) == phrase
