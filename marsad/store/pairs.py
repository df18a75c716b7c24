"""Actor against actor: who acts on whom (an event's agent and target) and who speaks about whom (a
statement's speaker and the actors its sentence names), for the actors page.

Events carry their agent and target (events.actor1_id, actor2_id); statements their speaker, and
statement_entities what each sentence names. Every read takes the sidebar's filters (marsad.filters)
and works alike on SQLite and PostgreSQL (SQLAlchemy Core, plain GROUP BY).

- `sides(store, filters, actor_id, relation, direction)`: one actor's counterparts, counted by event type
  (`acts`) or by statement (`speaks`), with the rows to list (`pair_events`, `pair_statements`);
- `matrix(store, filters, relation, top)`: the counts between the `top` actors most involved in the
  relation under the filter, as a square table (rows: agent or speaker; columns: target or named).

For one actor, the filter's own actors are set aside (the chosen actor takes their place); the matrix
takes the filter whole, the actor role included (`speaker` leaves it no events, `participant` no
statements).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.sql.util import ClauseAdapter

from marsad.filters import Filters
from marsad.store import where
from marsad.store.schema import TARGET_NAMED, actors, articles, events, statement_entities, statements
from marsad.store.store import Store, _with_actor_lists

ACTS, SPEAKS = "acts", "speaks"  # relations: an event's agent on its target; a speaker on whom they name
OUT, IN = "out", "in"  # the chosen actor as agent/speaker (acts on, speaks about), or as target/named
NO_TARGET = ""  # an event whose sentence names its agent but no target: its counterpart id


def _events_of(filters: Filters) -> list:
    """The filter on events read off the agent's or the target's index (ix_events_agent, ix_events_target):
    the actors and sources probed event by event (EXISTS), the other columns are on the index."""
    return where.event_conditions(filters, probe=True)


_SQLITE_MATERIALIZES = sqlite3.sqlite_version_info >= (3, 35, 0)  # WITH ... AS MATERIALIZED (older: a plain CTE)
_PAIRED_COLUMNS = ("actor1_id", "actor2_id", "date", "type", "place_id", "article_id", "event_id")  # ix_events_target's


def _mine(direction: str) -> tuple[sa.Column, sa.Column]:
    """(the chosen actor's column, the counterpart's): agent and target, or target and agent."""
    return (events.c.actor1_id, events.c.actor2_id) if direction == OUT else (events.c.actor2_id, events.c.actor1_id)


def _statements_of(filters: Filters, probe: bool = False) -> tuple[list, bool]:
    """statement_entities' rows whose statement matches the filter: (conditions, whether they choose statements
    or articles by id, to be read from rather than from the actors named).
    Every filter is tested on the links alone, which repeat the statement's date and article: dates on the
    link's own date (its (entity_id, date) index), the actors as one set of statement ids (a UNION of said and
    named, not an OR), places as the statements linked to them, sources on the article. Through the
    statements table, a frequent actor's 65,000 statements were each read (PostgreSQL: 7 s for the matrix).
    With `probe` (a walk of one speaker's links: a few thousand), places are tested link by link instead of
    as the set of every link naming them."""
    conditions = where.date_range(statement_entities.c.date, filters)
    chosen_by_actor = where.actor_statement_ids(filters)
    if chosen_by_actor is not None:
        conditions.append(statement_entities.c.statement_id.in_(chosen_by_actor))
    if filters.places:
        at = statement_entities.alias("at_place")
        if probe:  # link by link (EXISTS on the primary key), not the set of every link naming the places
            conditions.append(sa.exists(sa.select(at.c.statement_id).where(
                at.c.statement_id == statement_entities.c.statement_id, at.c.entity_id.in_(filters.places))))
        else:
            conditions.append(statement_entities.c.statement_id.in_(
                sa.select(at.c.statement_id).where(at.c.entity_id.in_(filters.places))))
    if filters.sources:
        conditions.append(statement_entities.c.article_id.in_(
            sa.select(articles.c.article_id).where(articles.c.source.in_(filters.sources))))
    return conditions, bool(filters.actors or filters.places or filters.sources)


def _named_actor(by_id: bool) -> sa.ColumnElement:
    """A statement_entities row naming an actor (not a place), other than its own speaker. Without a set of
    statements chosen, the actors drive the walk (an IN over the (entity_id, date) index); with one (`by_id`),
    the test is an EXISTS, which SQLite cannot walk from: it reads the chosen statements' links instead of
    every actor's."""
    named = statement_entities.c.entity_id
    actor = sa.exists().where(actors.c.actor_id == named) if by_id else named.in_(sa.select(actors.c.actor_id))
    return sa.and_(actor, statement_entities.c.speaker_id.is_not(None), statement_entities.c.speaker_id != named)


def _own(filters: Filters) -> Filters:
    """The filter for one chosen actor: the sidebar's actors and their role set aside."""
    return replace(filters, actors=(), actor_role="any")


def sides(store: Store, filters: Filters, actor_id: str, relation: str, direction: str) -> pd.DataFrame:
    """(other_id, name_en, name_ar, type, items): the actor's counterparts, most first.

    `acts`, `out`: the targets of the events `actor_id` is the agent of, by event type (other_id
    NO_TARGET where the event names none); `acts`, `in`: the agents of the events done to them.
    `speaks`, `out`: the actors their statements name; `speaks`, `in`: the speakers naming them
    (type is "statement").
    """
    own = _own(filters)
    if relation == ACTS:
        mine, theirs = _mine(direction)
        other = sa.func.coalesce(theirs, NO_TARGET).label("other_id")
        # the actor's events as agent (as target) come off the agent's (target's) index, which holds the rest
        counted = (sa.select(other, events.c.type, sa.func.count().label("items"))
                   .where(mine == actor_id, sa.or_(theirs.is_(None), theirs != actor_id), *_events_of(own))
                   .group_by(theirs, events.c.type).subquery())
    else:
        mine, theirs = (statement_entities.c.speaker_id, statement_entities.c.entity_id) if direction == OUT \
            else (statement_entities.c.entity_id, statement_entities.c.speaker_id)
        linked, by_id = _statements_of(own, probe=direction == OUT)
        counted = (sa.select(theirs.label("other_id"), sa.literal("statement").label("type"),
                             sa.func.count().label("items")).select_from(statement_entities)
                   .where(mine == actor_id, _named_actor(by_id), *linked)
                   .group_by(theirs).subquery())
    query = (sa.select(counted.c.other_id, actors.c.name_en, actors.c.name_ar, counted.c.type, counted.c["items"])
             .select_from(counted.outerjoin(actors, actors.c.actor_id == counted.c.other_id))
             .order_by(counted.c["items"].desc(), counted.c.other_id, counted.c.type))
    return store._frame(query)


def pair_events(store: Store, filters: Filters, actor_id: str, direction: str, limit: int = 100) -> pd.DataFrame:
    """The events `actor_id` is the agent (`out`) or the target (`in`) of, under the filter (its actors
    set aside), newest first, at most `limit`; columns as Store.events lists them."""
    mine, theirs = _mine(direction)
    chosen = (sa.select(events.c.event_id)  # off the agent's (target's) index, in date order
              .where(mine == actor_id, sa.or_(theirs.is_(None), theirs != actor_id), *_events_of(_own(filters)))
              .order_by(*_newest(store, events.c.date), events.c.event_id.desc()).limit(limit))
    query = store._events_query(Filters()).where(events.c.event_id.in_(chosen))
    frame = store._frame(query.order_by(*_newest(store, events.c.date), events.c.event_id.desc()).limit(limit))
    return _with_actor_lists(frame)


def pair_statements(store: Store, filters: Filters, actor_id: str, direction: str, limit: int = 100) -> pd.DataFrame:
    """The statements of `actor_id` naming another actor (`out`), or another speaker's statements naming
    them (`in`), under the filter (its actors set aside), newest first, at most `limit`; columns as
    Store.statements lists them."""
    # the newest chosen on the links (they repeat the statement's date): no statement is read but those listed.
    chosen = (_pair_statement_ids(filters, actor_id, direction)
              .order_by(*_newest(store, statement_entities.c.date), statement_entities.c.statement_id.desc())
              .limit(limit))
    query = store._statements_query(Filters()).where(statements.c.statement_id.in_(chosen))
    return store._frame(query.order_by(*_newest(store, statements.c.date), statements.c.statement_id.desc())
                        .limit(limit))


def _pair_statement_ids(filters: Filters, actor_id: str, direction: str) -> sa.Select:
    """The ids (and dates) of the statements `pair_statements` chooses from, off the links. Named: one link per
    statement, read off the (entity, date) index; speaking: one per actor named, grouped by statement."""
    mine = statement_entities.c.speaker_id if direction == OUT else statement_entities.c.entity_id
    linked, by_id = _statements_of(_own(filters), probe=direction == OUT)
    chosen = (sa.select(statement_entities.c.statement_id).select_from(statement_entities)
              .where(mine == actor_id, _named_actor(by_id), *linked))
    if direction == OUT:
        chosen = chosen.group_by(statement_entities.c.statement_id, statement_entities.c.date)
    return chosen


def listed(store: Store, filters: Filters, actor_id: str, relation: str, direction: str, counted: pd.DataFrame,
           limit: int = 100) -> int:
    """How many rows `pair_events` or `pair_statements` lists (at most `limit`), without reading them:
    `counted` is `sides`' frame, whose items count the events, and the statements naming the actor; those
    the actor said are counted once per actor named, so their statements are counted apart (up to limit)."""
    if relation == SPEAKS and direction == OUT:
        return min(store._count_up_to(_pair_statement_ids(filters, actor_id, direction), limit), limit)
    return min(int(counted["items"].sum()), limit)


def _newest(store: Store, column: sa.Column) -> tuple:
    """Newest first, undated last, on both databases (PostgreSQL sorts NULL first when descending)."""
    return (column.desc(),) if store.engine.dialect.name == "sqlite" else (column.desc().nulls_last(),)


def pair_counts(store: Store, filters: Filters, relation: str) -> pd.DataFrame:
    """(source_id, target_id, items, source_en, target_en): every pair under the filter, agent on target
    (`acts`, both named) or speaker about an actor named (`speaks`), with the actors' English names."""
    frame = store._frame(pair_count_query(filters, relation))
    if frame.empty:
        return pd.DataFrame({name: pd.Series(dtype="int64" if name == "items" else object)
                             for name in ("source_id", "target_id", "items", "source_en", "target_en")})
    return frame.astype({"items": "int64"})


def pair_count_query(filters: Filters, relation: str) -> sa.Select:
    """The query behind `pair_counts`. Events: off the partial index of the events naming both an agent and
    a target, off the target's index (most events name no target; schema.ix_events_target), which holds every
    column the filters test. Statements, unfiltered: the (speaker, entity) pairs grouped off their index in
    order, then kept where the entity is an actor (as one IN per actor, SQLite sorted 460,000 rows)."""
    if relation == ACTS:
        # The events naming a target (and an agent: `!=` is not true of NULL), as a materialised CTE: read off the
        # target's index, its one usable index, then filtered; as one SELECT, SQLite took an index on the event
        # type or the place instead and read every row of a frequent one.
        paired = (sa.select(*(events.c[name] for name in _PAIRED_COLUMNS))
                  .where(TARGET_NAMED, events.c.actor1_id != events.c.actor2_id)
                  .cte("paired").prefix_with("MATERIALIZED", dialect="postgresql"))
        if _SQLITE_MATERIALIZES:
            paired = paired.prefix_with("MATERIALIZED", dialect="sqlite")
        adapt = ClauseAdapter(paired, equivalents={events.c[name]: {paired.c[name]} for name in _PAIRED_COLUMNS})
        counted = (sa.select(paired.c.actor1_id.label("source_id"), paired.c.actor2_id.label("target_id"),
                             sa.func.count().label("items"))
                   .where(*(adapt.traverse(condition) for condition in _events_of(filters)))
                   .group_by(paired.c.actor2_id, paired.c.actor1_id))
    elif replace(filters, event_types=()).is_empty():  # event types select no statements
        grouped = (sa.select(statement_entities.c.speaker_id, statement_entities.c.entity_id,
                             sa.func.count().label("items"))
                   .where(statement_entities.c.speaker_id.is_not(None))
                   .group_by(statement_entities.c.speaker_id, statement_entities.c.entity_id).subquery("grouped"))
        counted = (sa.select(grouped.c.speaker_id.label("source_id"), grouped.c.entity_id.label("target_id"),
                             grouped.c["items"])
                   .where(grouped.c.entity_id.in_(sa.select(actors.c.actor_id)),
                          grouped.c.speaker_id != grouped.c.entity_id))
    else:
        linked, by_id = _statements_of(filters)
        counted = (sa.select(statement_entities.c.speaker_id.label("source_id"),
                             statement_entities.c.entity_id.label("target_id"), sa.func.count().label("items"))
                   .select_from(statement_entities).where(_named_actor(by_id), *linked)
                   .group_by(statement_entities.c.speaker_id, statement_entities.c.entity_id))
    counted = counted.subquery()
    source, target = actors.alias("source"), actors.alias("target")
    query = (sa.select(counted, source.c.name_en.label("source_en"), target.c.name_en.label("target_en"))
             .select_from(counted.outerjoin(source, source.c.actor_id == counted.c.source_id)
                          .outerjoin(target, target.c.actor_id == counted.c.target_id))
             .order_by(counted.c.source_id, counted.c.target_id))
    return query


def pair_names(pairs: pd.DataFrame) -> dict[str, str]:
    """actor id -> English name, of the actors in `pair_counts` (the id where the registry has none)."""
    named = {**dict(zip(pairs["source_id"], pairs["source_en"], strict=True)),
             **dict(zip(pairs["target_id"], pairs["target_en"], strict=True))}
    return {actor_id: name or actor_id for actor_id, name in named.items()}


def matrix(pairs: pd.DataFrame, top: int) -> pd.DataFrame:
    """The `top` actors most involved in `pairs` (as source and as target together; ties by id), as a
    square table of counts: rows the source (agent, speaker), columns the target, in the same order."""
    if pairs.empty:
        return pd.DataFrame()
    involved = (pd.concat([pairs.groupby("source_id")["items"].sum(), pairs.groupby("target_id")["items"].sum()])
                .groupby(level=0).sum().rename_axis("actor_id").reset_index(name="items")
                .sort_values(["items", "actor_id"], ascending=[False, True]))
    kept = involved["actor_id"].head(max(top, 1)).tolist()
    inside = pairs[pairs["source_id"].isin(kept) & pairs["target_id"].isin(kept)]
    table = inside.pivot_table(index="source_id", columns="target_id", values="items", aggfunc="sum", fill_value=0)
    return table.reindex(index=kept, columns=kept, fill_value=0).astype("int64")
