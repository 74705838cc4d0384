import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, ActionUpdate, Organisation, Post
from actions.tests.factories import ActionUpdateFactory, PostFactory
from imports.management.commands.import_minutes import Command
from imports.tests import contract
from meetings.models import AgendaItem, Attendee, Meeting
from meetings.tests.samples import APRIL_2021, MARCH_2021, SEPTEMBER_2022

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def posts():
    for name, abbreviation, organisation in [
        ("Police and Crime Commissioner", "PCC", Organisation.OPCC),
        ("Policy Officer", "PO", Organisation.OPCC),
        ("Chief Constable", "CC", Organisation.FORCE),
        ("Deputy Chief Constable", "DCC", Organisation.FORCE),
        ("Assistant Chief Constable", "ACC", Organisation.FORCE),
    ]:
        PostFactory(name=name, abbreviation=abbreviation, organisation=organisation)


def run(*args):
    """Run the command; return (stdout, stderr, the CommandError or None)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_minutes", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def row_counts():
    return [m.objects.count() for m in (Meeting, Attendee, AgendaItem, Action)]


def test_a_dry_run_prints_the_example_as_json_and_saves_nothing():
    out, err, error = run(MARCH_2021, "--dry-run", "--json")

    assert error is None, err
    minutes = json.loads(out)
    assert minutes["meeting"]["date"] == "2021-03-23"
    assert minutes["meeting"]["time"] == "10:30"
    assert minutes["meeting"]["chair"] == "John Campion"
    assert minutes["meeting"]["venue"] == "Virtual"
    assert [a["abbreviation"] for a in minutes["attendees"]] == [
        "PCC",
        "PO",
        "PA",
        "CC",
        "ACC",
        "SO",
    ]
    assert [(a["owner"], a["due_date"]) for a in minutes["actions"]] == [
        ("CC", None),
        (None, "2021-09-23"),
        ("PCC", None),
    ]
    assert minutes["next_meeting"] == {
        "title": "Performance of Review of the year 2021",
        "date": "2021-04-27",
        "time": "14:00",
    }
    assert row_counts() == [0, 0, 0, 0]


def test_it_imports_the_example_with_owners_as_posts():
    out, _, error = run(MARCH_2021)

    assert error is None
    assert "Imported monthly-assurance-2021-03.txt" in out
    assert "(23 Mar 2021), 6 attendees, 8 items, 3 actions." in out
    assert "warning: Items 1.1–1.4 sit under item 3" in out
    actions = Action.objects.order_by("reference").select_related("owner")
    assert [(a.reference, a.owner and a.owner.abbreviation) for a in actions] == [
        ("2021-03/1", "CC"),
        ("2021-03/2", None),
        ("2021-03/3", "PCC"),
    ]
    assert actions[1].due_date.isoformat() == "2021-09-23"


def test_it_links_the_next_meeting_when_it_arrives():
    run(MARCH_2021)
    run(APRIL_2021)

    march = Meeting.objects.get(date="2021-03-23")
    assert march.next_meeting == Meeting.objects.get(date="2021-04-27")


def test_it_gives_an_attendee_named_by_abbreviation_the_posts_name():
    run(APRIL_2021)

    assert Attendee.objects.get(name="John Campion").capacity == (
        "Police and Crime Commissioner"
    )


def test_it_leaves_an_owner_that_is_no_post_unassigned_and_says_so():
    out, _, _ = run(SEPTEMBER_2022)

    assert (
        "names “CFO” (Alex Roberts, Chief Finance Officer), who holds no post in "
        "Assurance: imported unassigned."
    ) in out
    assert Action.objects.get(description__startswith="Update the audit").owner is None


def test_it_refuses_to_import_the_same_minutes_twice():
    run(MARCH_2021)
    before = row_counts()

    _, err, error = run(MARCH_2021)

    assert "was imported before" in err
    assert "--replace" in err
    assert error is not None
    assert row_counts() == before


def test_it_replaces_a_draft_keeping_its_references():
    run(MARCH_2021)

    _, _, error = run(MARCH_2021, "--replace")

    assert error is None
    assert Meeting.objects.count() == 1
    assert sorted(Action.objects.values_list("reference", flat=True)) == [
        "2021-03/1",
        "2021-03/2",
        "2021-03/3",
    ]


def test_it_never_replaces_approved_minutes():
    run(MARCH_2021)
    Meeting.objects.update(status=Meeting.Status.APPROVED)

    _, err, error = run(MARCH_2021, "--replace")

    assert "which is approved: only a draft can be replaced" in err
    assert error is not None


def test_it_never_replaces_minutes_whose_actions_have_updates():
    run(MARCH_2021)
    ActionUpdateFactory(action=Action.objects.first())

    _, err, error = run(MARCH_2021, "--replace")

    assert "its actions have progress updates" in err
    assert error is not None
    assert ActionUpdate.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "is empty"),
        ("binary.txt", bytes(range(256)) * 4, "contains binary data"),
        ("broken.docx", b"PK not really a zip", "is not a Word document"),
        ("undated.txt", b"Monthly Assurance Meeting\n1.\tAOB\t\n", "no meeting date"),
        (
            "windows.txt",
            "Minutes March 2021\nDate: 23 March 2021\n1.\t“AOB”\t\n".encode("cp1252"),
            "is not UTF-8 text",
        ),
    ],
)
def test_it_reports_a_bad_file_in_one_line_and_saves_nothing(
    tmp_path, name, data, reason
):
    run(MARCH_2021)
    before = row_counts()
    path = tmp_path / name
    path.write_bytes(data)

    _, err, error = run(path)

    [line] = err.strip().splitlines()
    assert line.startswith(f"{path}: ")
    assert reason in line
    assert str(error) == "1 of 1 files were not imported."
    assert row_counts() == before


def test_it_refuses_a_50_mb_file_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)
    monkeypatch.setattr(Path, "read_bytes", pytest.fail)

    _, err, error = run(path)

    assert f"{path}: is 50.0 MB; minutes over 10 MB are refused" in err
    assert error is not None
    assert row_counts() == [0, 0, 0, 0]


def test_it_imports_the_good_files_and_reports_the_bad(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    out, err, error = run(empty, MARCH_2021)

    assert "Imported monthly-assurance-2021-03.txt" in out
    assert f"{empty}: is empty" in err
    assert str(error) == "1 of 2 files were not imported."
    assert Meeting.objects.count() == 1


def test_it_reads_another_encoding_when_told(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(
        "Minutes March 2021\nDate: 23 March 2021\n1.\t“AOB”\t\n".encode("cp1252")
    )

    _, _, error = run(path, "--encoding", "cp1252")

    assert error is None
    assert AgendaItem.objects.get().title == "“AOB”"


@pytest.fixture
def board(monkeypatch, tmp_path):
    """A file the command reads as undated minutes whose owner JH is no post."""
    hollis = contract.person("Jane Hollis", "Director of Estates", initials="JH")
    read = contract.minutes(contract.action("JH", [hollis]), date=None)
    monkeypatch.setattr(
        "imports.management.commands.import_minutes.read_minutes_in_time",
        lambda *args, **kwargs: read,
    )
    path = tmp_path / "board.docx"
    path.write_bytes(b"minutes")
    return path


def test_it_refuses_undated_minutes_without_a_date(board):
    _, err, error = run(board)

    assert f"{board}: has no meeting date: give it with --date YYYY-MM-DD" in err
    assert error is not None
    assert row_counts() == [0, 0, 0, 0]


def test_a_dry_run_prints_undated_minutes_as_json_with_no_date(board):
    out, _, error = run(board, "--dry-run", "--json")

    assert error is None
    assert json.loads(out)["meeting"]["date"] is None
    assert row_counts() == [0, 0, 0, 0]


def test_it_takes_the_date_given(board):
    _, _, error = run(board, "--date", "2022-07-14")

    assert error is None
    assert Meeting.objects.get().date.isoformat() == "2022-07-14"


def test_the_date_given_overrides_the_minutes():
    run(MARCH_2021, "--date", "2021-03-24")

    assert Meeting.objects.filter(date="2021-03-24").exists()


def test_it_refuses_a_date_that_is_not_one(board):
    with pytest.raises(CommandError, match="is not a date YYYY-MM-DD"):
        call_command("import_minutes", str(board), "--date", "14/07/2022")


def test_it_creates_the_suggested_posts_when_told(board):
    out, _, error = run(board, "--date", "2022-07-14", "--create-posts")

    assert error is None
    assert "Created post Director of Estates (JH), OPCC" in out
    post = Post.objects.get(name="Director of Estates")
    assert Action.objects.get().owner == post


def test_it_creates_no_posts_unless_told(board):
    out, _, _ = run(board, "--date", "2022-07-14")

    assert "who holds no post in Assurance: imported unassigned" in out
    assert not Post.objects.filter(name="Director of Estates").exists()
    assert Action.objects.get().owner is None


def test_a_dry_run_creates_no_posts(board):
    out, _, _ = run(board, "--date", "2022-07-14", "--create-posts", "--dry-run")

    assert "Would create post Director of Estates (JH), OPCC" in out
    assert not Post.objects.filter(name="Director of Estates").exists()


@pytest.mark.parametrize("status", ["approved", "published"])
def test_it_records_the_minutes_with_the_status_given(board, status):
    run(board, "--date", "2022-07-14", "--status", status)

    assert Meeting.objects.get().status == status


def test_it_records_draft_minutes_by_default(board):
    run(board, "--date", "2022-07-14")

    assert Meeting.objects.get().status == Meeting.Status.DRAFT


def test_its_help_names_every_kind_of_file_it_reads():
    parser = Command().create_parser("manage.py", "import_minutes")

    help_text = " ".join(parser.format_help().split())

    assert "Import minutes (.pdf, .docx, .html, .txt exports)" in help_text
