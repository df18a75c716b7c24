"""English names of the bodies nobody listed, read off their Arabic words (marsad.extract.org_names), on names
the tagger found in 2,000 SaudiNewsNet articles (July 2015)."""

from __future__ import annotations

import pytest

from marsad.extract.org_names import english_org_name
from marsad.lexicon import load_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize("name_ar, name_en", [
    ("وزارة الإسكان", "Ministry of Housing"),
    ("الحكومة البريطانية", "British Government"),
    ("البنك المركزي الأوروبي", "European Central Bank"),
    ("الوكالة الدولية للطاقة الذرية", "International Agency for Atomic Energy"),
    ("هيئة الطيران المدني", "Authority of Civil Aviation"),
    ("كلية الطب", "College of Medicine"),
    ("جمعية الثقافة والفنون", "Association of Culture and Arts"),
    ("الهلال الأحمر", "Red Crescent"),
    ("المقاومة الشعبية", "Popular Resistance"),
    ("الحزب الجمهوري", "Republican Party"),
    ("خفر السواحل", "Coast Guard"),
    ("شرطة جدة", "Police of Jeddah"),
    ("جامعة لشبونة", "University of Lisbon"),
    ("مجلس النواب اللبناني", "Lebanese House of Representatives"),
    ("وزارة الدفاع المصرية", "Egyptian Ministry of Defence"),  # the body's nationality, not the defence's
    ("وزارة الخارجية العمانية", "Omani Ministry of Foreign Affairs"),
])
def test_a_body_is_named_in_english_from_its_words(lexicon, name_ar: str, name_en: str) -> None:
    assert english_org_name(name_ar, lexicon) == name_en


@pytest.mark.parametrize("name_ar", ["بيت الله", "فلاي دبي", "أبل ميوزيك", "الشرق الأوسط"])
def test_a_name_with_an_unknown_word_gets_none(lexicon, name_ar: str) -> None:
    assert english_org_name(name_ar, lexicon) is None  # the caller transliterates it


def test_the_pipeline_names_a_discovered_body_in_english() -> None:
    from marsad.pipeline import analyse
    from marsad.records import Article

    text = "وأكد المتحدث أن قرار البنك المركزي الأوروبي جاء متأخرا، وفقا للبنك المركزي الأوروبي."
    analysis = analyse(Article("t", "title", text), load_lexicon())
    bank = [a for a in analysis.actors.values() if a.name_ar == "البنك المركزي الأوروبي"]
    assert [a.name_en for a in bank] == ["European Central Bank"] and bank[0].discovered


@pytest.mark.parametrize("name_ar, name_en", [
    ("المجلس الوطني السوري", "Syrian National Council"),
    ("وزارة المالية السودانية", "Sudanese Ministry of Finance"),
    ("الشرطة الاتحادية", "Federal Police"),
    ("المركز الكردي للدراسات", None),  # الكردي is no village of GeoNames' here: transliterated instead
])
def test_more_bodies_of_the_real_corpus(lexicon, name_ar: str, name_en: str | None) -> None:
    assert english_org_name(name_ar, lexicon) == name_en
