"""Benchmarks: `python -m marsad bench pipeline|app`.

pipeline: analyses real articles (SaudiNewsNet zips in ../shared/corpora, or $MARSAD_CORPUS)
and reports articles/s and MB/s, in total and per worker process.
app: builds stores of 10,000 and 100,000 synthetic articles from real sentences with
varied dates, places and actors, and times the dashboard's data queries.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from marsad.ingest import IngestError, article_from_record

CORPUS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "saudinewsnet" / "zips"


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


def corpus_articles(limit: int, folder: Path | None = None) -> list:
    articles = []
    for index, record in enumerate(corpus_records(limit * 2, folder)):
        try:
            articles.append(article_from_record(record, name=f"corpus[{index}]"))
        except IngestError:
            continue
        if len(articles) >= limit:
            break
    return articles


def bench_pipeline(limit: int = 2000, workers: int | None = None) -> dict:
    from marsad.lexicon import load_lexicon
    from marsad.pipeline import analyse, analyse_many
    from marsad.process import process_articles
    from marsad.store import Store

    articles = corpus_articles(limit)
    total_bytes = sum(len(a.text.encode("utf-8")) for a in articles)
    started = time.perf_counter()
    load_lexicon()
    analyse(articles[0])  # warm the lexicon automata
    warm = time.perf_counter() - started

    started = time.perf_counter()
    single = [analyse(a) for a in articles[: min(300, len(articles))]]
    single_seconds = time.perf_counter() - started
    single_bytes = sum(len(a.article.text.encode("utf-8")) for a in single)

    workers = workers or os.cpu_count() or 1
    started = time.perf_counter()
    analyses = list(analyse_many(articles, workers=workers))
    seconds = time.perf_counter() - started

    # End to end: analyse and write every article to a fresh SQLite store, one transaction each.
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        started = time.perf_counter()
        report = process_articles(articles, store, workers=workers)
        end_to_end = time.perf_counter() - started
    return {
        "benchmark": "pipeline",
        "articles": len(articles),
        "megabytes": round(total_bytes / 1e6, 2),
        "workers": workers,
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(articles) / seconds, 1),
        "megabytes_per_second": round(total_bytes / 1e6 / seconds, 2),
        "end_to_end_seconds": round(end_to_end, 2),
        "end_to_end_megabytes_per_second": round(total_bytes / 1e6 / end_to_end, 2),
        "end_to_end_megabytes_per_second_per_worker": round(total_bytes / 1e6 / end_to_end / workers, 2),
        "stored_articles": len(report.processed),
        "single_process_megabytes_per_second": round(single_bytes / 1e6 / single_seconds, 2),
        "single_process_articles_per_second": round(len(single) / single_seconds, 1),
        "startup_seconds": round(warm, 2),
        "statements": sum(len(a.statements) for a in analyses),
        "events": sum(len(a.events) for a in analyses),
        "places": sum(len(a.places) for a in analyses),
    }


def run(what: str, limit: int = 2000, workers: int | None = None, sizes: str = "10000,100000") -> dict:
    if what == "pipeline":
        return bench_pipeline(limit, workers)
    from marsad.bench_app import bench_app

    return bench_app([int(s) for s in sizes.split(",") if s.strip()])
