"""Reported deaths past the 3,000 items the timeline lists one by one: the store sums them per day
(marsad.store.reads.killed_per_day, SQLite and PostgreSQL) and the timeline page still draws the
chart, from every matching event, history dated far away left out, per week or month, by type."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest

from marsad.filters import Filters
from marsad.records import Analysis, Article, Event
from marsad.store import Store, reads
from tests.test_pages import fresh_caches, infos, open_page, server_mode  # noqa: F401 - autouse fixtures
from tests.test_timeline_page import caption, charts, title

ARTICLES, PER_ARTICLE = 32, 100  # 3,200 events: past the 3,000 items the timeline draws one by one
FIRST = date(2019, 1, 7)  # a Monday
SENTENCE = "قتل ثلاثة في اشتباك."


def _event(at: int, kind: str, day: date, killed: int | None, precision: str = "day") -> Event:
    return Event(at, at + len(SENTENCE), SENTENCE, kind, kind.replace("_", " "), "قتل", at, at + 3, day, precision,
                 None, killed=killed)


# Two tolls no chart over time can place: a war's tally the sentence does not date, and one since a year.
TALLIES = {"reported": 3500, "year": 15000}


def save_many(store: Store, articles: int = ARTICLES, per_article: int = PER_ARTICLE,
              tallies: bool = False) -> dict[str, int]:
    """`articles` articles of `per_article` events each, a day apart (from 7 Jan 2019), armed clashes
    killing 3 and airstrikes killing 2 (every tenth event gives no figure); the first article also
    recalls an 1864 battle killing 500 (and, with `tallies`, the two TALLIES). Returns the deaths by type,
    the 1864 one and the tallies apart."""
    totals = {"armed_clash": 0, "airstrike": 0}
    for number in range(articles):
        day = FIRST + timedelta(days=number * 5)
        found = []
        for index in range(per_article):
            kind = "armed_clash" if index % 2 else "airstrike"
            killed = None if index % 10 == 0 else 3 if kind == "armed_clash" else 2
            totals[kind] += killed or 0
            found.append(_event(index * 40, kind, day, killed))
        if number == 0:
            found.append(_event(per_article * 40, "armed_clash", date(1864, 5, 1), 500))
            if tallies:
                found += [_event(per_article * 40 + 8 * (i + 1), "killing", day if precision == "reported"
                                 else date(2009, 1, 1), killed, precision)
                          for i, (precision, killed) in enumerate(TALLIES.items())]
        text = SENTENCE.ljust(per_article * 40 + 40, " ")
        store.save(Analysis(article=Article(f"a{number:03d}", f"عنوان {number}", text, "Reuters", published=day),
                            events=found))
    return totals


def test_the_store_sums_the_deaths_per_day_and_type(store):
    totals = save_many(store, articles=3, per_article=10)
    daily = reads.killed_per_day(store, Filters())
    assert list(daily.columns) == ["date", "type", "killed"]
    assert daily["date"].iloc[0] == date(1864, 5, 1) and daily["killed"].iloc[0] == 500
    recent = daily[daily["date"] > date(2000, 1, 1)]
    assert recent.groupby("type")["killed"].sum().to_dict() == totals
    assert len(recent) == 6, "one row per day and type"
    only = reads.killed_per_day(store, Filters(event_types=("airstrike",), date_from=date(2019, 1, 8)))
    assert set(only["type"]) == {"airstrike"} and only["killed"].sum() == 2 * totals["airstrike"] // 3
    assert reads.killed_per_day(store, Filters(sources=("nobody",))).empty


@pytest.fixture(scope="module")
def many_url(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, int]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('many-deaths') / 'many.sqlite'}"
    return url, save_many(Store(url), tallies=True)


@pytest.fixture
def many(many_url, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setenv("MARSAD_DB", many_url[0])
    return many_url[1]


def _deaths_chart(at) -> dict:  # noqa: ANN001 - an AppTest
    drawn = [spec for spec, _ in charts(at) if title(spec).startswith("People reported killed per")]
    assert len(drawn) == 1, [title(spec) for spec, _ in charts(at)]
    return drawn[0]


def test_past_three_thousand_items_the_deaths_chart_counts_every_event(many):
    at = open_page("timeline")
    assert any("too many to draw one by one" in i for i in infos(at)), "the timeline counts instead"
    spec = _deaths_chart(at)
    assert title(spec).startswith("People reported killed per week")
    by_type = {trace["name"]: sum(trace["y"]) for trace in spec["data"]}
    assert by_type == {"armed clash": many["armed_clash"], "airstrike": many["airstrike"]}, "1864 left out"
    weeks = {x for trace in spec["data"] for x in trace["x"]}
    assert 20 <= len(weeks) <= 30, "a bar a week over the five months, not a spike"
    assert all(str(x)[:4] == "2019" for x in weeks)
    assert "Deaths as the articles report them" in caption(spec)
    assert "500 reported killed dated outside" in caption(spec), "the 1864 battle, said to be left out"
    # the tallies: not on the chart (by_type above), said so in the caption, listed with their sentences
    assert "18,500 reported killed in 2 events that cannot be put on a day" in caption(spec)
    [apart] = [e for e in at.expander if e.label.startswith("Tolls not drawn")]
    assert apart.label == "Tolls not drawn: 18,500 reported killed in 2 events"
    listed = html.unescape(" ".join(m.value for m in apart.markdown))  # escaped for markdown
    assert "<b>15,000 killed</b> · killing · 2009-01-01 (a year)" in listed
    assert "3,500 killed</b> · killing · 2019-01-07 (publication date: no date in the sentence)" in listed
    assert SENTENCE in listed and "dir='rtl'" in listed


def test_the_store_lists_the_tolls_no_day_can_hold(store):
    save_many(store, articles=2, per_article=10, tallies=True)
    apart = reads.tolls_apart(store, Filters())
    assert apart["killed"].tolist() == [15000, 3500] and apart["date_precision"].tolist() == ["year", "reported"]
    daily = reads.killed_per_day(store, Filters())
    assert 15000 not in daily["killed"].tolist() and daily["killed"].max() < 1000
    assert reads.tolls_apart(store, Filters(event_types=("airstrike",))).empty


def test_past_three_thousand_items_the_deaths_chart_follows_the_filter_and_per(many):
    at = open_page("timeline", per="month", event="airstrike")
    spec = _deaths_chart(at)
    assert title(spec).startswith("People reported killed per month")
    assert [trace["name"] for trace in spec["data"]] == ["airstrike"]
    assert sum(spec["data"][0]["y"]) == many["airstrike"] and len(spec["data"][0]["x"]) == 6  # Jan to Jun
