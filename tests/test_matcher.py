import pytest

from marsad.text.matcher import Matcher, longest_first
from marsad.text.normalize import normalize


def _found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    norm = normalize(text).text
    return [(norm[m.word_start:m.end], m.payloads[0]) for m in longest_first(matcher.find(norm))]


@pytest.fixture
def matcher() -> Matcher[str]:
    return Matcher([("أفريكوم", "africom"), ("خليفة حفتر", "haftar"), ("حفتر", "haftar"),
                    ("الجيش الوطني الليبي", "lna"), ("اليرموك", "yarmouk"), ("طرابلس", "tripoli")])


@pytest.mark.parametrize("text, expected", [
    ("وأعلنت وأفريكوم إجلاء القوات", [("وافريكوم", "africom")]),
    ("الموالية لحفتر في الشرق", [("لحفتر", "haftar")]),
    ("قوات اللواء خليفة حفتر", [("خليفه حفتر", "haftar")]),
    ("بيان للجيش الوطني الليبي", [("للجيش الوطني الليبي", "lna")]),
    ("في محوري الخلة واليرموك جنوبي العاصمة", [("واليرموك", "yarmouk")]),
    ("عاد إلى طرابلس", [("طرابلس", "tripoli")]),
])
def test_clitics_and_article(matcher: Matcher[str], text: str, expected: list) -> None:
    assert _found(matcher, text) == expected


@pytest.mark.parametrize("text", [
    "لاعب طرابلسي سابق",  # a surname, not the city
    "يرموك",  # the pattern was written with ال: a bare form is not it
    "مراسل الجزيرة في طرابلس أحمد خليفة",  # خليفة alone is not خليفة حفتر
])
def test_no_match_inside_other_words(matcher: Matcher[str], text: str) -> None:
    found = _found(matcher, text)
    assert all(payload != "haftar" for _, payload in found)
    assert all(payload != "yarmouk" for _, payload in found)
    if "طرابلسي" in text:
        assert found == []


def test_longest_match_wins() -> None:
    matcher = Matcher([("حزب الله", "hezbollah"), ("كتائب حزب الله", "kataib-hezbollah")])
    assert _found(matcher, "أعلنت كتائب حزب الله") == [("كتائب حزب الله", "kataib-hezbollah")]


def test_empty_matcher_finds_nothing() -> None:
    assert Matcher([]).find("أي نص") == []
