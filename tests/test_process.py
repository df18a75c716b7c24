"""marsad.process: streaming in bounded batches, failures isolated and reduced to one line, busy
databases waited for, worker processes that end with their parent."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from marsad.ingest import article_from_text
from marsad.pipeline import CHUNK
from marsad.process import BATCH, process_articles, process_paths
from marsad.records import Article
from marsad.store import Store
from tests.conftest import ROOT

SAID = "قال المتحدث باسم الجيش الليبي أحمد المسماري إن القوات تقدمت نحو طرابلس"


def _article(number: int) -> Article:
    article = article_from_text(f"تقدم نحو طرابلس {number}\n{SAID} في اليوم {number}.", name=f"a{number}.txt")
    return replace(article, path=f"a{number}.txt")


def test_articles_are_pulled_in_bounded_batches(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    pulled = 0
    seen_at_writes: list[int] = []

    def articles() -> Iterator[Article]:
        nonlocal pulled
        for number in range(400):
            pulled += 1
            yield _article(number)

    save_batch = store.save_batch

    def counting(analyses: list, **made: object) -> list:
        seen_at_writes.append(pulled)
        return save_batch(analyses, **made)

    monkeypatch.setattr(store, "save_batch", counting)
    report = process_articles(articles(), store, workers=2)
    assert len(report.processed) == 400 and report.ok
    # the first write comes after BATCH analyses, with at most (2 x workers + 1) x CHUNK more read ahead
    assert seen_at_writes[0] <= BATCH + 2 * 2 * CHUNK + CHUNK
    assert all(later - earlier <= BATCH + CHUNK for earlier, later in
               zip(seen_at_writes, seen_at_writes[1:], strict=False))


def test_an_article_that_cannot_be_analysed_fails_alone(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.pipeline

    analyse = marsad.pipeline.analyse

    def failing(article: Article, lexicon: object = None) -> object:
        if "اليوم 1." in article.text:
            raise RuntimeError("boom")
        return analyse(article, lexicon)

    monkeypatch.setattr(marsad.pipeline, "analyse", failing)
    report = process_articles([_article(0), _article(1), _article(2)], store, workers=1)
    assert len(report.processed) == 2
    assert report.failures == ["a1.txt: could not be analysed (RuntimeError: boom)"]


def test_a_failed_write_is_one_short_line_without_sql_or_text(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    original = store._article_rows  # one article's rows, made while its batch is written

    def write(analysis: object, *rows: object) -> object:
        if "اليوم 1." in analysis.article.text:  # type: ignore[attr-defined]
            raise sa.exc.OperationalError("INSERT INTO articles (text) VALUES (?)", {"text": SAID},
                                          sqlite3.OperationalError("database is locked"))
        return original(analysis, *rows)

    monkeypatch.setattr(store, "_article_rows", write)
    report = process_articles([_article(0), _article(1), _article(2)], store, workers=1)
    assert report.failures == ["a1.txt: not saved (database is locked)"]
    assert len(report.processed) == 2 and store.count("articles") == 2


def _hold_write_lock(path: Path, seconds: float, taken: threading.Event) -> None:
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    taken.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


def test_a_busy_database_is_waited_for_as_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.sqlite"
    assert Store(f"sqlite:///{path}").timeout == 60  # the default
    monkeypatch.setenv("MARSAD_DB_TIMEOUT", "0.3")
    store = Store(f"sqlite:///{path}")
    assert store.timeout == 0.3
    taken = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 3, taken))
    holder.start()
    taken.wait()
    started = time.monotonic()
    report = process_articles([_article(0)], store, workers=1)
    waited = time.monotonic() - started
    holder.join()
    assert report.failures == ["a0.txt: not saved (database is locked)"] and waited < 2.5
    monkeypatch.setenv("MARSAD_DB_TIMEOUT", "20")
    store = Store(f"sqlite:///{path}")
    taken.clear()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 1.5, taken))
    holder.start()
    taken.wait()
    report = process_articles([_article(0)], store, workers=1)
    holder.join()
    assert report.ok and report.processed


def test_bad_timeout_setting_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DB_TIMEOUT", "soon")
    with pytest.raises(ValueError, match="MARSAD_DB_TIMEOUT should be a number of seconds, not 'soon'"):
        Store("sqlite://")


def test_process_paths_reports_by_kind_and_calls_progress(tmp_path: Path, store: Store) -> None:
    good = [json.dumps({"title": f"عنوان {n}", "text": f"{SAID} في اليوم {n}."}, ensure_ascii=False)
            for n in range(3)]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([good[0], good[0], '{"text": 5}', good[1], good[2]]), encoding="utf-8")
    calls: list[tuple[int, int]] = []
    report = process_paths([feed], store, workers=1, progress=lambda done, total, article: calls.append((done, total)))
    assert report.summary() == "stored 3, skipped 1 (duplicate), failed 1"
    assert report.skipped == [f"{feed}:2: duplicate of {feed}:1, skipped"]
    assert report.failures == [f'{feed}:3: "text" should be a string, not a number']
    assert calls[-1] == (5, 5) and all(done <= total for done, total in calls)


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], list(children.get(pid, ()))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children.get(child, ()))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = f"{SAID}. " * 20  # under 5 MB in all, so that the code before streaming read it too
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": f"{text} {n}"}, ensure_ascii=False) for n in range(1500)),
                    encoding="utf-8")
    parent = subprocess.Popen([sys.executable, "-m", "marsad", "process", str(folder), "--workers", "2",
                               "--db", f"sqlite:///{tmp_path / 'm.sqlite'}"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # the pool starts once the parent has loaded the tables and analysed the first 8 articles (which
        # builds what the workers share): seconds, but a minute or more on a busy machine
        deadline = time.monotonic() + 300
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.2)
            workers = [pid for pid in _descendants(parent.pid) if _alive(pid)]
        assert len(workers) >= 2, "the pool did not start"
        time.sleep(1)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.2)
        left = [pid for pid in workers if _alive(pid)]
    finally:
        if parent.poll() is None:
            parent.kill()
    for pid in left:  # clean up before failing
        os.kill(pid, signal.SIGKILL)
    assert not left, "worker processes outlived their parent"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_tree_memory_counts_the_workers_too() -> None:
    from marsad.bench.pipeline import TreeMemory

    with TreeMemory(interval=0.05) as memory:
        child = subprocess.run([sys.executable, "-c", "import time; block = bytearray(300_000_000); time.sleep(1)"],
                               check=True)
    assert child.returncode == 0
    figures = memory.report()
    assert figures["peak_rss_tree_mb"] > 300 and figures["peak_pss_tree_mb"] > 300
    assert figures["processes"] >= 2 and figures["peak_rss_largest_worker_mb"] > 280


def test_pipeline_benchmark_reports_memory_of_the_end_to_end_run(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from marsad.bench.pipeline import bench_pipeline

    # enough chunks (16 articles each) that both workers are busy at once however fast they analyse: with 40,
    # one worker could finish before the other was sampled alive
    articles = 160
    records = [{"title": f"تقدم نحو طرابلس {n}", "text": f"{SAID} في اليوم {n}."} for n in range(articles)]
    with zipfile.ZipFile(tmp_path / "2019-04-07.zip", "w") as archive:
        archive.writestr("2019-04-07.json", json.dumps(records, ensure_ascii=False))
    monkeypatch.setenv("MARSAD_CORPUS", str(tmp_path))
    result = bench_pipeline(limit=articles, workers=2, sample_every=0.01)
    assert result["articles"] == result["stored_articles"] == articles and result["failed_articles"] == 0
    memory = result["end_to_end_memory"]
    assert memory["processes"] >= 3  # this process and two workers, sampled while they ran
    assert 100 < memory["peak_pss_tree_mb"] <= memory["peak_rss_tree_mb"]
    assert result["in_flight_at_most"] == (2 * 2 + 1) * CHUNK + BATCH
    # steady state, between the first batch written (100 articles) and the last (160): start-up left out
    assert result["end_to_end_steady_megabytes_per_second"] > 0 and result["end_to_end_startup_seconds"] > 0
    assert result["end_to_end_steady_vs_tokenizer"] > 0


def test_a_bulk_writer_does_not_map_the_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    with Store(url, memory_map=False).engine.connect() as conn:  # resident memory stays off the file's size
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == 0
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -16384  # 16 MB of pages
    with Store(url).engine.connect() as conn:  # the dashboard reads through the map
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() > 0
