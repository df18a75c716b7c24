"""The store's schema: tables, indexes and row ids (SQLAlchemy Core; SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles", metadata,
    sa.Column("article_id", sa.String, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("published_inferred", sa.Boolean, nullable=False, default=False),
    sa.Column("path", sa.Text),
    sa.Column("processed_at", sa.DateTime),
)
actors = sa.Table(
    "actors", metadata,
    sa.Column("actor_id", sa.String, primary_key=True),
    sa.Column("name_en", sa.Text, nullable=False),
    sa.Column("name_ar", sa.Text, nullable=False),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("affiliation", sa.String),
    sa.Column("country", sa.String),
    sa.Column("role", sa.Text),
    sa.Column("discovered", sa.Boolean, nullable=False, default=False),
)
places = sa.Table(
    "places", metadata,
    sa.Column("place_id", sa.String, primary_key=True),
    sa.Column("name_en", sa.Text, nullable=False),
    sa.Column("name_ar", sa.Text, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("country", sa.String),
    sa.Column("kind", sa.String),
    sa.Column("source", sa.String),
)
mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.article_id"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("entity_id", sa.String, nullable=False),
    sa.Column("source", sa.String),
    sa.Column("role", sa.Text),
    sa.Column("confidence", sa.Float),
)
times = sa.Table(
    "times", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.article_id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("end_date", sa.Date, nullable=False),
    sa.Column("precision", sa.String, nullable=False),
    sa.Column("relative", sa.Boolean, nullable=False),
)
statements = sa.Table(
    "statements", metadata,
    sa.Column("statement_id", sa.String, primary_key=True),
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.article_id"), nullable=False),
    sa.Column("speaker_id", sa.String),
    sa.Column("speaker_text", sa.Text),
    sa.Column("speaker_inferred", sa.Boolean, nullable=False),
    sa.Column("verb", sa.String, nullable=False),
    sa.Column("verb_ar", sa.Text, nullable=False),
    sa.Column("stance", sa.String, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
    sa.Column("direct", sa.Boolean, nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.String, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("cue_start", sa.Integer),
    sa.Column("cue_end", sa.Integer),
    sa.Column("quote_start", sa.Integer),
    sa.Column("quote_end", sa.Integer),
)
events = sa.Table(
    "events", metadata,
    sa.Column("event_id", sa.String, primary_key=True),
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.article_id"), nullable=False, index=True),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("label_en", sa.Text),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("trigger_start", sa.Integer),
    sa.Column("trigger_end", sa.Integer),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.String, nullable=False),
    sa.Column("place_id", sa.String),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("acled_event_type", sa.String),
    sa.Column("acled_sub_event_type", sa.String),
    sa.Column("place_inherited", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("killed", sa.Integer),
    sa.Column("killed_high", sa.Integer),
    sa.Column("wounded", sa.Integer),
    sa.Column("wounded_high", sa.Integer),
    sa.Column("victims", sa.String),
    sa.Column("actor1_id", sa.String),
    sa.Column("actor2_id", sa.String),
    sa.Column("evidence", sa.Text),  # JSON [[start, end], ...]: the incident's other sentences
)
event_actors = sa.Table(
    "event_actors", metadata,
    sa.Column("event_id", sa.String, sa.ForeignKey("events.event_id"), primary_key=True),
    sa.Column("actor_id", sa.String, primary_key=True),
    # the event's type, place and date again: an actor's events counted by place, type or day come
    # off one index instead of a look-up per event (a frequent actor has hundreds of thousands)
    sa.Column("type", sa.String),
    sa.Column("place_id", sa.String),
    sa.Column("date", sa.Date),
)
# The actors and places named in each statement's sentence (a mention inside its span), written with
# the article: "statements about Tripoli" and "who mentions whom" read this instead of joining spans.
statement_entities = sa.Table(
    "statement_entities", metadata,
    sa.Column("statement_id", sa.String, sa.ForeignKey("statements.statement_id"), primary_key=True),
    sa.Column("entity_id", sa.String, primary_key=True),
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.article_id"), nullable=False, index=True),
    sa.Column("date", sa.Date),  # the statement's date and speaker, so a place's newest statements
    sa.Column("speaker_id", sa.String),  # (by one speaker) come off one index
)
# One row per article for the in-memory index (marsad.store.facets): what it names and the dates it reports,
# written with the article, so the dashboard loads 100,000 short rows instead of millions of mentions.
article_facets = sa.Table(
    "article_facets", metadata,
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.article_id"), primary_key=True),
    sa.Column("published", sa.Date),
    sa.Column("published_inferred", sa.Boolean, nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("entities", sa.Text, nullable=False),  # space-separated entity ids
    sa.Column("mentions", sa.Text, nullable=False),  # their mention counts, in the same order
    sa.Column("days", sa.Text, nullable=False),  # distinct dates of its statements and events, days since 1970
)
# `version` grows with every write transaction: readers holding derived data (the facets) reload on change.
store_meta = sa.Table(
    "store_meta", metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),  # the store id is 62 bits
)

# Composite and covering indexes for the dashboard's queries at 100,000 articles (measured with
# `python -m marsad bench app`). Their leading columns also serve single-column look-ups, so the
# columns above carry no index of their own (each index costs every insert). An article's text
# overflows its page, so reading any column after it (source, published, ...) from the table walks
# the overflow chain; these indexes answer the listing, the joins, the filters and the sentence-span
# joins without touching the big rows.
sa.Index("ix_articles_listing", articles.c.published.desc(), articles.c.article_id, articles.c.title,
         articles.c.source, articles.c.url, articles.c.published_inferred, articles.c.path)
sa.Index("ix_articles_ref", articles.c.article_id, articles.c.published, articles.c.source, articles.c.title)
sa.Index("ix_mentions_entity_span", mentions.c.entity_id, mentions.c.article_id, mentions.c.start, mentions.c.end)
sa.Index("ix_mentions_span", mentions.c.article_id, mentions.c.start, mentions.c.end, mentions.c.entity_id)
sa.Index("ix_statements_speaker_date", statements.c.speaker_id, statements.c.date)
sa.Index("ix_statements_date_article", statements.c.date, statements.c.article_id, statements.c.start)
sa.Index("ix_statements_span", statements.c.article_id, statements.c.start, statements.c.end,
         statements.c.statement_id, statements.c.speaker_id)
sa.Index("ix_events_date_type_article", events.c.date, events.c.type, events.c.article_id)
sa.Index("ix_events_date_article", events.c.date, events.c.article_id, events.c.start)
sa.Index("ix_events_place_type", events.c.place_id, events.c.type, events.c.date)
sa.Index("ix_events_place_date", events.c.place_id, events.c.date)
sa.Index("ix_event_actors_actor_place", event_actors.c.actor_id, event_actors.c.place_id, event_actors.c.date,
         event_actors.c.type, event_actors.c.event_id)
sa.Index("ix_statement_entities_entity_date", statement_entities.c.entity_id, statement_entities.c.date,
         statement_entities.c.statement_id, statement_entities.c.speaker_id)
sa.Index("ix_statement_entities_speaker", statement_entities.c.speaker_id, statement_entities.c.entity_id)
sa.Index("ix_events_type_date_place", events.c.type, events.c.date, events.c.place_id)  # map counts per type
# The actors page (marsad.store.pairs): an actor's events as agent, and as target, each with every column the
# sidebar's filters test, so the counterparts by type and the newest events come off the index alone (a frequent
# actor is the agent of tens of thousands of events, whose big rows were read one by one). Partial: an index
# holds only the events naming its actor (most events name no target). The matrix (agent on target, both named)
# reads the target's index, the smaller.
AGENT_NAMED, TARGET_NAMED = events.c.actor1_id.is_not(None), events.c.actor2_id.is_not(None)
sa.Index("ix_events_agent", events.c.actor1_id, events.c.date, events.c.type, events.c.place_id,
         events.c.article_id, events.c.event_id, events.c.actor2_id,
         sqlite_where=AGENT_NAMED, postgresql_where=AGENT_NAMED)
sa.Index("ix_events_target", events.c.actor2_id, events.c.date, events.c.type, events.c.place_id,
         events.c.article_id, events.c.event_id, events.c.actor1_id,
         sqlite_where=TARGET_NAMED, postgresql_where=TARGET_NAMED)
# Claims & denials (Store.denials_in_context): the denials' articles, first by id, chosen on the index alone, the
# filter's speaker, date and statement (probed for the actors it names) on it too; the statements' big rows were
# read one by one for each of 9,000 denials at 100,000 articles (0.1-0.2 s)
sa.Index("ix_statements_stance_article", statements.c.stance, statements.c.article_id, statements.c.speaker_id,
         statements.c.date, statements.c.statement_id)
# Reported deaths (marsad.store.reads): the events giving a toll, a few in ten, each with what the sums per day and
# the tolls set apart (a war's tally, one dated to a month or a year) test and group by, so neither reads the
# big event rows (an unfiltered sum read all 340,000 of them at 100,000 articles).
TOLL_GIVEN = events.c.killed.is_not(None)
sa.Index("ix_events_tolls", events.c.date_precision, events.c.killed, events.c.date, events.c.type, events.c.place_id,
         events.c.article_id, events.c.event_id, sqlite_where=TOLL_GIVEN, postgresql_where=TOLL_GIVEN)
# replaced by wider ones; dropped when an old store opens
_RETIRED_INDEXES = ("ix_events_type_date", "ix_statements_stance")


def row_id(article_id: str, kind: str, *parts: object) -> str:
    digest = hashlib.sha1("|".join(str(p) for p in (article_id, kind, *parts)).encode()).hexdigest()
    return f"{kind[0]}-{digest[:16]}"
