"""How well the importer reads the minutes corpus: refusals, dates, actions, owners.

    .venv/bin/python bench/import_corpus.py [--corpus DIR] [--json]

Every document in DIR (default meetings/tests/corpus) that has an answer key
`<name>.key.json` beside it is read and its owners matched to posts, inside a
transaction that is rolled back, against a scratch SQLite database (or DATABASE_URL
when set) holding the demo data. Prints one row per document and a total row:
action recall and precision, owners resolved, due dates right, dated documents
refused, and the slowest document. "✓" beside "refused" means as the key expects
(a bad input refused, minutes read); a refusal's reason is printed under its row.
The issue 11 thresholds: no dated document refused, every bad input refused,
recall >= 90 %, precision >= 95 %, owners resolved >= 80 %, each document under 1 s.
"""

import argparse
import dataclasses
import json
import os
import tempfile
from pathlib import Path

from demo_site import setup_demo_site

BASE_DIR = Path(__file__).resolve().parents[1]
CORPUS = BASE_DIR / "meetings" / "tests" / "corpus"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print JSON instead")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
        setup_demo_site()
        from meetings.tests.corpus.score import (
            corpus_documents,
            import_document,
            load_key,
            score_document,
            total,
        )

        scores = []
        for document, key_path in corpus_documents(options.corpus):
            minutes, ms = import_document(document)
            scores.append(score_document(document, load_key(key_path), minutes, ms=ms))
    if options.json:
        print(
            json.dumps(
                {
                    "documents": [dataclasses.asdict(s) for s in scores],
                    "total": total(scores),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print_table(scores, total(scores))


def print_table(scores, figures):
    print(
        f"{'document':48} {'layout':34} {'refused':>8} {'date':>5} "
        f"{'actions exp/found/false':>23} {'owners':>7} {'due':>6} {'ms':>7}"
    )
    for s in scores:
        refused = ("yes" if s.refused else "no") + ("" if s.refusal_wrong else " ✓")
        date = "—" if s.refused or s.refuse_expected else ("✓" if s.date_right else "✗")
        print(
            f"{s.name[:48]:48} {s.layout[:34]:34} {refused:>8} {date:>5} "
            f"{f'{s.expected}/{s.found}/{len(s.false_positives)}':>23} "
            f"{f'{s.owners_resolved}/{s.owners_expected}':>7} "
            f"{f'{s.due_right}/{s.due_expected}':>6} {s.ms:>7.1f}"
        )
        if s.refused and not s.refuse_expected:
            print(f"{'':4}refused: {s.reason[:150]}")
        for trap in s.traps_hit:
            print(f"{'':4}trap taken as an action: {trap}")
    readable = sum(not s.refuse_expected for s in scores)
    actions = f"{figures['expected']}/{figures['found']}/{figures['false_positives']}"
    print(
        f"{'total':48} {f'{len(scores)} documents':34} "
        f"{figures['dated_refused']:>8} "
        f"{figures['dates_right']:>2}/{readable:<2} "
        f"{actions:>23}"
    )
    print(
        f"recall {figures['recall']:.0%} · precision {figures['precision']:.0%} · "
        f"owners resolved {figures['owners_resolved']:.0%} · due dates right "
        f"{figures['due_dates_right']:.0%} · dated documents refused "
        f"{figures['dated_refused']} · undated refused {figures['undated_refused']} · "
        f"bad inputs read {figures['bad_input_read']} · traps taken "
        f"{figures['traps_hit']} · slowest {figures['slowest_ms']:.0f} ms"
    )


if __name__ == "__main__":
    main()
