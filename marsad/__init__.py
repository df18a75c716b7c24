"""Marsad: Arabic conflict news as data — who said what, where and when."""

from marsad.records import Analysis, Article, Event, Mention, Place, Statement, TimeMention

__all__ = ["Analysis", "Article", "Event", "Mention", "Place", "Statement", "TimeMention"]
