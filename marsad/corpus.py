"""SaudiNewsNet, the real articles the benchmarks, the development set and the robustness tests read
(../shared/corpora/saudinewsnet/zips, or $MARSAD_CORPUS): one JSON list of records per day's zip."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from marsad.ingest import IngestError, article_from_record
from marsad.paths import REPOSITORY
from marsad.records import Article

CORPUS_DIR = REPOSITORY.parent / "shared" / "corpora" / "saudinewsnet" / "zips"


def corpus_dir() -> Path:
    return Path(os.environ.get("MARSAD_CORPUS") or CORPUS_DIR)


def corpus_records(limit: int, folder: Path | None = None) -> Iterator[dict]:
    """JSON records from the SaudiNewsNet zips (one JSON list per day)."""
    folder = folder or corpus_dir()
    zips = sorted(folder.glob("*.zip"))
    if not zips:
        raise FileNotFoundError(f"no corpus zips in {folder}; set MARSAD_CORPUS to a folder of *.zip")
    count = 0
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for record in json.loads(archive.read(name).decode("utf-8")):
                    yield record
                    count += 1
                    if count >= limit:
                        return


def iter_corpus_articles(limit: int, folder: Path | None = None) -> Iterator[Article]:
    """Up to `limit` articles from the corpus, one at a time (records that are not articles skipped)."""
    count = 0
    for index, record in enumerate(corpus_records(limit * 2, folder)):
        try:
            yield article_from_record(record, name=f"corpus[{index}]")
        except IngestError:
            continue
        count += 1
        if count >= limit:
            return


def corpus_articles(limit: int, folder: Path | None = None) -> list:
    return list(iter_corpus_articles(limit, folder))
