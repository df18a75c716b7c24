import pytest

from marsad.extract.gazetteer import capital_ids
from marsad.extract.geo import find_places


def _places(text: str, lexicon) -> dict[str, str]:
    findings = find_places(text, lexicon)
    for mention in findings.mentions:
        assert text[mention.start:mention.end] == mention.text
    return {m.text: m.entity_id for m in findings.mentions}


LIBYA = "تجددت الاشتباكات في ليبيا بين قوات حكومة الوفاق وقوات حفتر. "


@pytest.mark.parametrize("text, surface, place_id", [
    (LIBYA + "وقعت اشتباكات في محوري الخلة واليرموك جنوبي العاصمة الليبية", "اليرموك", "ly-yarmouk-camp"),
    (LIBYA + "صدت القوات هجوما على معسكر اليرموك", "معسكر اليرموك", "ly-yarmouk-camp"),
    (LIBYA + "وقعت اشتباكات في محوري الخلة واليرموك", "الخلة", "ly-khallat-furjan"),
    (LIBYA + "سفن حربية قبالة سواحل طرابلس", "طرابلس", "ly-tripoli"),
    (LIBYA + "في منطقة جنزور غرب طرابلس", "جنزور", "ly-janzour"),
    (LIBYA + "يقع في قرية “بالم سيتي” السياحية", "بالم سيتي", "ly-palm-city"),
    (LIBYA + "عادت القوات إلى مدينة مصراتة", "مصراتة", "ly-misrata"),
    ("اشتباكات في طرابلس شمال لبنان بين الجيش اللبناني ومسلحين قرب باب التبانة في لبنان", "طرابلس", "lb-tripoli"),
    ("قصفت القوات السورية مخيم اليرموك جنوبي دمشق في سوريا", "مخيم اليرموك", "sy-yarmouk-camp"),
    ("Members of the GNA forces gather during a fight in Ain Zara, Tripoli, Libya", "Ain Zara", "ly-ain-zara"),
])
def test_names_resolve_in_the_article_context(lexicon, text: str, surface: str, place_id: str) -> None:
    _places(text, lexicon)  # offsets checked
    at = text.index(surface)
    covering = {m.entity_id for m in find_places(text, lexicon).mentions
                if m.start <= at and at + len(surface) <= m.end}
    assert covering == {place_id}


def test_the_capital_is_the_capital_of_the_article_country(lexicon) -> None:
    text = LIBYA + "في محاور القتال جنوب العاصمة"
    findings = find_places(text, lexicon)
    assert findings.country == "LY"
    capital = [m for m in findings.mentions if "العاصمة" in m.text]
    assert capital and capital[0].entity_id == "ly-tripoli" and capital[0].text.startswith("جنوب")
    assert capital[0].confidence < 1


@pytest.mark.parametrize("text", [
    "وقالت وزارة الخارجية في بيان إن الوفد وصل",  # بيان is a town in Kuwait in GeoNames
    "دعت الأمم المتحدة إلى وقف إطلاق النار",  # وقف is a town in Egypt
    "سجل اللاعب طرابلسي هدفا",  # a surname
])
def test_common_words_are_not_places(lexicon, text: str) -> None:
    assert _places(text, lexicon) == {}


def test_geonames_city_after_a_place_cue(lexicon) -> None:
    findings = find_places("قتل ثلاثة أشخاص في قصف على مدينة الفاشر في السودان", lexicon)
    ids = {m.text.replace("مدينة ", ""): m.entity_id for m in findings.mentions}
    assert "الفاشر" in ids and findings.country == "SD"
    place = findings.places[ids["الفاشر"]]
    assert 13 < place.lat < 14.5 and 24.5 < place.lon < 26


def test_yemen_article(lexicon) -> None:
    text = ("أعلنت جماعة الحوثي استهداف مواقع في مأرب، فيما شن التحالف غارات على صنعاء والحديدة "
            "غربي اليمن.")
    findings = find_places(text, lexicon)
    assert findings.country == "YE"
    resolved = {findings.places[m.entity_id].name_en for m in findings.mentions}
    assert {"Sanaa", "Hodeidah"} <= {n.split(" (")[0] for n in resolved} or len(resolved) >= 3


@pytest.mark.parametrize("text, surface, country", [
    ("كما قال بن رودز المتحدث باسم البيت الأبيض في مؤتمر صحافي في نيروبي أثناء زيارة رسمية يقوم بها الرئيس "
     "الأمريكي باراك أوباما لكينيا", "نيروبي", "KE"),
    ("وقال الرئيس اليمني في تصريحات صحفية في مينسك إن الحوار مستمر", "مينسك", "BY"),
])
def test_a_capital_named_after_a_preposition_is_a_place_in_any_article(lexicon, text: str, surface: str,
                                                                      country: str) -> None:
    at = text.index(surface)
    findings = find_places(text, lexicon)
    found = [m for m in findings.mentions if m.start <= at < m.end]
    assert found and found[0].entity_id in capital_ids(), found
    assert findings.places[found[0].entity_id].country == country
