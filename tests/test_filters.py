from datetime import date

import pytest

from marsad.filters import Filters


@pytest.mark.parametrize("query, expected", [
    ({}, Filters()),
    ({"actor": "khalifa-haftar,africom"}, Filters(actors=("khalifa-haftar", "africom"))),
    ({"actor": ["khalifa-haftar"], "from": "2019-04-01", "to": "2019-04-10"},
     Filters(actors=("khalifa-haftar",), date_from=date(2019, 4, 1), date_to=date(2019, 4, 10))),
    ({"from": "not a date", "event": "armed_clash"}, Filters(event_types=("armed_clash",))),
    ({"place": "ly-tripoli,,ly-tripoli"}, Filters(places=("ly-tripoli",))),
])
def test_from_query(query: dict, expected: Filters) -> None:
    assert Filters.from_query(query) == expected


def test_round_trip_through_the_url() -> None:
    filters = Filters(actors=("gna",), places=("ly-janzour",), event_types=("evacuation",), sources=("الجزيرة",),
                      date_from=date(2019, 4, 4), date_to=date(2019, 4, 10))
    assert Filters.from_query(filters.to_query()) == filters


def test_describe() -> None:
    names = {"khalifa-haftar": "Khalifa Haftar"}
    caption = Filters(actors=("khalifa-haftar",), date_from=date(2019, 4, 4), date_to=date(2019, 4, 10)) \
        .describe(names)
    assert caption == "actors: Khalifa Haftar; dates: 4 Apr 2019 – 10 Apr 2019"
    assert Filters().describe() == "all articles"
