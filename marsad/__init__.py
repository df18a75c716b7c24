"""Marsad: Arabic conflict news as data — who said what, where and when.

    from marsad import analyse, read_path, Store
    analysis = analyse(read_path(Path("seeds/001_us_forces_return.txt"))[0])
"""

from marsad.ingest import IngestError, read_path, read_paths
from marsad.pipeline import analyse, analyse_many
from marsad.records import Analysis, Article, Event, Mention, Place, Statement, TimeMention
from marsad.store import Store

__all__ = [
    "Analysis", "Article", "Event", "IngestError", "Mention", "Place", "Statement", "Store", "TimeMention",
    "analyse", "analyse_many", "read_path", "read_paths",
]
