"""Filtered full-text search on SQLite and PostgreSQL: the hits within a filter are the unfiltered hits
the filter keeps, in the same order: an article's row when the facets index (numpy, marsad/store/facets.py)
selects the article, a statement's when the statements list does. The date filter (articles published
in the range, or reporting a statement or event dated in it) is a UNION of three index ranges and
PostgreSQL's search a UNION ALL of the article and the statement rows (marsad/store/where.py, search.py):
the same hits as the OR they replace."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from marsad.filters import Filters
from marsad.records import Actor, Analysis, Article, Event, Mention, Statement
from marsad.store import Store

WORD = "الحكومة"
ACTORS = {"gna": Actor("gna", "GNA", "حكومة الوفاق", "government"),
          "lna": Actor("lna", "LNA", "الجيش الوطني", "armed_group")}
START = date(2019, 3, 1)


def save_articles(store: Store, n: int = 14) -> None:
    """n articles, one every 5 days from 1 March 2019 (every fifth undated), from two sources; each with a
    statement dated 40 days after publication (every third undated) by the GNA or the LNA naming the
    other, and an event dated 20 days before publication. Every title, text and quote holds WORD."""
    for i in range(n):
        published = None if i % 5 == 4 else START + timedelta(days=5 * i)
        anchor = START + timedelta(days=5 * i)
        speaker, other = ("gna", "lna") if i % 2 else ("lna", "gna")
        sentence = f"قال المتحدث إن {WORD} مستعدة للحوار."
        text = f"{sentence} ووقع اشتباك قرب المدينة."
        said = Statement(0, len(sentence), sentence, speaker, "said", "قال", "neutral", f"{WORD} مستعدة للحوار",
                         False, None if i % 3 == 0 else anchor + timedelta(days=40), "day")
        clash = Event(len(sentence) + 1, len(text), "ووقع اشتباك قرب المدينة.", "armed_clash", "armed clash", "اشتباك",
                      len(sentence) + 5, len(sentence) + 11, anchor - timedelta(days=20), "day", None,
                      actor_ids=(speaker,))
        mentions = [Mention(0, 3, "قال", "ORGANIZATION", speaker, "lexicon"),
                    Mention(4, 11, "المتحدث", "ORGANIZATION", other, "lexicon")]
        store.save(Analysis(article=Article(f"a{i:02d}", f"{WORD} رقم {i}", text, "Reuters" if i % 2 else "Jazeera",
                                            published=published),
                            actors=ACTORS, mentions=mentions, statements=[said], events=[clash]))


@pytest.fixture
def many(store: Store) -> Store:
    save_articles(store)
    return store


def _filters() -> list[Filters]:
    middle, late = START + timedelta(days=30), START + timedelta(days=60)
    return [Filters(), Filters(date_from=middle), Filters(date_to=middle), Filters(date_from=middle, date_to=late),
            Filters(date_from=START + timedelta(days=200)),  # only statements dated that late... none
            Filters(date_from=START - timedelta(days=20), date_to=START - timedelta(days=10)),  # events alone
            Filters(sources=("Reuters",)), Filters(sources=("Reuters",), date_from=middle),
            Filters(actors=("gna",)), Filters(actors=("gna",), actor_role="speaker"),
            Filters(actors=("gna",), actor_role="mentioned", date_to=late),
            Filters(actors=("lna",), actor_role="participant"), Filters(event_types=("armed_clash",))]


@pytest.mark.parametrize("filters", _filters(), ids=lambda f: ",".join(f"{k}={v}" for k, v in f.to_query().items()) or "none")
def test_filtered_hits_are_the_hits_the_filter_keeps(many, filters):
    everything = many.search(WORD, Filters(), limit=1000)
    assert len(everything) == 28, "14 articles and their 14 statements"
    facets = many.facets()
    kept_articles = set(facets.article_ids[facets.articles_matching(filters)].tolist())
    kept_statements = set(many.statements(filters)["statement_id"])
    expected = [(h.article_id, h.statement_id) for h in everything
                if (h.statement_id is None and h.article_id in kept_articles) or h.statement_id in kept_statements]
    found = [(h.article_id, h.statement_id) for h in many.search(WORD, filters, limit=1000)]
    assert found == expected, "the same hits, newest first"
    assert many.search_count(WORD, filters) == len(expected)
    page = [(h.article_id, h.statement_id) for h in many.search(WORD, filters, limit=3, offset=2)]
    assert page == expected[2:5]


def test_the_date_filter_takes_publication_statement_and_event_dates(many):
    early = Filters(date_from=START - timedelta(days=20), date_to=START - timedelta(days=16))
    hits = many.search(WORD, early, limit=100)
    # only the first article's event (20 days before 1 March) is dated so: its article, none of the statements
    assert [(h.article_id, h.statement_id) for h in hits] == [("a00", None)]
