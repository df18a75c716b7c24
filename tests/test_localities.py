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


def _found(text: str, lexicon) -> dict[str, object]:
    findings = find_places(text, lexicon)
    return {findings.places[m.entity_id].name_ar: findings.places[m.entity_id] for m in findings.mentions
            if findings.places[m.entity_id].source == "discovered"}


def test_a_locality_only_its_country_locates_is_placed_at_the_countrys_centroid(lexicon):
    # 2015-07-26#819, after a sentence that gives the article's country: no listed place beside واردوج
    # (إقليم باداخشان is not listed either), so Afghanistan locates it, and says how coarsely
    text = ("وقالت الشرطة الأفغانية إن مسلحي طالبان هاجموا مواقع للجيش. ووقع الهجوم في منطقة واردوج أمس الاول الخميس "
            "وقتل عضوان من قوات الامن طبقا لما ذكره جول محمد بيدار نائب حاكم إقليم باداخشان شمال شرق البلاد.")
    place = _found(text, lexicon)["منطقة واردوج"]
    afghanistan = find_places("أفغانستان", lexicon).places["af"]
    assert (place.lat, place.lon, place.country, place.kind) == (afghanistan.lat, afghanistan.lon, "AF", "in_country")
    from marsad.export_acled import load_geo_precision
    assert load_geo_precision()["in_country"] == 3


@pytest.mark.parametrize("text, name, label", [
    # 2015-07-26#819: a province nobody listed, written with إ (no إحياء-like word: the designator is spelled so)
    ("قتل مسلحون من حركة طالبان عشرة جنود في أفغانستان أمس. وفي إقليم نانجارهار شرق البلاد أصيب رجلا شرطة على الاقل "
     "واثنان من المدنيين بعد انفجار قنبلة زرعت بالقرب من نقطة تفتيش تابعة للشرطة.", "إقليم نانجارهار", "province"),
])
def test_a_province_nobody_listed_is_placed_by_its_country(lexicon, text, name, label):
    place = _found(text, lexicon)[name]
    assert place.kind == "in_country" and place.name_en.endswith(f"({label})"), place


def test_a_participle_after_a_designator_is_no_name(lexicon):
    # 2015-08-03#549, after a sentence that gives the article's country
    text = "قال الجيش التركي إن طائراته قصفت مواقع المسلحين. لكن الجيش نفى أن يكون استهدف منطقة مأهولة."
    assert not _found(text, lexicon)


@pytest.mark.parametrize("text, name", [
    # 2015-08-11#949: ب + a common word ends the name
    ("وأشار المركز الإعلامي للمقاومة اليمنية إلى أن فلول التمرد حاولوا مباغتة الثوار في جبهة ماس بهجوم مفاجئ",
     "جبهة ماس"),
    # 2015-08-03#766: so does a place already found (بقعطبة is ب + Qatabah)
    ("وتفجير دبابة وناقلة جند تحمل مدفعا مضادا للطيران عيار 23 في منطقة شخب بقعطبة في محافظة الضالع",
     "منطقة شخب"),
    # two rare words, the name goes on (constructed on the pattern of منطقة دوجو بايزيد)
    ("وقالت مصادر يمنية إن القوات تقدمت في منطقة شخب عيبان جنوب قعطبة", "منطقة شخب عيبان"),
])
def test_a_name_of_two_rare_words_is_taken_whole_and_stops_at_a_preposition(lexicon, text, name):
    assert name in _found(text, lexicon), sorted(_found(text, lexicon))


@pytest.mark.parametrize("text", [
    # 2015-07-21#93: إحياء (commemorating) is no أحياء (neighbourhoods)
    "شارك أكثر من 200 شخص أمس الجمعة في غرابوف، شرق أوكرانيا، في إحياء ذكرى ضحايا تحطم طائرة الخطوط الماليزية",
    # a pronoun on the noun, a common word, a place named without a locative (constructed on unseen cases)
    "وقالت مصادر أفغانية إن طالبان عززت قواتها في مناطق سيطرته شمال البلاد.",
    "وقالت مصادر أفغانية إن القرويين يعيشون في منطقة خضراء شمال البلاد.",
    "وقالت مصادر أفغانية إن الحاكم سمع شكاوى أبناء قرية الجنادية.",
])
def test_a_locality_only_its_country_would_locate_must_be_named_as_a_place(lexicon, text):
    assert not _found(text, lexicon)


def test_a_sea_or_an_ocean_locates_no_locality(lexicon):
    # SaudiNewsNet 2015-07: an airline's network, not a place in the Pacific
    text = ("وتضاف إلى 23 وجهة للناقلة في 13 دولة ضمن منطقة حوض المحيط الهادي الآسيوية. وتعمل رحلات بالي بطائرات "
            "حديثة.")
    assert all(place.lon != -160.0 for place in _found(text, lexicon).values()), _found(text, lexicon)


def _found_as_analysed(text: str, lexicon) -> dict[str, object]:
    """The discovered places, with the tagger's places given as the pipeline gives them."""
    from marsad.extract.entities import tagger

    tagged = [(start, end) for start, end, kind in tagger().find(text) if kind == "LOCATION"]
    findings = find_places(text, lexicon, tagged_places=tagged)
    return {findings.places[m.entity_id].name_ar: findings.places[m.entity_id] for m in findings.mentions
            if findings.places[m.entity_id].source == "discovered"}


@pytest.mark.parametrize("text, name, country", [
    # SaudiNewsNet: a country or a nationality right after a locality says where it is, whatever country the
    # article is about (the United States here)
    ("وقال ديفيس ان \"مقتله سيضعف ويزعزع العمليات الخارجية للقاعدة ضد الولايات المتحدة وحلفائها\". وتابع ديفيس "
     "الذي يشرف على المكتب الاعلامي لوزارة الدفاع ان الفضلي كان متورطا في اعتداءات اكتوبر 2002 ضد قوات مشاة "
     "البحرية الاميركية \"المارينز\" في جزيرة فيلكا بالكويت وضد ناقلة النفط الفرنسية ليبمبورغ.", "جزيرة فيلكا", "KW"),
    ("فقال مسؤولون روس (إن الحفرة الأخيرة الغامضة التي ظهرت في منطقة الأورال الروسية قد زاد حجمها 4 أضعاف خلال 3 "
     "أشهر).", "منطقة الأورال", "RU"),
    # cities no gazetteer lists, which the tagger reads as places, with their country beside them (2015-07-21#112)
    ("وأعلنت وزارة الداخلية التركية أن 30 شخصا قتلوا وأصيب مئات آخرون بجروح أمس الاثنين، في هجوم انتحاري استهدف "
     "مدينة سوروتش التركية (جنوب) قرب الحدود مع مدينة كوباني.", "مدينة سوروتش", "TR"),
    ("يستعد الهلال لخوض أول اختبار ودي في معسكره الخارجي المقام بمدينة سالزبورج النمساوية حيث يواجه غازي عنتاب سبور "
     "التركي يوم السبت.", "مدينة سالزبورج", "AT"),
])
def test_a_locality_followed_by_its_country_is_in_that_country(lexicon, text, name, country):
    place = _found_as_analysed(text, lexicon)[name]
    assert (place.country, place.kind) == (country, "in_country"), place
    assert not name.startswith("مدينة") or place.name_en.endswith("(city)")


def test_a_nationality_elsewhere_in_the_sentence_does_not_move_a_locality(lexicon):
    # 2015-08-01 (SaudiNewsNet): Almar is in Afghanistan's Faryab, on the border with Turkmenistan
    text = ("قتل 19 شخصا في هجوم انتحاري في أفغانستان. ويسلط الهجوم الذي وقع في منطقة المار بولاية فرياب على الحدود "
            "مع تركمانستان الضوء على الخسائر الكبيرة.")
    assert _found(text, lexicon)["منطقة المار"].country == "AF"


def test_a_city_without_its_country_beside_it_or_without_the_taggers_word_is_not_guessed(lexicon):
    # 2015-07-22#1805: Kansas City in an article about a Saudi students' club: no country written beside it
    text = ("شهد احتفال النادي السعودي بجامعة بارك بمدينة كانساس بالعيد عددا من الرقصات الشعبية من الموروث "
            "الحجازي والنجراني.")
    assert not any(name.endswith("كانساس") for name in _found_as_analysed(text, lexicon))
    # without the tagger's reading, مدينة is no designator at all
    text = "وقال إن الحفل أقيم في مدينة سوروتش التركية."
    assert not any(p.source == "discovered" for p in find_places(text, lexicon).places.values())


@pytest.mark.parametrize("text, names, parent_id", [
    # SaudiNewsNet 2015-07-31 (development set): a dual designator names two areas
    ("من جهتها، قالت مصادر في الشرطة العراقية: إن قوات الأمن العراقية قتلت 23 عنصرا من تنظيم داعش في اشتباكات "
     "بمنطقتي حصيبة والمضيق شرقي الرمادي.", ["حصيبة", "المضيق"], "iq-ramadi"),
    # SaudiNewsNet 2015: two villages near Mosul
    ("وأضاف كلالي في اتصال مع “راديو سوا”، أن عددا آخر من عناصر التنظيم قتلوا لدى قصف التحالف لمقرات في قريتي "
     "دويزات والحود قرب الموصل.", ["دويزات", "الحود"], "iq-mosul"),
])
def test_each_name_after_a_dual_designator_is_a_locality(lexicon, text, names, parent_id):
    found = _discovered(text, lexicon)
    assert sorted(found) == sorted(names), found
    if parent_id:
        parent = find_places(text, lexicon, discover=False).places[parent_id]
        assert all((p.lat, p.lon) == (parent.lat, parent.lon) for p in found.values())


def test_one_name_after_a_dual_form_is_no_dual(lexicon):
    # SaudiNewsNet 2015 (a column): قريتي is "my village" here
    text = ("واذا أمسى المساء في قريتي الطفلة وامتد ظل السّمار على الأشياء والأحياء، بدت قريتي الوديعة في "
            "منطقة جازان كأنها خيمة كبيرة.")
    assert not [name for name in _discovered(text, lexicon) if "الوديعة" in name or "الطفلة" in name]


def test_both_fronts_after_a_dual_are_where_the_attacks_were():
    # SaudiNewsNet 2015-07-21: one front nobody listed, one listed town
    text = ("صدت المقاومة الشعبية في محافظة مأرب، شرق اليمن، عدة هجمات شنتها الميليشيات المتمردة على مواقع متفرقة "
            "في جبهتي الجفينة وصرواح.")
    analysis = analyse(Article("t", "t", text, published=date(2015, 7, 21)))
    assert sorted(analysis.places[e.place_id].name_en for e in analysis.events) == ["Al-Jafina (front)", "Sirwah"]
