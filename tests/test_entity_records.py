"""The `entities` command's records on real SaudiNewsNet sentences (corpus file and record after each):
which of the registry, the gazetteer and the tagger decides, and where a name begins and ends
(data/name_extent.csv). The pipeline's own place mentions are checked beside them: they keep what the
map needs."""

import pytest

from marsad.extract.entities_cli import entity_records, name_extent_words
from marsad.extract.geo import find_places


def _records(text: str) -> list[tuple[str, str, str | None]]:
    rows = list(entity_records(text))
    for row in rows:
        assert text[row["start"]:row["end"]] == row["text"]
    return [(row["text"], row["type"], row["entity_id"]) for row in rows]


def _texts(text: str, kind: str) -> list[str]:
    return [surface for surface, type_, _ in _records(text) if type_ == kind]


# --- a place inside an organisation's name --------------------------------------------------------

@pytest.mark.parametrize("text, organisation, place", [
    # 2015-07-21#188: two clubs, no match played in Madrid
    ("ويدير المباراة طاقم حكام صربي بقيادة ميلوراد مازيتش الذي أدار الكثير من اللقاءات المهمة منها مباراة "
     "ريال مدريد وأتليتكو مدريد في دور الثمانية لدوري أبطال أوروبا الموسم الماضي.", "ريال مدريد", "مدريد"),
    # 2015-07-21#802
    ("وخلافا لأغلب أندية كرة القدم، ولكن على غرار غريمه التقليدي ريال مدريد، فإن برشلونة يعود لملكية أعضائه "
     "ومساهميه", "ريال مدريد", "مدريد"),
])
def test_a_place_inside_an_organisations_name_is_no_place(text: str, organisation: str, place: str) -> None:
    assert organisation in _texts(text, "ORGANIZATION")
    assert place not in _texts(text, "LOCATION")


def test_a_body_named_inside_a_place_name_is_no_mention_of_the_body() -> None:
    # 2015-07-21#718: شبه الجزيرة العربية is no mention of the channel الجزيرة
    text = ("حي الطريف (2010) شكل هذا المكان الذي يقع في قلب شبه الجزيرة العربية، شمال غرب الرياض (الدرعية)، "
            "أول عاصمة للدولة السعودية.")
    records = _records(text)
    assert not [r for r in records if r[2] == "aljazeera"]
    assert "شبه الجزيرة العربية" in _texts(text, "LOCATION")


# --- where a name begins --------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, entity_id", [
    # 2015-07-21#1395
    ("تنطلق غداً عند الساعة الثانية ظهراً خدمة شراء التذاكر لمواجهة كأس السوبر التي تجمع بين الهلال والنصر "
     "في 12 أغسطس المقبل على ملعب \"لوفتس وورد\" التابع لنادي كوينز بارك الإنجليزي في العاصمة البريطانية لندن.",
     "لندن", "gb-london"),
    ("وأكد الوزير أن القوات الدولية ستنتشر في إقليم دارفور خلال الأشهر المقبلة", "دارفور", "sd-darfur"),
    ("ونقلت الوكالة عن مصادر في مدينة مشهد أن الزوار توافدوا على المدينة", "مشهد", "ir-mashhad"),
    ("وأعلنت الحكومة عن خطط للنمو الاقتصادي السريع لدولة قطر خلال العقد المقبل", "قطر", "qa"),
])
def test_the_word_that_says_what_kind_of_place_is_no_part_of_its_name(text: str, name: str, entity_id: str) -> None:
    assert (name, "LOCATION", entity_id) in _records(text)


def test_a_country_whose_name_begins_with_a_direction_keeps_it() -> None:
    text = "وصل الرئيس إلى جنوب أفريقيا في زيارة رسمية تستمر يومين"
    assert "جنوب أفريقيا" in _texts(text, "LOCATION")


@pytest.mark.parametrize("text", [
    # 2015-07-21#286: London described, not named
    "بالموازاة مع الحملة الانتخابية لقيادة حزب «العمال»، تشهد العاصمة البريطانية سباقا انتخابيا محتدما لاختيار "
    "العمدة الذي سيخلف بوريس جونسون في 5 مايو (أيار) من العام المقبل.",
    # 2015-07-21#440
    "كل من يعيش في لندن بات يعرف أنه ما إن تبدأ بشائر رمضان حتى تبدأ العاصمة البريطانية تتزين من أجل عيون "
    "زبونها العربي تحديدا",
])
def test_a_place_described_without_its_name_is_no_named_entity(lexicon, text: str) -> None:
    assert not [t for t in _texts(text, "LOCATION") if "العاصمة" in t]
    assert "gb-london" in {m.entity_id for m in find_places(text, lexicon).mentions}  # still on the map


def test_a_body_described_by_a_noun_and_a_nationality_is_no_named_entity() -> None:
    # 2015-07-21#107
    text = ("وأنا لا أستغرب أن أسمع أن نتنياهو سيطلب من الإدارة الأميركية أن تنزع ثقتها بالرئيس الفلسطيني، محمود "
            "عباس، حتى يسقط موضوع التسوية».")
    assert not [t for t in _texts(text, "ORGANIZATION") if "الإدارة" in t]
    assert {"نتنياهو", "محمود عباس"} <= set(_texts(text, "PERSON"))


def test_a_title_in_a_registry_alias_is_no_part_of_the_name() -> None:
    text = "واستقبل أمير قطر الشيخ تميم بن حمد آل ثاني وزير الخارجية في الدوحة أمس"
    assert ("تميم بن حمد آل ثاني", "PERSON", "tamim-bin-hamad") in _records(text)


# --- a common word is no place --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # 2015-07-21#249: "door", no ب + إب
    "لم تكن ابتعدت خطوات معدودات عن باب شقتها التي استأجرتها في أحد المساكن في أطراف العاصمة الأوكرانية",
    # 2015-07-21#257
    "مرة أخرى، قال الموقع صباح الخير، مع صورة باب مغلق، وعبارة «سيفتح الله بابا كنت تحسبه»",
])
def test_a_common_word_made_of_a_clitic_and_a_short_name_is_no_place(lexicon, text: str) -> None:
    assert "ye-ibb" not in {m.entity_id for m in find_places(text, lexicon).mentions}


@pytest.mark.parametrize("text", ["وتواصلت المعارك في محافظة إب وسط البلاد", "وقصفت الطائرات مواقع بإب"])
def test_ibb_is_still_ibb(lexicon, text: str) -> None:
    assert "ye-ibb" in {m.entity_id for m in find_places(text, lexicon).mentions}


def test_the_extent_words_are_a_checked_data_file() -> None:
    words = name_extent_words()
    assert words["مدينه"] == "designator" and words["جنوب"] == "direction"


@pytest.mark.parametrize("text", [
    "و حذر من تصاعد العنف في دارفور في الاشهر الاخيرة من الضحايا العراقيين ( الفرنسية ) .",  # NewsFANE
    "وكان بلاتيني سيعلن خلال أسبوعين ترشحه لرئاسة «فيفا» من عدمها. (الفرنسية) وفاز بلاتر في",  # SaudiNewsNet
    'وبحسب وكالة (الفرنسية) كتبت صحيفة "إيفيميريدا تون سينتاكتون" أن الخطة وضعت "لزيادة كلفة القطيعة" على الدائنين.',
])
def test_an_agency_credited_in_brackets_is_an_organisation(text: str) -> None:
    credits = [r for r in entity_records(text) if r["source"] == "rule" and r["type"] == "ORGANIZATION"]
    assert len(credits) == 1 and credits[0]["text"] == "الفرنسية", list(entity_records(text))


@pytest.mark.parametrize("text", ["جريدة الرياض (السعودية) والوئام", "قالت الحكومة (الفرنسية) إن الاتفاق قائم"])
def test_a_nationality_in_brackets_is_no_credit_by_itself(text: str) -> None:
    assert not [r for r in entity_records(text) if r["source"] == "rule" and r["type"] == "ORGANIZATION"]


@pytest.mark.parametrize("text", [
    'بالاضافة الى مسلسل " نصر الله " اخراج احمد',  # NewsFANE
    'بطولة المسلسل الاجتماعي " القاهرة 2000 " الذي',  # NewsFANE: an adjective between
    "وصدرت له رواية «ساق البامبو» عن الكويت",
])
def test_a_works_quoted_title_holds_no_names(text: str) -> None:
    title = text[text.index('"') if '"' in text else text.index("«"):]
    title = title[:title.index('"', 1) if '"' in text else title.index("»")]
    assert not [r for r in entity_records(text) if r["start"] >= text.index(title) and r["end"] <= text.index(title) + len(title)]


def test_a_quoted_name_after_no_work_noun_stays() -> None:
    assert [r["text"] for r in entity_records('قال " مصر " لن تتراجع')] == ["مصر"]


@pytest.mark.parametrize("text, people", [
    ("و قد اكد الجيش ان اسامة بن لادن يريد قتل الاميركيين و مواطني الغرب", "الاميركيين"),  # NewsFANE
    ("وأكد المسؤول أن العراقيين سيقررون مصير بلادهم بأنفسهم", "العراقيين"),
])
def test_a_people_named_by_its_plural_nationality_is_a_person_name(text: str, people: str) -> None:
    assert (people, "PERSON") in {(r["text"], r["type"]) for r in entity_records(text)}


def test_a_word_list_with_an_empty_row_names_its_file_and_row(tmp_path) -> None:
    from marsad.lexicon import LexiconError, read_word_set

    path = tmp_path / "agency_credits.csv"
    path.write_text("credit_ar,agency_en\nالفرنسية,AFP\nالألمانية,\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"agency_credits.csv row 3: no agency_en"):
        read_word_set(path, ["credit_ar", "agency_en"])
    path.write_text("credit_ar,agency_en\nالفرنسية,AFP\n", encoding="utf-8")
    assert read_word_set(path, ["credit_ar", "agency_en"]) == frozenset({"الفرنسيه"})
