"""An in-memory column index of the store for the dashboard's aggregates.

Which actors and places are most mentioned in the articles matching a filter is a question
about every (article, entity) pair of those articles: for a place named in 40% of 100,000
articles that is about a million pairs, seconds of SQL per filter change. Here each article is
a row of arrays (publication date, source, the entities it names with their mention counts,
the dates its statements and events carry), loaded once per version of the store from the
`article_facets` table (one row per article, written with the article); a filter is then a
boolean mask over articles and an aggregate a `numpy.bincount`, a few milliseconds.

The semantics are the store's: an article matches a date range when it was published in it or
reports something dated in it; actor, place and source filters keep the articles naming any of
the chosen actors, any of the chosen places, from any of the chosen sources.
"""

from __future__ import annotations

import os
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from marsad.filters import Filters

_EPOCH = date(1970, 1, 1)
_TEXTS = ("article_ids", "entity_ids")  # object arrays of str, saved as fixed-width text
_ARRAYS = ("published", "inferred", "source_codes", "pair_article", "pair_entity", "pair_mentions",
           "dated_article", "dated_day")


def facet_row(article_id: str, published: date | None, published_inferred: bool, source: str | None,
              entity_ids: Iterable[str], dates: Iterable[date | None]) -> dict:
    """The `article_facets` row of one article: the entities it names (space-separated ids, which are
    slugs) with their mention counts in the same order, and its distinct dates as days since 1970."""
    counts = sorted(Counter(entity_ids).items())
    days = sorted({(d - _EPOCH).days for d in dates if d is not None})
    return {"article_id": article_id, "published": published, "published_inferred": bool(published_inferred),
            "source": source, "entities": " ".join(e for e, _ in counts),
            "mentions": " ".join(str(n) for _, n in counts), "days": " ".join(str(d) for d in days)}


def _numbers(texts: list[str]) -> np.ndarray:
    """The space-separated integers of every text, in order, as one array (parsed in C)."""
    joined = " ".join(t for t in texts if t)
    return np.fromstring(joined, dtype=np.int64, sep=" ") if joined else np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Facets:
    """Per-article arrays; `pair_*` and `dated_*` are flattened per-article lists (article index first)."""

    article_ids: np.ndarray  # str, one per article
    published: np.ndarray  # datetime64[D], NaT when unknown
    inferred: np.ndarray  # bool
    source_codes: np.ndarray  # int32 index into `sources`, -1 when unknown
    sources: tuple[str, ...]
    entity_ids: np.ndarray  # str, one per entity
    pair_article: np.ndarray  # int32
    pair_entity: np.ndarray  # int32
    pair_mentions: np.ndarray  # int32
    dated_article: np.ndarray  # int32
    dated_day: np.ndarray  # datetime64[D]

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence]) -> Facets:
        """From (article_id, published, published_inferred, source, entities, mentions, days) rows,
        `published` a date or an ISO string."""
        n = len(rows)
        article_ids, published, inferred, sources, entities, mentions, days = (
            list(column) for column in zip(*rows, strict=True)) if n else ([] for _ in range(7))
        source_codes, source_names = pd.factorize(pd.Series(sources, dtype=object), use_na_sentinel=True)
        ids = " ".join(e for e in entities if e).split(" ") if any(entities) else []
        entity_codes, entity_ids = pd.factorize(pd.Series(ids, dtype=object))
        pair_counts = [e.count(" ") + 1 if e else 0 for e in entities]
        day_counts = [d.count(" ") + 1 if d else 0 for d in days]
        facets = cls(
            article_ids=np.array(article_ids, dtype=object),
            published=np.array([str(p) if p is not None else "NaT" for p in published], dtype="datetime64[D]"),
            inferred=np.array(inferred, dtype=bool),
            source_codes=source_codes.astype(np.int32), sources=tuple(str(s) for s in source_names),
            entity_ids=np.asarray(entity_ids, dtype=object),
            pair_article=np.repeat(np.arange(n, dtype=np.int32), pair_counts),
            pair_entity=entity_codes.astype(np.int32), pair_mentions=_numbers(mentions).astype(np.int32),
            dated_article=np.repeat(np.arange(n, dtype=np.int32), day_counts),
            dated_day=_numbers(days).astype("datetime64[D]"),
        )
        if len(facets.pair_mentions) != len(facets.pair_entity) or len(facets.dated_day) != len(facets.dated_article):
            raise ValueError("article_facets rows do not pair every entity with a count (Store.rebuild_facets)")
        return facets

    # --- a file beside the store ------------------------------------------------------------

    def save(self, path: Path, key: tuple[int, int]) -> None:
        """Write the arrays to `path` (.npz) for the store state `key`; atomically, so a reader never
        sees half a file."""
        arrays = {name: getattr(self, name) for name in _ARRAYS}
        arrays |= {name: np.asarray(getattr(self, name), dtype=str) for name in _TEXTS}
        arrays["sources"] = np.asarray(self.sources, dtype=str)
        arrays["key"] = np.asarray(key, dtype=np.int64)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        try:
            with partial.open("wb") as handle:
                np.savez(handle, **arrays)
            os.replace(partial, path)
        except BaseException:  # a full disk or an interrupt: no half file left behind
            partial.unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path, key: tuple[int, int]) -> Facets | None:
        """The arrays saved at `path` for store state `key`; None when absent, unreadable or stale."""
        try:
            with np.load(path, allow_pickle=False) as saved:
                if tuple(int(v) for v in saved["key"]) != tuple(key):
                    return None
                return cls(**{name: saved[name] for name in _ARRAYS},
                           **{name: saved[name].astype(object) for name in _TEXTS},
                           sources=tuple(str(s) for s in saved["sources"]))
        except (OSError, EOFError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
            return None  # a damaged file is rebuilt from the store (and saved again) by the caller

    # --- masks -------------------------------------------------------------------------------

    def _entity_codes(self, ids: Iterable[str]) -> np.ndarray:
        wanted = set(ids)
        return np.flatnonzero([e in wanted for e in self.entity_ids]).astype(np.int32)

    def _mentioning(self, ids: Sequence[str]) -> np.ndarray:
        """Articles naming any of `ids`."""
        mask = np.zeros(len(self.article_ids), dtype=bool)
        mask[self.pair_article[np.isin(self.pair_entity, self._entity_codes(ids))]] = True
        return mask

    def _in_range(self, low: date | None, high: date | None) -> np.ndarray:
        """Articles published in the range, or reporting something dated in it."""
        low_day = np.datetime64(low, "D") if low else None
        high_day = np.datetime64(high, "D") if high else None

        def within(days: np.ndarray) -> np.ndarray:
            keep = ~np.isnat(days)
            if low_day is not None:
                keep &= days >= low_day
            if high_day is not None:
                keep &= days <= high_day
            return keep

        mask = within(self.published)
        mask[self.dated_article[within(self.dated_day)]] = True
        return mask

    def articles_matching(self, filters: Filters) -> np.ndarray:
        """A boolean mask over articles: every filter but event types (those select events, not articles)."""
        mask = np.ones(len(self.article_ids), dtype=bool)
        if filters.sources:
            codes = [i for i, s in enumerate(self.sources) if s in set(filters.sources)]
            mask &= np.isin(self.source_codes, codes)
        for ids in (filters.actors, filters.places):
            if ids:
                mask &= self._mentioning(ids)
        if filters.date_from or filters.date_to:
            mask &= self._in_range(filters.date_from, filters.date_to)
        return mask

    # --- aggregates --------------------------------------------------------------------------

    def _pairs(self, filters: Filters, chosen: Sequence[str], restrict: Filters | None) -> np.ndarray:
        """A mask over (article, entity) pairs: of the chosen entities, in the articles matching `restrict`
        and the date range."""
        restrict = restrict or Filters()
        scope = Filters(actors=restrict.actors, places=restrict.places, sources=restrict.sources,
                        date_from=filters.date_from, date_to=filters.date_to)
        keep = self.articles_matching(scope)[self.pair_article]
        if chosen:
            keep &= np.isin(self.pair_entity, self._entity_codes(chosen))
        return keep

    def entity_totals(self, filters: Filters, chosen: Sequence[str] = (), restrict: Filters | None = None
                      ) -> pd.DataFrame:
        """(entity_id, mentions, articles) over the articles matching `restrict` and the date range.

        `chosen` limits the entities counted (the actors or places picked in the filter).
        """
        keep = self._pairs(filters, chosen, restrict)
        entities = self.pair_entity[keep]
        size = len(self.entity_ids)
        articles = np.bincount(entities, minlength=size)
        mentions = np.bincount(entities, weights=self.pair_mentions[keep], minlength=size).astype(np.int64)
        present = np.flatnonzero(articles)
        return pd.DataFrame({"entity_id": self.entity_ids[present], "mentions": mentions[present],
                             "articles": articles[present]})

    def entity_articles(self, filters: Filters, chosen: Sequence[str] = (), restrict: Filters | None = None
                        ) -> dict[str, str]:
        """entity_id -> the comma-separated ids of the articles counted for it by `entity_totals`."""
        keep = self._pairs(filters, chosen, restrict)
        listed: dict[str, list[str]] = {}
        for entity, article in zip(self.entity_ids[self.pair_entity[keep]],
                                   self.article_ids[self.pair_article[keep]], strict=True):
            listed.setdefault(entity, []).append(article)
        return {entity: ",".join(ids) for entity, ids in listed.items()}

    def newest_articles(self, filters: Filters, limit: int | None = None) -> list[str]:
        """The ids of the matching articles, newest first (undated last, then by id), at most `limit`."""
        chosen = np.flatnonzero(self.articles_matching(filters))
        frame = pd.DataFrame({"published": self.published[chosen], "article_id": self.article_ids[chosen]})
        frame = frame.sort_values(["published", "article_id"], ascending=[False, True], na_position="last")
        return list(frame["article_id"].head(limit) if limit is not None else frame["article_id"])

    def article_counts(self, filters: Filters) -> dict:
        """How many articles match, their first and last publication dates, how many dates are inferred,
        and their sources."""
        mask = self.articles_matching(filters)
        days = self.published[mask]
        days = days[~np.isnat(days)]
        codes = np.unique(self.source_codes[mask])
        return {"articles": int(mask.sum()),
                "first": days.min().astype(date) if len(days) else None,
                "last": days.max().astype(date) if len(days) else None,
                "inferred": int(self.inferred[mask].sum()),
                "sources": sorted(self.sources[c] for c in codes if c >= 0)}
