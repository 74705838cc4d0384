"""Score what the importer made of corpus documents against their answer keys.

Each document `<stem>.<ext>` has an answer key `<stem>.key.json` beside it (see
README.md in this folder). `score_document` compares one import with its key and
`total` adds the scores up; both are plain functions. `import_document` runs the
importer and the owner matching inside a transaction that is rolled back, so it
needs Django set up and a database holding the posts (the demo data).
"""

import datetime
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEY_SUFFIX = ".key.json"
STATUSES = {"open", "in_progress", "completed", "closed"}
# Curly quotes, primes and every dash compare as their plain ASCII forms.
_PLAIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "−": "-",
        "\u00a0": " ",
    }
)


def normalise(text: str) -> str:
    """Lower case, plain quotes and dashes, single spaces: how phrases are compared."""
    return " ".join(text.translate(_PLAIN).lower().split())


DOCUMENT_SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}


def corpus_documents(folder: Path) -> list[tuple[Path, Path]]:
    """(document, key) pairs: every `<stem>.key.json` with the one file beside it
    named `<stem>.<anything else>`."""
    pairs = []
    for key_path in sorted(Path(folder).glob("*" + KEY_SUFFIX)):
        stem = key_path.name.removesuffix(KEY_SUFFIX)
        documents = [
            path
            for path in key_path.parent.glob(glob_escape(stem) + ".*")
            if path.suffix.lower() in DOCUMENT_SUFFIXES
        ]
        if len(documents) != 1:
            raise ValueError(
                f"{key_path.name}: expected one document named {stem}.*, "
                f"found {len(documents)}"
            )
        pairs.append((documents[0], key_path))
    return pairs


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def load_key(key_path: Path) -> dict:
    return json.loads(Path(key_path).read_text(encoding="utf-8"))


@dataclass
class DocumentScore:
    """How one import compares with its answer key."""

    name: str
    layout: str
    refuse_expected: bool
    has_date: bool
    refused: bool = False
    reason: str = ""
    date_right: bool = False
    expected: int = 0
    found: int = 0
    imported: int = 0
    false_positives: list[str] = field(default_factory=list)
    traps_hit: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    owners_expected: int = 0
    owners_resolved: int = 0
    due_expected: int = 0
    due_right: int = 0
    ms: float = 0.0

    @property
    def refusal_wrong(self) -> bool:
        """A readable document refused, or a bad one read."""
        return self.refused != self.refuse_expected


def score_document(
    path: Path, key: dict, minutes_or_error: dict | Exception, *, ms: float = 0.0
) -> DocumentScore:
    """Compare the importer's output (or the error it raised) with the answer key.

    1. A document is refused when the importer raised instead of returning minutes.
    2. Each expected action is found by the first unmatched imported action whose
       description contains its `text` (normalised); one imported action finds one.
    3. Imported actions that contain no expected `text` are false positives; a trap
       phrase inside any description is reported as well.
    4. Of expected actions whose key names an owner (a missed action counts as
       unresolved), the owner is resolved when the found action's owner (a post's
       abbreviation after matching) or that post's name (`owner_post_name`, added
       by `import_document`) is the key's owner.
    5. Of expected actions whose key gives a due date, the found action's due date
       must be the same.
    """
    score = DocumentScore(
        name=Path(path).name,
        layout=key["layout"],
        refuse_expected=key["refuse"],
        has_date=key["date"] is not None,
        expected=len(key["actions"]),
        owners_expected=sum(bool(action["owner"]) for action in key["actions"]),
        due_expected=sum(bool(action["due_date"]) for action in key["actions"]),
        ms=ms,
    )
    if isinstance(minutes_or_error, Exception):
        score.refused = True
        score.reason = str(minutes_or_error) or type(minutes_or_error).__name__
        score.missed = [action["text"] for action in key["actions"]]
        return score
    minutes = minutes_or_error
    score.date_right = minutes["meeting"].get("date") == key["date"]
    imported = minutes["actions"]
    score.imported = len(imported)
    descriptions = [normalise(action["description"]) for action in imported]
    texts = [normalise(action["text"]) for action in key["actions"]]
    unused = set(range(len(imported)))
    for expected, text in zip(key["actions"], texts, strict=True):
        match = next((i for i in sorted(unused) if text in descriptions[i]), None)
        if match is None:
            score.missed.append(expected["text"])
            continue
        unused.discard(match)
        score.found += 1
        _score_owner_and_due(score, expected, imported[match])
    score.false_positives = [
        imported[i]["description"]
        for i, description in enumerate(descriptions)
        if not any(text in description for text in texts)
    ]
    score.traps_hit = [
        trap
        for trap in key["traps"]
        if any(normalise(trap) in description for description in descriptions)
    ]
    return score


def _score_owner_and_due(score, expected, action):
    if expected["owner"]:
        resolved = {
            normalise(action.get("owner") or ""),
            normalise(action.get("owner_post_name") or ""),
        } - {""}
        if normalise(expected["owner"]) in resolved:
            score.owners_resolved += 1
    if expected["due_date"] and action.get("due_date") == expected["due_date"]:
        score.due_right += 1


def total(scores: list[DocumentScore]) -> dict:
    """The corpus's figures: the issue's thresholds are on these."""
    expected = sum(s.expected for s in scores)
    found = sum(s.found for s in scores)
    imported = sum(s.imported for s in scores)
    false = sum(len(s.false_positives) for s in scores)
    owners = sum(s.owners_expected for s in scores)
    dues = sum(s.due_expected for s in scores)
    readable = [s for s in scores if not s.refuse_expected]
    return {
        "documents": len(scores),
        "dates_right": sum(s.date_right for s in readable),
        "dated_refused": sum(s.refused for s in readable if s.has_date),
        "undated_refused": sum(s.refused for s in readable if not s.has_date),
        "bad_input_read": sum(not s.refused for s in scores if s.refuse_expected),
        "expected": expected,
        "found": found,
        "false_positives": false,
        "traps_hit": sum(len(s.traps_hit) for s in scores),
        "recall": found / expected if expected else 1.0,
        "precision": (imported - false) / imported if imported else 1.0,
        "owners_resolved": (
            sum(s.owners_resolved for s in scores) / owners if owners else 1.0
        ),
        "due_dates_right": sum(s.due_right for s in scores) / dues if dues else 1.0,
        "slowest_ms": max((s.ms for s in scores), default=0.0),
    }


def import_document(path: Path) -> tuple[dict | Exception, float]:
    """Read the document and match its owners to posts, as an upload does, then
    roll back. Returns the minutes (each action with `owner_post_name`, the name of
    the post its owner resolved to) or the exception, and the milliseconds taken.

    Any exception counts as a refusal: a parser that crashes refuses the document
    as surely as one that raises MinutesError, and the bench should go on.
    """
    from django.db import transaction

    from actions.models import Post
    from imports.services import match_posts
    from meetings.importer import read_minutes

    started = time.perf_counter()
    with transaction.atomic():
        try:
            minutes = read_minutes(Path(path).read_bytes(), Path(path).name)
            minutes = match_posts(minutes, create_posts=True)
        except Exception as error:  # noqa: BLE001
            transaction.set_rollback(True)
            return error, (time.perf_counter() - started) * 1000
        elapsed = (time.perf_counter() - started) * 1000
        names = dict(Post.objects.values_list("abbreviation", "name"))
        for action in minutes["actions"]:
            action["owner_post_name"] = names.get(action.get("owner"))
        transaction.set_rollback(True)
    return minutes, elapsed


def parse_date(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)
