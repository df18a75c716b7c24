from datetime import date

import pandas as pd

from marsad.views import (
    claims_and_denials,
    map_bounds,
    marker_radius,
    place_clicked,
    span_end,
    timeline_rows,
)

PLACES = pd.DataFrame([
    {"place_id": "ly-tripoli", "name_en": "Tripoli", "lat": 32.8874, "lon": 13.1873, "kind": "city", "mentions": 24},
    {"place_id": "ly-janzour", "name_en": "Janzour", "lat": 32.8187, "lon": 13.0173, "kind": "town", "mentions": 2},
    {"place_id": "ly-yarmouk-camp", "name_en": "Yarmouk camp (Tripoli)", "lat": 32.79, "lon": 13.185,
     "kind": "base", "mentions": 2},
    {"place_id": "ly", "name_en": "Libya", "lat": 26.6389, "lon": 18.011, "kind": "country", "mentions": 16},
    {"place_id": "us", "name_en": "United States", "lat": 39.5, "lon": -97.5, "kind": "country", "mentions": 12},
])


def test_a_click_on_a_marker_finds_its_place() -> None:
    # Leaflet reports the mouse position for big circles: a click 0.01° off still finds Janzour.
    assert place_clicked(PLACES, {"lat": 32.8287, "lng": 13.0123}) == "ly-janzour"
    assert place_clicked(PLACES, {"lat": 30.0, "lng": 10.0}) is None
    assert place_clicked(PLACES, None) is None


def test_the_tooltip_names_the_clicked_place() -> None:
    assert place_clicked(PLACES, {"lat": 0, "lng": 0}, "Yarmouk camp") == "ly-yarmouk-camp"
    assert place_clicked(PLACES, None, "Janzour · جنزور (2)") == "ly-janzour"


def test_map_frames_the_specific_places_not_the_countries() -> None:
    south, west, north, east = map_bounds(PLACES)
    assert 32.5 < south < 32.82 and 33.0 > north > 32.88 and 12.9 < west < 13.02 and 13.5 > east > 13.18


def test_marker_radius_grows_with_mentions() -> None:
    assert marker_radius(1, 24) < marker_radius(2, 24) < marker_radius(24, 24) == 26.0


def test_span_end() -> None:
    assert span_end(date(2019, 4, 1), "month") == date(2019, 4, 30)
    assert span_end(date(2016, 1, 1), "year") == date(2016, 12, 31)
    assert span_end(date(2019, 4, 7), "day") == date(2019, 4, 7)


def _statement(statement_id: str, speaker: str, stance: str, quote: str, article: str = "a") -> dict:
    return {"statement_id": statement_id, "speaker_id": speaker, "speaker_en": speaker, "stance": stance,
            "quote": quote, "sentence": quote, "article_id": article, "date": date(2019, 4, 7),
            "date_precision": "reported", "verb": "said", "start": 0, "speaker_text": speaker}


def test_a_denial_is_paired_with_the_claim_it_contradicts() -> None:
    frame = pd.DataFrame([
        _statement("c1", "gna", "neutral", "القوات الأميركية عادت إلى العاصمة طرابلس ومدينة مصراتة"),
        _statement("c2", "un", "neutral", "المحادثات السياسية مستمرة في جنيف"),
        _statement("d1", "africom", "deny", "الأنباء حول عودة القوات الأميركية إلى العاصمة طرابلس"),
    ])
    pairs = claims_and_denials(frame)
    assert pairs[["claim_id", "denial_id"]].to_dict("records") == [{"claim_id": "c1", "denial_id": "d1"}]
    assert pairs["why"][0] == "4 shared words; same article"


def test_timeline_rows_mark_reported_dates_and_spans() -> None:
    statements = pd.DataFrame([_statement("s1", "gna", "assert", "نص")])
    events = pd.DataFrame([{"type": "armed_clash", "label_en": "armed clash", "date": date(2016, 1, 1),
                            "date_precision": "year", "sentence": "اشتباكات في سرت", "article_id": "a",
                            "start": 5, "actors_en": "Bunyan al-Marsoos forces", "place_en": "Sirte"}])
    rows = timeline_rows(statements, events)
    assert list(rows["kind"]) == ["event", "statement"]
    assert rows.loc[0, "end"] == date(2016, 12, 31) and rows.loc[1, "inferred"]


def test_items_outside_the_opening_window_are_counted() -> None:
    from marsad.views import focus_range, outside_window

    # April 2019 around Tripoli, and one year-long span from 2016 (Sirte): the chart opens on April.
    starts = pd.Series([date(2019, 4, d) for d in (4, 6, 7, 7, 8, 9, 10, 12, 20, 28)] + [date(2016, 1, 1)])
    ends = starts.where(starts.map(lambda d: d.year == 2019), date(2016, 12, 31))
    window = focus_range(starts)
    assert window[0] > date(2016, 12, 31) and window[1] >= date(2019, 4, 28)
    assert outside_window(starts, ends, window) == 1
    assert outside_window(starts, ends, (date(2016, 6, 1), date(2019, 5, 1))) == 0, "a span reaching in is shown"
    assert outside_window(starts, ends, None) == 0


def test_long_spans_are_counted_per_week_or_month():
    from marsad.views import timeline_unit

    start = date(2017, 1, 1)
    assert timeline_unit(start, date(2017, 1, 30)) == "day"
    assert timeline_unit(start, date(2018, 5, 15)) == "week"
    assert timeline_unit(start, date(2021, 12, 31)) == "month"
    assert timeline_unit(None, date(2019, 4, 7)) == "day"
