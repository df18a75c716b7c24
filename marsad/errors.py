"""Errors reduced to one short line (for the command line and for per-record reports).

Light on purpose (SQLAlchemy only): the command line uses it before anything slow is imported.
"""

from __future__ import annotations

import sqlalchemy as sa


def first_line(value: object) -> str:
    """The first non-empty line of `str(value)`."""
    return next((line.strip() for line in str(value).splitlines() if line.strip()), "")


def short_reason(error: BaseException) -> str:
    """Why something failed, in one short line: a database error is reduced to the database's own words
    ("database is locked", "database or disk is full"), never the SQL or the values it was sent."""
    if isinstance(error, sa.exc.StatementError) and error.orig is not None:
        text = first_line(error.orig)  # the driver's words, without "[SQL: ...] [parameters: ...]"
    elif isinstance(error, OSError) and error.strerror:
        text = error.strerror + (f": {error.filename}" if error.filename else "")
    elif isinstance(error, sa.exc.SQLAlchemyError):
        text = first_line(error).split(" (Background on this error", 1)[0]
    elif isinstance(error, ValueError):  # IngestError and our own checks: a sentence already
        text = first_line(error)
    else:
        text = f"{type(error).__name__}: {first_line(error)}".rstrip(": ")
    text = text or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
