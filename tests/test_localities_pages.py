"""A store holding places no gazetteer lists (marsad/extract/localities.py): every page renders, the map
draws them at their parent's point and says so, and the ACLED export codes them geo-precision 2."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.export import acled_records
from marsad.pipeline import analyse
from marsad.records import Article
from marsad.store import Store
from tests.test_pages import fresh_caches, open_page, server_mode  # noqa: F401 - autouse fixtures

TEXT = ("قصفت طائرات التحالف مواقع الحوثيين في جبهة الجفينة غربي مأرب مساء أمس.\n"
        "واستهدف رجال المقاومة الشعبية بمدينة تعز القناصة المتمركزين في حي الجحملية.")


@pytest.fixture
def fronts_db(tmp_path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'fronts.sqlite'}"
    store = Store(url)
    store.save(analyse(Article("fronts", "غارات على جبهة الجفينة", TEXT, published=date(2015, 7, 22))))
    monkeypatch.setenv("MARSAD_DB", url)
    return url


@pytest.mark.parametrize("page", ["overview", "map", "timeline", "actors", "articles"])
def test_pages_render_over_discovered_places(fronts_db, page):
    open_page(page)


def test_discovered_places_are_stored_approximate_and_exported_so(fronts_db):
    store = Store(fronts_db)
    places = store.places().set_index("name_ar")
    assert places.loc["جبهة الجفينة", "source"] == "discovered"
    marib = places.loc[[n for n in places.index if "مأرب" in n][0]]
    assert (places.loc["جبهة الجفينة", "lat"], places.loc["جبهة الجفينة", "lon"]) == (marib["lat"], marib["lon"])
    rows = [r for r in acled_records(store) if "Jafina" in (r.get("location") or "")]
    assert rows and all(r["geo_precision"] == 2 for r in rows)
