import pytest

from marsad.text.normalize import is_arabic, normalize, normalize_key, split_sentences, token_spans


@pytest.mark.parametrize("raw, expected", [
    ("أمريكا تقرّ بوجود قوات", "امريكا تقر بوجود قوات"),
    ("إفريقيا", "افريقيا"),
    ("آذار", "اذار"),
    ("مصراتة", "مصراته"),
    ("الأراضى الليبية", "الاراضي الليبيه"),
    ("مُحَمَّد", "محمد"),
    ("الـــعاصمة", "العاصمه"),
    ("٧ أبريل ٢٠١٩", "7 ابريل 2019"),
    ("UNSMIL", "unsmil"),
])
def test_normalize_key(raw: str, expected: str) -> None:
    assert normalize_key(raw) == expected


def test_offsets_map_back_to_the_original_text() -> None:
    text = "قال الـــمتحدث مُحَمَّد إن القوات انسحبت"
    norm = normalize(text)
    start = norm.text.index("محمد")
    o_start, o_end = norm.span_to_original(start, start + len("محمد"))
    assert text[o_start:o_end] == "مُحَمَّد"
    start = norm.text.index("المتحدث")
    o_start, o_end = norm.span_to_original(start, start + len("المتحدث"))
    assert text[o_start:o_end] == "الـــمتحدث"


def test_quote_with_full_stop_stays_one_sentence() -> None:
    text = ('وقال ميلانيزي للصحفيين "أوضحنا موقفنا تماما. نأمل بشدة أن يأخذ هذا في الحسبان". '
            "وحث وزراء الخارجية الفصائل الليبية على ضبط النفس.")
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    assert len(sentences) == 2
    assert sentences[0].endswith('الحسبان".')
    assert sentences[1].startswith("وحث")


def test_line_breaks_and_arabic_question_mark_split() -> None:
    text = "لماذا الآن؟\nوقال مراسل الجزيرة إن الهجوم أحدث خلخلة؛ وأضاف أن الأمن تراجع"
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    assert sentences == ["لماذا الآن؟", "وقال مراسل الجزيرة إن الهجوم أحدث خلخلة؛", "وأضاف أن الأمن تراجع"]


def test_decimal_point_does_not_split() -> None:
    assert len(split_sentences("ارتفع التضخم إلى 2.5 في المئة هذا العام")) == 1


def test_token_spans_cover_words_and_punctuation() -> None:
    text = "طرابلس، ليبيا."
    assert [text[a:b] for a, b in token_spans(text)] == ["طرابلس", "،", "ليبيا", "."]


def test_is_arabic() -> None:
    assert is_arabic("news عاجل") and not is_arabic("breaking news")


def test_arabic_presentation_forms_normalise_as_the_letters_they_show() -> None:
    # old typesetting in SaudiNewsNet (66 of 8,000 articles): ﻣﺤﺎﻓﻈﺔ ﻟﺤﺞ is محافظة لحج; the offsets keep
    assert normalize_key("ﻣﺤﺎﻓﻈﺔ ﻟﺤﺞ") == normalize_key("محافظة لحج")
    text = "وصلت القوات إلى ﻣﺤﺎﻓﻈﺔ ﻟﺤﺞ أمس"
    norm = normalize(text)
    start = norm.text.index(normalize_key("لحج"))
    assert text[slice(*norm.span_to_original(start, start + 3))] == "ﻟﺤﺞ"
    assert normalize_key("ﻻ") == "ﻻ"  # a ligature of two letters would change the length: it stays
