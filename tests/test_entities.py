import pytest

from marsad.extract.entities import discovered_actor_id, find_actors


def _actors(text: str, lexicon) -> dict[str, str]:
    """surface text -> entity id, for every actor mention."""
    findings = find_actors(text, lexicon)
    for mention in findings.mentions:
        assert text[mention.start:mention.end] == mention.text
    return {m.text: m.entity_id for m in findings.mentions}


def _ids_covering(text: str, surface: str, lexicon) -> set[str]:
    """Ids of the mentions that cover `surface` (a mention may include a title or the article)."""
    at = text.index(surface)
    return {m.entity_id for m in find_actors(text, lexicon).mentions if m.start <= at and at + len(surface) <= m.end}


@pytest.mark.parametrize("text, surface, actor_id", [
    ("وأعلنت القيادة الأمريكية العسكرية في أفريقيا ” أفريكوم ” إجلاء مجموعة من القوات", "أفريكوم", "africom"),
    ("مع استمرار زحف القوات الليبية المسلحة الموالية لللواء خليفة حفتر", "خليفة حفتر", "khalifa-haftar"),
    ("هجوم قوات اللواء المتقاعد خليفة حفتر على طرابلس", "خليفة حفتر", "lna"),  # "Haftar's forces"
    ("دعت هذه الدول حفتر لوقف الزحف نحو العاصمة طرابلس", "حفتر", "khalifa-haftar"),
    ("مجموعة الدول السبع تحث حفتر على وقف الزحف نحو طرابلس", "مجموعة الدول السبع", "g7"),
    ("أفادت مصادر من حكومة الوفاق الليبية للجزيرة", "حكومة الوفاق", "gna"),
    ("وجلب رئيس الوزراء فايز السراج إلى طاولة المفاوضات", "فايز السراج", "fayez-al-sarraj"),
    ("أجرى نائب وزير الخارجية الروسي ميخائيل بوغدانوف اتصالا هاتفيا", "ميخائيل بوغدانوف", "mikhail-bogdanov"),
])
def test_registry_mentions_survive_clitics_and_titles(lexicon, text: str, surface: str, actor_id: str) -> None:
    assert _ids_covering(text, surface, lexicon) == {actor_id}


@pytest.mark.parametrize("text, name, role", [
    ("وقال الناطق باسمها مهند يونس إن الحكومة تعمل على تعزيز التعاون", "مهند يونس", "spokes"),
    ("و قال الميجر كارل ويست إن القيادة الأفريقية ستواصل رصد الظروف", "كارل ويست", "Major"),
    ("وقال مراسل الجزيرة في طرابلس أحمد خليفة إن عودة الجنود الأميركيين", "أحمد خليفة", "correspondent"),
    ("وقال المتحدث باسم الجيش السوداني نبيل عبد الله إن الغارات استهدفت الخرطوم", "نبيل عبد الله", "Spokes"),
    ("وأكد قائد شرطة ولاية الخرطوم الفريق عيسى آدم أن الوضع مستقر", "عيسى آدم", ""),
])
def test_people_are_discovered_by_their_role(lexicon, text: str, name: str, role: str) -> None:
    findings = find_actors(text, lexicon)
    found = {m.text: m for m in findings.mentions}
    assert name in found, [m.text for m in findings.mentions]
    mention = found[name]
    assert mention.source == "role" and mention.type == "PERSON"
    assert role.lower() in (mention.role or "").lower()
    actor = findings.actors[mention.entity_id]
    assert actor.discovered and actor.name_ar == name and actor.actor_id == discovered_actor_id(name)


def test_ahmed_khalifa_is_not_khalifa_haftar(lexicon) -> None:
    text = "وقال مراسل الجزيرة في طرابلس أحمد خليفة إن هجوم حفتر على طرابلس أحدث خلخلة كبيرة"
    actors = _actors(text, lexicon)
    assert actors["أحمد خليفة"] != "khalifa-haftar"
    assert actors["حفتر"] == "khalifa-haftar"


def test_a_later_surname_resolves_to_the_discovered_person(lexicon) -> None:
    text = "وقال المبعوث الأممي جان أرنو إن المحادثات مستمرة. وأضاف أرنو أن الأطراف وافقت على الهدنة."
    findings = find_actors(text, lexicon)
    ids = [m.entity_id for m in findings.mentions if m.text in ("جان أرنو", "أرنو")]
    assert len(ids) == 2 and len(set(ids)) == 1


def test_role_not_followed_by_a_name_finds_no_person(lexicon) -> None:
    text = "وأفاد مراسل الجزيرة في طرابلس بتجدد الاشتباكات بمختلف أنواع الأسلحة الثقيلة"
    findings = find_actors(text, lexicon)
    assert not any(actor.discovered for actor in findings.actors.values())


def test_unnamed_spokesman_speaks_for_the_body(lexicon) -> None:
    text = "في المقابل نفى متحدث باسم القيادة الأفريقية في القوات الأميركية للجزيرة الأنباء"
    assert "africom" in _actors(text, lexicon).values()


def test_a_state_in_a_locative_phrase_is_not_an_actor(lexicon) -> None:
    actors = _actors("أقرت الولايات المتحدة بوجود قوات لها على الأرض في ليبيا", lexicon)
    assert actors.get("الولايات المتحدة") == "us"
    assert "ليبيا" not in actors


def test_people_and_bodies_nobody_listed_are_found_by_the_tagger() -> None:
    from marsad.extract.entities import find_actors
    from marsad.lexicon import load_lexicon

    text = ("وأعلن رئيس بعثة منظمة أطباء بلا حدود في اليمن حسن بوسنين أمس عن ارتفاع حصيلة القتلى. "
            "وقال بوسنين إن الوضع كارثي.")
    found = find_actors(text, load_lexicon())
    by_text = {m.text: m for m in found.mentions}
    person = by_text["حسن بوسنين"]
    assert (person.type, person.source) == ("PERSON", "model")
    assert by_text["بوسنين"].entity_id == person.entity_id, "the surname alone is the same person"
    actor = found.actors[person.entity_id]
    assert actor.discovered and actor.type == "person"
    assert by_text["منظمة أطباء بلا حدود"].source == "lexicon", "the registry goes first"


def test_a_name_after_a_comma_keeps_the_role_before_it() -> None:
    from marsad.extract.entities import find_actors
    from marsad.lexicon import load_lexicon

    text = "وقال المتحدث باسم الهلال الأحمر، محمد الفاتح الشريف، إن فرق الإسعاف وصلت إلى المنطقة."
    people = [m for m in find_actors(text, load_lexicon()).mentions if m.type == "PERSON"]
    assert [(m.text, m.role) for m in people] == [("محمد الفاتح الشريف", "Spokesman for")]


def test_a_lone_common_noun_is_not_a_discovered_body() -> None:
    from marsad.extract.entities import find_actors
    from marsad.lexicon import load_lexicon

    text = "وقالت الحكومة إن الجيش استعاد السيطرة على المدينة بعد معارك عنيفة."
    assert not [a for a in find_actors(text, load_lexicon()).actors.values() if a.discovered]


def test_a_body_after_a_role_is_not_a_person() -> None:
    from marsad.extract.entities import find_actors
    from marsad.lexicon import load_lexicon

    text = "وقال المتحدث باسم قوات التحالف، العميد ركن أحمد حسن عسيري، إن العمليات مستمرة."
    people = [m.text for m in find_actors(text, load_lexicon()).mentions if m.type == "PERSON"]
    assert "قوات التحالف" not in people and any(p.startswith("أحمد حسن") for p in people)


def test_a_listed_surname_after_another_given_name_is_not_the_listed_person() -> None:
    from marsad.extract.entities import find_actors
    from marsad.lexicon import load_lexicon

    text = "وقال عمر حفتر، نجل المشير، إن القوات تتقدم نحو طرابلس، فيما قال حفتر إن المعركة مستمرة."
    found = find_actors(text, load_lexicon())
    haftar = [m for m in found.mentions if m.entity_id == "khalifa-haftar"]
    assert [m.text for m in haftar] == ["حفتر"] and haftar[0].start == text.rindex("حفتر")
