"""The timeline page under Streamlit's AppTest, over the seeds: the number of lanes kept in the URL, the
2016 span listed apart from April 2019, report-ready titles, legends and file names from the filter, the
events-over-time chart, and the reported-deaths chart drawn only when the events carry a figure."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.test_pages import fresh_caches, open_page, server_mode  # noqa: F401 - autouse fixtures

HAFTAR = {"actor": "khalifa-haftar", "from": "2019-04-05", "to": "2019-04-08"}


@pytest.fixture
def seeds(processed_sqlite_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MARSAD_DB", processed_sqlite_db)
    return processed_sqlite_db


def charts(at: AppTest) -> list[tuple[dict, dict]]:
    """(spec, config) of each plotly chart, in page order."""
    return [(json.loads(c.proto.spec), json.loads(c.proto.config)) for c in at.get("plotly_chart")]


def title(spec: dict) -> str:
    return spec["layout"]["title"]["text"]


def caption(spec: dict) -> str:
    return next(a["text"] for a in spec["layout"]["annotations"] if a["text"].startswith("Filter:"))


def test_the_lanes_shown_come_from_the_url_and_go_back_to_it(seeds):
    at = open_page("timeline", lanes="5")
    assert at.number_input(key="timeline_lane_count").value == 5
    (timeline, _), *_ = charts(at)
    lanes = timeline["layout"]["yaxis"]["categoryarray"]  # bottom lane first
    assert len(lanes) == 6 and lanes[0].startswith("others (") and lanes[0].endswith(" actors)"), lanes
    assert "the 5 actors with most items" in caption(timeline)
    at.number_input(key="timeline_lane_count").set_value(8).run()
    assert not at.exception and at.query_params["lanes"] == "8"
    assert len(charts(at)[0][0]["layout"]["yaxis"]["categoryarray"]) == 9
    at.number_input(key="timeline_lane_count").set_value(200).run()
    every = charts(at)[0][0]["layout"]["yaxis"]["categoryarray"]
    assert not any(lane.startswith("others (") for lane in every) and len(every) > 9
    at.number_input(key="timeline_lane_count").set_value(20).run()  # the default: the URL stays clean
    assert "lanes" not in at.query_params
    lanes = charts(at)[0][0]["layout"]["yaxis"]["categoryarray"]
    assert len(lanes) == min(len(every), 21), "the top 20 and an “others” lane, or every lane when one is left"


def test_a_lanes_value_out_of_range_is_ignored(seeds):
    at = open_page("timeline", lanes="100000")
    assert at.number_input(key="timeline_lane_count").value == 20
    assert "lanes" not in at.query_params


def test_the_2016_span_is_listed_apart_and_the_axis_stays_on_april_2019(seeds):
    at = open_page("timeline")
    (timeline, _), *_ = charts(at)
    low, high = timeline["layout"]["xaxis"]["range"]
    assert "2019-04-01" <= low and high <= "2019-05-01", (low, high)
    (outside,) = [e for e in at.expander if e.label.startswith("Dated outside this window")]
    assert outside.label == "Dated outside this window (1 item)"
    (table,) = outside.dataframe
    assert [str(d) for d in table.value["date"]] == ["2016-01-01"]
    assert "1 item dated outside" in caption(timeline) and "not drawn" in caption(timeline)


def test_titles_legends_and_file_names_state_the_filter(seeds):
    at = open_page("timeline", **HAFTAR)
    (timeline, config), (events, events_config), *_ = charts(at)
    assert title(timeline) == "Events and statements: Khalifa Haftar, 5–8 Apr 2019"
    assert title(events) == "Events per week, by type: Khalifa Haftar, 5–8 Apr 2019"
    assert config["toImageButtonOptions"]["filename"] == "marsad-timeline-khalifa-haftar-2019-04-05-2019-04-08"
    assert events_config["toImageButtonOptions"]["filename"] == \
        "marsad-events-per-week-khalifa-haftar-2019-04-05-2019-04-08"
    for spec in (timeline, events):
        text = caption(spec)
        assert "Filter: actors: Khalifa Haftar; dates: 5 Apr 2019 – 8 Apr 2019." in text
        assert "Sources: " in text and "unknown source" not in text
        assert "Cite as: Marsad — Arabic conflict news as data, " in text
    legend = {t.get("name") for t in timeline["data"] if t.get("showlegend", True) and t.get("name")}
    assert {"dated in the sentence"} < legend and legend & {"armed clash", "attack", "airstrike"}, legend
    types = {t["name"] for t in events["data"]}
    assert types and all(t["type"] == "bar" for t in events["data"])
    assert events["layout"]["barmode"] == "stack" and events["layout"]["legend"]


def test_events_per_month_from_the_url(seeds):
    at = open_page("timeline", per="month")
    assert at.segmented_control(key="timeline_events_per").value == "month"
    assert title(charts(at)[1][0]).startswith("Events per month, by type: all articles")
    at.segmented_control(key="timeline_events_per").set_value("week").run()
    assert "per" not in at.query_params and title(charts(at)[1][0]).startswith("Events per week")


def _with_killed(monkeypatch: pytest.MonkeyPatch, killed: object) -> None:
    from components import data

    events = data.events

    def reading(*args, **kwargs) -> pd.DataFrame:
        return events(*args, **kwargs).assign(killed=killed)

    monkeypatch.setattr(data, "events", reading)


@pytest.mark.parametrize("killed", [None, 2])
def test_reported_deaths_are_drawn_only_when_the_events_carry_them(seeds, monkeypatch, killed):
    _with_killed(monkeypatch, killed)
    at = open_page("timeline")
    titles = [title(spec) for spec, _ in charts(at)]
    drawn = [t for t in titles if t.startswith("People reported killed per week")]
    if killed is None:
        assert not drawn, titles
        return
    assert len(drawn) == 1, titles
    spec = charts(at)[titles.index(drawn[0])][0]
    assert sum(sum(t["y"]) for t in spec["data"]) > 0
    assert "Deaths as the articles report them" in caption(spec)
