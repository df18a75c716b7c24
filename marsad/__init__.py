"""Marsad: Arabic conflict news as data — who said what, where and when.

    from marsad import analyse, read_path, Store
    analysis = analyse(read_path(Path("seeds/001_us_forces_return.txt"))[0])

The names below are imported on first use: the dashboard reads the store without loading
the Arabic toolkit (camel-tools takes over a second to import), which only processing needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_EXPORTS = {
    "IngestError": "marsad.ingest", "read_path": "marsad.ingest", "read_paths": "marsad.ingest",
    "analyse": "marsad.pipeline", "analyse_many": "marsad.pipeline",
    "Analysis": "marsad.records", "Article": "marsad.records", "Event": "marsad.records",
    "Mention": "marsad.records", "Place": "marsad.records", "Statement": "marsad.records",
    "TimeMention": "marsad.records", "Store": "marsad.store",
}
__all__ = [
    "Analysis", "Article", "Event", "IngestError", "Mention", "Place", "Statement", "Store", "TimeMention",
    "analyse", "analyse_many", "read_path", "read_paths",
]

if TYPE_CHECKING:
    from marsad.ingest import IngestError, read_path, read_paths
    from marsad.pipeline import analyse, analyse_many
    from marsad.records import Analysis, Article, Event, Mention, Place, Statement, TimeMention
    from marsad.store import Store


def __getattr__(name: str) -> object:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'marsad' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
