"""Article -> Analysis: the extractors in order, and many articles in parallel."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from typing import Any, TypeVar

from marsad.extract.entities import find_actors, tagger
from marsad.extract.events import find_events
from marsad.extract.geo import find_places
from marsad.extract.org_names import english_org_name
from marsad.extract.statements import find_statements, speaker_role
from marsad.extract.timex import find_times, latest_explicit_date
from marsad.extract.translit import load_names, transliterate_name
from marsad.extract.written_on import written_on
from marsad.lexicon import Lexicon, load_lexicon
from marsad.records import Actor, Analysis, Article, Mention, Statement
from marsad.text.boilerplate import body_sentences, find_segments, masked
from marsad.text.document import Document
from marsad.text.normalize import normalize, split_sentences

T = TypeVar("T")
_YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def infer_published(article: Article) -> Article:
    """An undated article gets the latest explicit date it mentions as a lower bound, flagged inferred."""
    if article.published is not None:
        return article
    years = [int(y) for y in _YEAR_RE.findall(normalize(article.text).text)]
    times = find_times(article.text, None, default_year=max(years) if years else None)
    latest = latest_explicit_date(times)
    if latest is None:
        return article
    return replace(article, published=latest, published_inferred=True)


def _english_name(actor: Actor, lexicon: Lexicon) -> str:
    """A discovered actor's English name: a body's read off its words (وزارة الإسكان -> Ministry of Housing)
    where every word is known, else the name transliterated (a person's always)."""
    return (actor.type != "person" and english_org_name(actor.name_ar, lexicon)) or transliterate_name(actor.name_ar)


def analyse(article: Article, lexicon: Lexicon | None = None) -> Analysis:
    """Run every extractor over one article; offsets point into `article.text`."""
    lexicon = lexicon or load_lexicon()
    article = infer_published(article)
    # Not body (marsad.text.boilerplate): teasers, footers and bylines are blanked (same length, offsets
    # kept); datelines and captions keep their mentions but give no statement or event.
    segments = find_segments(article.text)
    text = masked(article.text, segments)
    norm = normalize(text)
    sentences = split_sentences(text)
    actor_findings = find_actors(text, lexicon, norm, year=article.published.year if article.published else None)
    actors = {
        actor_id: replace(actor, name_en=_english_name(actor, lexicon)) if not actor.name_en else actor
        for actor_id, actor in actor_findings.actors.items()
    }
    # the tagger's places (its last text's answer, kept: no second run) for cities nobody listed (`مدينة خاركيف`)
    tagged_places = [(start, end) for start, end, kind in tagger().find(text) if kind == "LOCATION"]
    place_findings = find_places(text, lexicon, actors, norm, tagged_places=tagged_places)
    # Relative expressions are resolved only against a real publication date, not an inferred bound.
    # ... and against the day the text was written (its URL's edition, its own `اليوم الجمعة`), which a
    # crawler's date may follow by a day or more (marsad.extract.written_on).
    today = None if article.published_inferred else written_on(article.published, article.url, article.text)[0]
    times = find_times(text, today, default_year=article.published.year if article.published else None,
                       normalized=norm)
    doc = Document(text, norm, body_sentences(text, sentences, segments), times, today or article.published,
                   lexicon, tuple(segments))
    statements = find_statements(doc, actor_findings.mentions + place_findings.mentions)
    speakers = discovered_speakers(text, statements, actors, lexicon)
    actors.update({mention.entity_id: actor for mention, actor in speakers})
    reporters: dict[int, set[str]] = {}  # who speaks in a sentence reports its events, is not their agent
    for statement in statements:
        if statement.speaker_id:
            reporters.setdefault(statement.start, set()).add(statement.speaker_id)
    events = find_events(doc, actor_findings.mentions, place_findings.mentions, place_findings.places,
                         place_findings.country, actors, reporters)
    mentions = one_per_span(actor_findings.mentions + place_findings.mentions + [m for m, _ in speakers])
    return Analysis(article, sentences, mentions, times, actors, place_findings.places, statements, events)


def discovered_speakers(text: str, statements: list[Statement], actors: dict[str, Actor],
                        lexicon: Lexicon) -> list[tuple[Mention, Actor]]:
    """People nobody listed whom the statements found after a role (`رئيس بلدية عرسال، علي الحجيري،`): each a
    discovered person, with the role written before his name in the sentence that named him, and the mention
    of his name there (so the dashboard lists him among the actors the articles name)."""
    found: dict[str, tuple[Mention, Actor]] = {}
    for statement in statements:
        if not statement.speaker_id or statement.speaker_id in actors or statement.speaker_id in found:
            continue
        at = text.find(statement.speaker_text, statement.start, statement.end)
        if at < 0:
            continue
        role = speaker_role(text[statement.cue_end:at] if at >= statement.cue_end else "", lexicon)
        actor = Actor(statement.speaker_id, transliterate_name(statement.speaker_text), statement.speaker_text,
                      "person", role=role, discovered=True)
        mention = Mention(at, at + len(statement.speaker_text), statement.speaker_text, "PERSON",
                          statement.speaker_id, "role", role=role)
        found[statement.speaker_id] = (mention, actor)
    return list(found.values())


def one_per_span(mentions: list[Mention]) -> list[Mention]:
    """Mentions in text order, one per span and entity: a country found both as an actor (the registry)
    and as a place (the gazetteer) under one id is one mention, the registry's, not two."""
    kept: dict[tuple[int, int, str], Mention] = {}
    for mention in mentions:
        kept.setdefault((mention.start, mention.end, mention.entity_id), mention)
    return sorted(kept.values(), key=lambda m: (m.start, m.end))


def _analyse_for_pool(article: Article) -> Analysis:
    return analyse(article)


CHUNK = 16  # articles sent to a worker process at a time


def _reason(error: BaseException) -> str:
    """One line saying why an article could not be analysed (never its text)."""
    first = (str(error).splitlines() or [""])[0][:150]
    return f"{type(error).__name__}{': ' + first if first else ''}"


def _analyse_chunk(articles: list[Article], then: Callable[[Analysis], object] | None = None) -> list[object]:
    """In a worker: each article's analysis (passed through `then`), or why it failed (one bad article
    never fails the chunk)."""
    lexicon = load_lexicon()
    results: list[object] = []
    for article in articles:
        try:
            analysis = analyse(article, lexicon)
            results.append(analysis if then is None else then(analysis))
        except Exception as error:  # noqa: BLE001 - reported with the article, the others go on
            results.append(_Failed(_reason(error)))
    return results


class _Failed(str):
    """Why an article could not be analysed (told from what `then` returns, which may be a string)."""

    __slots__ = ()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:  # the parent died (even by SIGKILL): this worker must not outlive it
            os._exit(1)


def _init_worker(parent: int) -> None:
    """Worker start: Ctrl-C is for the parent (which stops the pool), and a worker ends with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="marsad-parent-watch").start()


def analyse_tagged(items: Iterable[tuple[Article, T]], workers: int | None = None, chunk: int = CHUNK,
                   then: Callable[[Analysis], object] | None = None) -> Iterator[tuple[T, Any, str | None]]:
    """(tag, analysis, None) or (tag, None, why it failed) per (article, tag), in input order.

    The input is read lazily and memory stays bounded: at most 2 x workers x chunk articles are in
    the worker processes or waiting for them, besides the chunk whose results the caller is handed (so
    the workers have work while the caller handles them, e.g. writes a batch). workers=1 (or fewer than 8 articles) runs in
    this process. Worker processes end with this one, even when it is killed. `then` (a module-level
    function: it is sent to the workers) is run on each analysis where it was made, and what it returns
    is yielded in its place: work on the analysis done in the workers, in parallel; if it raises, the
    article fails as one that could not be analysed."""
    workers = workers or min(os.cpu_count() or 1, 8)
    stream = iter(items)
    head = list(itertools.islice(stream, 8))
    if workers <= 1 or len(head) < 8:
        lexicon = load_lexicon()
        for article, tag in itertools.chain(head, stream):
            try:
                analysis = analyse(article, lexicon)
                yield tag, analysis if then is None else then(analysis), None
            except Exception as error:  # noqa: BLE001 - reported with the article, the others go on
                yield tag, None, _reason(error)
        return
    # The lexicon, the tagger's tables and everything the extractors build on first use (automata,
    # gazetteer tables), made here before the workers fork, are shared by them (copy-on-write): the
    # first articles are analysed in this process, which builds them. Then the collector is told to
    # leave every object made so far alone (gc.freeze), here and in the workers: a full collection
    # writes to each object it visits, which would copy every page they lie on into each process.
    # Started otherwise than by fork, workers load their own.
    lexicon = load_lexicon()
    forked = multiprocessing.get_start_method() == "fork"
    if forked:
        tagger()
        load_names()  # the name tables, which the first articles may not need
        for article, tag in head:
            try:
                analysis = analyse(article, lexicon)
                yield tag, analysis if then is None else then(analysis), None
            except Exception as error:  # noqa: BLE001 - reported with the article, the others go on
                yield tag, None, _reason(error)
        del article, tag
    else:
        stream = itertools.chain(head, stream)
    del head
    frozen = forked and gc.get_freeze_count() == 0
    if frozen:
        gc.collect()
        gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(os.getpid(),))
    pending: deque[tuple[Future, list[T]]] = deque()
    try:
        while True:
            while len(pending) <= 2 * workers:  # 2 x workers left in the pool after the next is taken
                batch = list(itertools.islice(stream, chunk))
                if not batch:
                    break
                pending.append((pool.submit(_analyse_chunk, [article for article, _ in batch], then),
                                [tag for _, tag in batch]))
            if not pending:
                break
            future, tags = pending.popleft()
            try:
                results: list[object] = future.result()
            except Exception as error:  # noqa: BLE001 - a worker died (killed, out of memory): its chunk fails
                results = [_Failed(f"the worker process failed ({_reason(error)})")] * len(tags)
            for tag, result in zip(tags, results, strict=True):
                if isinstance(result, _Failed):
                    yield tag, None, str(result)
                else:
                    yield tag, result, None
            del future, results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if frozen:
            gc.unfreeze()


def analyse_many(articles: Iterable[Article], workers: int | None = None) -> Iterator[Analysis]:
    """Analyse articles in parallel processes (in order, read lazily, memory bounded as in
    `analyse_tagged`); workers=1 runs in this process. Raises on an article that cannot be analysed."""
    for article, analysis, error in analyse_tagged(((a, a) for a in articles), workers=workers):
        if analysis is None:
            raise RuntimeError(f"{article.path or article.title}: could not be analysed ({error})")
        yield analysis
