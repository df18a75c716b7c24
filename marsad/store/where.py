"""What a filter means, in one place: `Filters` -> SQL conditions on the store's tables.

The facets index (marsad/store/facets.py) answers the same filters for articles with numpy masks;
tests/test_where.py checks on real stores that both select the same articles.

The actor filter's role (marsad/filters.py) picks what the actors match: their statements (`speaker`,
statements.speaker_id), the statements naming them said by someone else (`mentioned`, statement_entities),
the events naming them (`participant`, event_actors), or any of these. Articles name the actors whatever
the role, so `article_conditions` (and the facets index) leave the role aside.
"""

from __future__ import annotations

import sqlalchemy as sa

from marsad.filters import Filters
from marsad.store.schema import articles, event_actors, events, mentions, statement_entities, statements


def date_range(column: sa.Column, filters: Filters) -> list:
    conditions = []
    if filters.date_from:
        conditions.append(column >= filters.date_from)
    if filters.date_to:
        conditions.append(column <= filters.date_to)
    return conditions


def statement_conditions(filters: Filters, article_id: str | None = None, probe: bool = False) -> list:
    """The statements matching the filters, as conditions on the statements table alone (so counts
    and per-day aggregates need no join); `probe` tests places statement by statement."""
    conditions = statement_actor_conditions(filters, probe)
    if filters.sources:
        conditions.append(statements.c.article_id.in_(
            sa.select(articles.c.article_id).where(articles.c.source.in_(filters.sources))))
    if filters.places and probe:
        conditions.append(sa.exists(sa.select(statement_entities.c.statement_id).where(
            statement_entities.c.statement_id == statements.c.statement_id,
            statement_entities.c.entity_id.in_(filters.places))))
    elif filters.places:  # statements whose sentence names one of the places
        conditions.append(statements.c.statement_id.in_(
            sa.select(statement_entities.c.statement_id).where(statement_entities.c.entity_id.in_(filters.places))))
    if article_id:
        conditions.append(statements.c.article_id == article_id)
    return conditions + date_range(statements.c.date, filters)


def statement_actor_conditions(filters: Filters, probe: bool = False) -> list:
    """The actor filter on the statements table, by role: said by the actors, naming them (said by someone
    else), either, or none at all (`participant`: statements have no participants)."""
    if not filters.actors:
        return []
    role = filters.actor_role
    if role == "participant":
        return [sa.false()]
    said = statements.c.speaker_id.in_(filters.actors)
    if role == "speaker":
        return [said]
    named = statement_entities.alias("named_actor")  # the place filter may use the table too
    # the link repeats the statement's date: with a date range, only the actors' links in it are read (without,
    # every link of a frequent actor was, and each statement probed for its date)
    naming = [named.c.entity_id.in_(filters.actors), *date_range(named.c.date, filters)]
    if role == "mentioned":  # named by someone else: the link repeats the statement's speaker
        naming.append(sa.or_(named.c.speaker_id.is_(None), named.c.speaker_id != named.c.entity_id))
    if probe:
        mentioned = sa.exists(sa.select(named.c.statement_id).where(
            named.c.statement_id == statements.c.statement_id, *naming))
    else:
        mentioned = statements.c.statement_id.in_(sa.select(named.c.statement_id).where(*naming))
    return [mentioned] if role == "mentioned" else [sa.or_(said, mentioned)]


def actor_statement_ids(filters: Filters) -> sa.Select | sa.CompoundSelect | None:
    """The ids of the statements the actor filter keeps, by role, as one set: for `any`, the UNION of those
    they said and those naming them (each off its own index). None without actors. For reading a set
    once (search); `statement_actor_conditions` tests row by row, where an OR is right."""
    if not filters.actors:
        return None
    spoken = statements.alias("spoken")  # not the caller's statements table: a subquery of its own
    said = sa.select(spoken.c.statement_id).where(spoken.c.speaker_id.in_(filters.actors))
    named = statement_entities.alias("named_actor")
    naming = sa.select(named.c.statement_id).where(named.c.entity_id.in_(filters.actors))
    role = filters.actor_role
    if role == "participant":
        return sa.select(spoken.c.statement_id).where(sa.false())
    if role == "speaker":
        return said
    if role == "mentioned":
        return naming.where(sa.or_(named.c.speaker_id.is_(None), named.c.speaker_id != named.c.entity_id))
    return sa.union(said, naming)


def statement_link_conditions(filters: Filters, links: sa.FromClause = statement_entities) -> list:
    """The actor filter on statement_entities' rows (`links`: the table or an alias; one row per statement for
    one place), for reading one place's statements off that table alone: its rows repeat each statement's
    speaker; the actors a statement names are its other links, probed (EXISTS on the primary key) row by row."""
    if not filters.actors:
        return []
    role = filters.actor_role
    said = links.c.speaker_id.in_(filters.actors)
    if role == "speaker":
        return [said]
    if role == "participant":
        return [sa.false()]
    named = statement_entities.alias("named_actor")
    naming = [named.c.statement_id == links.c.statement_id, named.c.entity_id.in_(filters.actors)]
    if role == "mentioned":  # by someone else, as statement_actor_conditions says
        naming.append(sa.or_(named.c.speaker_id.is_(None), named.c.speaker_id != named.c.entity_id))
    mentioned = sa.exists(sa.select(named.c.statement_id).where(*naming))
    return [mentioned] if role == "mentioned" else [sa.or_(said, mentioned)]


def event_conditions(filters: Filters, article_id: str | None = None, probe: bool = False) -> list:
    """The events matching the filters, as conditions on the events table alone.

    With `probe`, actors and sources are tested event by event (EXISTS on an index) rather than
    as a set built first: right for a walk that stops after a few matches.
    """
    conditions = []
    if filters.actors and filters.actor_role in ("speaker", "mentioned"):  # events have no speaker; the
        conditions.append(sa.false())  # actors an event names take part in it
    elif filters.actors and probe:
        conditions.append(sa.exists(sa.select(event_actors.c.event_id).where(
            event_actors.c.event_id == events.c.event_id, event_actors.c.actor_id.in_(filters.actors))))
    elif filters.actors:
        linked = sa.select(event_actors.c.event_id).where(event_actors.c.actor_id.in_(filters.actors))
        conditions.append(events.c.event_id.in_(linked))
    if filters.places:
        conditions.append(events.c.place_id.in_(filters.places))
    if filters.event_types:
        conditions.append(events.c.type.in_(filters.event_types))
    if filters.sources and probe:
        conditions.append(sa.exists(sa.select(articles.c.article_id).where(
            articles.c.article_id == events.c.article_id, articles.c.source.in_(filters.sources))))
    elif filters.sources:
        conditions.append(events.c.article_id.in_(
            sa.select(articles.c.article_id).where(articles.c.source.in_(filters.sources))))
    if article_id:
        conditions.append(events.c.article_id == article_id)
    return conditions + date_range(events.c.date, filters)


def actor_event_conditions(filters: Filters) -> list:
    """`event_conditions` for a one-actor filter, on event_actors' own columns."""
    conditions = [event_actors.c.actor_id == filters.actors[0]]
    if filters.actor_role in ("speaker", "mentioned"):
        conditions.append(sa.false())
    if filters.places:
        conditions.append(event_actors.c.place_id.in_(filters.places))
    if filters.event_types:
        conditions.append(event_actors.c.type.in_(filters.event_types))
    return conditions + date_range(event_actors.c.date, filters)


def article_conditions(filters: Filters) -> list:
    """The articles matching the filters (every filter but event types, which select events): from the
    sources, naming one of the actors (in any role) and one of the places, published in the date range or reporting a
    statement or event dated in it. The facets index's `articles_matching` is the same test in numpy."""
    conditions = []
    if filters.sources:
        conditions.append(articles.c.source.in_(filters.sources))
    for ids in (filters.actors, filters.places):
        if ids:
            conditions.append(articles.c.article_id.in_(
                sa.select(mentions.c.article_id).where(mentions.c.entity_id.in_(ids))))
    if filters.date_from or filters.date_to:
        conditions.append(articles.c.article_id.in_(dated_articles(filters)))
    return conditions


def dated_articles(filters: Filters) -> sa.CompoundSelect:
    """The ids of the articles published in the filter's date range or reporting a statement or event dated
    in it: three index ranges (articles, statements and events by date), unioned. Written as an OR of the
    three, PostgreSQL tested it article by article (a seq scan of every article and a hashed subplan per
    branch), which made a filtered search take about a second at 100,000 articles."""
    return sa.union(
        sa.select(articles.c.article_id).where(*date_range(articles.c.published, filters)),
        sa.select(statements.c.article_id).where(*date_range(statements.c.date, filters)),
        sa.select(events.c.article_id).where(*date_range(events.c.date, filters)))
