"""Entity mentions of a raw text, as the `entities` command prints them."""

from __future__ import annotations

from collections.abc import Iterator

from marsad.extract.entities import find_actors, tagger
from marsad.extract.geo import find_places
from marsad.lexicon import load_lexicon
from marsad.records import Mention
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
    # What the registry, the gazetteer and the rules did not find, the tagger may: as unlinked mentions
    # (entity_id null, source "model"; the pipeline keeps only those that look like actors' names).
    spans = tagger().find(text)
    # A longer name of the same kind around a linked mention (الولايات المتحدة الأمريكية around الولايات
    # المتحدة) is the mention's extent; the link stays.
    widened = []
    for mention in mentions:
        around = [(a, b) for a, b, kind in spans if kind == mention.type and a <= mention.start and
                  mention.end <= b and (a, b) != (mention.start, mention.end)]
        if len(around) == 1 and not any(other is not mention and around[0][0] < other.end and
                                        other.start < around[0][1] for other in mentions):
            a, b = around[0]
            mention = Mention(a, b, text[a:b], mention.type, mention.entity_id, mention.source, mention.role)
        widened.append(mention)
    mentions = widened
    taken = [(m.start, m.end) for m in mentions]
    found = [Mention(start, end, text[start:end], kind, "", "model") for start, end, kind in spans
             if not any(start < b and a < end for a, b in taken)]
    for mention in sorted(mentions + found, key=lambda m: (m.start, m.end)):
        yield {"start": mention.start, "end": mention.end, "text": mention.text, "type": mention.type,
               "entity_id": mention.entity_id or None, "source": mention.source}
