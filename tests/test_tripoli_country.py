"""Which Tripoli: 55 SaudiNewsNet articles that mention طرابلس (a random draw from the corpus, duplicates
aside), annotated from their text alone (tests/gold_tripoli/tripoli.tsv: Libya's capital, Lebanon's
northern city, or no city: a surname, a club). The pipeline must give every one the country the text
means; a club named after the city counts as the city's country."""

import csv
from pathlib import Path

import pytest

from marsad.corpus import corpus_dir
from marsad.evaluate import _Corpus
from marsad.ingest import article_from_record
from marsad.pipeline import analyse

GOLD = Path(__file__).parent / "gold_tripoli" / "tripoli.tsv"
ROWS = list(csv.DictReader(GOLD.open(encoding="utf-8"), delimiter="\t"))
COUNTRIES = {"LY": {"LY"}, "LB": {"LB"}, "OTHER": set()}


def test_the_annotations_are_a_checked_file():
    assert len(ROWS) >= 50
    assert {row["country"] for row in ROWS} <= set(COUNTRIES)
    assert all(row["evidence"] for row in ROWS)


@pytest.mark.skipif(not corpus_dir().is_dir(), reason="needs ../shared/corpora/saudinewsnet (or $MARSAD_CORPUS)")
def test_every_tripoli_is_in_the_country_its_article_means():
    corpus = _Corpus(corpus_dir())
    wrong = []
    for row in ROWS:
        record = corpus.record(row["zip"], int(row["index"]))
        assert record["title"] == row["title"], row["zip"] + row["index"]
        analysis = analyse(article_from_record(record, name=f"{row['zip']}[{row['index']}]"))
        countries = {analysis.places[m.entity_id].country for m in analysis.mentions
                     if m.type == "LOCATION" and "طرابلس" in m.text and m.entity_id in analysis.places}
        expected = COUNTRIES[row["country"]]
        if countries != expected and not (row["country"] == "OTHER" and countries == {"LY"} and "club" in
                                          row["evidence"]):
            wrong.append((row["zip"], row["index"], row["country"], sorted(countries)))
    assert wrong == []
