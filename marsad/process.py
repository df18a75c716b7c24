"""Files in, store filled: ingest, analyse, save — with a report of what happened.

Everything streams: articles are read one record at a time (`marsad.ingest.iter_articles`), analysed
with a bounded number in flight (`marsad.pipeline.analyse_tagged`: (2 x workers + 1) x 16) and written BATCH
at a time, so memory does not grow with the input. One bad record, article or write fails alone and
is reported by file and line; the run goes on.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.errors import short_reason
from marsad.ingest import Labelled, Problem, estimate_records, iter_articles
from marsad.pipeline import analyse_tagged
from marsad.records import Article
from marsad.store import Store
from marsad.store.prepared import PreparedArticle, prepare

log = logging.getLogger(__name__)
__all__ = ["BATCH", "ProcessReport", "process_articles", "process_paths", "short_reason"]

BATCH = 100  # articles written per transaction (a failing batch is retried article by article)


def _trimmer() -> Callable[[], object] | None:
    """glibc's malloc_trim, where there is one (None elsewhere)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None


_MALLOC_TRIM = _trimmer()


@dataclass
class ProcessReport:
    """What a run did. `problems` holds every problem as one sentence, in order (what the dashboard
    shows); `failures`, `skipped` and `notes` hold them as ``where: reason`` lines by kind: records
    not stored, duplicates skipped, and notes on articles that were stored."""

    processed: list[str] = field(default_factory=list)  # ids of the articles stored
    problems: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    total: int | None = None  # about how many records the input holds, when counted
    total_is_close: bool = False

    @property
    def handled(self) -> int:
        """Records dealt with so far: stored, failed or skipped."""
        return len(self.processed) + len(self.failures) + len(self.skipped)

    @property
    def ok(self) -> bool:
        """Every record was stored or skipped as a duplicate."""
        return not self.failures

    def summary(self) -> str:
        return f"stored {len(self.processed)}, skipped {len(self.skipped)} (duplicate), failed {len(self.failures)}"

    def add(self, problem: Problem) -> None:
        self.problems.append(problem.message)
        {"failed": self.failures, "skipped": self.skipped}.get(problem.kind, self.notes).append(problem.line)


@dataclass
class _Item:
    article: Article
    label: str
    where: str


def _run(items: Iterable[_Item], store: Store, report: ProcessReport, workers: int | None,
         progress: Callable[[int, int, Article], None] | None,
         on_problem: Callable[[Problem], None] | None,
         status: Callable[[ProcessReport], None] | None) -> ProcessReport:
    batch: list[tuple[PreparedArticle, _Item]] = []
    written = [0]  # articles written since the heap was last trimmed

    def problem(item: Problem) -> None:
        report.add(item)
        if on_problem is not None:
            on_problem(item)

    def flush() -> None:
        failed = {id(prepared): error for prepared, error in store.save_batch([p for p, _ in batch])}
        for prepared, item in batch:
            if id(prepared) in failed:
                reason = f"not saved ({short_reason(failed[id(prepared)])})"
                problem(Problem(item.where, reason, f"{item.label}: {reason}"))
                continue
            report.processed.append(prepared.article.article_id)
            if progress:
                progress(report.handled, max(report.total or 0, report.handled), prepared.article)
        log.info("wrote %d article(s); %s", len(batch) - len(failed), report.summary())
        written[0] += len(batch)
        batch.clear()
        if _MALLOC_TRIM is not None and written[0] >= BATCH:
            # The analyses just written (unpickled from the workers, many blocks of a few kB) are freed;
            # glibc keeps the freed pages of its heap unless told to give them back, and the writer's
            # resident memory would creep up with the run (with the writer's 16 MB page cache, it ended 55 MB
            # smaller at 1,500 articles). 10-20 ms per 100 articles, in the process that waits on the workers.
            written[0] = 0
            _MALLOC_TRIM(0)
        if status is not None:
            status(report)

    # Each analysis is turned into the rows that store it in the worker that made it (see marsad.store.prepared):
    # plain values, which this process unpickles and writes faster than the analysis's objects.
    for item, prepared, error in analyse_tagged(((item.article, item) for item in items), workers=workers,
                                                then=prepare):
        if prepared is None:
            reason = f"could not be analysed ({error})"
            problem(Problem(item.where, reason, f"{item.label}: {reason}"))
            continue
        batch.append((prepared, item))
        if len(batch) >= BATCH or progress is not None:  # with a progress bar, show each article
            flush()
    if batch:
        flush()
    if status is not None:
        status(report)
    if report.processed:
        try:
            store.save_facets()
        except Exception as error:  # noqa: BLE001 - the index file only speeds up the dashboard's start
            problem(Problem(str(store.url), f"the facets index was not saved ({short_reason(error)})",
                            f"the facets index was not saved ({short_reason(error)})", "warning"))
    return report


def process_articles(articles: Iterable[Article], store: Store, workers: int | None = None,
                     progress: Callable[[int, int, Article], None] | None = None, *,
                     on_problem: Callable[[Problem], None] | None = None,
                     status: Callable[[ProcessReport], None] | None = None) -> ProcessReport:
    """Analyse and save articles (read lazily, memory bounded); one failing article is reported,
    never half-written. `progress(done, total, article)` is called after each article stored (each
    is then written alone), `status(report)` after each batch, `on_problem` as problems happen."""
    report = ProcessReport(total=len(articles) if isinstance(articles, list | tuple) else None)
    report.total_is_close = report.total is not None
    items = (_Item(article, article.path or article.title, article.path or article.title) for article in articles)
    return _run(items, store, report, workers, progress, on_problem, status)


def process_paths(paths: Iterable[Path], store: Store, workers: int | None = None,
                  progress: Callable[[int, int, Article], None] | None = None, *,
                  on_problem: Callable[[Problem], None] | None = None,
                  status: Callable[[ProcessReport], None] | None = None) -> ProcessReport:
    """Read, analyse and save every article under `paths` (files or folders), as a stream. Problems
    (bad records, duplicates, failed writes) are reported by file and line, and never stop the run."""
    paths = [Path(p) for p in paths]
    report = ProcessReport()
    if progress is not None or status is not None:
        report.total, report.total_is_close = estimate_records(paths)

    def items() -> Iterator[_Item]:
        for item in iter_articles(paths):
            if isinstance(item, Labelled):
                yield _Item(item.article, item.label, item.where)
                continue
            report.add(item)
            if on_problem is not None:
                on_problem(item)
            if status is not None and item.kind != "warning":
                status(report)

    return _run(items(), store, report, workers, progress, on_problem, status)
