"""No stored value or URL parameter crashes a page: dates outside the widgets' range, a damaged index.

Each page renders (no exception) over a store where another article's data is odd: an article
published in 1987, one whose inferred date is 1969, and links whose dates run from year 1 to 9999.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from marsad.filters import DATE_MAX, DATE_MIN
from marsad.process import process_paths
from marsad.store import Store
from tests.test_pages import PAGES, open_page

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OLD_ARTICLES = [
    {"title": "ليبيا: ثورة الفاتح", "published": "1987-03-22", "source": "أرشيف",
     "text": "قال العقيد معمر القذافي إن الثورة مستمرة في طرابلس، وأكد أن ليبيا لن تتراجع."},
    {"title": "ذكرى الفاتح من سبتمبر",  # undated: published is inferred from the date it mentions
     "text": "أعلن مجلس قيادة الثورة في الفاتح من سبتمبر 1969 قيام الجمهورية العربية الليبية في طرابلس."},
]


@pytest.fixture
def odd_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "old.jsonl").write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in OLD_ARTICLES) + "\n",
                                        encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'odd.sqlite'}"
    report = process_paths([SEEDS, tmp_path / "old.jsonl"], Store(url), workers=1)
    assert len(report.processed) == 4, report.problems
    assert Store(url).date_span()[0] < date(1990, 1, 1), "the store reaches back before 1990"
    monkeypatch.setenv("MARSAD_DB", url)
    return url


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_with_articles_before_1990(odd_url, page):
    at = open_page(page)
    (dates,) = [w for w in at.sidebar.date_input if w.key == "f_dates"]
    assert dates.value[0] < date(1990, 1, 1)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("start", "end"), [("0001-01-01", "9999-12-31"), ("1900-01-01", "2019-04-30"),
                                            ("2019-04-30", "2019-04-01")])
def test_link_dates_outside_the_range_are_clamped_and_said(odd_url, page, start, end):
    at = open_page(page, **{"from": start, "to": end})
    (dates,) = [w for w in at.sidebar.date_input if w.key == "f_dates"]
    low, high = dates.value
    assert DATE_MIN <= low <= high <= DATE_MAX
    if (start, end) != ("1900-01-01", "2019-04-30"):
        assert any("were changed to" in c.value for c in at.sidebar.caption), "the change is said"


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_over_a_truncated_index_file(processed_sqlite_db, tmp_path, monkeypatch, page):
    db_file = Path(processed_sqlite_db.removeprefix("sqlite:///"))
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(db_file.read_bytes())
    index = db_file.with_name(db_file.name + "-facets.npz")
    assert index.exists(), "processing saved the index"
    (tmp_path / "copy.sqlite-facets.npz").write_bytes(index.read_bytes()[:100])
    monkeypatch.setenv("MARSAD_DB", f"sqlite:///{copy}")
    at = open_page(page)
    assert at.title and not at.exception


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_over_a_read_only_store_and_say_so(processed_sqlite_db, tmp_path, monkeypatch, page):
    db_file = Path(processed_sqlite_db.removeprefix("sqlite:///"))
    copy = tmp_path / "copy.sqlite"
    # the backup API, not the file's bytes: the source's newest pages may still be in its -wal file
    with closing(sqlite3.connect(db_file)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    before = copy.read_bytes()
    monkeypatch.setenv("MARSAD_DB", f"sqlite:///{copy}?mode=ro")
    at = open_page(page)
    assert at.title and not at.exception
    assert any("Read-only store" in c.value for c in at.sidebar.caption)
    assert copy.read_bytes() == before, "the store is unchanged"
    assert not (tmp_path / "copy.sqlite-facets.npz").exists(), "no index saved beside a read-only store"


def test_an_empty_read_only_store_says_it_cannot_process(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    Store(url)  # created, empty
    monkeypatch.setenv("MARSAD_DB", url + "?mode=ro")
    at = open_page("overview")
    assert any("read-only" in i.value for i in at.info)
