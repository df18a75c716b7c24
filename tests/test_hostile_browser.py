"""An attacker's store and links, in headless Chromium: nothing stored or put in a URL runs as script,
becomes a live link, or crashes a page.

The store holds a real article sent through the pipeline; then every text column a page can show
(titles, sources, URLs, actor and place names, roles, quotes, verbs, sentences, event labels) gets
payloads appended in SQL, so each field is tested whether or not the pipeline would ever write it.
Every page is opened with that store and with payloads in every query parameter, with a dialog
listener: an alert, a `javascript:` link, an element carrying an event handler, an iframe with
`srcdoc` or a Streamlit exception fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from marsad.process import process_paths
from marsad.store import Store
from tests.browser_support import offline_context, serving

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
PAYLOADS = (
    '<img src=x onerror="alert(1)">',
    '<iframe srcdoc="<script>parent.alert(2)</script>"></iframe>',
    "[Reuters](javascript:alert(3))",
    "[Reuters](https://evil.example/phish)",
    "<script>alert(4)</script>",
    '"><svg onload=alert(5)>',
    ":red[x] $y$ **z**",
)
HOSTILE = " ".join(PAYLOADS)
HOSTILE_URL = '<iframe srcdoc="<script>parent.alert(6)</script>"></iframe>'
# table -> text columns a page can show
COLUMNS = {
    "articles": ("title", "source"),
    "actors": ("name_en", "name_ar", "role", "type"),
    "places": ("name_en", "name_ar", "kind"),
    "mentions": ("role",),
    "statements": ("speaker_text", "verb", "verb_ar", "quote", "sentence", "stance"),
    "events": ("label_en", "trigger", "sentence"),
}
SIDEBAR_FILTERS = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'
PAGES = {"overview": "/", "map": "/map", "timeline": "/timeline", "actors": "/actors", "articles": "/articles"}
QUERY = "&".join(f"{key}={quote(HOSTILE)}" for key in
                 ("actor", "place", "event", "source", "from", "to", "who", "sentence", "lanes"))
ARTICLE = {
    "title": "مقتل مدنيين في اشتباكات جنوب طرابلس " + HOSTILE,
    "source": "وكالة " + HOSTILE,
    "url": HOSTILE_URL,
    "published": "2019-04-08",
    "text": ("قال المتحدث باسم الجيش الوطني الليبي أحمد المسماري إن القوات تقدمت نحو منطقة عين زارة جنوب طرابلس. "
             "ونفى وزير الداخلية فتحي باشاغا سقوط العاصمة، وقال إن \"الوضع مستقر في جنزور\". "
             "ودارت اشتباكات عنيفة أمس في محيط مطار طرابلس الدولي. " + HOSTILE),
}


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "in.jsonl").write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'hostile.sqlite'}"
    store = Store(url)
    report = process_paths([folder / "in.jsonl"], store, workers=1)
    assert len(report.processed) == 1, report.problems
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE articles SET url = :u"), {"u": HOSTILE_URL})
        for table, columns in COLUMNS.items():
            for column in columns:
                conn.execute(sa.text(f"UPDATE {table} SET {column} = COALESCE({column}, '') || ' ' || :p"),
                             {"p": HOSTILE})
    engine.dispose()
    for index in folder.glob("*facets*"):  # the saved index holds names: build it again from the rows
        index.unlink()
    store.rebuild_facets()
    return url


@pytest.fixture(scope="module")
def server(hostile_db, tmp_path_factory):
    with serving(ROOT, hostile_db, tmp_path_factory.mktemp("hostile-log") / "streamlit.log") as base:
        yield base


DANGER = """() => {
  const docs = [document, ...[...document.querySelectorAll('iframe')]
      .map(f => { try { return f.contentDocument; } catch (e) { return null; } }).filter(Boolean)];
  const found = [];
  for (const doc of docs) {
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) {
        if (attr.startsWith('on')) found.push(el.tagName + ' ' + attr);
      }
      if (el.tagName === 'IFRAME' && el.hasAttribute('srcdoc') && el.getAttribute('srcdoc').includes('alert')) found.push('iframe srcdoc');
      if (el.tagName === 'A' && /^\\s*javascript:/i.test(el.getAttribute('href') || '')) found.push('javascript: link');
      if (el.tagName === 'A' && (el.getAttribute('href') || '').includes('evil.example')) found.push('evil link in ' + [...Array(8)].reduce((acc) => { const e = acc.e && acc.e.parentElement; return {e, ids: acc.ids + ' < ' + (e ? (e.getAttribute('data-testid') || e.tagName) : '')}; }, {e: el, ids: ''}).ids);
      if (el.tagName === 'SCRIPT' && /^\\s*(parent\\.)?alert\\(\\d\\)\\s*$/.test(el.textContent || '')) found.push('script');
    }
  }
  return found;
}"""


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("with_query", [False, True], ids=["store", "store+url"])
def test_hostile_values_stay_text(chromium, server, page, with_query):
    external: list[str] = []
    context = offline_context(chromium, external, viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        tab.goto(server + PAGES[page] + ("?" + QUERY if with_query else ""), wait_until="domcontentloaded")
        tab.locator("h1").first.wait_for(timeout=90_000)
        tab.locator(SIDEBAR_FILTERS).nth(3).wait_for(timeout=60_000)  # the page ran through its filters
        tab.wait_for_function(
            "() => !document.querySelector('[data-testid^=\"stStatusWidgetRunning\"]')", timeout=60_000)
        # what the page shows of the store, escaped: the payload's words are on the page as text
        if not with_query and page in ("overview", "actors", "articles"):
            tab.get_by_text("alert(4)", exact=False).filter(visible=True).first.wait_for(timeout=60_000)
        if page == "map":
            tab.locator('iframe[title*="streamlit_folium"]').first.wait_for(timeout=60_000)
            tab.wait_for_timeout(1500)  # the map's own frame draws its popups and tooltips
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"hostile_{page}_{'url' if with_query else 'store'}.png"),
                       full_page=True)
        assert tab.locator('[data-testid="stException"]').count() == 0, tab.locator(
            '[data-testid="stException"]').first.inner_text()
        assert tab.evaluate(DANGER) == []
        assert dialogs == []
    finally:
        context.close()
