"""The reader opened from an event: every sentence reporting the event (its own and its evidence) is marked
together, its own in view; the event cards link there (AppTest over the seeds)."""

from __future__ import annotations

import html
import json
import re

import pytest

from marsad.store import Store
from tests.test_pages import (  # noqa: F401 - autouse fixtures
    fresh_caches,
    markdown_bodies,
    open_page,
    reader_html,
    seeds_url,
    server_mode,
)

PIECE = re.compile(r'<span class="incident"( id="target")? title="([^"]*)">(.*?)</span>', re.DOTALL)


@pytest.fixture
def reported_twice(processed_db: str) -> dict:
    """A seeds event told in more than one sentence, with its article's text."""
    store = Store(processed_db)
    events = store.events()
    row = events[events["evidence"].notna()].iloc[0].to_dict()
    return {**row, "text": store.article(row["article_id"])["text"]}


def _marked(page: str) -> list[tuple[bool, str]]:
    """(is the target, text) of each incident piece, in order, tags and entities taken out."""
    return [(bool(target), html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("\n", ""))
            for target, _title, inner in PIECE.findall(page.replace("<br>", "\n"))]


@pytest.mark.usefixtures("seeds_url")
def test_every_sentence_of_the_event_is_marked(reported_twice):
    event = reported_twice
    spans = [(int(event["start"]), int(event["end"])), *map(tuple, json.loads(event["evidence"]))]
    at = open_page("articles", article=event["article_id"], sentence=str(int(event["start"])),
                   incident=event["event_id"])
    page = reader_html(at)
    pieces = _marked(page)
    text = event["text"]
    assert "".join(t for _, t in pieces) == "".join(text[s:e] for s, e in sorted(spans)).replace("\n", "")
    target = [t for t, _ in pieces].index(True)  # the opened sentence is where the page scrolls to (its first piece
    # may be a name alone: `أمريكا` in `أمريكا تقرّ`)
    assert page.count('id="target"') == 1 and "".join(t for _, t in pieces[target:]).startswith(
        text[spans[0][0]:spans[0][0] + 10])
    assert f"reported in {len(spans)} sentences" in " ".join(c.value for c in at.caption)
    assert "the event&#x27;s sentences" in " ".join(markdown_bodies(at)) or \
        "the event's sentences" in " ".join(markdown_bodies(at))
    assert at.query_params["incident"] == event["event_id"]


@pytest.mark.usefixtures("seeds_url")
def test_event_cards_link_to_their_sentences(reported_twice):
    event = reported_twice
    at = open_page("articles", article=event["article_id"])
    cards = [html.unescape(b) for b in markdown_bodies(at) if 'class="card"' in b]
    link = f"articles?article={event['article_id']}&sentence={int(event['start'])}&incident={event['event_id']}"
    card = next(c for c in cards if link in c)
    assert f"reported in {1 + len(json.loads(event['evidence']))} sentences" in card
    assert 'class="incident"' not in reader_html(at), "nothing marked until an event is opened"


@pytest.mark.usefixtures("seeds_url")
def test_a_stale_or_hostile_incident_marks_nothing(reported_twice):
    event = reported_twice
    elsewhere = open_page("articles", article=event["article_id"], sentence=str(int(event["start"]) + 1),
                          incident=event["event_id"])
    assert 'class="incident"' not in reader_html(elsewhere), "a link to another sentence keeps its own outline"
    hostile = open_page("articles", article=event["article_id"], incident='"><img src=x onerror=alert(1)>')
    page = reader_html(hostile)
    assert 'class="incident"' not in page and "<img" not in page
