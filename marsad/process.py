"""Files in, store filled: ingest, analyse, save — with a report of what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from marsad.ingest import read_paths
from marsad.pipeline import analyse_many
from marsad.records import Article
from marsad.store import Store


@dataclass
class ProcessReport:
    processed: list[str] = field(default_factory=list)  # article ids
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"processed {len(self.processed)} article(s)"
        if self.problems:
            text += f", {len(self.problems)} problem(s) (see warnings)"
        return text


BATCH = 100  # articles written per transaction (a failing batch is retried article by article)


def process_articles(articles: list[Article], store: Store, workers: int | None = None,
                     progress: Callable[[int, int, Article], None] | None = None) -> ProcessReport:
    """Analyse and save articles; one failing article is reported, never half-written."""
    report = ProcessReport()
    batch: list = []
    done = 0

    def flush() -> None:
        nonlocal done
        failed = {id(analysis): error for analysis, error in store.save_batch(batch)}
        for analysis in batch:
            article = analysis.article
            done += 1
            if id(analysis) in failed:
                report.problems.append(f"{article.path or article.title}: not saved ({failed[id(analysis)]})")
                continue
            report.processed.append(article.article_id)
            if progress:
                progress(done, len(articles), article)
        batch.clear()

    for analysis in analyse_many(articles, workers=workers):
        batch.append(analysis)
        if len(batch) >= BATCH or progress is not None:  # with a progress bar, show each article
            flush()
    if batch:
        flush()
    if report.processed:
        store.save_facets()
    return report


def process_paths(paths: Iterable[Path], store: Store, workers: int | None = None,
                  progress: Callable[[int, int, Article], None] | None = None) -> ProcessReport:
    articles, problems = read_paths(paths)
    report = process_articles(articles, store, workers=workers, progress=progress)
    report.problems[:0] = problems
    return report
