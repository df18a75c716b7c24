"""Places no gazetteer lists, found by their designator and located by a listed place beside them
(marsad/extract/localities.py), on SaudiNewsNet sentences."""

from datetime import date

import pytest

from marsad.extract.geo import find_places
from marsad.extract.localities import find_localities
from marsad.pipeline import analyse
from marsad.records import Article
from marsad.text.normalize import normalize


def _discovered(text: str, lexicon, unlisted: str = ""):
    """The localities found in `text`, as if the gazetteer did not list `unlisted` (it grows: the test is of
    the mechanism, not of what the gazetteer lacks today)."""
    listed = find_places(text, lexicon, discover=False)
    at = text.find(unlisted) if unlisted else -1
    mentions = [m for m in listed.mentions if at < 0 or not (m.start < at + len(unlisted) and at < m.end)]
    found, places = find_localities(text, normalize(text), mentions, dict(listed.places))
    return {places[m.entity_id].name_ar: places[m.entity_id] for m in found}


@pytest.mark.parametrize("text, name, parent_id", [
    ("وفي مأرب، قصفت طائرات التحالف مواقع الحوثيين في جبهة الجفينة وتبة الدفاع.", "جبهة الجفينة", "ye-marib"),
    ("استهدف رجال المقاومة الشعبية بمدينة تعز القناصة المتمركزين في جولة الحوض وحي الجحملية.", "حي الجحملية",
     "ye-taiz"),
    ("قتل 7 من ميليشيات الحوثي في كمين للقوات الموالية للشرعية في منطقة الرضمة بمحافظة إب.", "منطقة الرضمة",
     "ye-ibb"),
])
def test_a_designated_unlisted_place_is_found_at_its_parents_point(lexicon, text, name, parent_id):
    found = _discovered(text, lexicon, name.split()[-1])
    assert name in found, sorted(found)
    place, parent = found[name], find_places(text, lexicon).places[parent_id]
    assert (place.lat, place.lon, place.country, place.source) == (parent.lat, parent.lon, parent.country,
                                                                    "discovered")
    assert place.name_en.endswith(")")  # `Al-Jafina (front)`: its kind in English


@pytest.mark.parametrize("text", [
    "قال مسؤول يمني إن المهندس وحي أمان وزير الأشغال العامة سيعود إلى عدن.",  # a given name, not و + حي
    "وأكدت جبهة النصرة في بيان أنها سيطرت على مواقع في ريف إدلب.",  # an organisation
    "وقالت المصادر إن المسلحين انسحبوا إلى مناطق مختلفة من محافظة صلاح الدين.",  # an adjective
    "وأضاف أن نقطة تفتيش تابعة للمقاومة الشعبية في تعز ألقت القبض على قيادي حوثي.",  # no name follows
    "وتعرض معسكر يقع شمال مدينة عدن لقصف مدفعي.",  # a verb
    "قصفت الطائرات منطقة سكنية في مدينة الرقة.",  # an indefinite adjective
    "سقط صاروخ مصدره قوات النظام السوري على حي شعبي في وسط مدينة حلب.",  # an adjective
    "استعدادا للموسم المقبل في الرياض، وأدى الفريق تدريباته أمس على فترتين.",  # وأدى (performed) is no وادي
    "وبلغ التضخم 1.7 في المائة في منطقة اليورو خلال الربع الأول بحسب بيانات صدرت في بروكسل.",  # a common word
    "ورفعت مديرية الشؤون الصحية بمحافظة الطائف تقريرها إلى الوزارة.",  # a directorate
])
def test_what_follows_a_designator_is_not_always_a_name(lexicon, text):
    assert not _discovered(text, lexicon)


def test_a_name_that_goes_on_is_taken_whole(lexicon):
    text = "وقصفت قوات النظام بعدد من القذائف مناطق في قرية بيت عوان بريف اللاذقية."
    assert "قرية بيت عوان" in _discovered(text, lexicon, "بيت عوان")


def test_without_a_listed_place_beside_it_a_locality_is_not_guessed(lexicon):
    assert not _discovered("وقال شهود إن الاشتباكات تركزت في حي الصلول منذ الصباح.", lexicon)


def test_an_event_at_a_front_takes_the_front_and_its_id_is_the_same_in_every_article():
    text = "بينما قتل 9 من ميليشيات الحوثي وقوات صالح في هجوم للمقاومة الشعبية في جبهة المخدرة غربي مأرب."
    first = analyse(Article("a", "t", text, published=date(2015, 7, 22)))
    second = analyse(Article("b", "t", "وتجددت الاشتباكات أمس في جبهة المخدرة غربي مأرب.", published=date(2015, 7, 23)))
    [attack] = [e for e in first.events if e.type == "attack"]
    assert first.places[attack.place_id].name_ar == "جبهة المخدرة"
    assert attack.place_id in second.places
