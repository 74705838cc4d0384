"""The minutes corpus: its answer keys are well formed, and (once the importer is
rewritten for issue 11) the importer reads it to the issue's thresholds."""

import datetime
import io
import json
import zipfile

import docx
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from meetings.tests.corpus.score import HERE as CORPUS
from meetings.tests.corpus.score import (
    STATUSES,
    corpus_documents,
    import_document,
    load_key,
    normalise,
    score_document,
    total,
)

PAIRS = corpus_documents(CORPUS)
KEY_FIELDS = {"layout", "date", "actions", "traps", "refuse"}
ACTION_FIELDS = {"text", "owner", "owner_as_written", "due_date", "status"}


def document_text(path):
    """The document's words, for the formats read without the importer's help."""
    data = path.read_bytes()
    if path.suffix == ".txt":
        return data.decode("utf-8")
    if path.suffix == ".html":
        return BeautifulSoup(data, "html.parser").get_text(" ")
    if path.suffix == ".docx":
        document = docx.Document(io.BytesIO(data))
        cells = [
            cell.text
            for table in document.tables
            for row in table.rows
            for cell in row.cells
        ]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return None
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(("document", "key_path"), PAIRS, ids=lambda p: p.name)
def test_it_has_a_well_formed_key(document, key_path):
    key = json.loads(key_path.read_text(encoding="utf-8"))
    assert KEY_FIELDS <= set(key) <= KEY_FIELDS | {"note"}
    assert isinstance(key["layout"], str)
    assert key["layout"]
    assert isinstance(key["refuse"], bool)
    if key["date"] is not None:
        datetime.date.fromisoformat(key["date"])
    if key["refuse"]:
        assert key["actions"] == []
    for action in key["actions"]:
        assert ACTION_FIELDS <= set(action) <= ACTION_FIELDS | {"note"}
        assert 4 <= len(action["text"].split()) <= 10, action["text"]
        assert action["status"] in STATUSES
        if action["due_date"] is not None:
            datetime.date.fromisoformat(action["due_date"])
        assert action["owner"] is None or action["owner_as_written"]
    texts = [normalise(action["text"]) for action in key["actions"]]
    assert len(set(texts)) == len(texts)
    for trap in map(normalise, key["traps"]):
        assert not any(text in trap or trap in text for text in texts), trap


@pytest.mark.parametrize(("document", "key_path"), PAIRS, ids=lambda p: p.name)
def test_its_key_phrases_occur_in_the_document(document, key_path):
    text = document_text(document)
    if text is None:
        pytest.skip("an encrypted PDF has no text to read")
    text = normalise(text)
    key = load_key(key_path)
    for phrase in [action["text"] for action in key["actions"]] + key["traps"]:
        assert normalise(phrase) in text, phrase


def test_it_covers_the_layouts_and_formats_the_issue_asks_for():
    keys = [load_key(key_path) for _, key_path in PAIRS]
    readable = [key for key in keys if not key["refuse"]]
    suffixes = [document.suffix for document, _ in PAIRS]
    assert len(readable) >= 24
    assert len({key["layout"] for key in readable}) >= 14
    assert sum(key["date"] is None for key in readable) >= 2
    assert sum(key["refuse"] for key in keys) >= 3
    assert suffixes.count(".pdf") >= 4
    assert {".txt", ".html", ".docx", ".pdf"} <= set(suffixes)


def test_its_word_documents_use_automatic_numbering():
    numbered = 0
    for document, _ in PAIRS:
        if document.suffix == ".docx":
            with zipfile.ZipFile(document) as package:
                xml = package.read("word/document.xml").decode()
            numbered += "<w:numPr>" in xml or 'w:val="ListNumber"' in xml
    assert numbered >= 2


@pytest.mark.django_db
def test_the_importer_reads_the_corpus_to_the_issue_thresholds():
    from django.core.management import call_command

    call_command("seed_demo", force=True, stdout=io.StringIO())
    scores = []
    for document, key_path in PAIRS:
        minutes, ms = import_document(document)
        scores.append(score_document(document, load_key(key_path), minutes, ms=ms))
    figures = total(scores)
    assert figures["dated_refused"] == 0, [s.name for s in scores if s.refused]
    assert figures["bad_input_read"] == 0
    assert figures["recall"] >= 0.90
    assert figures["precision"] >= 0.95
    assert figures["owners_resolved"] >= 0.80


def perfect_minutes(key):
    actions = [
        {
            "description": f"To {action['text']}.",
            "owner": action["owner"],
            "due_date": action["due_date"],
        }
        for action in key["actions"]
    ]
    return {"meeting": {"date": key["date"]}, "actions": actions}


def test_it_scores_an_import_that_matches_the_key_as_perfect():
    document, key_path = PAIRS[0]
    key = load_key(key_path)
    figures = total([score_document(document, key, perfect_minutes(key))])
    assert figures["recall"] == figures["precision"] == 1.0
    assert figures["owners_resolved"] == figures["due_dates_right"] == 1.0


def test_it_counts_a_trap_taken_as_an_action_against_precision():
    document, key_path = PAIRS[0]
    key = load_key(key_path)
    minutes = perfect_minutes(key)
    minutes["actions"].append({"description": key["traps"][0], "owner": None})
    score = score_document(document, key, minutes)
    assert score.traps_hit == [key["traps"][0]]
    assert total([score])["precision"] < 1.0


def test_it_counts_a_dated_document_refused():
    document, key_path = PAIRS[0]
    key = load_key(key_path)
    score = score_document(document, key, ValueError("has no meeting date"))
    assert total([score])["dated_refused"] == 1
    assert total([score])["recall"] == 0.0
