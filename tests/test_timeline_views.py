"""The timeline's data shaping and figures, without Streamlit: top lanes and "others", the window
holding the bulk of the dates, per-week and per-month counts, report titles, captions and file names."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pandas as pd
import pytest

from components.figure_report import CITATION, Report, day_range, report_ready, sources_line
from components.timeline_chart import LANE_PX, date_ticks, legend_height, timeline_figure, type_color
from marsad.filters import Filters
from marsad.views import (
    bin_counts,
    focus_range,
    killed_per_period,
    lane_order,
    shown_range,
    split_window,
    timeline_rows,
    top_lanes,
    top_types,
)


def _rows(items: list[tuple[str, date]], kind: str = "statement") -> pd.DataFrame:
    """Timeline rows (as timeline_rows makes them) for (lane, day) pairs."""
    return pd.DataFrame([{"start": day, "end": day, "lane": lane, "kind": kind, "label": f"{lane} said",
                          "sentence": "قال", "precision": "day", "inferred": False, "article_id": "a",
                          "sentence_start": 0, "color_key": "neutral"} for lane, day in items])


# ---------------------------------------------------------------------------------------------------------
# Top lanes and "others"


def test_two_hundred_actors_become_the_top_twenty_and_one_others_lane():
    rng = random.Random(17)
    counts = {f"actor {i:03d}": 200 - i for i in range(200)}  # actor 000 has most items, 199 fewest
    items = [(lane, date(2019, 4, 1) + timedelta(days=rng.randrange(30))) for lane, n in counts.items()
             for _ in range(n)]
    rng.shuffle(items)
    rows, folded = top_lanes(_rows(items), 20)
    assert folded == 180
    lanes = set(rows["lane"])
    assert lanes == {f"actor {i:03d}" for i in range(20)} | {"others (180 actors)"}
    assert len(rows) == len(items), "every item is still drawn"
    assert (rows["lane"] == "others (180 actors)").sum() == sum(200 - i for i in range(20, 200))
    order = lane_order(rows)
    assert order[-1] == "others (180 actors)" and len(order) == 21


def test_ties_go_to_the_earlier_lane_and_a_lone_leftover_lane_is_kept():
    rows = _rows([("late", date(2019, 4, 9)), ("early", date(2019, 4, 2)), ("busy", date(2019, 4, 5)),
                  ("busy", date(2019, 4, 6))])
    kept, folded = top_lanes(rows, 1)
    assert folded == 2 and set(kept["lane"]) == {"busy", "others (2 actors)"}
    kept, folded = top_lanes(pd.concat([rows, _rows([("third", date(2019, 4, 1))])]), 2, "event types")
    assert set(kept["lane"]) == {"busy", "third", "others (2 event types)"}, "ties: the earlier first item wins"
    same, folded = top_lanes(rows, 2)  # one lane left over: "others (1)" would only rename it
    assert folded == 0 and set(same["lane"]) == {"late", "early", "busy"}
    assert top_lanes(rows.iloc[:0], 20)[1] == 0


def test_lanes_run_top_down_by_first_item():
    rows = _rows([("b", date(2019, 4, 3)), ("a", date(2019, 4, 5)), ("others (4 actors)", date(2019, 4, 1)),
                  ("c", date(2019, 4, 1))])
    assert lane_order(rows) == ["c", "b", "a", "others (4 actors)"]


def test_an_event_goes_to_the_filtered_actors_lane():
    events = pd.DataFrame([{"type": "armed_clash", "label_en": "armed clash", "date": date(2019, 4, 6),
                            "date_precision": "day", "sentence": "اشتباكات", "article_id": "a", "start": 5,
                            "actors_en": "AFRICOM; Khalifa Haftar", "actor_ids": "africom,khalifa-haftar",
                            "place_en": "Tripoli"}])
    statements = pd.DataFrame()
    assert timeline_rows(statements, events)["lane"].tolist() == ["AFRICOM"]
    assert timeline_rows(statements, events, focus=("khalifa-haftar",))["lane"].tolist() == ["Khalifa Haftar"]


# ---------------------------------------------------------------------------------------------------------
# The window holding the bulk of the dates


def _july_2015(n: int = 300) -> list[date]:
    return [date(2015, 7, 21) + timedelta(days=i % 22) for i in range(n)]


def test_history_recalled_in_the_articles_falls_outside_the_window():
    days = pd.Series([*_july_2015(), date(1864, 1, 1), date(1969, 9, 1), date(2011, 2, 17)])
    low, high = focus_range(days)
    assert date(2015, 6, 1) <= low <= date(2015, 7, 21) and date(2015, 8, 11) <= high <= date(2015, 10, 1)
    rows = _rows([("x", d) for d in days])
    inside, outside = split_window(rows, (low, high))
    assert sorted(outside["start"]) == [date(1864, 1, 1), date(1969, 9, 1), date(2011, 2, 17)]
    x_low, x_high = shown_range(inside["start"], inside["end"], (low, high))
    assert date(2015, 7, 18) <= x_low < date(2015, 7, 21) and date(2015, 8, 11) < x_high <= date(2015, 8, 15)


def test_years_of_news_or_two_clusters_are_kept_whole():
    years = pd.Series([date(2011, 1, 1) + timedelta(days=7 * i) for i in range(260)])
    low, high = focus_range(years)
    assert low <= date(2011, 1, 1) and high >= years.max()
    clusters = pd.Series([date(2011, 3, 1)] * 40 + [date(2015, 7, 1)] * 60)
    low, high = focus_range(clusters)
    assert low <= date(2011, 3, 1) and high >= date(2015, 7, 1)


def test_per_day_counts_weigh_like_the_items_they_count():
    days = _july_2015(100) + [date(1969, 9, 1)]
    counts = pd.Series(days).value_counts()
    assert focus_range(pd.Series(counts.index), counts.reset_index(drop=True)) == focus_range(pd.Series(days))
    stamps = pd.to_datetime(pd.Series(counts.index))
    assert focus_range(stamps, counts.reset_index(drop=True)) == focus_range(pd.Series(days))
    assert focus_range(pd.Series([], dtype=object)) is None


def test_a_span_reaching_into_the_window_stays():
    rows = _rows([("x", d) for d in _july_2015(30)])
    span = _rows([("y", date(2015, 1, 1))]).assign(end=date(2015, 12, 31), precision="year")
    inside, outside = split_window(pd.concat([rows, span]), focus_range(rows["start"]))
    assert "y" in set(inside["lane"]) and outside.empty


# ---------------------------------------------------------------------------------------------------------
# Counts per week or month, reported deaths


def test_counts_per_week_start_on_monday_and_per_month_on_the_first():
    daily = pd.DataFrame({"date": pd.to_datetime(["2019-04-07", "2019-04-08", "2019-04-14", "2019-05-02"]),
                          "type": ["attack"] * 4, "items": [1, 2, 3, 4]})
    weekly = bin_counts(daily, "week")
    assert weekly["date"].dt.strftime("%Y-%m-%d").tolist() == ["2019-04-01", "2019-04-08", "2019-04-29"]
    assert weekly["items"].tolist() == [1, 5, 4]
    monthly = bin_counts(daily, "month")
    assert monthly["date"].dt.strftime("%Y-%m-%d").tolist() == ["2019-04-01", "2019-05-01"]
    assert monthly["items"].tolist() == [6, 4]


def test_beyond_the_most_frequent_types_the_rest_stack_as_other_types():
    table = pd.DataFrame({"date": pd.to_datetime(["2019-04-01"] * 5 + ["2019-04-08"] * 5),
                          "type": ["a", "b", "c", "d", "e"] * 2, "items": [9, 8, 1, 1, 1, 9, 8, 2, 0, 1]})
    folded = top_types(table, 2)
    assert folded[folded["date"] == "2019-04-08"].set_index("type")["items"].to_dict() == {
        "a": 9, "b": 8, "other types (3)": 3}
    assert folded["items"].sum() == table["items"].sum()
    assert top_types(table, 4) is table, "one type left over is shown as itself"
    colors = {type_color(t) for t in ("looting", "siege", "release", "sanctions")}
    assert len(colors) == 4 and type_color("armed_clash") == "#d62728", "no two types share the default"


def test_reported_deaths_are_summed_when_the_events_carry_them():
    events = pd.DataFrame({"date": [date(2019, 4, 6), date(2019, 4, 7), date(2019, 4, 20), None],
                           "type": ["airstrike", "airstrike", "armed_clash", "attack"], "killed": [3, None, 5, 9]})
    assert killed_per_period(events.drop(columns="killed"), "week") is None
    assert killed_per_period(events.assign(killed=None), "week") is None
    table = killed_per_period(events, "week")
    assert table[["type", "killed"]].values.tolist() == [["airstrike", 3], ["armed_clash", 5]]
    assert killed_per_period(events, "month")["killed"].sum() == 8


# ---------------------------------------------------------------------------------------------------------
# Report-ready figures

HAFTAR = Filters(actors=("khalifa-haftar",), date_from=date(2019, 4, 5), date_to=date(2019, 4, 8))
NAMES = {"khalifa-haftar": "Khalifa Haftar", "ly-tripoli": "Tripoli"}


def test_title_caption_and_file_name_say_what_the_chart_shows():
    report = Report(HAFTAR, NAMES, "عودة القوة الأميركية (الجزيرة)", date(2026, 1, 15))
    assert report.title("Events and statements", None) == "Events and statements: Khalifa Haftar, 5–8 Apr 2019"
    assert report.filename("timeline", None, "png") == "marsad-timeline-khalifa-haftar-2019-04-05-2019-04-08.png"
    caption = report.caption(["2 items dated outside 1 Jan – 1 Jun 2019 not drawn."])
    assert "Filter: actors: Khalifa Haftar; dates: 5 Apr 2019 – 8 Apr 2019. 2 items dated outside" in caption
    assert "Sources: عودة القوة الأميركية (الجزيرة)." in caption
    assert f"Exported 2026-01-15. Cite as: {CITATION}, 2026-01-15." in caption
    everything = Report(Filters(places=("ly-tripoli",)), NAMES, "", date(2026, 1, 15))
    shown = (date(2019, 4, 5), date(2019, 4, 30))
    assert everything.title("Events per week, by type", shown) == "Events per week, by type: in Tripoli, 5–30 Apr 2019"
    assert everything.filename("events per week", shown, "svg") == "marsad-events-per-week-ly-tripoli-2019-04-05-2019-04-30.svg"


def test_sources_name_no_unknown_source_and_tags_are_escaped():
    articles = pd.DataFrame({"title": ["أمريكا تقرّ بوجود قوات", "عنوان <b>عاجل</b>"], "source": [None, "وكالة"]})
    line = sources_line(articles, total=12)
    assert "unknown" not in line and "()" not in line
    assert line.endswith("; and 10 more articles")
    caption = Report(Filters(), {}, line, date(2026, 1, 15)).caption()
    assert "<b>" not in caption and "&lt;b&gt;" in caption


def test_date_ranges_and_ticks_read_like_a_report():
    assert day_range(date(2019, 4, 5), date(2019, 4, 8)) == "5–8 Apr 2019"
    assert day_range(date(2019, 3, 28), date(2019, 4, 8)) == "28 Mar – 8 Apr 2019"
    assert day_range(date(2018, 12, 30), date(2019, 1, 2)) == "30 Dec 2018 – 2 Jan 2019"
    assert day_range(date(2019, 4, 6), date(2019, 4, 6)) == "6 Apr 2019"
    values, labels = date_ticks(date(2015, 4, 17), date(2015, 11, 11))
    assert labels == ["May 2015", "Jul", "Sep", "Nov"] and values[0] == "2015-05-01"
    assert date_ticks(date(2018, 12, 20), date(2019, 1, 20))[1][:3] == ["24 Dec 2018", "31 Dec", "7 Jan 2019"]
    assert date_ticks(date(1860, 1, 1), date(2020, 1, 1))[1] == ["1900", "1950", "2000"]
    assert date_ticks(date(2019, 4, 5), date(2019, 4, 9))[1] == ["5 Apr 2019", "6 Apr", "7 Apr", "8 Apr", "9 Apr"]


@pytest.mark.parametrize("lanes", [4, 21])
def test_the_timeline_has_a_legend_for_every_mark_and_dates_on_top_and_bottom(lanes):
    items = [(f"actor {i}", date(2019, 4, 1 + i % 20)) for i in range(lanes)]
    rows = _rows(items)
    rows.loc[0, ["kind", "color_key"]] = ["event", "armed_clash"]
    rows.loc[1, ["color_key", "inferred"]] = ["deny", True]
    rows.loc[2, ["end", "precision"]] = [date(2019, 4, 30), "month"]
    figure = timeline_figure(rows, (date(2019, 3, 31), date(2019, 5, 1)))
    names = [t.name for t in figure.data if t.showlegend is not False and t.name]
    assert {"armed clash", "denied, rejected", "said, other verbs", "dated in the sentence",
            "dated by publication only", "a week, month or year"} <= set(names)
    titles = [t.legendgrouptitle.text for t in figure.data if t.legendgrouptitle.text]
    assert titles == ["Statements (●), colour: stance", "Events (◆), colour: type", "Marks"]
    layout = figure.layout
    assert layout.xaxis2.side == "top" and layout.xaxis2.matches == "x"
    assert list(layout.xaxis.tickvals) == list(layout.xaxis2.tickvals)
    assert any(t.xaxis == "x2" for t in figure.data), "an axis is drawn only with a trace on it"
    assert tuple(layout.yaxis.range) == (-0.6, lanes - 0.4), "the lanes fill the plot"
    plot = layout.height - layout.margin.t - layout.margin.b
    assert plot == max(LANE_PX * lanes, legend_height(figure.to_dict()["data"])), "as tall as the lanes or the legend"
    assert lanes < 10 or plot == LANE_PX * lanes
    captioned = report_ready(figure, "A title", "Filter: all articles.<br>Sources: none.<br>Exported")
    assert captioned.layout.height - captioned.layout.margin.t - captioned.layout.margin.b == plot
