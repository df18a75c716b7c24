"""Entity mentions of a raw text, as the `entities` command prints them."""

from __future__ import annotations

from collections.abc import Iterator

from marsad.extract.entities import find_actors
from marsad.extract.geo import find_places
from marsad.lexicon import load_lexicon
from marsad.text.normalize import normalize


def entity_records(text: str) -> Iterator[dict]:
    """One record per mention: start, end, text, type, entity_id, source (sorted by start)."""
    lexicon = load_lexicon()
    norm = normalize(text)
    actor_findings = find_actors(text, lexicon, norm)
    place_findings = find_places(text, lexicon, actor_findings.actors, norm)
    place_spans = {(m.start, m.end) for m in place_findings.mentions}
    mentions = place_findings.mentions + [m for m in actor_findings.mentions
                                          if (m.start, m.end) not in place_spans]
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        yield {"start": mention.start, "end": mention.end, "text": mention.text, "type": mention.type,
               "entity_id": mention.entity_id, "source": mention.source}
