"""Aggregates the dashboard reads off the store for selections too large to list row by row.

`killed_per_day`: people reported killed per day and event type under a filter, summed in SQL, so the
reported-deaths chart holds past the few thousand items the timeline lists one by one (SQLite and
PostgreSQL alike); `tolls_apart`: the tolls it leaves out (a war's tally, a toll dated to a month or a year).
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from marsad.filters import Filters
from marsad.store import where
from marsad.store.schema import events
from marsad.store.store import Store
from marsad.views import LARGE_UNDATED_TOLL, OFF_THE_CALENDAR


def _drawn() -> sa.ColumnElement:
    """An event whose toll goes on a chart over time (marsad.views.toll_drawn)."""
    return sa.not_(sa.or_(events.c.date_precision.in_(OFF_THE_CALENDAR),
                          sa.and_(events.c.date_precision == "reported", events.c.killed >= LARGE_UNDATED_TOLL)))


def killed_per_day(store: Store, filters: Filters) -> pd.DataFrame:
    """(date, type, killed): the low figure of the people reported killed, summed per day and event type,
    over the dated events matching `filters` that give one, but those `tolls_apart` lists; dates as Python
    dates, no rows when none does (or the store was written before casualties were read)."""
    day = sa.type_coerce(events.c.date, sa.String)
    query = (sa.select(day.label("date"), events.c.type, sa.func.sum(events.c.killed).label("killed"))
             .where(events.c.date.is_not(None), events.c.killed.is_not(None), _drawn(),
                    *where.event_conditions(filters))
             .group_by(events.c.date, events.c.type).order_by(events.c.date, events.c.type))
    try:
        frame = store._frame(query)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):  # a read-only store without the column
        frame = pd.DataFrame()
    if frame.empty:
        return pd.DataFrame({"date": pd.Series(dtype=object), "type": pd.Series(dtype=object),
                             "killed": pd.Series(dtype="int64")})
    return frame.assign(date=pd.to_datetime(frame["date"].astype(str)).dt.date, killed=frame["killed"].astype("int64"))


def tolls_apart(store: Store, filters: Filters, limit: int = 50) -> pd.DataFrame:
    """The events matching `filters` whose toll a chart over time leaves out (marsad.views.toll_drawn),
    largest first, at most `limit`: (event_id, article_id, type, date, date_precision, killed, sentence)."""
    query = (sa.select(events.c.event_id, events.c.article_id, events.c.type, events.c.date, events.c.date_precision,
                       events.c.killed, events.c.sentence)
             .where(events.c.killed.is_not(None), sa.not_(_drawn()), *where.event_conditions(filters))
             .order_by(events.c.killed.desc(), events.c.event_id).limit(limit))
    try:
        return store._frame(query)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):  # a read-only store without the column
        return pd.DataFrame()
