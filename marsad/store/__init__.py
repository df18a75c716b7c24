"""The store: a thin `Store` over the schema (`schema`), what a filter means in SQL (`where`), the
in-memory index for the dashboard (`facets`) and the queries and writes (`store`).
SQLite by default; PostgreSQL through the same code."""

from marsad.store.store import DEFAULT_DB, Store, db_timeout, default_url

__all__ = ["DEFAULT_DB", "Store", "db_timeout", "default_url"]
