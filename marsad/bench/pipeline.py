"""Benchmarks: `python -m marsad bench pipeline|app`.

pipeline: analyses real articles (SaudiNewsNet zips in ../shared/corpora, or $MARSAD_CORPUS)
and reports articles/s and MB/s, in total and per worker process, and the peak memory of the whole
process tree (main process and workers) during the end-to-end run into SQLite.
app: builds stores of 10,000 and 100,000 synthetic articles from real sentences with
varied dates, places and actors, and times the dashboard's data queries.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

from marsad.corpus import iter_corpus_articles
from marsad.paths import REPOSITORY
from marsad.records import Article


def _rss_kb(pid: int) -> tuple[int, int]:
    """(resident set, proportional set) of one process in kB, from /proc (0, 0 when gone)."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/status") as handle:
            rss = next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            pss = next((int(line.split()[1]) for line in handle if line.startswith("Pss:")), 0)
    except (OSError, ValueError):
        pass
    return rss, pss


def _tree(root: int) -> list[int]:
    """`root` and every process below it (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


class TreeMemory:
    """Peak memory of this process and its workers together, sampled every `interval` seconds from
    /proc while running (the sum of resident sets, which counts pages shared after fork once per
    process, and the sum of proportional sets, which does not); plus getrusage's peaks (this process;
    the largest finished child) as a check. On systems without /proc only the getrusage figures."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_rss_kb = self.peak_pss_kb = self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True, name="marsad-rss")
        self.available = os.path.isdir("/proc/self")

    def _sample(self) -> None:
        while True:
            pids = _tree(os.getpid())
            sizes = [_rss_kb(pid) for pid in pids]
            self.peak_rss_kb = max(self.peak_rss_kb, sum(rss for rss, _ in sizes))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(pss for _, pss in sizes))
            self.peak_processes = max(self.peak_processes, len(pids))
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> TreeMemory:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self.available:
            self._thread.join()

    def report(self) -> dict:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return {"peak_rss_tree_mb": round(self.peak_rss_kb / 1024, 1) if self.available else None,
                "peak_pss_tree_mb": round(self.peak_pss_kb / 1024, 1) if self.available else None,
                "processes": self.peak_processes or None,
                "peak_rss_main_mb": round(own / 1024, 1),
                "peak_rss_largest_worker_mb": round(child / 1024, 1)}


def distinct_articles(limit: int) -> Iterator[Article]:
    """The corpus's first `limit` distinct articles: a repeated article (SaudiNewsNet holds some, 87 among
    its first 2,000 records) is skipped as `process` skips it when it reads files (the first kept)."""
    seen: set[str] = set()
    for article in iter_corpus_articles(limit * 2):
        if article.article_id in seen:
            continue
        seen.add(article.article_id)
        yield article
        if len(seen) >= limit:
            return


def end_to_end(limit: int, workers: int, sample_every: float | None = None) -> dict:
    """One run as `process` runs: analyse and write the corpus's first `limit` distinct articles to a fresh
    SQLite store with `workers` processes. The whole run's time, and the steady state: the bytes stored
    between the first batch written and the last, over that time (the start-up before the first batch,
    loading models and starting the workers, and the facets index saved after the last, are left out).
    With `sample_every`, the peak memory of the process tree too (sampling costs CPU: reading a large
    process's /proc/PID/smaps_rollup takes some 8 ms, so a sampled run is not the one timed)."""
    from marsad.process import ProcessReport, process_articles
    from marsad.store import Store

    sizes: dict[str, int] = {}
    batches: list[tuple[float, int, int]] = []  # (when, bytes and articles stored so far), after each batch

    def sized(articles: Iterator[Article]) -> Iterator[Article]:
        for article in articles:
            sizes[article.article_id] = len(article.text.encode("utf-8"))
            yield article

    def written(report: ProcessReport) -> None:
        if not batches or len(report.processed) != batches[-1][2]:
            stored = batches[-1][1] if batches else 0
            stored += sum(sizes.pop(a, 0) for a in report.processed[batches[-1][2] if batches else 0:])
            batches.append((time.perf_counter(), stored, len(report.processed)))

    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.sqlite'}", memory_map=False)
        with TreeMemory(sample_every) if sample_every else nullcontext() as memory:
            started = time.perf_counter()
            report = process_articles(sized(distinct_articles(limit)), store, workers=workers, status=written)
            seconds = time.perf_counter() - started
        store_mb = sum(f.stat().st_size for f in Path(folder).iterdir()) / 1e6
        store.engine.dispose()
    return {"seconds": seconds, "stored": len(report.processed), "failed": len(report.failures),
            "megabytes": batches[-1][1] / 1e6 if batches else 0.0,
            "startup_seconds": batches[0][0] - started if batches else None,
            "steady_megabytes_per_second": (batches[-1][1] - batches[0][1]) / 1e6 / (batches[-1][0] - batches[0][0])
            if len(batches) >= 2 else None,
            "store_megabytes": store_mb, "memory": memory.report() if memory is not None else None}


def _timed_in_a_fresh_process(limit: int, workers: int) -> dict:
    """`end_to_end` without memory sampling, in a new Python process (nothing loaded, as `process` starts)."""
    code = ("import json, sys; from marsad.bench.pipeline import end_to_end; "
            f"print(json.dumps(end_to_end({limit}, {workers})))")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_pipeline(limit: int = 2000, workers: int | None = None, sample_every: float = 0.2) -> dict:
    """Throughput of the analysis (one process, then `workers`) and of the end-to-end run into a fresh
    SQLite store (timed in a fresh process, unsampled), with the peak memory of the whole process tree
    during a second end-to-end run (sampled, in this process). Articles stream from the corpus zips
    throughout; none of the runs holds them all."""
    from marsad.lexicon import load_lexicon
    from marsad.pipeline import CHUNK, analyse, analyse_many
    from marsad.process import BATCH

    workers = workers or os.cpu_count() or 1
    timed = _timed_in_a_fresh_process(limit, workers)
    end_to_end_seconds, steady, startup = (timed["seconds"], timed["steady_megabytes_per_second"],
                                           timed["startup_seconds"])
    # Then the memory, as `process` runs from a fresh start: nothing is loaded in this process yet.
    sampled = end_to_end(limit, workers, sample_every)
    end_to_end_memory, store_mb = sampled["memory"], sampled["store_megabytes"]
    report_stored, report_failed = sampled["stored"], sampled["failed"]

    # The yardstick, right after: camel-tools' simple_word_tokenize over the same texts (all of them, read
    # first), three passes; the median pass's rate (a shared machine's load moves a single short pass).
    from camel_tools.tokenizers.word import simple_word_tokenize

    all_texts = [article.text for article in distinct_articles(limit)]
    all_bytes = sum(len(text.encode("utf-8")) for text in all_texts)
    tokenizer_passes = []
    for _ in range(3):
        started = time.perf_counter()
        for text in all_texts:
            simple_word_tokenize(text)
        tokenizer_passes.append(all_bytes / 1e6 / (time.perf_counter() - started))
    del all_texts
    tokenizer_rate = sorted(tokenizer_passes)[1]

    started = time.perf_counter()
    load_lexicon()
    first = next(distinct_articles(1))
    analyse(first)  # warm the lexicon automata
    warm = time.perf_counter() - started

    started = time.perf_counter()
    single = single_bytes = 0
    for article in distinct_articles(min(300, limit)):
        analyse(article)
        single += 1
        single_bytes += len(article.text.encode("utf-8"))
    single_seconds = time.perf_counter() - started

    # Over the first 300 texts, steady state (imports and model loading excluded): the trained tagger alone,
    # and the whole recogniser (`entities`).
    from marsad.extract.entities import tagger
    from marsad.extract.entities_cli import entity_records

    texts = [article.text for article in distinct_articles(min(300, limit))]
    tagger().find(texts[0])
    rates = {}
    for name, work in (("tagger", tagger().find), ("recogniser", lambda text: list(entity_records(text)))):
        started = time.perf_counter()
        for text in texts:
            work(text)
        rates[name] = single_bytes / 1e6 / (time.perf_counter() - started)

    counted = {"articles": 0, "bytes": 0, "statements": 0, "events": 0, "places": 0}
    started = time.perf_counter()
    for analysis in analyse_many(distinct_articles(limit), workers=workers):
        counted["articles"] += 1
        counted["bytes"] += len(analysis.article.text.encode("utf-8"))
        counted["statements"] += len(analysis.statements)
        counted["events"] += len(analysis.events)
        counted["places"] += len(analysis.places)
    seconds = time.perf_counter() - started
    total_bytes = counted["bytes"]

    return {
        "benchmark": "pipeline",
        "articles": counted["articles"],
        "megabytes": round(total_bytes / 1e6, 2),
        "workers": workers,
        "seconds": round(seconds, 2),
        "articles_per_second": round(counted["articles"] / seconds, 1),
        "megabytes_per_second": round(total_bytes / 1e6 / seconds, 2),
        "end_to_end_seconds": round(end_to_end_seconds, 2),
        "end_to_end_articles_per_second": round(timed["stored"] / end_to_end_seconds, 1),
        "end_to_end_megabytes_per_second": round(total_bytes / 1e6 / end_to_end_seconds, 2),
        "end_to_end_megabytes_per_second_per_worker": round(total_bytes / 1e6 / end_to_end_seconds / workers, 2),
        "end_to_end_sampled_seconds": round(sampled["seconds"], 2),
        "end_to_end_steady_megabytes_per_second": None if steady is None else round(steady, 2),
        "end_to_end_startup_seconds": None if startup is None else round(startup, 2),
        "end_to_end_memory": end_to_end_memory,
        "in_flight_at_most": (2 * workers + 1) * CHUNK + BATCH,
        "stored_articles": report_stored,
        "failed_articles": report_failed,
        "store_megabytes": round(store_mb, 1),
        "single_process_megabytes_per_second": round(single_bytes / 1e6 / single_seconds, 2),
        "single_process_articles_per_second": round(single / single_seconds, 1),
        "startup_seconds": round(warm, 2),
        "tokenizer_megabytes_per_second": round(tokenizer_rate, 2),
        "tokenizer_passes_megabytes_per_second": [round(rate, 2) for rate in tokenizer_passes],
        "tagger_megabytes_per_second": round(rates["tagger"], 2),
        "recogniser_megabytes_per_second": round(rates["recogniser"], 2),
        # the bar: processing stays >= 0.2x camel-tools' simple_word_tokenize over the same texts, both steady
        # state (start-up excluded); the whole run's ratio beside it
        "end_to_end_steady_vs_tokenizer": None if steady is None else round(steady / tokenizer_rate, 3),
        "end_to_end_vs_tokenizer": round(total_bytes / 1e6 / end_to_end_seconds / tokenizer_rate, 3),
        "single_process_vs_tokenizer": round(single_bytes / 1e6 / single_seconds / tokenizer_rate, 3),
        "statements": counted["statements"],
        "events": counted["events"],
        "places": counted["places"],
    }
