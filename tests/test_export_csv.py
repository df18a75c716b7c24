"""CSV exports are safe to open in a spreadsheet: no cell runs as a formula (CSV injection)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from marsad.export import csv_bytes, records, spreadsheet_safe, to_csv

SAID = "قال المتحدث باسم الجيش الليبي أحمد المسماري إن القوات تقدمت نحو طرابلس"
HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+1-1", "-cmd", "\tindent", "\rreturn", "＝1+1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_text_gets_an_apostrophe(value: str) -> None:
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", [-3, 2.5, 0, True, None, "-12.5", "+7", "-3", SAID, "a=b", "", "2019-04-07"])
def test_numbers_and_plain_text_are_unchanged(value: object) -> None:
    assert spreadsheet_safe(value) == value and type(spreadsheet_safe(value)) is type(value)


def test_csv_bytes_neutralises_every_text_cell() -> None:
    frame = pd.DataFrame({"name": HOSTILE + [SAID], "count": [-3] * (len(HOSTILE) + 1)})
    data = csv_bytes(frame)
    assert isinstance(data, bytes) and data.startswith("\ufeff".encode())  # a spreadsheet reads it as UTF-8
    assert not csv_bytes(frame, bom=False).startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["name", "count"]
    assert [row[0] for row in rows[1:]] == ["'" + value for value in HOSTILE] + [SAID]
    assert {row[1] for row in rows[1:]} == {"-3"}  # a real number stays a number


def test_to_csv_neutralises_text_cells_and_lists() -> None:
    rows = [{"title": '=HYPERLINK("http://x","y")', "ids": ["-a", "b"], "lat": -3, "quote": SAID}]
    lines = list(to_csv(iter(rows)))
    parsed = list(csv.reader(io.StringIO("\n".join(lines))))
    assert parsed == [["title", "ids", "lat", "quote"], ['\'=HYPERLINK("http://x","y")', "'-a|b", "-3", SAID]]


def test_exported_csv_of_a_hostile_article_is_safe(tmp_path: Path) -> None:
    from marsad.process import process_paths
    from marsad.store import Store

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"title": '=HYPERLINK("http://x","y")', "source": "@SUM(A1)",
                                "text": f"{SAID}.", "published": "2019-04-07"}, ensure_ascii=False),
                    encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'm.sqlite'}")
    assert process_paths([feed], store, workers=1).ok
    (header, row) = csv.reader(io.StringIO("\n".join(to_csv(records(store, "articles")))))
    cells = dict(zip(header, row, strict=True))
    assert cells["title"] == '\'=HYPERLINK("http://x","y")' and cells["source"] == "'@SUM(A1)"
    assert cells["published"] == "2019-04-07"
