"""Every dashboard page under Streamlit's AppTest, over the seeds processed by the real pipeline.

Each test sets MARSAD_DB before building the AppTest (app.py reads it through
components.data.store()), opens one page and checks that it renders something
real: metrics, the folium component's arguments, the plotly spec, statement
cards, the highlighted reader. Filters are set through the URL (query params
read on the first run) or through the sidebar widgets (written back to the URL).

A `pages/` folder beside app.py puts Streamlit in its older multipage mode until
st.navigation has run once, so the first deep link into a fresh server runs the page
script alone; components/frame.setup() then leaves that mode and reruns through
app.py. AppTest resets that mode before *every* run, so every run would take the
detour, and its st.rerun() drops a button click made in that run. The `server_mode`
fixture pins the flag the way a running server settles on it;
test_page_runs_inside_the_app takes the detour on purpose and checks that every page
still gets app.py's navigation, the page's CSS and the sidebar filters.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from marsad.process import process_paths
from marsad.store import Store

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
PAGES = ("overview", "map", "timeline", "actors", "articles")
TITLES = {
    "overview": "Overview",
    "map": "Map of places mentioned",
    "timeline": "Timeline of events and statements",
    "actors": "Actors & statements",
    "articles": "Articles",
}
ARABIC = re.compile("[\u0600-\u06ff]")


class _ServerPagesManager(PagesManager):
    """As in a server after its first st.navigation call: no fallback to the `pages/` folder."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def server_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_test_module, "PagesManager", _ServerPagesManager)
    yield
    PagesManager.uses_pages_directory = None


@pytest.fixture(autouse=True)
def fresh_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def seeds_url(processed_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MARSAD_DB", processed_db)
    return processed_db


def page_path(name: str) -> str:
    """The page file relative to app.py (pages/<name>.py, or wherever app.py's folder of pages moved)."""
    for folder in ("pages", "views", "app_pages"):
        if (ROOT / folder / f"{name}.py").exists():
            return f"{folder}/{name}.py"
    raise FileNotFoundError(name)


def open_page(name: str, timeout: float = 60, **query: str) -> AppTest:
    """Build the app (MARSAD_DB must already be set), put `query` in the URL, run it on page `name` (a run may
    take `timeout` seconds: generous, the machine may be busy)."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    if name != "overview":  # the default page; its url_path is "", not its file name
        at.switch_page(page_path(name))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def markdown_bodies(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def cards(at: AppTest) -> list[str]:
    return [body for body in markdown_bodies(at) if 'class="card"' in body]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def folium_args(at: AppTest) -> dict:
    components = [c for c in at.get("component_instance") if "folium" in c.proto.component_name]
    assert len(components) == 1, [c.proto.component_name for c in at.get("component_instance")]
    return json.loads(components[0].proto.json_args)


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def points(spec: dict) -> int:
    """Items drawn on the timeline: markers plus span bars (two ends each, bars of a colour share a trace)."""
    total = 0
    for trace in spec["data"]:
        drawn = [x for x in trace.get("x", []) if x is not None]
        total += len(drawn) if trace.get("mode") == "markers" else len(drawn) // 2
    return total


def reader_html(at: AppTest) -> str:
    readers = [body for body in markdown_bodies(at) if 'class="reader' in body]
    assert len(readers) == 1, "exactly one highlighted reader"
    return readers[0]


# ---------------------------------------------------------------------------------------------------------
# Each page on the seeds


def test_overview_counts_the_seeds(seeds_url):
    at = open_page("overview")
    assert [t.value for t in at.title] == [TITLES["overview"]]
    counts = metrics(at)
    assert counts["Articles"] == "2"
    assert int(counts["Statements"].replace(",", "")) > 10
    assert int(counts["Places"]) > 3 and int(counts["Events"]) > 0
    assert len(plotly_specs(at)) == 2  # most-mentioned actors and places
    assert cards(at), "latest statements are shown as cards"
    assert len(at.sidebar.multiselect) == 4 and at.multiselect(key="f_actors") is not None


def test_map_has_folium_markers_and_places_table(seeds_url):
    at = open_page("map")
    assert [t.value for t in at.title] == [TITLES["map"]]
    args = folium_args(at)
    assert args["returned_objects"] == ["last_object_clicked", "last_object_clicked_tooltip"]
    script = args["script"]
    assert "L.circleMarker" in script
    assert "32.8874" in script and "13.1873" in script  # Tripoli
    assert "Tripoli" in script and "طرابلس" in script  # label / tooltip and popup
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"]), "offline assets"
    places = at.dataframe[0].value
    assert {"Tripoli", "Janzour"} <= set(places["name_en"])
    assert "طرابلس" in set(places["name_ar"])


def test_map_country_toggle_adds_country_markers(seeds_url):
    at = open_page("map")
    libya = "26.6389"  # the country's centroid: hidden unless whole countries are shown
    assert libya not in folium_args(at)["script"]
    at.toggle[0].set_value(True).run()
    assert not at.exception
    assert libya in folium_args(at)["script"]


def test_timeline_plots_statements(seeds_url):
    at = open_page("timeline")
    assert [t.value for t in at.title] == [TITLES["timeline"]]
    spec = plotly_specs(at)[0]  # the timeline; events over time follow
    names = {trace.get("name") for trace in spec["data"]}
    assert "said, other verbs" in names and names & {"armed clash", "attack"}, names
    hover = json.dumps(spec["data"], ensure_ascii=False)
    assert ARABIC.search(hover), "hover text shows the Arabic sentence"
    assert spec["layout"]["xaxis"]["type"] == "date"
    # the seeds' 2016 span (Sirte) lies far from April 2019: listed apart, not drawn, the axis stays on April
    low, high = spec["layout"]["xaxis"]["range"]
    assert low >= "2019-04-01" and high <= "2019-05-01", (low, high)
    assert not any(str(x).startswith("2016") for trace in spec["data"] for x in trace["x"] if x)
    assert any(e.label.startswith("Dated outside this window (1 item") for e in at.expander)
    assert any(b.label.startswith("Prepare PNG") for b in at.button)
    assert any(b.label.startswith("Download data") for b in at.get("download_button"))


def test_actors_page_cards_and_claims_beside_denials(seeds_url):
    at = open_page("actors")
    assert [t.value for t in at.title] == [TITLES["actors"]]
    assert at.query_params.get("who"), "the chosen actor is written to the URL"
    assert cards(at) and "Claims & denials" not in [s.value for s in at.subheader], "one view at a time"
    at.segmented_control(key="actors_view").set_value("claims").run()
    assert at.query_params["view"] == "claims" and "Claims & denials" in [s.value for s in at.subheader]
    bodies = markdown_bodies(at)
    claims = [bodies[i + 1] for i, body in enumerate(bodies) if body == "**Claim**"]
    denials = [bodies[i + 1] for i, body in enumerate(bodies) if body == "**Denial**"]
    assert claims and len(claims) == len(denials)
    pairs = list(zip(claims, denials, strict=True))
    # Al Jazeera, article 1: the GNA says US forces came back; AFRICOM / the Pentagon deny it.
    assert any("Government of National Accord" in claim and "stance-deny" in denial
               and ("Pentagon" in denial or "AFRICOM" in denial) for claim, denial in pairs), pairs


def test_actors_page_follows_who(seeds_url):
    at = open_page("actors", who="thomas-waldhauser")
    assert at.selectbox[0].value == "thomas-waldhauser"
    assert "Thomas Waldhauser" in [s.value for s in at.subheader]


def test_articles_page_highlights_the_text(seeds_url):
    at = open_page("articles")
    assert [t.value for t in at.title] == [TITLES["articles"]]
    assert at.query_params.get("article")
    html = reader_html(at)
    assert 'dir="rtl"' in html and "<mark" in html
    assert ARABIC.search(html)
    assert 'class="statement"' in html
    assert 'id="target"' not in html  # no sentence asked for



def test_png_export_caption_is_inside_the_image(processed_db):
    from components.figure_report import report_ready
    from components.timeline_chart import timeline_figure
    from marsad.views import timeline_rows

    store = Store(processed_db)
    figure = report_ready(timeline_figure(timeline_rows(store.statements(), store.events(), "actor")), "Timeline",
                          "Filter: all articles.<br>Sources: …<br>Exported 2019-05-01. Cite as: Marsad")
    layout = figure.layout
    (caption,) = [a for a in layout.annotations if a.text.startswith("Filter")]
    assert caption.y == 0 and caption.yanchor == "bottom" and caption.yref == "paper"
    bottom_edge = -caption.yshift  # the caption's bottom edge, in pixels below the plot's
    assert bottom_edge <= layout.margin.b, (bottom_edge, layout.margin.b)  # inside the image
    assert bottom_edge - 3 * 18 >= 45, "its three lines start below the date axis' labels"

# ---------------------------------------------------------------------------------------------------------
# Filters


def test_actor_filter_from_url_narrows_everything(seeds_url):
    everything = metrics(open_page("overview"))
    at = open_page("overview", actor="thomas-waldhauser")
    assert at.multiselect(key="f_actors").value == ["thomas-waldhauser"]
    narrowed = metrics(at)
    assert narrowed["Articles"] == "1" and everything["Articles"] == "2"
    assert int(narrowed["Statements"]) < int(everything["Statements"].replace(",", ""))
    assert "Thomas Waldhauser" in at.caption[0].value


def test_actor_filter_on_actors_page_shows_only_their_statements(seeds_url):
    unfiltered = cards(open_page("actors", who="thomas-waldhauser", view="claims"))
    at = open_page("actors", actor="thomas-waldhauser", who="thomas-waldhauser")
    shown = cards(at)
    assert shown and all('<span class="who">Thomas Waldhauser</span>' in card for card in shown)
    at = open_page("actors", actor="thomas-waldhauser", who="thomas-waldhauser", view="claims")
    assert unfiltered and not cards(at), "the claims/denials pairs are filtered away"
    assert "No denial in these statements contradicts another speaker's claim." in infos(at)


def test_place_filter_from_url_shrinks_places_table(seeds_url):
    everything = open_page("map").dataframe[0].value
    at = open_page("map", place="ly-janzour")
    shown = at.dataframe[0].value
    assert "Janzour" in set(shown["name_en"]) and len(shown) < len(everything)
    # one place chosen (a click on its marker): the map opens with its popup
    assert re.findall(r'"open": ?true', folium_args(at)["script"]) == ['"open": true']
    assert '"open": true' not in folium_args(open_page("map"))["script"]


def test_date_filter_changes_the_timeline(seeds_url):
    everything = plotly_specs(open_page("timeline"))[0]
    at = open_page("timeline", **{"from": "2019-04-06", "to": "2019-04-06"})
    assert at.date_input(key="f_dates").value == (date(2019, 4, 6), date(2019, 4, 6))
    day = plotly_specs(at)[0]
    assert 0 < points(day) < points(everything)


@pytest.mark.parametrize("page", PAGES)
def test_date_filter_excluding_everything_says_so(seeds_url, page):
    at = open_page(page, **{"from": "2020-01-01", "to": "2020-01-31"})
    assert infos(at), "an info message says nothing matches"
    assert not at.get("plotly_chart")
    assert not at.get("component_instance")
    assert not cards(at)


def test_widget_changes_are_written_to_the_url(seeds_url):
    at = open_page("overview")
    assert not {"actor", "from", "to"} & set(at.query_params)
    at.multiselect(key="f_actors").set_value(["africom"]).run()
    assert not at.exception
    assert at.query_params["actor"] == "africom"
    assert metrics(at)["Actors"] == "1"
    at.date_input(key="f_dates").set_value((date(2019, 4, 7), date(2019, 4, 28))).run()
    # the whole span is "no date filter": nothing written
    assert "from" not in at.query_params
    at.date_input(key="f_dates").set_value((date(2019, 4, 1), date(2019, 4, 6))).run()
    assert (at.query_params["from"], at.query_params["to"]) == ("2019-04-01", "2019-04-06")
    at.multiselect(key="f_actors").set_value([]).run()
    assert "actor" not in at.query_params


def test_clear_filters_button_empties_url(seeds_url):
    at = open_page("overview", actor="africom", place="ly-tripoli")
    assert at.multiselect(key="f_places").value == ["ly-tripoli"]
    next(b for b in at.button if b.label == "Clear filters").click().run()
    assert not at.exception
    assert not {"actor", "place"} & set(at.query_params)
    assert at.multiselect(key="f_actors").value == [] and metrics(at)["Articles"] == "2"


# ---------------------------------------------------------------------------------------------------------
# Deep link into the reader


def test_deep_link_outlines_the_sentence(seeds_url, processed_db):
    statements = Store(processed_db).statements()
    row = statements[(statements["speaker_id"] == "gna") & (statements["start"] > 0)].iloc[0]
    at = open_page("articles", article=row["article_id"], sentence=str(int(row["start"])))
    assert at.selectbox[0].value == row["article_id"]
    html = reader_html(at)
    assert html.count('id="target"') == 1
    assert '<span class="statement target" id="target"' in html
    after = re.sub(r"<[^>]+>", "", html.split('id="target"', 1)[1].split(">", 1)[1])
    assert after.startswith(row["sentence"][:15].strip()), (after[:40], row["sentence"][:40])
    assert at.query_params["sentence"] == str(int(row["start"]))


def test_deep_link_to_unknown_article_says_so(seeds_url):
    at = open_page("articles", article="no-such-article")
    shown = [html.unescape(e.value) for e in at.error]  # the id is escaped markdown: shown as typed
    assert shown == ["No article with id 'no-such-article' in the store."]


# ---------------------------------------------------------------------------------------------------------
# Empty store


@pytest.mark.parametrize("page", PAGES)
def test_empty_store_shows_a_message(page, tmp_path, monkeypatch):
    (tmp_path / "no-seeds").mkdir()
    monkeypatch.setattr("components.data.SEEDS_DIR", tmp_path / "no-seeds")
    monkeypatch.setenv("MARSAD_DB", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    at = open_page(page)
    assert [t.value for t in at.title] == [TITLES[page]]
    if page == "timeline":
        assert infos(at) == ["Nothing dated matches these filters."]
    else:
        assert infos(at) and "match" in infos(at)[0]
    assert not at.get("plotly_chart") and not cards(at)


def test_first_run_processes_seeds_into_an_empty_store(tmp_path, monkeypatch):
    db = tmp_path / "first.sqlite"
    monkeypatch.setenv("MARSAD_DB", f"sqlite:///{db}")
    at = open_page("overview")
    assert metrics(at)["Articles"] == "2"
    assert Store(f"sqlite:///{db}").count("articles") == 2


def test_a_first_run_cut_short_is_taken_up_again(tmp_path, monkeypatch):
    """A click during the first run reruns the page mid-way: one seed saved of two. The next run goes on."""
    from components import data
    from marsad.process import process_paths

    url = f"sqlite:///{tmp_path / 'first.sqlite'}"
    monkeypatch.setenv("MARSAD_DB", url)
    cut = Store(url)
    process_paths([data.SEEDS_DIR / "000_africom_evacuation.txt"], cut, workers=1)
    cut.set_flag(data.UNFINISHED, True)
    at = open_page("overview")
    assert metrics(at)["Articles"] == "2" and not Store(url).flag(data.UNFINISHED)
    # a store of one's own articles (no flag) is never filled with the seeds
    own = tmp_path / "own.sqlite"
    process_paths([data.SEEDS_DIR / "000_africom_evacuation.txt"], Store(f"sqlite:///{own}"), workers=1)
    monkeypatch.setenv("MARSAD_DB", f"sqlite:///{own}")
    assert metrics(open_page("overview"))["Articles"] == "1"


def test_a_session_opened_during_the_first_run_waits_for_it(tmp_path, monkeypatch):
    """Another tab opened while the first run processes the seeds sees the whole store, not half of it,
    and does not process them again."""
    import threading

    from components import data
    from marsad.process import process_paths

    url = f"sqlite:///{tmp_path / 'first.sqlite'}"
    monkeypatch.setenv("MARSAD_DB", url)
    calls = []
    monkeypatch.setattr("marsad.process.process_paths", lambda *a, **k: calls.append(a) or process_paths(*a, **k))
    holding = threading.Event()

    def first_session() -> None:  # what the first tab's run does, slowly
        with data._FIRST_RUN:
            holding.set()
            first = Store(url)
            process_paths([data.SEEDS_DIR / "000_africom_evacuation.txt"], first, workers=1)
            threading.Event().wait(0.5)  # a half-written store: one article of two
            process_paths([data.SEEDS_DIR], first, workers=1)

    worker = threading.Thread(target=first_session)
    worker.start()
    assert holding.wait(60), "the first session took the first-run lock"
    at = open_page("overview", timeout=300)  # it waits for the whole first run, however busy the machine
    worker.join()
    assert not at.exception
    assert metrics(at)["Articles"] == "2", "the whole store, read after the first run ended"
    assert not calls, "the waiting session did not process the seeds again"


# ---------------------------------------------------------------------------------------------------------
# Untrusted text is escaped

EVIL_TITLE = "عنوان <b>عاجل</b> عن طرابلس"
EVIL_TEXT = f"""{EVIL_TITLE}

قال المتحدث باسم الجيش الوطني الليبي <script>alert(1)</script> إن القوات انسحبت من مدينة طرابلس <b>اليوم</b>.

وأكد وزير الداخلية أن "الوضع <script>alert(2)</script> مستقر في جنزور".
"""
RAW = ("<script>", "<b>عاجل", "<b>اليوم", "</script>")


def _evil_store(tmp_path: Path, source: str) -> str:
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "evil.txt").write_text(EVIL_TEXT, encoding="utf-8")
    (folder / "evil.meta.json").write_text(json.dumps(
        {"title": EVIL_TITLE, "published": "2019-04-08", "source": source}, ensure_ascii=False), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'evil.sqlite'}"
    report = process_paths([folder], Store(url), workers=1)
    assert len(report.processed) == 1, report.problems
    assert not Store(url).statements().empty, "the evil article yields statements"
    return url


def _rendered_html(at: AppTest) -> list[str]:
    bodies = markdown_bodies(at) + [c.value for c in at.caption]
    bodies += [json.loads(c.proto.json_args).get("html", "") + json.loads(c.proto.json_args).get("script", "")
               for c in at.get("component_instance") if "folium" in c.proto.component_name]
    bodies += [json.dumps(spec, ensure_ascii=False) for spec in plotly_specs(at)]  # hover labels read tags too
    return bodies


@pytest.mark.parametrize("page", PAGES)
def test_article_text_is_escaped(page, tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_DB", _evil_store(tmp_path, "وكالة الأنباء"))
    at = open_page(page, who="lna")
    bodies = _rendered_html(at)
    leaks = [body for body in bodies if any(raw in body for raw in RAW)]
    assert not leaks, leaks
    if page in ("overview", "actors", "articles", "timeline"):
        assert any("&lt;script&gt;" in body or "&lt;b&gt;" in body for body in bodies), "escaped form shown"


def test_source_name_is_escaped_on_overview(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_DB", _evil_store(tmp_path, "وكالة <script>alert(3)</script>"))
    at = open_page("overview")
    leaks = [body for body in _rendered_html(at) if "<script>" in body]
    assert not leaks, leaks
    assert any("&lt;script&gt;alert" in body and "<script>alert(3)" in html.unescape(body)
               for body in markdown_bodies(at)), "the source, escaped, reads as written"


# ---------------------------------------------------------------------------------------------------------
# app.py beside a `pages/` folder


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_inside_the_app(seeds_url, page, monkeypatch):
    """Not the page alone (Streamlit's `pages/` fallback): app.py's navigation, the page config, the filters."""
    monkeypatch.setattr(app_test_module, "PagesManager", PagesManager)  # the first deep link's detour
    at = open_page(page)
    assert [t.value for t in at.title] == [TITLES[page]]
    assert [m.key for m in at.sidebar.multiselect] == ["f_actors", "f_places", "f_events", "f_sources"]
    assert any(".card" in body and "<style>" in body for body in markdown_bodies(at)), "the CSS"
    # the pages app.py's st.navigation registers (the fallback registers app, actors, ... by file name)
    registered = {info.get("page_name") for info in at._registered_pages.values()}
    assert registered == {"Overview", "Map", "Timeline", "Actors & statements", "Articles"}, registered
