"""Article -> Analysis: the extractors in order, and many articles in parallel."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from marsad.entities import find_actors
from marsad.events import find_events
from marsad.geo import find_places
from marsad.lexicon import Lexicon, load_lexicon
from marsad.records import Analysis, Article
from marsad.statements import find_statements
from marsad.text import normalize, split_sentences
from marsad.timex import find_times, latest_explicit_date
from marsad.translit import transliterate_name

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


def analyse(article: Article, lexicon: Lexicon | None = None) -> Analysis:
    """Run every extractor over one article; offsets point into `article.text`."""
    lexicon = lexicon or load_lexicon()
    article = infer_published(article)
    text = article.text
    norm = normalize(text)
    sentences = split_sentences(text)
    actor_findings = find_actors(text, lexicon, norm)
    actors = {
        actor_id: replace(actor, name_en=transliterate_name(actor.name_ar)) if not actor.name_en else actor
        for actor_id, actor in actor_findings.actors.items()
    }
    place_findings = find_places(text, lexicon, actors, norm)
    # Relative expressions are resolved only against a real publication date, not an inferred bound.
    times = find_times(text, None if article.published_inferred else article.published,
                       default_year=article.published.year if article.published else None, normalized=norm)
    statements = find_statements(text, sentences, actor_findings.mentions + place_findings.mentions, times, lexicon,
                                 article.published, norm)
    events = find_events(text, sentences, actor_findings.mentions, place_findings.mentions,
                         place_findings.places, times, lexicon, article.published, place_findings.country, norm)
    mentions = sorted(actor_findings.mentions + place_findings.mentions, key=lambda m: (m.start, m.end))
    return Analysis(article, sentences, mentions, times, actors, place_findings.places, statements, events)


def _analyse_for_pool(article: Article) -> Analysis:
    return analyse(article)


def analyse_many(articles: Iterable[Article], workers: int | None = None) -> Iterator[Analysis]:
    """Analyse articles in parallel processes (in order); workers=1 runs in this process."""
    items = list(articles)
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(items) < 8:
        lexicon = load_lexicon()
        for article in items:
            yield analyse(article, lexicon)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_analyse_for_pool, items, chunksize=16)
