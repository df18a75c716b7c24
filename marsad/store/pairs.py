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

from dataclasses import replace

import pandas as pd
import sqlalchemy as sa

from marsad.filters import Filters
from marsad.store import where
from marsad.store.schema import actors, event_actors, events, statement_entities, statements
from marsad.store.store import Store, _with_actor_lists

ACTS, SPEAKS = "acts", "speaks"  # relations: an event's agent on its target; a speaker on whom they name
OUT, IN = "out", "in"  # the chosen actor as agent/speaker (acts on, speaks about), or as target/named
NO_TARGET = ""  # an event whose sentence names its agent but no target: its counterpart id


def _events_of(filters: Filters) -> list:
    return where.event_conditions(filters)


def _statements_of(filters: Filters) -> tuple[sa.FromClause, list]:
    """statement_entities' rows whose statement matches the filter: (the FROM to read them from, conditions).
    Dates are tested on the link's own date (its (entity_id, date) index); any other filter selects the
    statements first, and their links are read by statement id (a join: as an IN test, SQLite walked every
    actor's links and probed each)."""
    conditions = where.statement_conditions(replace(filters, date_from=None, date_to=None, actors=()))
    chosen_by_actor = where.actor_statement_ids(filters)  # a UNION of said and named, not an OR (PostgreSQL)
    if chosen_by_actor is not None:
        conditions.append(statements.c.statement_id.in_(chosen_by_actor))
    dated = where.date_range(statement_entities.c.date, filters)
    if not conditions:
        return statement_entities, dated
    chosen = sa.select(statements.c.statement_id).where(*conditions).subquery("chosen")
    return chosen.join(statement_entities, statement_entities.c.statement_id == chosen.c.statement_id), dated


def _named_actor(source: sa.FromClause) -> sa.ColumnElement:
    """A statement_entities row naming an actor (not a place), other than its own speaker. Read from the
    links alone, the actors drive the walk (an IN over the (entity_id, date) index); read by statement, the
    test is an EXISTS, which SQLite cannot turn into one probe per statement and actor."""
    named = statement_entities.c.entity_id
    actor = (named.in_(sa.select(actors.c.actor_id)) if source is statement_entities
             else sa.exists().where(actors.c.actor_id == named))
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
        mine, theirs = (events.c.actor1_id, events.c.actor2_id) if direction == OUT else (events.c.actor2_id,
                                                                                          events.c.actor1_id)
        other = sa.func.coalesce(theirs, NO_TARGET).label("other_id")
        # the actor's events come off event_actors' (actor_id, ...) index (agent and target are among them)
        linked = events.c.event_id.in_(sa.select(event_actors.c.event_id).where(event_actors.c.actor_id == actor_id))
        counted = (sa.select(other, events.c.type, sa.func.count().label("items"))
                   .where(linked, mine == actor_id, sa.or_(theirs.is_(None), theirs != actor_id), *_events_of(own))
                   .group_by(theirs, events.c.type).subquery())
    else:
        mine, theirs = (statement_entities.c.speaker_id, statement_entities.c.entity_id) if direction == OUT \
            else (statement_entities.c.entity_id, statement_entities.c.speaker_id)
        source, linked = _statements_of(own)
        counted = (sa.select(theirs.label("other_id"), sa.literal("statement").label("type"),
                             sa.func.count().label("items")).select_from(source)
                   .where(mine == actor_id, _named_actor(source), *linked)
                   .group_by(theirs).subquery())
    query = (sa.select(counted.c.other_id, actors.c.name_en, actors.c.name_ar, counted.c.type, counted.c["items"])
             .select_from(counted.outerjoin(actors, actors.c.actor_id == counted.c.other_id))
             .order_by(counted.c["items"].desc(), counted.c.other_id, counted.c.type))
    return store._frame(query)


def pair_events(store: Store, filters: Filters, actor_id: str, direction: str, limit: int = 100) -> pd.DataFrame:
    """The events `actor_id` is the agent (`out`) or the target (`in`) of, under the filter (its actors
    set aside), newest first, at most `limit`; columns as Store.events lists them."""
    mine, theirs = (events.c.actor1_id, events.c.actor2_id) if direction == OUT else (events.c.actor2_id,
                                                                                      events.c.actor1_id)
    linked = events.c.event_id.in_(sa.select(event_actors.c.event_id).where(event_actors.c.actor_id == actor_id))
    chosen = (sa.select(events.c.event_id)
              .where(linked, mine == actor_id, sa.or_(theirs.is_(None), theirs != actor_id), *_events_of(_own(filters)))
              .order_by(*_newest(store, events.c.date), events.c.event_id.desc()).limit(limit))
    query = store._events_query(Filters()).where(events.c.event_id.in_(chosen))
    frame = store._frame(query.order_by(*_newest(store, events.c.date), events.c.event_id.desc()).limit(limit))
    return _with_actor_lists(frame)


def pair_statements(store: Store, filters: Filters, actor_id: str, direction: str, limit: int = 100) -> pd.DataFrame:
    """The statements of `actor_id` naming another actor (`out`), or another speaker's statements naming
    them (`in`), under the filter (its actors set aside), newest first, at most `limit`; columns as
    Store.statements lists them."""
    mine = statement_entities.c.speaker_id if direction == OUT else statement_entities.c.entity_id
    source, linked = _statements_of(_own(filters))
    chosen = (sa.select(statement_entities.c.statement_id).select_from(source)
              .where(mine == actor_id, _named_actor(source), *linked).distinct())
    query = store._statements_query(Filters()).where(statements.c.statement_id.in_(chosen))
    return store._frame(query.order_by(*_newest(store, statements.c.date), statements.c.statement_id.desc())
                        .limit(limit))


def _newest(store: Store, column: sa.Column) -> tuple:
    """Newest first, undated last, on both databases (PostgreSQL sorts NULL first when descending)."""
    return (column.desc(),) if store.engine.dialect.name == "sqlite" else (column.desc().nulls_last(),)


def pair_counts(store: Store, filters: Filters, relation: str) -> pd.DataFrame:
    """(source_id, target_id, items, source_en, target_en): every pair under the filter, agent on target
    (`acts`, both named) or speaker about an actor named (`speaks`), with the actors' English names."""
    if relation == ACTS:
        counted = (sa.select(events.c.actor1_id.label("source_id"), events.c.actor2_id.label("target_id"),
                             sa.func.count().label("items"))
                   .where(events.c.actor1_id.is_not(None), events.c.actor2_id.is_not(None),
                          events.c.actor1_id != events.c.actor2_id, *_events_of(filters))
                   .group_by(events.c.actor1_id, events.c.actor2_id))
    else:
        source, linked = _statements_of(filters)
        counted = (sa.select(statement_entities.c.speaker_id.label("source_id"),
                             statement_entities.c.entity_id.label("target_id"), sa.func.count().label("items"))
                   .select_from(source).where(_named_actor(source), *linked)
                   .group_by(statement_entities.c.speaker_id, statement_entities.c.entity_id))
    counted = counted.subquery()
    source, target = actors.alias("source"), actors.alias("target")
    query = (sa.select(counted, source.c.name_en.label("source_en"), target.c.name_en.label("target_en"))
             .select_from(counted.outerjoin(source, source.c.actor_id == counted.c.source_id)
                          .outerjoin(target, target.c.actor_id == counted.c.target_id))
             .order_by(counted.c.source_id, counted.c.target_id))
    frame = store._frame(query)
    if frame.empty:
        return pd.DataFrame({name: pd.Series(dtype="int64" if name == "items" else object)
                             for name in ("source_id", "target_id", "items", "source_en", "target_en")})
    return frame.astype({"items": "int64"})


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
