"""Extraction stages over one document: the trained named-entity tagger and its features."""
