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
    # 2015-07-22 (SaudiNewsNet): the body the tagger reads (مجلس المقاومة) and its place come between the role and
    # the name; علي as written with ya is the given name, not the preposition على
    ("وقال المتحدث باسم مجلس المقاومة في عدن علي الأحمدي إن خدمات المياه ستعود إلى منطقتي كريتر والمعلا وسط "
     "المدينة خلال يومين.", "علي الأحمدي"),
    ("ويقول الدكتور علي الأهدل، مدير عام مراكز الغسيل الكلوي بالحديدة لـ«الشرق الأوسط»، إن «من بين المشكلات التي "
     "تعاني منها مراكز الغسيل قرب انتهاء مواد الغسيل».", "علي الأهدل"),
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


# --- relays: نقلت وكالة X عن Y قوله، قالت صحيفة X نقلا عن Y -------------------------------------------

@pytest.mark.parametrize("text, speaker, content_start", [
    # 2015-07-21[2]: a name nobody listed, then the role in apposition
    ("وفي تطور لاحق، نقلت وكالة تسنيم الايرانية للانباء عن محمد علي جعفري قائد الحرس الثوري الايراني، قوله "
     "ان قرار مجلس الامن الدولي الذي جرى تمريره اليوم، ويقر الاتفاق النووي الايراني غير مقبول.",
     "محمد علي جعفري", "قرار مجلس الامن"),
    # 2015-07-21[90]: the bearer of the role
    ("على الدستور الأوكراني تخالف خطة السلام التي أبرمت في فبراير الماضي بشأن منطقة النزاع في دونباس، حيث "
     "نقلت وكالة إنترفاكس الروسية عن المتحدث باسم المكتب الرئاسي في روسيا ديمتري بيسكوف قوله إن التعديلات "
     "المعلنة لم تناقش من قبل ممثلي منطقتي الانفصال لوهانسك ودونيتسك.", "ديمتري بيسكوف", "التعديلات المعلنة"),
    # 2015-07-21[224]: the source's own description holds a verb (رفض) that is no statement
    ("ونقلت وكالة «رويترز» عن هذا المسؤول، الذي رفض ذكر اسمه، قوله: «ما تقوله لنا الأحداث هو أن الأهداف "
     "الناعمة سوف تكون معرضة للاستهداف على الدوام؛ إننا نبلي بلاء حسنا في مراقبة المجموعات، ولكن من الصعب "
     "احتواء الذئاب المنفردة».", "المسؤول", "ما تقوله لنا"),
    # 2015-07-21[1844]: a quoted channel name
    ("ونقلت قناة “جيو” الباكستانية الاخبارية عن الشرطة قولها إن الطفلين آصف 7 أعوام وكوبران 8 أعوام 8 "
     "تعرضا لاصابات وتم نقلهما إلى  المستشفى لتلقي العلاج.", "الشرطة", "الطفلين آصف"),
    # 2015-07-21[1623]: نقلا عن after the channel's own verb
    ("وذكرت صحيفة “الشرق الأوسط” السعودية نقلا عن مسؤول أمني سعودي أن الوفد توجه جوا من الرياض إلى أريتريا، "
     "ومنها بحرا إلى عدن.", "مسؤول أمني سعودي", "الوفد توجه"),
    # 2015-07-24[77]
    ("قالت صحيفة وول ستريت جورنال اليوم الخميس نقلا عن مسؤولين في وزارة الدفاع إن تركيا وافقت على السماح "
     "للجيش الأمريكي بشن ضربات جوية ضد تنظيم الدولة الإسلامية من قاعدة جوية أمريكية في إنجرليك.",
     "مسؤولين", "تركيا وافقت"),
])
def test_a_relay_is_one_statement_by_its_source(text: str, speaker: str, content_start: str) -> None:
    statements = _statements(text)
    assert len(statements) == 1, [(s.speaker_text, s.verb_ar) for s in statements]
    assert statements[0].speaker_text == speaker and statements[0].quote.startswith(content_start)


# --- statement nouns and verbless attribution -------------------------------------------------------

@pytest.mark.parametrize("text, speaker", [
    # 2015-07-21[50]
    ("وقال بيان للشركة المنتجة إن الطيارين المصريين تدربوا على يد سلاح الجو الفرنسي في قاعدة «إيستر» الجوية "
     "جنوب فرنسا.", "الشركة المنتجة"),
    # 2015-07-21[790]
    ("وأكد بيان صادر عن المقاومة أن قتلى وجرحى من المتمردين الحوثيين سقطوا إثر استهداف دورية عسكرية تابعة "
     "لهم بالقرب من مفرق حبيش في مديرية المخادر، وتم تدمير الدورية بالكامل، وسقط كل من فيها ما بين قتيل "
     "وجريح.", "المقاومة"),
    # 2015-07-24[881]: no subject after the verb; the statement's owner before it
    ("وفي تصريح ليوسف الظاهري مدير المطار، أوضح أن إمكانات المطار تؤهله لأن يكون قناة لاستثمارات تدعم "
     "المركز الاقتصادي للمنطقة الشرقية.", "يوسف الظاهري"),
    # 2015-07-21[123]: كان ... قد أشار, the subject between them a statement noun with its owner
    ("وكان هناك تقرير لأمانو قد أشار إلى أن الوكالة تحتاج تمويلا إضافيا لتغطية النفقات قدره بـ4.", "أمانو"),
    # 2015-07-21[50]: كان ... قد أشار
    ("وكان الإعلام الفرنسي قد أشار خلال مراحل التفاوض إلى أن السيسي شدد في اتصالاته مع نظيره الفرنسي "
     "فرنسوا هولاند على أن «الحدود المصرية المتوترة من جهة ليبيا والوضع في سيناء خطيران جدا».",
     "الإعلام الفرنسي"),
])
def test_the_owner_of_a_statement_or_the_subject_before_the_verb_speaks(text: str, speaker: str) -> None:
    statements = _statements(text)
    assert statements and statements[0].speaker_text.endswith(speaker), statements[0].speaker_text


def test_a_passive_report_is_kept_unattributed() -> None:
    # 2015-07-21[92]
    text = "وأفيد بوجود خلاف بينه وبين قائد الموقع، الأمر الذي قد يفسر خطة خطفه وجز عنقه."
    (reported,) = _statements(text)
    assert reported.speaker_id is None and reported.speaker_text == "أفيد"
    assert reported.quote.startswith("بوجود خلاف")


@pytest.mark.parametrize("text, speaker", [
    # 2015-07-21[250]: إعلان X عن
    ("كما اهتمت الصحف الأوروبية بإعلان بروكسل عن فشل جولة المفاوضات الثلاثية بين روسيا وأوكرانيا والاتحاد "
     "الأوروبي، في التوصل إلى اتفاق بشأن تمديد بروتوكول يتعلق بحزمة الشتاء لإمدادات الغاز انتهى 30 يونيو "
     "(حزيران)، بعد تمديد جزئي له خلال مارس (آذار) الماضي.", "بروكسل"),
])
def test_an_announcement_noun_with_its_announcer(text: str, speaker: str) -> None:
    (announced,) = _statements(text)
    assert announced.speaker_text == speaker and announced.stance == "announce"


def test_an_announcement_noun_without_its_announcer_is_none() -> None:
    # 2015-07-21[96]: الإعلان عن, nobody named
    text = ("وإسرائيل هي المحطة الأولى في الجولة التي يقوم بها كارتر في المنطقة عقب الإعلان الأسبوع الماضي عن "
            "التوصل إلى اتفاق تاريخي بين إيران ومجموعة 5+1.")
    assert not _statements(text)


def test_a_feminine_participle_after_a_masculine_speaker_is_not_his() -> None:
    # 2015-07-25[1011]: مؤكدة is said of the directorate in the content, not by Shalabi
    text = ("وأفاد شلبي بأنه \"تم إنهاء جميع الإجراءات النظامية مع الجهات المعنية المتعلقة بجثمان المتوفاة وتم "
            "دفنها\"، مشيرا إلى أن المديرية العامة للشؤون الصحية بمنطقة مكة المكرمة اتخذت كل الإجراءات والتدابير "
            "التي تضمن عدم تكرار ما حدث من خطأ مستقبلا، مؤكدة حرصها والتزامها بتطبيق كل الأنظمة واللوائح، وأنها "
            "لن تتهاون في اتخاذ أي إجراء يحفظ حقوق وكرامة المريض الشخصية والرقي بالخدمات المقدمة له.")
    assert [s.verb_ar for s in _statements(text)] == ["وأفاد", "مشيرا"]


@pytest.mark.parametrize("text", [
    # 2015-07-25[1198]: طالب, the student, after a number
    "وتقول اليونيسيف، التي تقدم دعماً لمساعدة أكثر من 200 ألف طالب، إن هذا البرنامج عبارة عن مساعدة جزئية.",
    "وحرم أكثر من 300 ألف طالب وطالبة من امتحانات الشهادة العامة في مرحلتي التعليم الأساسي والثانوي.",
])
def test_a_noun_after_a_number_is_no_verb(text: str) -> None:
    assert "طالب" not in [s.verb_ar for s in _statements(text)]


# --- content whole ---------------------------------------------------------------------------------------

def test_a_comma_inside_a_quotation_does_not_cut_it() -> None:
    # 2015-07-22[1324]: وأضافت starts a clause, but the comma before it is inside the quotation
    text = ('وقالت الوزارة إنها تنظر بخطورة بالغة إلى "التصعيد الإسرائيلي الرسمي والمنهجي في عمليات البناء '
            'والتوسع الاستيطاني، وترى فيه تحدياً سافراً للمجتمع الدولي وتمرداً على جميع القوانين والقرارات '
            'الدولية" وأضافت أن تصعيد الاستيطان "بمثابة إعلان حرب متواصلة ضد الشعب الفلسطيني".')
    said, added = _statements(text)
    assert said.quote.endswith('والقرارات الدولية"') and added.quote.startswith("تصعيد الاستيطان")


def test_a_shadda_does_not_cut_a_word() -> None:
    # 2015-07-22[35]: مقرّب, one word; the attribution closes the clause before it
    text = (" هذه الأزمة القديمة الجديدة، فرضت نفسها بندًا أساسيا من خارج جدول أعمال جلسة مجلس الوزراء التي "
            "ستنعقد غدًا الخميس بالنظر إلى دقة هذه القضية وأبعادها الصحية، بحسب ما كشف مصدر مقرّب من رئيس "
            "الحكومة تمام سلام، الذي أكد لـ«الشرق الأوسط»، أن «لبنان يواجه الآن أزمة مستجدة وحساسة لا تحتمل "
            "التأجيل والاستمهال».")
    according = _statements(text)[0]
    assert according.speaker_text == "مصدر مقرّب"
    assert according.quote.startswith("هذه الأزمة") and according.quote.endswith("وأبعادها الصحية")


def test_a_quotation_runs_on_across_line_breaks() -> None:
    # 2015-07-21[264]: a quoted list, one item a line
    text = ("وقال تقرير أصدرته مؤخرا وكالة التنمية إنه «خلال الأربع سنوات الماضية، وفي جميع أنحاء العالم، تعمل "
            "الوكالة من أجل تحقيق الأهداف الثلاثة لاستراتيجية التعليم التي تتبناها:\n"
            "أولا: تحسين مهارات القراءة لأكثر من 100 مليون طفل وطفلة.\n"
            "ثانيا: خلق فرص عمل للشباب.\n"
            "ثالثا: زيادة فرص الحصول على التعليم لأكثر من 15 مليون طفل وطفلة في مناطق الحروب والاشتباكات».\n"
            "وقال التقرير إنه «منذ عام 2011، وصلت برامجنا التعليمية إلى 42 دولة، حيث دخل الملايين من الأولاد "
            "والبنات مدارس ابتدائية لأول مرة».")
    report, said = _statements(text)
    assert report.speaker_text == "وكالة التنمية" and report.direct
    assert report.quote.startswith("خلال الأربع") and report.quote.endswith("مناطق الحروب والاشتباكات")
    assert said.quote.startswith("منذ عام 2011")


def test_a_quotation_left_open_does_not_swallow_the_next_paragraph() -> None:
    # 2015-07-21[25]: the writer never closes «; the next paragraph opens with its own verb
    text = ("وقال عبد النور إن «تنفيذ تلك الاستراتيجية يتطلب التنسيق بين كل الجهات والهيئات المعنية والتحرك في "
            "إطار مؤسسي للانفتاح على دول القارة الأفريقية، مؤكدًا أن التحرك الإعلامي والثقافي من أهم المحاور "
            "المؤثرة في فتح المجال أمام المحور الاقتصادي والصناعي داخل أفريقيا.\n\n"
            " وأوضح الوزير أن محور الصناعة يستهدف توسيع وتعميق التعاون الصناعي وإقامة عدد من المشروعات المشتركة "
            "وتطوير المشروعات القائمة، ويشمل «إقامة مشروعات صناعية جديدة».")
    said, explained = _statements(text)
    assert said.quote_end <= text.index("\n") and explained.verb_ar == "وأوضح"


def test_an_an_after_a_conjunction_is_not_the_content_marker() -> None:
    # 2015-08-08[157]: قبل أن is a conjunction; إنّ (with its shadda) opens the content
    text = ("غير أن العضو في هيئة الدفاع الحكومية تامار برادي لم توافقه الرأي، وقالت قبل أن يبدأ المحلفون "
            "مداولاتهم إنّ «العدالة من دون رحمة ثأر بالكامل».")
    (said,) = _statements(text)
    assert said.direct and said.quote == "العدالة من دون رحمة ثأر بالكامل"


@pytest.mark.parametrize("text", [
    "تردد أن علي صالح كان يقوم بتهريب المخدرات للسعودية، أوضح ذلك؟",  # 2015-07-25: an interviewer's question
    "شغلت منصب مدير الاستخبارات في عهد المخلوع، أوضح لنا أبرز مخططاته؟",
])
def test_a_fragment_is_no_statement(text: str) -> None:
    assert not _statements(text)


# --- unnamed sources, addressees, women, names nobody listed -------------------------------------------

@pytest.mark.parametrize("text, speaker", [
    # 2015-07-21[2076]: the source before the verb, nothing after it
    ("ويأتي استخدام “داعش” للدجاج بعد تقارير غربية أشارت إلى ربط التنظيم عبوات ناسفة في أرجل الماعز في مدينة "
     "عين العرب “كوباني” السورية بهدف تفجيرها.", "تقارير غربية"),
    # 2015-07-21[2076]: لصحيفة “ديلي ستار” is spoken to
    ("ومن جانبهم، قال خبراء لصحيفة “ديلي ستار” إن هذه الوسيلة البدائية تعكس حالة الفوضى التي يعيشها التنظيم في "
     "الوقت الحالي، والذي رغم استخدامه طرق مقززة في القتل، إلا أنه يعاني من نقص الإمداد.", "خبراء"),
    # 2015-07-25: an unnamed source and where it comes from, not the agency named after it
    ("قال شاهد عيان من رويترز إن الشرطة التركية أطلقت مدافع المياه والغاز المسيل للدموع لتفريق نحو ألف متظاهر "
     "تجمعوا في العاصمة أنقرة للاحتجاج على الضربات الجوية.", "شاهد عيان من رويترز"),
    # 2015-07-21[611]: a woman named after the feminine verb, her role after her name
    ("وقالت زهرة آدم المسؤولة المحلية بقرية الطيوري المجاورة والتي تمثل قبيلة تبو أغلبية بين سكانها، ان ثمانية "
     "أفراد من القبيلة قتلوا وجرح 18 آخرون.", "زهرة آدم"),
])
def test_who_speaks(text: str, speaker: str) -> None:
    statements = _statements(text)
    assert statements and statements[0].speaker_text == speaker, [s.speaker_text for s in statements]


def test_a_verb_of_the_content_without_a_subject_is_no_second_statement() -> None:
    # 2015-07-21[54]: أبلغت is said of منظمته, inside what Bousnine said
    text = ("قال بوسنين، إن منظمته التي تتخذ من جنيف مقرا لها، أبلغت حتى أمس الاثنين عن وقوع زهاء 100 قتيل، وهو ضعف "
            "عدد القتلى في اليوم السابق.")
    assert [s.verb_ar for s in _statements(text)] == ["قال"]


def test_a_stray_quotation_mark_does_not_silence_the_rest_of_the_article() -> None:
    # 2015-07-23[299]: «خليل أبو عبسة «إلا أن, a mark opened twice; the statements after it still count
    text = ("كما اعتقلت قوات الاحتلال شاباً فلسطينياً مُقعداً وفتى من منطقة باب العامود بمدينة القدس، بحجة إلقاء "
            "الحجارة باتجاه «القطار الخفيف» وذلك رغم إعاقة الشاب «خليل أبو عبسة «إلا أن القوات اقتادته على كرسيه "
            "المتحرك إلى مخفر الشرطة للتحقيق». كما اعتقلت قوات الاحتلال 5 فلسطينيين من مدينة نابلس خلال عيد الفطر "
            "المبارك.. وأشار فارس إلى أن القرار يأتي في ظل حالة من العمى والعنصرية التي تعيشها دولة الاحتلال "
            "الإسرائيلي، مؤكداً أن هذا لن يثني الشعب الفلسطيني عن مواصلة نضاله حتى الحرية والاستقلال والعودة.")
    assert [s.verb_ar for s in _statements(text)] == ["وأشار", "مؤكداً"]


def test_a_quoted_title_before_a_colon_is_not_what_is_said() -> None:
    # 2015-07-23[299]
    text = ("وقال بحر مخاطباً أهالي الأسرى خلال كلمة ألقاها في احتفال لأهالي الأسرى بمناسبة العيد تحت عنوان «الحملة "
            "الوطنية لفرحة العيد»: «إن الاحتلال يحاول أن يكسر شوكة الأسرى وذويهم بشتى الطرق، ولكن عزيمة أهالي "
            "الأسرى أقوى من ذلك فلن تكسر شوكتهم».")
    (said,) = _statements(text)
    assert said.speaker_text == "بحر" and said.quote.startswith("إن الاحتلال يحاول")


@pytest.mark.parametrize("text", [
    # 2015-07-21[113]: a resolution calls for, and its next verb too
    "ويدعو القرار إلى «تطبيق كامل للجدول الزمني الوارد» في الاتفاق المبرم في فيينا ويحث الدول الأعضاء على تسهيل العملية.",
    # 2015-08-02[0]
    ("وشمل قرار مجلس الأمن حظر توريد الأسلحة والعتاد ووسائل النقل العسكرية للمشمولين في القرار ومن يعملون "
     "لصالحهم، وطالب القرار الدول المجاورة بتفتيش الشحنات المتجهة إلى اليمن في حال ورود اشتباه بوجود أسلحة فيها."),
])
def test_a_law_or_a_document_as_subject_says_nothing(text: str) -> None:
    assert not _statements(text)


# --- the attribution lexicon -------------------------------------------------------------------------

ATTRIBUTION_KINDS = {"action_noun", "not_source", "name_noun", "according", "relay", "statement_noun", "honorific",
                     "statement_adjective", "aside", "passive_report", "issuing_verb", "source_adjective",
                     "source_noun", "said_noun", "speaking_body", "person_noun", "quantifier",
                     "speaking_source", "stance_noun", "anonymity_verb", "anonymity_object", "envoy_noun"}


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


def test_unnamed_sources_of_a_body_are_filed_under_it_and_kept_as_written() -> None:
    text = ("أفادت مصادر من حكومة الوفاق الليبية للجزيرة بأن القوات الأميركية عادت إلى العاصمة طرابلس ومدينة "
            "مصراتة، في إطار التعاون الأمني مع الحكومة.")
    [said] = _statements(text)
    assert (said.speaker_id, said.speaker_text) == ("gna", "مصادر من حكومة الوفاق الليبية")


def test_the_name_ali_is_told_from_the_preposition_ala_by_its_spelling() -> None:
    from marsad.extract.entities import is_name_ali
    from marsad.text.normalize import normalize_key

    # SaudiNewsNet: على (alef maqsura) normalises like the name علي (ya); only the name starts a person's name
    for text, word, name in (("وكتب الوزير في تغريدة على حسابه بموقع التواصل الاجتماعي", "على", False),
                             ("وقال المتحدث باسم مجلس المقاومة في عدن علي الأحمدي", "علي", True)):
        end = text.index(word) + len(word)
        assert is_name_ali(text, end, normalize_key(word)) is name


@pytest.mark.parametrize("text, speaker, content_start", [
    # SaudiNewsNet (112 sentences hold such an aside; a statement was read in 89 of them before, 100 after)
    ("وتحدث مسؤول في الاستخبارات الأفغانية، طلب عدم ذكر اسمه، عن 20 قتيلا و20 جريحا في الهجوم ضد أكاديمية "
     "الشرطة.", "مسؤول في الاستخبارات الأفغانية", "عن 20 قتيلا"),
    ("وقال احد المسعفين في موقع الانفجار الاول، طالبا عدم ذكر اسمه \"نقلنا حتى الآن 12 جثة من المكان\".",
     "احد المسعفين", "نقلنا حتى الآن"),
    ("وأضاف المسؤول، الذي طلب عدم نشر اسمه، أن الهجوم الأول وقع داخل حانة على مقربة من معسكر للقوات الخاصة عند "
     "غروب الشمس.", "المسؤول", "الهجوم الأول"),
])
def test_an_anonymous_sources_aside_is_no_statement_and_does_not_cut_the_speaker_off(
        text: str, speaker: str, content_start: str) -> None:
    said = _statements(text)
    assert [(s.speaker_text, s.quote[:len(content_start)]) for s in said] == [(speaker, content_start)]
    assert said[0].sentence == text.strip()  # the sentence as written, the aside in it


def test_an_aside_after_the_verb_leaves_the_speaker_as_written() -> None:
    # SaudiNewsNet: حسبما ذكر ضابط شرطة محلي طلب عدم الكشف عن هويته
    text = ("وتم إلقاء القبض على المدرسين في إقليم سورات ثاني (640 كم جنوبي بانكوك) لبيعهما حبوب الهلوسة لطلابهما، "
            "حسبما ذكر ضابط شرطة محلي طلب عدم الكشف عن هويته.")
    assert [s.speaker_text for s in _statements(text)] == ["ضابط شرطة محلي"]


@pytest.mark.parametrize("text, speaker", [
    # SaudiNewsNet: where an envoy is sent (إلى اليمن) is part of his role, not what the verb asks for
    ("من جهته دعا المبعوث الدولي إلى اليمن إسماعيل ولد الشيخ في كلمته إلى تمديد الهدنة الإنسانية 5 أيام إضافية على "
     "الأقل.", "إسماعيل ولد الشيخ"),
    ("توزعت اهتمامات الصحف التونسية الصادرة اليوم على عدد من القضايا الإقليمية والدولية الراهنة , كان أبرزها إعلان "
     "المبعوث الأممي إلى ليبيا برناردينو ليون عن بدء جولة جديدة من المباحثات الخاصة بالحوار بين الأطراف الليبية "
     "اليوم .", "برناردينو ليون"),
])
def test_an_envoy_is_named_after_where_he_is_sent(text: str, speaker: str) -> None:
    assert {s.speaker_text for s in _statements(text)} == {speaker}


def test_ila_after_an_envoy_is_still_what_he_calls_for_when_no_place_follows() -> None:
    # SaudiNewsNet: دعا المبعوث الأممي إلى التمسك: a call, not a posting
    text = "ودعا المبعوث الأممي إلى التمسك بمبدأ حماية المدنيين, مطالبًا نظام الأسد بوقف القصف العشوائي."
    said = _statements(text)
    assert said and said[0].speaker_text == "المبعوث الأممي" and said[0].quote.startswith("إلى التمسك")


@pytest.mark.parametrize("text, speaker", [
    # SaudiNewsNet: a newspaper's or an agency's name in brackets is part of the source as written
    ("أكدت صحيفة (جارديان) الإنجليزية أن ميشيل بلاتيني رئيس الاتحاد الأوروبي لكرة القدم (يويفا) ينوي التقدم بأوراق "
     "ترشحه لرئاسة الفيفا.", "صحيفة (جارديان) الإنجليزية"),
    ("وأفادت وكالة ( دوغان ) التركية للأنباء أن الأهداف حددت حول بلدة حوار في سوريا المقابلة لكيليس في تركيا.",
     "وكالة ( دوغان ) التركية"),
])
def test_a_name_in_brackets_after_a_newspaper_is_part_of_the_source(text: str, speaker: str) -> None:
    assert {s.speaker_text for s in _statements(text)} == {speaker}


def test_an_unnamed_source_is_named_before_the_outlet_it_spoke_to() -> None:
    # SaudiNewsNet 2015-07-21: the president after لـ«الشرق الأوسط» is in what the source said, not its speaker
    text = ("وأكد مصدر قبلي في شبوة لـ«الشرق الأوسط» سيطرة قوات الرئيس اليمني عبد ربه منصور هادي والمقاومة الشعبية على "
            "3 مواقع عسكرية مهمة في «اللواء 19»، وهي مواقع «سوق» و«بيت الضيافة» والجبل المطل على اللواء العسكري "
            "المرابط في بيحان، قبل سقوط اللواء بكامله في يد المقاومة.")
    assert [(s.speaker_id, s.speaker_text) for s in _statements(text)] == [(None, "مصدر قبلي في شبوة")]


@pytest.mark.parametrize("text, speaker", [
    # SaudiNewsNet: an unnamed source before its verb, in the accusative after لكن، إن، أن, or with the article
    ("ولم تتمكن وزارة الدفاع في كوريا الجنوبية على الفور من تأكيد التقرير لكن مسؤولا قال انهم يسعون للتحقق من صحته.",
     "مسؤولا"),
    ("إلا أن مسؤولاً محلياً، طلب عدم ذكر اسمه، قال: «نعتقد أن بعض قتلى الحادثة ينتمون فعلا لحركة الشباب، إلا أن قوات "
     "البعثة قتلت عمداً مدنيين أبرياء».", "مسؤولاً محلياً"),
])
def test_an_unnamed_source_before_its_verb_speaks(text: str, speaker: str) -> None:
    assert [(s.speaker_id, s.speaker_text) for s in _statements(text)] == [(None, speaker)]


@pytest.mark.parametrize("text, speaker", [
    # SaudiNewsNet 2015-07-21: a given name made with الدين that the tagger misses; the previous speaker (the
    # United Nations, in the article) had been carried over
    ("وقال عز الدين الأصبحي، وزير حقوق الإنسان اليمني، خلال تصريحات لـ«الشرق الأوسط»، إن الحكومة اليمنية قامت "
     "بجولات تفقدية لكل المديريات التابعة لمحافظة عدن.", "عز الدين الأصبحي"),
    ("من جانبه, دعا عز الدين الأصبحي، وزير حقوق الإنسان اليمني، خلال تصريحات لـ«الشرق الأوسط»، مفوض الأمم المتحدة "
     "السامي لحقوق الإنسان، لزيارة محافظة عدن، للاطلاع عن كثب على واقع حقوق الإنسان هناك.", "عز الدين الأصبحي"),
])
def test_a_given_name_made_with_al_din_speaks(text: str, speaker: str) -> None:
    assert [s.speaker_text for s in _statements(text)][:1] == [speaker]


def test_al_din_in_a_province_or_ending_another_name_is_no_person() -> None:
    from marsad.extract.entities import find_actors
    from marsad.lexicon import load_lexicon
    from marsad.text.normalize import normalize

    # SaudiNewsNet: the Iraqi province; NewsFANE (its held-out part): a name whose family name is علاء الدين
    for text in ("واصدر المرجع الديني العراقي السيد الصرخي الحسني، بيانا ردا على رسالة من شيوخ عشائر الموصل وصلاح "
                 "الدين والأنبار.",
                 "و على حسب ما جاء في شاهد القبر ، ف ان ه رمضان علاء الدين المتوفى عام 751 هجرية ( 1350 م ) ."):
        found = find_actors(text, load_lexicon(), normalize(text))
        assert not [m.text for m in found.mentions if m.source == "rule" and "الدين" in m.text], found.mentions


# --- a participle after a verb that made no statement of its own ---------------------------------------

def test_a_participle_shares_the_subject_of_the_verb_opening_its_sentence() -> None:
    # SaudiNewsNet 2015-07-21 (الأصبحي: جميع الوزراء سيعودون إلى عدن): توقع takes a noun (أدوارا), so it says
    # nothing itself, but مؤكدا hangs on it; the United Nations inside its object had been made the speaker,
    # and carried over to the sentences after
    text = ("وقال عز الدين الأصبحي، وزير حقوق الإنسان اليمني، خلال تصريحات لـ«الشرق الأوسط»، إن الحكومة اليمنية قامت "
            "بجولات تفقدية لكل المديريات التابعة لمحافظة عدن. "
            "وهنا توقع الوزير اليمني أدوارا إيجابية وسريعة ستمارسها الأمم المتحدة خلال زيارتها، ضد الممارسات التي "
            "قامت بها ميليشيات الحوثية، مؤكدا أن الزيارة ستعطي المفوض السامي صورة واقعية دون مبالغة.")
    first, second = _statements(text)
    assert second.verb_ar == "مؤكدا" and second.quote.startswith("الزيارة ستعطي")
    assert second.speaker_text == "الوزير اليمني" and second.speaker_inferred
    assert second.speaker_id == first.speaker_id is not None  # the minister named before


def test_a_bearer_inside_the_verbs_object_is_not_the_participles_subject() -> None:
    # SaudiNewsNet 2015: the Taliban's spokesman denies the news of Haqqani's death; Haqqani is in the object
    text = ("إلى ذلك، نفى المتحدث باسم طالبان نبأ وفاة زعيم شبكة حقاني المولوي جلال الدين حقاني، مشيرا إلى أنه حي "
            "يرزق وفي مكان آمن.")
    assert [s.speaker_id for s in _statements(text)] == ["taliban"]


@pytest.mark.parametrize("text, speaker", [
    # SaudiNewsNet 2015: an indefinite accusative after a nationality is the object, not the speaker's name
    ("وهنا توقع الوزير اليمني أدوارا إيجابية وسريعة ستمارسها الأمم المتحدة خلال زيارتها، مؤكدا أن الزيارة "
     "ستعطي المفوض السامي صورة واقعية دون مبالغة.", "الوزير اليمني"),
    ("* دعا الرئيس المصري أكثر من مرة إلى تجديد الخطاب الديني والدعوي لمواجهة الأفكار المتطرفة..", "الرئيس المصري"),
])
def test_a_common_word_after_a_nationality_ends_the_speaker(text: str, speaker: str) -> None:
    assert [s.speaker_text for s in _statements(text)][:1] == [speaker]


# --- a masculine verb's subject is no feminine noun ---------------------------------------------------------

def test_a_body_in_the_feminine_after_a_masculine_verb_is_its_object() -> None:
    # SaudiNewsNet 2015-08-03 (development set): Shayea calls on the leadership; it says nothing
    text = ("وأكد شايع أن الثوار في الضالع عقدوا العزم على حمايتها من محاولات الاجتياح الحوثية. كما دعا قيادة "
            "التمرد إلى مواصلة قصفها المكثف على مواقع الانقلابيين، مشيرا إلى أن هذا القصف أفقد الانقلابيين مصادر "
            "قوتهم العسكرية.")
    statements = _statements(text)
    assert [s.speaker_text for s in statements] and all(s.speaker_text == "شايع" for s in statements), \
        [(s.verb_ar, s.speaker_text) for s in statements]


@pytest.mark.parametrize("text", [
    # SaudiNewsNet 2015: توقع here is "signs" (تُوقّع), its subject the airport's administration
    "توقع إدارة مطار الملك فهد الدولي، يوم الخميس المقبل، عقد إنشاء وتشغيل مبنى الطيران الخاص مع شركة «إكس جت» "
    "الأمريكية.",
    # a called-on government speaks not
    "ودعا الحكومة اليمنية إلى التدخل لوقف القصف على الأحياء السكنية.",
])
def test_a_feminine_noun_after_a_masculine_verb_does_not_speak(text: str) -> None:
    assert not _statements(text)


@pytest.mark.parametrize("text, speaker", [
    ("وقالت الحكومة اليمنية إن قواتها استعادت السيطرة على مدينة عدن.", "الحكومة اليمنية"),
    ("وقال رئيس الحكومة اليمنية خالد بحاح إن قواته استعادت السيطرة على مدينة عدن.", "خالد بحاح"),
    # a family name in ة (Jordan: العواملة) is no common noun
    ("وقال العواملة إن المستثمرين في القطاع يواجهون الكثير من العقبات.", "العواملة"),
])
def test_the_same_nouns_in_agreement_still_speak(text: str, speaker: str) -> None:
    assert [s.speaker_text for s in _statements(text)][:1] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # SaudiNewsNet 2015-07-21 (باكستان تتهم الهند): ذكرت has no subject of its own; it is Pakistan's, whose
    # accusation opens the sentence, not India's
    ("اتهمت باكستان الهند بانتهاك آخر لوقف إطلاق النار في إقليم كشمير، حيث ذكرت أن أربعة مدنيين قتلوا في قصف "
     "للمناطق الباكستانية من الإقليم المضطرب.", "باكستان"),
])
def test_a_verb_without_its_own_subject_shares_the_opening_verbs(text: str, speaker: str) -> None:
    assert {s.speaker_text for s in _statements(text)} == {speaker}



@pytest.mark.parametrize("text, speaker", [
    # SaudiNewsNet 2015 (AFP's form I, دان/دانت: condemned)
    ("ودانت وزارة الخارجية الفلسطينية بشدة مصادقة ما يسمى بلجنة التخطيط على بناء وحدات استيطانية.",
     "وزارة الخارجية الفلسطينية"),
    ("وقد دان الرئيس الروسي فلاديمير بوتين شخصيا هذه المبادرة \"غير المثمرة\".", "فلاديمير بوتين"),
    # 2015-07-27 (development set): a senior diplomat condemned the attacks
    ("ودان دبلوماسي أميركي كبير على تويتر الهجمات التي نفذها مقاتلو حزب العمال الكردستاني في تركيا في الآونة "
     "الأخيرة.", "دبلوماسي أميركي كبير"),
])
def test_a_condemnation_in_form_one_is_a_statement(text: str, speaker: str) -> None:
    statements = _statements(text)
    assert [s.speaker_text for s in statements][:1] == [speaker] and statements[0].stance == "condemn"


@pytest.mark.parametrize("text", [
    # SaudiNewsNet 2015: the Libyan town after a preposition; a man's name after قال
    "ما زال الخطر قائما، ليس في منطقة «رواغة» قرب ودان والجفرة فقط، ولكن في الكثير من المناطق الأخرى.",
    # an example sentence: لدى is no verb's subject slot
    "مثال افتراضي بسيط: لدى طالب أقلام، بينما لدى طالب آخر كراسات.",
])
def test_a_verbs_form_after_a_preposition_is_no_verb(text: str) -> None:
    assert not _statements(text)


def test_a_name_like_a_verb_after_qala_is_the_speakers_name() -> None:
    # SaudiNewsNet 2015
    text = ("وقال دان ويرثايمر أحد مستشاري مشروع ميلنر وهو أيضا عالم الفيزياء الفلكية إن البحث عن مخلوقات ذكية "
            "سيستمر.")
    assert not [s for s in _statements(text) if s.verb_ar == "دان"]


@pytest.mark.parametrize("text, first_end, second_start", [
    # SaudiNewsNet 2015 (a caption): he denounced the deal, and affirmed Israel's right: two things said
    ("رئيس الوزراء الإسرائيلي بنيامين نتنياهو يندد مجددا باتفاق محتمل يجري التفاوض بشأنه حول برنامج إيران النووي "
     "مؤكدا على حق إسرائيل في الخيار العسكري.", "برنامج إيران النووي", "على حق إسرائيل"),
    # SaudiNewsNet 2015: a volunteer praised the visitors, then said he was glad to serve them
    ("بينما أشاد المتطوع احمد العطوي بتعامل الزوار مع الانطمة المتبعة التي تسعى الى الحفاظ على سلامتهم مبديا سعادته "
     "في خدمة الزوار لتجازو اية صعاب او حالات سلبية تواجههم.", "الحفاظ على سلامتهم", "سعادته في خدمة الزوار"),
])
def test_a_participle_after_the_verbs_own_object_is_a_second_statement(text: str, first_end: str,
                                                                       second_start: str) -> None:
    first, second = _statements(text)
    assert first.quote.endswith(first_end) and second.quote.startswith(second_start)
    assert second.speaker_id == first.speaker_id and second.speaker_inferred


def test_a_relays_participle_is_part_of_what_it_relays() -> None:
    # SaudiNewsNet 2015: the report relays al-Emadi; مشيرا إلى أن is his, one statement
    text = ("ونقل التقرير عن العمادي تأكيده على أهمية الأشهر المقبلة في تحديد شكل واتجاه جدول أعمال التنمية في العالم "
            "مشيرا إلى أن الدول الأعضاء في \"أوفيد\" أكدت التزامها الشديد بالاستمرار في دعم الصندوق.")
    assert [(s.speaker_text, s.quote[:9]) for s in _statements(text)] == [("العمادي", "الدول الأ")]
