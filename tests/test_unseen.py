"""Articles from other conflicts, written for the tests: the pipeline must carry, not just fit the seeds."""

from datetime import date
from pathlib import Path

import pytest

from marsad.ingest import read_path
from marsad.lexicon import load_lexicon
from marsad.pipeline import analyse

FIXTURES = Path(__file__).parent / "fixtures" / "unseen"


@pytest.fixture(scope="module")
def lebanon():
    return analyse(read_path(FIXTURES / "lebanon.txt")[0], load_lexicon())


@pytest.fixture(scope="module")
def iraq():
    return analyse(read_path(FIXTURES / "iraq.txt")[0], load_lexicon())


def test_lebanon_places_resolve_in_lebanon(lebanon) -> None:
    countries = {p.country for p in lebanon.places.values()}
    assert "LB" in countries and "LY" not in countries  # طرابلس here is Tripoli, Lebanon
    tripoli = [p for p in lebanon.places.values() if p.name_ar == "طرابلس"]
    assert tripoli and tripoli[0].country == "LB"


def test_lebanon_statements(lebanon) -> None:
    by_speaker = {s.speaker_text: s for s in lebanon.statements}
    spokesman = next(s for s in lebanon.statements if s.speaker_text == "أفيخاي أدرعي")
    assert spokesman.date == date(2024, 1, 9)
    assert any(s.speaker_id == "hezbollah" and s.stance == "announce" for s in lebanon.statements)
    assert any(s.stance == "warn" for s in lebanon.statements), by_speaker


def test_lebanon_events_and_dates(lebanon) -> None:
    airstrikes = [e for e in lebanon.events if e.type == "airstrike"]
    assert any(e.date == date(2024, 1, 9) and e.date_precision == "day" for e in airstrikes)
    protests = [e for e in lebanon.events if e.type == "protest"]
    assert protests and protests[0].date == date(2024, 1, 8)


def test_iraq(iraq) -> None:
    assert {"IQ"} <= {p.country for p in iraq.places.values()}
    assert {"Kirkuk", "Mosul"} <= {p.name_en.split(" (")[0] for p in iraq.places.values()}
    assert any(a in iraq.actors for a in ("pmf", "popular-mobilization-forces"))
    killing = [e for e in iraq.events if e.type in ("killing", "attack", "casualties")]
    assert any(e.date == date(2023, 11, 5) and e.date_precision == "day" for e in killing)
    arrest = [e for e in iraq.events if e.type == "arrest"]
    assert arrest and any(iraq.places[e.place_id].name_en.startswith("Mosul") for e in arrest if e.place_id)
    assert any(s.speaker_text.startswith("مصدر أمني") for s in iraq.statements)
