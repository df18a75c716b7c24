from datetime import date
from pathlib import Path

import pytest

from marsad.lexicon import load_lexicon
from marsad.pipeline import analyse
from marsad.records import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _events(text: str, published: date | None = date(2019, 4, 7)):
    analysis = analyse(Article("t", "title", text, published=published), load_lexicon())
    for event in analysis.events:
        assert text[event.start:event.end] == event.sentence
        assert text[event.trigger_start:event.trigger_end] == event.trigger
    return analysis


@pytest.mark.parametrize("text, event_type, place_id", [
    ("ميدانيا، أفاد مراسل الجزيرة في طرابلس بتجدد الاشتباكات بين قوات حكومة الوفاق وقوات حفتر في محوري "
     "الخلة واليرموك جنوبي العاصمة الليبية.", "armed_clash", "ly-khallat-furjan"),
    ("وسبق أن أعلنت وزارة الداخلية الليبية عن اعتقال عنصرين من تنظيم الدولة داخل طرابلس.", "arrest", "ly-tripoli"),
    ("شنت طائرات التحالف غارات جوية على مواقع الحوثيين في مدينة الحديدة غربي اليمن.", "airstrike", "ye-hodeidah"),
    ("أجرى نائب وزير الخارجية الروسي ميخائيل بوغدانوف اتصالا هاتفيا مع خليفة حفتر.", "phone_call", None),
    ("وشوهدت سفن أمريكية لإجلاء عدد من القوات في منطقة جنزور غرب طرابلس.", "evacuation", "ly-janzour"),
])
def test_event_type_and_place(text: str, event_type: str, place_id: str | None) -> None:
    events = [e for e in _events(text).events if e.type == event_type]
    assert events, [e.type for e in _events(text).events]
    if place_id:
        assert place_id in {e.place_id for e in events}


def test_clashes_at_two_fronts_are_two_events() -> None:
    text = "تجددت الاشتباكات بين قوات الوفاق وقوات حفتر في محوري الخلة واليرموك جنوبي طرابلس في ليبيا."
    places = {e.place_id for e in _events(text).events if e.type == "armed_clash"}
    assert {"ly-khallat-furjan", "ly-yarmouk-camp"} <= places


def test_event_date_and_actors() -> None:
    text = ("وكانت القيادة الأميركية لأفريقيا (أفريكوم) أعلنت في السابع من أبريل/نيسان سحب القوات الأميركية "
            "من ليبيا.")
    events = [e for e in _events(text, date(2019, 4, 20)).events if e.type == "withdrawal"]
    assert events and events[0].date == date(2019, 4, 7) and events[0].date_precision == "day"
    assert "africom" in events[0].actor_ids


def test_no_date_means_publication_date_marked_reported() -> None:
    events = _events("وقعت اشتباكات عنيفة في مدينة سرت الليبية.").events
    assert events and all(e.date_precision == "reported" and e.date == date(2019, 4, 7) for e in events)


def test_sudan_article() -> None:
    text = ("قالت قوات الدعم السريع إنها سيطرت على مدينة ود مدني في ولاية الجزيرة، فيما شن الجيش السوداني "
            "غارات جوية على مواقعها في الخرطوم.")
    analysis = _events(text, date(2023, 12, 19))
    types = {e.type for e in analysis.events}
    assert {"territory_change", "airstrike"} <= types
    assert analysis.statements and analysis.statements[0].speaker_id == "rsf"


def test_one_act_of_violence_per_sentence_named_by_its_most_specific_trigger() -> None:
    text = "وقتل 11 مدنيا وأصيب آخرون في غارة جوية شنتها طائرات التحالف على سوق في مدينة صعدة شمالي اليمن."
    events = _events(text, date(2015, 7, 20)).events
    assert [e.type for e in events] == ["airstrike"], "not also killing and casualties"


def test_what_follows_a_battle_stays_its_own_event() -> None:
    text = ("وسيطرت قوات المقاومة الشعبية على مطار عدن الدولي بعد اشتباكات عنيفة مع مسلحي الحوثي "
            "استمرت ساعات.")
    types = {e.type for e in _events(text, date(2015, 7, 15)).events}
    assert {"territory_change", "armed_clash"} <= types


def test_one_incident_told_in_two_sentences_is_one_event() -> None:
    text = ("قتل عشرة أشخاص في تفجير سيارة مفخخة في سوق شعبي ببغداد أمس الاثنين. "
            "وأوضحت الشرطة أن التفجير وقع قرب مسجد في السوق ذاته ببغداد أمس الاثنين.")
    bombings = [e for e in _events(text, date(2015, 7, 21)).events if e.type == "bombing"]
    assert len(bombings) == 1 and bombings[0].sentence.startswith("قتل عشرة")


def test_two_incidents_on_different_days_stay_two() -> None:
    text = ("وقصفت المدفعية حي المعلا في عدن أمس الاثنين. "
            "وكانت المدفعية قد قصفت حي كريتر في عدن يوم السبت الماضي.")
    shellings = [e for e in _events(text, date(2015, 7, 21)).events if e.type == "shelling"]
    assert len(shellings) == 2


@pytest.mark.parametrize("text", [
    "وأكد المتحدث أنه لم تقع أي اشتباكات في محيط المطار خلال الساعات الماضية.",
    "ودعا المبعوث الأممي إلى وقف القصف على الأحياء السكنية في مدينة تعز.",
    "وأعلن الجيش عزمه شن هجوم واسع لاستعادة المدينة من مسلحي التنظيم.",
    "وهددت الجماعة بقصف المنشآت النفطية إذا استمر الحصار.",
    "وطالب المحتجون بانسحاب القوات من المدينة.",
])
def test_events_not_reported_as_fact_are_not_events(text: str) -> None:
    violent = {"armed_clash", "shelling", "attack", "airstrike", "withdrawal"}
    assert not [e for e in _events(text, date(2015, 7, 21)).events if e.type in violent]


def test_an_event_reported_as_fact_beside_a_demand_is_kept() -> None:
    text = "ودارت اشتباكات عنيفة أمس في محيط مطار عدن، فيما دعا المبعوث الأممي إلى وقف القتال."
    assert "armed_clash" in {e.type for e in _events(text, date(2015, 7, 21)).events}


def test_the_modality_cues_are_a_checked_data_file() -> None:
    from marsad.extract.events import modality_cues

    cues = modality_cues()
    assert len(cues) >= 40
    assert set(cues.values()) <= {"negation", "prevention", "demand", "plan", "condition", "threat"}


def test_a_sentence_without_a_place_happens_where_the_paragraph_last_was_and_says_so() -> None:
    text = ("وصلت تعزيزات عسكرية إلى مدينة تعز صباح أمس. "
            "ودارت اشتباكات عنيفة بين الطرفين استمرت حتى المساء.\n"
            "وفي سياق آخر، قتل ثلاثة أشخاص في انفجار عبوة ناسفة.")
    events = _events(text, date(2015, 7, 21)).events
    clash = next(e for e in events if e.type == "armed_clash")
    assert clash.place_id == "ye-taiz" and clash.place_inherited
    bombing = next(e for e in events if e.type == "bombing")
    assert bombing.place_id is None and not bombing.place_inherited, "a new paragraph inherits nothing"


def test_an_older_store_gets_the_place_inherited_column(tmp_path) -> None:
    import sqlalchemy as sa

    from marsad.store import Store

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    Store(url)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE events DROP COLUMN place_inherited")
    engine.dispose()
    store = Store(url)
    columns = {c["name"] for c in sa.inspect(store.engine).get_columns("events")}
    assert "place_inherited" in columns


def test_an_older_store_gets_the_casualty_and_agent_columns_and_reads_them_read_only(tmp_path) -> None:
    import sqlalchemy as sa

    from marsad.process import process_paths
    from marsad.store import Store

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    process_paths([SEEDS], Store(url), workers=1)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for name in ("killed", "killed_high", "wounded", "wounded_high", "victims", "actor1_id", "actor2_id",
                     "evidence"):
            conn.exec_driver_sql(f"ALTER TABLE events DROP COLUMN {name}")
    engine.dispose()
    old = Store(url + "?mode=ro")  # read-only: nothing is added, the missing columns read as empty
    assert old.read_only
    frame = old.events()
    assert len(frame) > 0 and frame["killed"].isna().all()
    old.engine.dispose()
    store = Store(url)
    columns = {c["name"] for c in sa.inspect(store.engine).get_columns("events")}
    assert {"killed", "wounded", "victims", "actor1_id", "evidence"} <= columns
    assert len(store.events()) == len(frame)
