import pytest

from actions.models import Action, Organisation, Post
from actions.tests.factories import PostFactory
from imports.services import create_suggested_post, match_posts, record_minutes
from imports.tests.contract import action, attendee, minutes, person

pytestmark = pytest.mark.django_db

HOLLIS = person("Jane Hollis", "Director of Estates", initials="JH")
MORGAN = person("Alan Morgan", "Deputy Chief Constable", "DCC")
KING = person("Tom King", "Chief Constable", initials="TK")
BROWN = person("Rachel Brown", "Head of Finance", initials="RB")


@pytest.fixture(autouse=True)
def posts():
    PostFactory(name="Chief Constable", abbreviation="CC")
    PostFactory(name="Deputy Chief Constable", abbreviation="DCC")
    PostFactory(
        name="Police and Crime Commissioner",
        abbreviation="PCC",
        organisation=Organisation.OPCC,
    )
    PostFactory(
        name="Deputy Chief Executive",
        abbreviation="DCEx",
        organisation=Organisation.OPCC,
    )


def owner_of(one_action, attendees=()):
    matched = match_posts(minutes(one_action, attendees=attendees))
    return matched["actions"][0]["owner"], matched


def test_it_resolves_initials_through_the_attendance():
    sarah = person("Sarah Whitfield", "Police & Crime Commissioner", initials="SW")

    owner, matched = owner_of(action("SW", [sarah]))

    assert owner == "PCC"
    assert matched["actions"][0]["owner_as_written"] == "SW"
    assert matched["warnings"] == []


def test_it_resolves_a_name_through_the_attendance():
    assert owner_of(action("Tom King", [KING]))[0] == "CC"


def test_it_resolves_a_post_and_surname_through_the_attendance():
    assert owner_of(action("DCC Morgan", [MORGAN]))[0] == "DCC"


def test_it_resolves_a_post_written_in_brackets_after_a_name():
    assert owner_of(action("Priya (Deputy Chief Executive)"))[0] == "DCEx"


@pytest.mark.parametrize(
    "written", ["Deputy Chief Executive", "deputy chief executive", "DCEX"]
)
def test_it_resolves_a_post_written_by_name_or_abbreviation(written):
    assert owner_of(action(written))[0] == "DCEx"


def test_it_resolves_a_post_whose_name_holds_and():
    assert owner_of(action("Police and Crime Commissioner"))[0] == "PCC"


@pytest.mark.parametrize(
    ("written", "people"),
    [
        ("RB/TK", [BROWN, KING]),
        ("RB & TK", [BROWN, KING]),
        ("Rachel Brown and Tom King", [BROWN, KING]),
        ("PCC, CC", []),
    ],
)
def test_it_takes_the_first_of_two_owners_that_is_a_post(written, people):
    owner, matched = owner_of(action(written, people))

    assert owner == ("PCC" if written == "PCC, CC" else "CC")
    assert matched["actions"][0]["owner_as_written"] == written


def test_it_prefers_written_words_to_the_people_they_name():
    assert owner_of(action("JH/CC", [HOLLIS]))[0] == "CC"


def test_it_keeps_an_owner_of_no_post_unassigned_and_quotes_the_words():
    owner, matched = owner_of(action("JH", [HOLLIS]))

    assert owner is None
    assert matched["actions"][0]["owner_as_written"] == "JH"
    assert matched["warnings"] == [
        (
            "Action at item 1 names “JH” (Jane Hollis, Director of Estates), who holds "
            "no post in Assurance: imported unassigned."
        )
    ]


def test_it_says_so_when_the_owner_is_neither_attending_nor_a_post():
    owner, matched = owner_of(action("Mr Patel"))

    assert owner is None
    assert matched["warnings"] == [
        (
            "Action at item 1 names “Mr Patel”, who is not in the attendance nor a "
            "post: imported unassigned."
        )
    ]


@pytest.mark.parametrize("written", ["DC", "Chief Constabl", "Deputy Chief", "C.C."])
def test_it_never_guesses_from_words_that_are_nearly_a_post(written):
    assert owner_of(action(written))[0] is None


def test_it_ignores_an_abolished_post():
    Post.objects.filter(abbreviation="DCC").update(is_active=False)

    assert owner_of(action("DCC"))[0] is None


def test_it_warns_nothing_when_no_owner_is_written():
    owner, matched = owner_of(action(""))

    assert owner is None
    assert matched["warnings"] == []
    assert matched["suggested_posts"] == []


def test_it_reads_an_owner_from_a_parser_that_gives_only_the_abbreviation():
    old = action()
    del old["owner_as_written"], old["owner_people"]
    old["owner"] = "CC"

    owner, matched = owner_of(old)

    assert owner == "CC"
    assert matched["actions"][0]["owner_as_written"] == "CC"


def test_it_gives_an_attendee_written_with_a_posts_abbreviation_its_name():
    matched = match_posts(minutes(attendees=[attendee("Mark Ellison", "", "CC")]))

    assert matched["attendees"][0]["capacity"] == "Chief Constable"


def test_it_suggests_a_post_for_an_attendee_whose_capacity_is_none():
    superintendent = person("Dan Webb", "Chief Superintendent", initials="DW")
    matched = match_posts(
        minutes(
            action("JH", [HOLLIS]),
            action("CC"),
            action("JH", [HOLLIS], item="1"),
            action("DW", [superintendent]),
        )
    )

    assert matched["suggested_posts"] == [
        {
            "name": "Director of Estates",
            "abbreviation": "JH",
            "organisation": "opcc",
            "actions": [0, 2],
            "created": False,
        },
        {
            "name": "Chief Superintendent",
            "abbreviation": "DW",
            "organisation": "force",
            "actions": [3],
            "created": False,
        },
    ]


def test_it_suggests_no_post_for_attendees_no_unowned_action_names():
    matched = match_posts(minutes(action("JH/CC", [HOLLIS])))

    assert matched["suggested_posts"] == []


def test_it_suggests_no_post_that_already_exists_though_abolished():
    PostFactory(name="Director of Estates", abbreviation="DE", is_active=False)

    assert match_posts(minutes(action("JH", [HOLLIS])))["suggested_posts"] == []


def test_it_offers_initials_of_the_capacity_when_the_person_has_none():
    matched = match_posts(minutes(action("Head", [person("X Y", "Head of Finance")])))

    assert matched["suggested_posts"][0]["abbreviation"] == "HF"


def test_it_creates_the_suggested_posts_and_assigns_their_actions():
    matched = match_posts(
        minutes(action("JH", [HOLLIS]), action("Mr Patel")), create_posts=True
    )

    post = Post.objects.get(name="Director of Estates")
    assert (post.abbreviation, post.organisation) == ("JH", Organisation.OPCC)
    assert [a["owner"] for a in matched["actions"]] == ["JH", None]
    assert [s["created"] for s in matched["suggested_posts"]] == [True]
    assert matched["created_posts"] == [
        {"name": "Director of Estates", "abbreviation": "JH", "organisation": "opcc"}
    ]
    assert len(matched["warnings"]) == 1
    assert "Mr Patel" in matched["warnings"][0]
    record_minutes(minutes=matched)
    assert Action.objects.get(description__contains="(JH)").owner == post


def test_it_creates_nothing_unless_asked():
    match_posts(minutes(action("JH", [HOLLIS])))

    assert not Post.objects.filter(name="Director of Estates").exists()


def test_a_created_post_takes_the_organisation_chosen():
    matched = match_posts(minutes(action("JH", [HOLLIS])))

    post = create_suggested_post(
        matched, matched["suggested_posts"][0], organisation=Organisation.FORCE
    )

    assert post.organisation == Organisation.FORCE
    assert matched["actions"][0]["owner"] == "JH"
    assert matched["warnings"] == []


def test_it_numbers_a_suggested_abbreviation_that_a_post_has():
    PostFactory(name="Head of Fundraising", abbreviation="HF")

    matched = match_posts(minutes(action("Head", [person("X Y", "Head of Finance")])))

    assert matched["suggested_posts"][0]["abbreviation"] == "HF2"


def test_it_suggests_no_abbreviation_twice():
    evans = person("Dan Evans", "Director of Estates", initials="DE")
    ellis = person("Diane Ellis", "Director of Engagement", initials="DE")

    matched = match_posts(minutes(action("DE", [evans]), action("Ellis", [ellis])))

    assert [s["abbreviation"] for s in matched["suggested_posts"]] == ["DE", "DE2"]


def test_it_gives_each_owner_by_primary_key_and_abbreviation():
    matched = match_posts(minutes(action("CC")))

    owner = Post.objects.get(abbreviation="CC")
    assert (matched["actions"][0]["owner_id"], matched["actions"][0]["owner"]) == (
        owner.pk,
        "CC",
    )
