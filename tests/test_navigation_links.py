"""The sidebar's page links (components/navigation.py) carry the filter and the charts' settings: the
timeline's lanes and per, the actors matrix's relation and size, as soon as they change, on every page,
and not when they are back at their defaults."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from components.navigation import PAGES
from tests.test_pages import (  # noqa: F401 - fresh_caches and server_mode: autouse fixtures, as in test_pages
    fresh_caches,
    open_page,
    server_mode,
)


@pytest.fixture
def seeds_url(processed_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MARSAD_DB", processed_db)
    return processed_db


def links(at) -> dict[str, dict[str, list[str]]]:  # noqa: ANN001 - an AppTest
    """Each sidebar page link's label -> its query parameters."""
    titles = {title for _script, title, _icon in PAGES}
    return {link.proto.label: parse_qs(link.proto.query_string) for link in at.get("page_link")
            if link.proto.label in titles}


def test_the_links_carry_the_timelines_lanes_and_per(seeds_url):
    at = open_page("timeline", actor="khalifa-haftar")
    first = links(at)
    assert set(first) == {"Overview", "Map", "Timeline", "Actors & statements", "Articles"}
    assert all(query == {"actor": ["khalifa-haftar"]} for query in first.values()), "defaults stay out"
    at.number_input(key="timeline_lane_count").set_value(7).run()
    assert at.query_params["lanes"] == "7"
    assert all(query.get("lanes") == ["7"] and query["actor"] == ["khalifa-haftar"] for query in links(at).values())
    at.segmented_control(key="timeline_events_per").set_value("month").run()
    assert all(query.get("per") == ["month"] and query.get("lanes") == ["7"] for query in links(at).values())
    # on another page, the links still carry them (the session keeps what the timeline set)
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert all(query.get("per") == ["month"] and query.get("lanes") == ["7"] for query in links(at).values())
    # back on the timeline, at the default again: out of the links
    at.switch_page("pages/timeline.py").run()
    assert at.number_input(key="timeline_lane_count").value == 7
    at.number_input(key="timeline_lane_count").set_value(20).run()
    assert all("lanes" not in query and query.get("per") == ["month"] for query in links(at).values())


def test_a_link_with_settings_is_carried_before_its_chart_is_drawn(seeds_url):
    at = open_page("overview", lanes="30", per="month", pairs="speaks", pairs_top="5")
    assert all(query.get("lanes") == ["30"] and query.get("per") == ["month"] and query.get("pairs") == ["speaks"]
               and query.get("pairs_top") == ["5"] for query in links(at).values())
    at = open_page("timeline", lanes="junk", per="fortnight")
    assert all("lanes" not in query and "per" not in query for query in links(at).values()), "nonsense dropped"


def test_the_links_carry_the_actor_matrix_settings(seeds_url):
    at = open_page("actors", who="khalifa-haftar", view="matrix")
    at.segmented_control(key="pairs_relation").set_value("speaks").run()
    at.number_input(key="pairs_top_count").set_value(6).run()
    carried = links(at)["Timeline"]
    assert carried.get("pairs") == ["speaks"] and carried.get("pairs_top") == ["6"]
    assert "who" not in carried and "view" not in carried, "the page's own selections stay behind"
