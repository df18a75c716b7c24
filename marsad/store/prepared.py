"""An analysis as the rows that store it, made where the article was analysed.

`process` analyses articles in worker processes and writes them in one. An `Analysis` is hundreds of
small objects, which the writing process had to unpickle (about 1 ms an article) before turning them into
rows; a `PreparedArticle` is those rows already, as plain values (about 0.3 ms to unpickle), with the
search keys of its search rows. What depends on the store (which actor and place rows it already holds,
the search rows' ids, the time of writing) is left to `Store` at write time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from marsad.records import Analysis, Article
from marsad.store.facets import facet_row
from marsad.store.schema import row_id
from marsad.text.search_terms import document_tokens

SearchTokens = dict[tuple[str, ...], str]


@dataclass
class PreparedArticle:
    """`rows`: by table name, the rows of the article's own tables (`articles` without `processed_at`,
    `mentions`, `times`, `statements`, `events`, `event_actors`, `statement_entities`, `article_facets`);
    `actors` and `places`: the rows of the actors and places it names (upserted); `said`: (statement id,
    start, quote) of each statement, for its search row; `tokens`: the search keys by the texts they are
    made of (see `search_tokens`)."""

    article: Article
    rows: dict[str, list[dict]]
    actors: list[dict]
    places: list[dict]
    said: list[tuple[str, int, str]]
    tokens: SearchTokens


def search_tokens(analysis: Analysis) -> SearchTokens:
    """The search keys of an article's search rows (of its title and text, of each quote), by the texts
    they are made of: the costliest part of its search rows."""
    article = analysis.article
    made = {(article.title, article.text): document_tokens(article.title, article.text)}
    for statement in analysis.statements:
        if (statement.quote,) not in made:
            made[(statement.quote,)] = document_tokens(statement.quote)
    return made


def prepare(analysis: Analysis, tokens: SearchTokens | None = None) -> PreparedArticle:
    """The rows of one analysed article (`tokens`: its `search_tokens`, when already made)."""
    article = analysis.article
    article_id = article.article_id
    rows: dict[str, list[dict]] = {}
    rows["articles"] = [{
        "article_id": article_id, "title": article.title, "text": article.text,
        "source": article.source, "url": article.url, "published": article.published,
        "published_inferred": article.published_inferred, "path": article.path}]
    actor_rows = [
        {"actor_id": actor.actor_id, "name_en": actor.name_en, "name_ar": actor.name_ar,
         "type": actor.type, "affiliation": actor.affiliation, "country": actor.country,
         "role": actor.role, "discovered": actor.discovered} for actor in analysis.actors.values()]
    place_rows = [
        {"place_id": place.place_id, "name_en": place.name_en, "name_ar": place.name_ar, "lat": place.lat,
         "lon": place.lon, "country": place.country, "kind": place.kind, "source": place.source}
        for place in analysis.places.values()]
    rows["mentions"] = [
        {"article_id": article_id, "start": m.start, "end": m.end, "text": m.text,
         "type": m.type, "entity_id": m.entity_id, "source": m.source, "role": m.role,
         "confidence": m.confidence} for m in analysis.mentions]
    rows["times"] = [
        {"article_id": article_id, "start": t.start, "end": t.end, "text": t.text,
         "date": t.date, "end_date": t.end_date, "precision": t.precision, "relative": t.relative}
        for t in analysis.times]
    statement_ids = [row_id(article_id, "statement", s.start, s.cue_start) for s in analysis.statements]
    rows["statements"] = [
        {"statement_id": statement_id,
         "article_id": article_id, "speaker_id": s.speaker_id,
         "speaker_text": s.speaker_text, "speaker_inferred": s.speaker_inferred, "verb": s.verb,
         "verb_ar": s.verb_ar, "stance": s.stance, "quote": s.quote, "direct": s.direct,
         "date": s.date, "date_precision": s.date_precision, "sentence": s.sentence,
         "start": s.start, "end": s.end, "cue_start": s.cue_start, "cue_end": s.cue_end,
         "quote_start": s.quote_start, "quote_end": s.quote_end}
        for statement_id, s in zip(statement_ids, analysis.statements, strict=True)]
    rows["events"], rows["event_actors"] = [], []
    for e in analysis.events:
        event_id = row_id(article_id, "event", e.start, e.type, e.place_id)
        rows["events"].append({
            "event_id": event_id, "article_id": article_id, "type": e.type,
            "label_en": e.label_en, "trigger": e.trigger, "trigger_start": e.trigger_start,
            "trigger_end": e.trigger_end, "date": e.date, "date_precision": e.date_precision,
            "place_id": e.place_id, "sentence": e.sentence, "start": e.start, "end": e.end,
            "acled_event_type": e.acled_event_type, "acled_sub_event_type": e.acled_sub_event_type,
            "place_inherited": e.place_inherited, "killed": e.killed, "killed_high": e.killed_high,
            "wounded": e.wounded, "wounded_high": e.wounded_high, "victims": e.victims,
            "actor1_id": e.actor1_id, "actor2_id": e.actor2_id,
            "evidence": json.dumps([list(span) for span in e.evidence]) if e.evidence else None})
        rows["event_actors"].extend({"event_id": event_id, "actor_id": a, "type": e.type,
                                     "place_id": e.place_id, "date": e.date} for a in e.actor_ids)
    # the mentions inside each statement's span (the rule of Store._in_sentence, on the analysis in hand)
    named = {(statement_id, m.entity_id, s.date, s.speaker_id)
             for statement_id, s in zip(statement_ids, analysis.statements, strict=True)
             for m in analysis.mentions if s.start <= m.start and m.end <= s.end}
    rows["statement_entities"] = [
        {"statement_id": sid, "entity_id": eid, "article_id": article_id, "date": day, "speaker_id": speaker}
        for sid, eid, day, speaker in sorted(named, key=lambda link: link[:2])]
    rows["article_facets"] = [facet_row(
        article_id, article.published, article.published_inferred, article.source,
        (m.entity_id for m in analysis.mentions),
        [s.date for s in analysis.statements] + [e.date for e in analysis.events])]
    said = [(statement_id, s.start, s.quote) for statement_id, s in zip(statement_ids, analysis.statements,
                                                                         strict=True)]
    return PreparedArticle(article, rows, actor_rows, place_rows, said,
                           search_tokens(analysis) if tokens is None else tokens)
