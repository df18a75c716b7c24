"""Attribution mechanisms (marsad/extract/statements.py), each on real SaudiNewsNet sentences.

The sentences are copied from the corpus (../shared/corpora/saudinewsnet, the zip and record in a
comment), not from tests/gold: the development set measures these rules, it does not test them.
"""

from datetime import date

import pytest

from marsad.extract.statements import _verbal_noun
from marsad.lexicon import load_lexicon
from marsad.pipeline import analyse
from marsad.records import Article

PUBLISHED = date(2015, 7, 21)


def _statements(text: str, published: date | None = PUBLISHED):
    statements = analyse(Article("t", "title", text, published=published), load_lexicon()).statements
    for s in statements:
        assert text[s.cue_start:s.cue_end] == s.verb_ar
        assert s.quote == text[s.quote_start:s.quote_end].strip(" .،,:-") or s.quote in text
    return statements


# --- participles: مضيفا أن، مشيرة إلى أن ------------------------------------------------------------

@pytest.mark.parametrize("text, speaker, first_end, second_start", [
    # 2015-07-21[50]
    ("وقال مسؤول عسكري مصري أمس إن هذه الطائرات ستشارك في تأمين احتفالات افتتاح قناة السويس الجديدة "
     "المقرر إقامته في 6 أغسطس المقبل، مشيرا إلى أن طيارين مصريين تدربوا خلال الشهرين الماضيين على "
     "الطائرات الجديدة.", "مسؤول عسكري مصري", "6 أغسطس المقبل", "طيارين مصريين"),
    # 2015-07-21[80]
    ("أعلنت حكومة إقليم كردستان أمس أن زيارة وزير الخارجية القطري خالد العطية إلى الإقليم جاءت تكملة "
     "لزيارته السابقة إلى بغداد في مايو (أيار) الماضي، مؤكدة أن الإقليم جزء من العراق ومن الطبيعي أن "
     "يكون للإقليم علاقات مع دول الجوار خاصة الدول العربية.", "حكومة إقليم كردستان", "(أيار) الماضي",
     "الإقليم جزء"),
    # 2015-07-23[684]
    ("وأشار المالكي بأنه تم الانتهاء أيضا من تأهيل مجمع غامد للبنات، مضيفا بأن إدارة شؤون المباني "
     "تتابع حالياً أعمال الصيانة للمدارس التي تحتاج إلى صيانة خلال الإجازة.", "المالكي", "غامد للبنات",
     "إدارة شؤون المباني"),
])
def test_a_participle_is_a_statement_of_the_clause_it_hangs_on(text, speaker, first_end, second_start) -> None:
    first, second = _statements(text)
    assert first.speaker_text == second.speaker_text == speaker
    assert second.speaker_inferred and second.verb_ar.startswith(("مشير", "مؤكد", "مضيف"))
    assert first.quote.endswith(first_end) and second.quote.startswith(second_start)
    assert second.date == first.date  # one act of speech


def test_qailan_right_after_the_verb_is_part_of_it() -> None:
    # 2015-07-21[162], the sentence before it and the one with the verb
    text = ("وقال مسؤول رفيع بالاتحاد الأوروبي شارك في مفاوضات التوصل للحل الوسط وتحدث لـ«رويترز» بشرط عدم "
            "الكشف عن اسمه أن فرصة نجاح الاتفاق الآن «تبلغ 20 وربما 30 في المائة».\n"
            "وأضاف قائلا: «عندما أتطلع للعامين أو الثلاثة أعوام المقبلة أو حتى الثلاثة شهور المقبلة لا أرى "
            "سوى سحب قاتمة. كل ما تمكنا من عمله هو تفادي خروج فوضوي لليونان من منطقة اليورو».")
    said, added = _statements(text)
    assert added.verb_ar == "وأضاف" and added.direct and added.quote.startswith("عندما أتطلع")
    assert added.speaker_text == said.speaker_text and added.speaker_inferred


# --- senses: a speech verb counts with a speech complement ------------------------------------------

@pytest.mark.parametrize("text", [
    "ورفض الشاهد الكشف عن اسمه خوفا من الاعتقال.",  # 2015-07-23[254]
    "ورفض باخ التعليق على ترشح الفرنسي ميشال بلاتيني رئيس الاتحاد الاوروبي.",  # 2015-07-31[1191]
    "لكن البرلمان الموازي الذي ينعقد في طرابلس (المؤتمر الوطني العام) رفض الحضور.",  # 2015-07-21[145]
    # 2015-07-21[611]: recognised by, not admitted
    "وتسيطر على طرابلس العاصمة حكومة لا تعترف بها القوى العالمية وقد تولت السلطة قبل عام.",
    # 2015-07-21[193]
    "أوروبا تضم 54 عضوا لكن جبل طارق لا تستطيع التصويت لأن الفيفا لم يعترف بها رسميا.",
])
def test_a_verb_in_another_sense_is_no_statement(text: str) -> None:
    assert not _statements(text)


@pytest.mark.parametrize("text, speaker, verb", [
    # 2015-07-21[6]: رفض with a noun object (demands), not a verbal noun
    ("في تحد جديد للكونغرس الأميركي، رفض الرئيس باراك أوباما مطالب أعضائه بالتمهل في عرض الاتفاق "
     "النووي مع إيران على مجلس الأمن الدولي.", "باراك أوباما", "رفض"),
    ("وفي الوقت نفسه اعترف كروز بأنه شعر بالخوف خلال تصوير هذه المشاهد.", "كروز", "اعترف"),  # 2015-07-22[372]
    # 2015-07-21[49]: بين, a verb before أن, the preposition elsewhere
    ("وبين قرقاش أن التصدي للتطرف والإرهاب يتطلب تنوع الأدوات وعلى رأسها الأطر القانونية.", "قرقاش", "وبين"),
])
def test_the_same_verbs_with_a_speech_complement_are_statements(text: str, speaker: str, verb: str) -> None:
    statements = _statements(text)
    assert [(s.speaker_text, s.verb_ar) for s in statements] == [(speaker, verb)]


def test_the_preposition_bayna_is_no_verb() -> None:
    # 2015-07-22[1398]
    text = "وقال حامد رافع الخيالي عميد بلدية مدينة سبها إن الاشتباكات تفجرت بين الطرفين قبل أربعة أيام."
    assert [s.verb_ar for s in _statements(text)] == ["وقال"]


@pytest.mark.parametrize("word, verbal", [
    ("الحضور", True), ("التوقيع", True), ("الإجابة", True), ("الانسحاب", True), ("الاعتراف", True),
    ("الاستسلام", True), ("المشاركة", True), ("التعليق", True), ("مطالب", False), ("الاتهامات", False),
    ("العرض", False), ("الصفقة", False), ("أعضائه", False), ("الأنباء", False),
])
def test_verbal_nouns_by_pattern_or_lexicon(word: str, verbal: bool) -> None:
    assert _verbal_noun(word) is verbal


# --- the person who holds the role speaks -------------------------------------------------------------

@pytest.mark.parametrize("text, speaker", [
    # 2015-07-25[1067]
    ("بدوره، قال المتحدث الرسمي باسم وزارة الخارجية المصرية، السفير بدر عبدالعاطي، إن السلطات السودانية "
     "أفرجت عن 100 من الصيادين المصريين.", "بدر عبدالعاطي"),
    # 2015-08-06[2172]
    ("وأكد وزير الداخلية، اللواء عبده الحذيفي، أن ثلاثة أرباع المدينة باتت في أيدي الثوار.", "عبده الحذيفي"),
    # 2015-08-09[987]
    ("وقال المتحدث باسم الرئاسة، السفير علاء يوسف، إن التنسيق جارٍ حالياً مع موسكو لترتيب الزيارة.",
     "علاء يوسف"),
    # 2015-08-02[98]
    ("قال المتحدث الرسمي للقوات المسلحة المصرية، العميد محمد سمير، إن 88 إرهابيًا وتكفيريًا قتلوا في "
     "شمال سيناء.", "محمد سمير"),
])
def test_the_bearer_of_a_role_is_the_speaker(text: str, speaker: str) -> None:
    assert _statements(text)[0].speaker_text == speaker


def test_commas_around_the_subject_do_not_cut_the_content() -> None:
    # 2015-08-06[2898]: صرح is inside the content (ما صرح به), not a statement of its own
    text = ("إلى ذلك، أكد مدير الشؤون الصحية بجدة، الدكتور مبارك عسيري، أن ما صرح به المتحدث الرسمي هو الواقع "
            "للوضع الحالي، منوها إلى أنه سوف تكون هنالك زيارة للمستشفى صباح غد.")
    confirmed, noted = _statements(text)
    assert confirmed.speaker_text == noted.speaker_text == "مبارك عسيري"
    assert confirmed.quote == "ما صرح به المتحدث الرسمي هو الواقع للوضع الحالي"
    assert noted.verb_ar == "منوها"


# --- dates: the attribution clause's, else publication ------------------------------------------------

@pytest.mark.parametrize("text", [
    # 2015-07-21[80]: أمس after the subject
    ("أعلنت حكومة إقليم كردستان أمس أن زيارة وزير الخارجية القطري خالد العطية إلى الإقليم جاءت تكملة "
     "لزيارته السابقة إلى بغداد في مايو (أيار) الماضي."),
    # 2015-07-21[108]: after the addressee and a comma
    ("وقال تلفزيون «سي إن إن»، صباح أمس، أن عبد العزيز، كتب في صفحته في موقع «فيسبوك» أنه يريد «الاستشهاد "
     "قبل نهاية شهر رمضان»."),
])
def test_a_date_in_the_attribution_clause_dates_the_statement(text: str) -> None:
    assert _statements(text)[0].date == date(2015, 7, 20)


@pytest.mark.parametrize("text", [
    # 2015-07-21[350]: أمس is when they were taken, not when it was said
    ("وقالت المصادر الأمنية والعشائرية إن الشيخ طلب الجميلي وثلاثة من أبنائه كانوا ضمن المخطوفين أمس "
     "بالإضافة لسبعة من قبيلة البو حمدان."),
    # 2015-07-21[465]
    ("وقالت مصادر في المقاومة لـ«الشرق الأوسط» إن رجال المقاومة شنوا هجوما على المعسكر فجر أول من أمس وإن "
     "المعسكر بات على وشك السقوط، خاصة بعد سيطرة المقاومة على أهم منفذين إلى المكان وهما عقان والنخيلة."),
    # 2015-07-21[497]
    ("وقالت هيئة الغابات الأميركية إن هذا الحريق اشتعل يوم الجمعة الماضي في سفوح تلال تعاني من الجفاف في "
     "مقاطعة سان بيرناردينو، وامتد في غضون ساعات من 500 فدان إلى 3500 فدان."),
])
def test_a_date_inside_the_content_does_not_date_the_statement(text: str) -> None:
    statements = _statements(text)
    assert statements and all(s.date == PUBLISHED for s in statements)


# --- the attribution lexicon -------------------------------------------------------------------------

ATTRIBUTION_KINDS = {"action_noun", "not_source", "name_noun", "according", "relay", "statement_noun",
                     "source_noun", "said_noun"}


def test_the_attribution_lexicon_is_well_formed() -> None:
    import csv
    import re

    from marsad.paths import data_dir

    with (data_dir() / "attribution.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    assert header == ["id", "word_ar", "kind", "note"]
    assert all(len(r) == 4 for r in rows)
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids))
    pairs = [(r[1], r[2]) for r in rows]
    assert len(pairs) == len(set(pairs)), "a word listed twice for one kind"
    for _id, word, kind, note in rows:
        assert kind in ATTRIBUTION_KINDS, kind
        assert re.fullmatch(r"[\u0621-\u064a ]+", word), word
        assert note.strip()
