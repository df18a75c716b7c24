"""The gold-set scorer (marsad/evaluate.py): its matching rules on small hand-made cases, and one run
over tests/gold when the SaudiNewsNet corpus is there."""

import io
import json
from datetime import date
from pathlib import Path

import pytest

from marsad.corpus import corpus_dir
from marsad.evaluate import (
    GoldEvent,
    GoldStatement,
    PlaceRef,
    PredEvent,
    PredStatement,
    Report,
    Score,
    _Corpus,
    date_matches,
    distance_km,
    evaluate,
    match_events,
    match_places,
    match_statements,
    normalize_ar,
    normalize_en,
    overlap_ratio,
    parse_date_span,
    same_arabic_name,
    same_place,
    same_speaker,
    same_type,
    score_article,
)
from marsad.records import Actor, Analysis, Article, Event, Place, Statement

GOLD = Path(__file__).resolve().parent / "gold"

ADEN = PlaceRef("Aden", "عدن", "YE", "city", 12.78, 45.03)
DAR_SAAD = PlaceRef("Dar Saad", "دار سعد", "YE", "district", 12.89, 44.99)
TAIZ = PlaceRef("Taiz", "تعز", "YE", "city", 13.58, 44.02)
YEMEN = PlaceRef("Yemen", "اليمن", "YE", "country", 15.6, 47.9)


def test_arabic_names_are_compared_without_hamza_ta_marbuta_diacritics_article_or_clitics():
    assert normalize_ar("الإدارة") == normalize_ar("ادارة") == ("اداره",)
    assert normalize_ar("مصطفى") == normalize_ar("مصطفي")
    assert normalize_ar("وقالت المصادرُ") == ("قالت", "مصادر")
    assert normalize_ar("للمملكة") == normalize_ar("المملكة") == ("مملكه",)
    assert normalize_ar("بالإفراج") == ("افراج",)
    assert same_arabic_name("المصدر", "مصدر أمني عراقي")  # containment either way
    assert same_arabic_name("أحمد حسن عسيري", "عسيري")
    assert same_arabic_name("إدارة الصحة في المدينة", "ادارة الصحه")
    assert not same_arabic_name("علي", "عليه")  # whole words only
    assert not same_arabic_name("", "علي")


def test_english_names_ignore_case_punctuation_and_al():
    assert normalize_en("Adel al-Jubeir") == normalize_en("adel Al Jubeir") == "adel jubeir"
    assert normalize_en("Islamic State (IS)") == "islamic state is"
    assert same_speaker((), "Nohad al-Machnouk", "المشنوق", "Nohad Machnouk")
    assert same_speaker(("نهاد المشنوق",), None, "المشنوق", "")
    assert not same_speaker(("حسن بوسنين",), "Hassan Boucenine", "المصادر", "medical sources")


def test_overlap_ratio_is_over_the_shorter_span():
    assert overlap_ratio((0, 10), (5, 20)) == 0.5
    assert overlap_ratio((0, 100), (10, 20)) == 1.0
    assert overlap_ratio((0, 10), (10, 20)) == 0.0
    assert overlap_ratio((5, 5), (0, 10)) == 0.0


def test_statements_match_one_to_one_on_overlap_and_speaker():
    golds = [GoldStatement((0, 100), "عادل الجبير", "Adel al-Jubeir", "..."),
             GoldStatement((200, 260), "المصادر", "sources", "..."),
             GoldStatement(None, "الوزير", "the minister", "not in the text")]
    preds = [PredStatement((10, 60), ("الجبير",), None, ""),  # inside gold 0, right speaker
             PredStatement((150, 230), ("مصادر طبية",), None, ""),  # 30 of 60 shared: exactly half
             PredStatement((0, 100), ("حسن",), "Hassan", ""),  # gold 0's text, wrong speaker
             PredStatement((300, 400), ("الجبير",), None, ""),  # nothing there
             PredStatement((151, 230), ("المصادر",), None, "")]  # 29 of 60: under half
    assert match_statements(preds, golds) == [(0, 0), (1, 1)]
    # content only: pred 2 has gold 0's text too, but gold 0 is taken (one-to-one)
    assert sorted(match_statements(preds, golds, speaker=False)) == [(0, 0), (1, 1)]


def test_dates_are_days_or_iso_spans():
    assert parse_date_span("2015-07-19") == (date(2015, 7, 19), date(2015, 7, 19))
    assert parse_date_span("2015-07-20/2015-07-18") == (date(2015, 7, 18), date(2015, 7, 20))
    assert parse_date_span(None) is None
    assert date_matches(date(2015, 7, 19), "2015-07-18/2015-07-20")
    assert date_matches(date(2015, 7, 19), "2015-07-19")
    assert not date_matches(date(2015, 7, 21), "2015-07-18/2015-07-20")
    assert not date_matches(None, "2015-07-19")
    assert not date_matches(date(2015, 7, 19), None)


def test_event_type_families():
    assert same_type("airstrike", "airstrike")
    assert same_type("attack", "armed_clash") and same_type("airstrike", "shelling")
    assert same_type("attack", "bombing") and same_type("abduction", "arrest")
    assert same_type("withdrawal", "territory_change") and same_type("casualties", "killing")
    assert not same_type("bombing", "armed_clash")  # attack is in both families, they are not
    assert not same_type("killing", "attack") and not same_type("meeting", "phone_call")


def test_places_match_by_name_country_or_distance():
    assert 12 < distance_km(ADEN.lat, ADEN.lon, DAR_SAAD.lat, DAR_SAAD.lon) < 14
    assert same_place(PlaceRef("Dar Sa'd", None, "YE", "district", 12.88, 44.98), DAR_SAAD)
    assert same_place(ADEN, DAR_SAAD)  # 13 km apart
    assert not same_place(ADEN, TAIZ)  # 130 km
    assert same_place(PlaceRef("Republic of Yemen", "الجمهورية اليمنية", "YE", "country", 15.0, 48.0), YEMEN)
    assert not same_place(PlaceRef("Aden", None, "SA", "city", 12.78, 45.03), PlaceRef("X", None, "YE", "city",
                                                                                          12.79, 45.03))
    assert same_place(None, None) and same_place(ADEN, None)  # a gold event without a place takes any
    assert not same_place(None, ADEN)


def test_places_one_to_one_names_before_distance():
    preds = [PlaceRef("Aden", "عدن", "YE", "city", 12.8, 45.0),
             PlaceRef("Sheikh Othman", "الشيخ عثمان", "YE", "district", 12.87, 45.03),
             PlaceRef("Geneva", "جنيف", "CH", "city", 46.2, 6.14)]
    golds = [ADEN, DAR_SAAD, TAIZ, YEMEN]
    assert sorted(match_places(preds, golds)) == [(0, 0), (1, 1)]  # Aden by name, Sheikh Othman near Dar Saad


def test_events_need_evidence_type_place_and_date_and_a_second_report_is_wrong():
    gold = [GoldEvent(((0, 50), (100, 150)), "shelling", DAR_SAAD, "2015-07-19", "..."),
            GoldEvent(((200, 250),), "airstrike", None, "2015-07-18/2015-07-20", "...")]
    preds = [PredEvent((0, 60), "shelling", ADEN, date(2015, 7, 19), ""),  # right (Aden is 13 km away)
             PredEvent((100, 150), "airstrike", ADEN, date(2015, 7, 19), ""),  # same incident again
             PredEvent((200, 250), "airstrike", TAIZ, date(2015, 7, 21), ""),  # date outside the span
             PredEvent((200, 250), "shelling", None, date(2015, 7, 20), ""),  # family, any place, in span
             PredEvent((300, 320), "shelling", ADEN, date(2015, 7, 19), "")]  # no evidence there
    pairs = match_events(preds, gold)
    assert sorted(pairs) == [(0, 0), (3, 1)]
    score = Score()
    score.add(len(pairs), len(preds), len(gold))
    assert (score.precision, score.recall) == (0.4, 1.0)
    assert round(score.f1, 4) == round(2 * 0.4 / 1.4, 4)


def test_score_article_reads_an_analysis():
    text = "قال عادل الجبير إن الوضع مستقر. وقتل خمسة في قصف على عدن أمس. وقال مصدر إن الهدوء عاد."
    cut = text.index("وقتل")
    second = text.index("وقال مصدر")
    article = Article("a1", "t", text, published=date(2015, 7, 21))
    aden = Place("ye-aden", "Aden", "عدن", 12.79, 45.02, "YE", "city")
    actor = Actor("adel-al-jubeir", "Adel al-Jubeir", "عادل الجبير", "person")
    quote = text.index("الوضع")
    statements = [
        Statement(0, cut - 1, text[:cut - 1], "adel-al-jubeir", "said", "قال", "assert", "الوضع مستقر", False,
                  date(2015, 7, 21), "reported", quote_start=quote, quote_end=quote + len("الوضع مستقر"),
                  speaker_text="عادل الجبير"),
        Statement(second, len(text), text[second:], None, "said", "قال", "assert", "", False, date(2015, 7, 21),
                  "reported", speaker_text="مسؤول"),
    ]
    events = [Event(cut, second - 1, text[cut:second - 1], "shelling", "shelling", "قصف", 0, 0,
                    date(2015, 7, 20), "day", "ye-aden"),
              Event(cut, second - 1, text[cut:second - 1], "airstrike", "airstrike", "قصف", 0, 0,
                    date(2015, 7, 20), "day", "ye-aden")]
    analysis = Analysis(article, actors={actor.actor_id: actor}, places={"ye-aden": aden},
                        statements=statements, events=events)
    doc = {"id": "t", "statements": [
        {"speaker": "عادل الجبير", "speaker_en": "Adel al-Jubeir", "content": "الوضع مستقر"},
        {"speaker": "مصدر", "speaker_en": "a source", "content": "الهدوء عاد"}],
        "events": [{"type": "shelling", "place": "Aden", "place_ar": "عدن", "country": "YE", "date": "2015-07-20",
                    "evidence": ["وقتل خمسة في قصف على عدن أمس"], "killed": 5}],
        "places": [{"name_ar": "عدن", "name_en": "Aden", "country": "YE", "kind": "city", "lat": 12.78,
                    "lon": 45.03},
                   {"name_ar": "اليمن", "name_en": "Yemen", "country": "YE", "kind": "country", "lat": 15.6,
                    "lon": 47.9}]}
    report = Report()
    score_article(analysis, doc, report)
    assert (report.statements.matched_pred, report.statements.predicted, report.statements.gold) == (1, 2, 2)
    assert report.statements_content.matched_pred == 2  # the second has the right text, not the right speaker
    assert (report.events.matched_pred, report.events.predicted, report.events.gold) == (1, 2, 1)
    assert (report.places.matched_pred, report.places.predicted, report.places.gold) == (1, 1, 2)
    assert report.casualties_available  # events carry `killed`; this one has none, the gold says 5
    assert (report.casualties_right, report.casualties_compared) == (0, 1)
    assert any("مسؤول" in line for line in report.errors["statements"])
    assert any("airstrike" in line and "(duplicate)" in line for line in report.errors["events"])
    assert any("Yemen" in line for line in report.errors["places"])


def test_the_eval_command_is_wired():
    from marsad.__main__ import build_parser, cmd_eval

    args = build_parser().parse_args(["eval", "--verbose", "tests/gold"])
    assert args.func is cmd_eval and args.errors and args.paths == ["tests/gold"]


def test_a_missing_corpus_skips_with_a_message(tmp_path):
    out = io.StringIO()
    report = evaluate([GOLD], corpus=tmp_path / "nowhere", out=out)
    assert report.scored == 0
    assert "skipped: no SaudiNewsNet corpus" in out.getvalue()


@pytest.mark.skipif(not corpus_dir().is_dir() or not list(GOLD.glob("*.json")),
                    reason="needs ../shared/corpora/saudinewsnet (or $MARSAD_CORPUS) and tests/gold/*.json")
@pytest.mark.parametrize("folder", [GOLD, GOLD.parent / "gold_test"], ids=["development", "held-out test"])
def test_the_scorer_runs_over_the_gold_folder(folder: Path):
    out = io.StringIO()
    report = evaluate([folder], verbose=True, out=out)
    text = out.getvalue()
    assert report.scored == len(list(folder.glob("*.json"))) > 0 and not report.skipped
    corpus = _Corpus(corpus_dir())
    for path in folder.glob("*.json"):  # every quoted content and evidence is the article's own text
        doc = json.loads(path.read_text(encoding="utf-8"))
        article = corpus.record(doc["zip"], int(doc["index"]))["content"]
        quoted = [s["content"] for s in doc["statements"]] + [q for e in doc["events"] for q in e["evidence"]]
        assert [q for q in quoted if q not in article] == [], path.name
    for kind in ("statements", "events", "places"):
        assert f"\n{kind} " in text and f"{kind} errors" in text
    assert text.rstrip().splitlines()[-1].startswith("statements P ")
    assert " | events P " in text.rstrip().splitlines()[-1] and " | places P " in text.rstrip().splitlines()[-1]


def test_a_gold_events_place_takes_its_coordinates_from_the_places_list_by_english_or_arabic_name():
    from marsad.evaluate import gold_items

    text = "مواجهات عنيفة تشهدها مدينة لحج مع ميليشيات الحوثي."
    doc = {"places": [{"name_ar": "مدينة لحج", "name_en": "Lahj city (Al Houta)", "country": "YE", "kind": "city",
                       "lat": 13.05, "lon": 44.88}],
           "events": [{"type": "armed_clash", "place": "Lahj city", "place_ar": "مدينة لحج", "country": "YE",
                       "date": "2015-07-30", "evidence": [text]},
                      {"type": "armed_clash", "place": "Somewhere", "place_ar": "مكان ما", "country": "YE",
                       "date": "2015-07-30", "evidence": [text]}]}
    _, events, _ = gold_items(doc, text)
    assert (events[0].place.lat, events[0].place.lon) == (13.05, 44.88)
    assert events[1].place.lat is None and events[1].place.name_en == "Somewhere"
    ours = PlaceRef("Lahij", "لحج", "YE", "town", 13.0567, 44.8819)
    assert same_place(ours, events[0].place) and not same_place(ours, events[1].place)


def test_a_place_designator_is_no_part_of_the_name_compared():
    from marsad.evaluate import same_place_name

    ours = PlaceRef("Maytam (area)", "منطقة ميتم", "YE", "district")
    assert same_place_name(ours, PlaceRef("Maytam", "ميتم", "YE"))
    assert same_place_name(PlaceRef(None, "حي الجحملية", "YE"), PlaceRef(None, "الجحملية", "YE"))
    assert not same_place_name(PlaceRef(None, "منطقة ميتم", "YE"), PlaceRef(None, "منطقة", "YE"))
    assert not same_place_name(PlaceRef(None, "جبهة المخدرة", "YE"), PlaceRef(None, "جبهة الجفينة", "YE"))
    # a province or a state named with its designator (`في إقليم فارياب`, `بولاية مينيسوتا`) is the province
    assert same_place_name(PlaceRef("Faryab (province)", "إقليم فارياب", "AF", "in_country"),
                           PlaceRef("Faryab", "فارياب", "AF"))
    assert same_place_name(PlaceRef(None, "ولاية مينيسوتا", "US"), PlaceRef(None, "مينيسوتا", "US"))
