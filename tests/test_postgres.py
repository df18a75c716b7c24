"""The same store code on PostgreSQL: every export of the seeds and of 200 real articles is identical to
SQLite's, byte for byte (deterministic order everywhere). The store, page and pipeline suites also run
on both backends (conftest's `store` and `processed_db` fixtures); these tests skip without PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.corpus import corpus_dir, iter_corpus_articles
from marsad.export import KINDS, records, to_csv, to_jsonl
from marsad.process import process_articles, process_paths
from marsad.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _records(store: Store, kind: str) -> Iterator[dict]:
    """The records of a kind; the acled export's timestamp (when this store processed the article) is
    left out: the two stores process the seeds a moment apart."""
    for row in records(store, kind):
        yield {**row, "timestamp": None} if kind == "acled" else row


def _exports(store: Store) -> dict[str, str]:
    return {f"{kind}.{fmt}": "\n".join((to_csv if fmt == "csv" else to_jsonl)(_records(store, kind)))
            for kind in KINDS for fmt in ("jsonl", "csv")}


def _assert_same(sqlite: Store, postgres: Store) -> None:
    left, right = _exports(sqlite), _exports(postgres)
    assert left.keys() == right.keys()
    for name in left:
        assert left[name] == right[name], f"{name} differs between SQLite and PostgreSQL"
    assert left["statements.jsonl"] and left["events.jsonl"], "something to compare"


def test_the_seeds_export_alike_from_both_databases(postgres, tmp_path):
    sqlite, pg = Store(f"sqlite:///{tmp_path / 'm.sqlite'}"), Store(postgres.new_database())
    for store in (sqlite, pg):
        report = process_paths([SEEDS], store, workers=1)
        assert len(report.processed) == 2, report.problems
    _assert_same(sqlite, pg)


def test_200_real_articles_export_alike_from_both_databases(postgres, tmp_path):
    if not any(corpus_dir().glob("*.zip")):
        pytest.skip(f"needs the SaudiNewsNet corpus ({corpus_dir()}; ../shared or $MARSAD_CORPUS)")
    sqlite, pg = Store(f"sqlite:///{tmp_path / 'm.sqlite'}"), Store(postgres.new_database())
    for store in (sqlite, pg):
        report = process_articles(iter_corpus_articles(200), store, workers=1)
        assert len(report.processed) >= 190, report.problems
    _assert_same(sqlite, pg)
