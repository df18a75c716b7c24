"""Non-body text (datelines, bylines, teasers, captions, footers): real lines from SaudiNewsNet's outlets
and from the seeds' Al Jazeera pages; body sentences that merely look like them stay body."""

from __future__ import annotations

import csv

import pytest

from marsad.paths import data_dir
from marsad.pipeline import analyse
from marsad.records import Article, Span
from marsad.text.boilerplate import (
    KINDS,
    MASKED,
    body_sentences,
    find_segments,
    fold,
    load_rules,
    masked,
)
from marsad.text.normalize import split_sentences


def kinds_of(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in find_segments(text)]


def test_every_rule_compiles_with_a_known_kind_and_a_note() -> None:
    rules = load_rules()
    assert len(rules) >= 40
    assert {rule.kind for rule in rules} == set(KINDS)
    with open(data_dir() / "boilerplate.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all(row["note"].strip() for row in rows)


@pytest.mark.parametrize("row, error", [
    ("footer,^x$,anywhere,a note", "where"),
    ("heading,^x$,line,a note", "kind"),
    ("footer,^{nowhere}$,line,a note", "unknown placeholder"),
    ("footer,^(x$,line,a note", "line 2"),
])
def test_a_bad_rule_is_reported_with_its_line(tmp_path, row: str, error: str) -> None:
    path = tmp_path / "rules.csv"
    path.write_text(f"kind,pattern,where,note\n{row}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        load_rules(path)


def test_rules_from_another_file(tmp_path) -> None:
    path = tmp_path / "rules.csv"
    path.write_text("kind,pattern,where,note\n{x},مرحبا,,a word\nfooter,^{x}$,end,a greeting\n", encoding="utf-8")
    assert kinds_of_with(load_rules(path), "قال الوزير.\nمرحبا") == [("footer", "مرحبا")]


def kinds_of_with(rules, text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in find_segments(text, rules)]


def test_folding_keeps_the_length() -> None:
    text = "إقرأ أيضاً: مدينة ١٢٣ على"
    assert len(fold(text)) == len(text) and fold(text).startswith("اقرا")


# --- datelines ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, place, agency", [
    ("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n اعتمد معالي وزير الشؤون البلدية والقروية آلية جديدة.",
     "الرياض", "واس"),  # SPA
    ("القدس المحتلة 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\n نعت جامعة الدول العربية المواطن الفلسطيني.",
     "القدس المحتلة", "واس"),
    ("سبق- ينبع: نظمت الهيئة الملكية بينبع ندوة حول الفرص الاستثمارية.", "ينبع", "سبق"),  # Sabq
    ("عين اليوم – بغداد\nأعلنت قيادة العمليات المشتركة مقتل عشرة من عناصر التنظيم.", "بغداد", "عين اليوم"),  # 3alyoum
    ("الرياضي ـ الرياض\nاقترب نادي النصر من التوقيع مع علي الخيبري.", "الرياض", "الرياضي"),  # Arreyadi
    ("طرابلس (رويترز) - قال متحدث باسم قوات حكومة الوفاق إن الاشتباكات تجددت.", "طرابلس", "رويترز"),
    ("بيروت – «الحياة»\nقال مسؤول لبناني إن الحكومة ستجتمع غدا.", "بيروت", "الحياة"),
    ("الرياض - واس\nأعلنت وزارة الداخلية القبض على خلية إرهابية.", "الرياض", "واس"),
    ("لندن - «الشرق الأوسط»: قال مسؤول بريطاني إن الحكومة تدرس القرار.", "لندن", "الشرق الأوسط"),  # Asharq Al-Awsat
])
def test_datelines_with_their_place_and_agency(text: str, place: str, agency: str) -> None:
    segment = find_segments(text)[0]
    assert segment.kind == "dateline" and segment.start == 0
    assert (segment.place, segment.agency) == (place, agency)
    assert text[segment.end:].strip()[0] not in ":-–"  # the colon or dash after it is part of it


def test_sabq_dateline_masks_the_reporters_name_but_keeps_the_place() -> None:
    text = "عبدالله البرقاوي- سبق- الرياض: أعلن مطار الملك خالد الدولي عودة رحلة الخطوط الكورية."
    [segment] = find_segments(text)
    assert (segment.kind, segment.place, segment.agency) == ("dateline", "الرياض", "سبق")
    assert text[slice(*segment.byline)] == "عبدالله البرقاوي"
    blanked = masked(text, [segment])
    assert blanked.startswith(" " * len("عبدالله البرقاوي")) and "الرياض" in blanked


def test_an_asharq_al_awsat_brief_has_a_dateline_on_each_item_not_on_its_headline() -> None:
    text = ("اتفاق فرنسي - روسي في شأن سفينتي «ميسترال»\n\n"
            "باريس - أ.ف.ب: توصل الرئيس الفرنسي فرنسوا هولاند، ونظيره الروسي فلاديمير بوتين، إلى اتفاق.\n"
            "وأورد البيان أن الرئيسين تشاورا بعد ظهر أمس.\n"
            "وتقول الحكومة إن الاتفاق نهائي.\n"
            "بيني (الكونغو) - د.ب.أ: قالت السلطات الدينية إن متمردين خطفوا ستة رجال دين.\n"
            "وطالب المتمردون بفدية.\n")
    found = kinds_of(text)
    assert ("dateline", "باريس - أ.ف.ب:") in found
    assert all(not part.startswith("اتفاق فرنسي") for _, part in found)


def test_3alyoum_gallery_buttons_then_dateline_and_reporter_lines() -> None:
    text = "Next Previous عين اليوم – الرياض\nشَرّعت غابات ومتنزهات منطقة الباحة أبوابها لاستقبال الزوار."
    assert kinds_of(text) == [("footer", "Next Previous"), ("dateline", "عين اليوم – الرياض")]
    assert kinds_of("عمر إبراهيم – عين اليوم\nأكد وزير التعليم أنه اعتمد بداية العام الدراسي.") == [
        ("byline", "عمر إبراهيم – عين اليوم")]
    reporter = find_segments("حامد القرشي – مكة المكرمة\nنفى نائب رئيس اللجنة ما تم تداوله.")[0]
    assert (reporter.kind, reporter.place) == ("dateline", "مكة المكرمة") and reporter.byline is not None


# --- bylines, teasers, captions, footers -------------------------------------------------------


@pytest.mark.parametrize("line, kind", [
    ("كتب - عمر عبدالعزيز:", "byline"),  # Al-Jazirah, first line
    ("اقرأ أيضا: مقتل عشرة في غارة على تعز", "teaser"),
    ("إقرأ أيضاً: الحوثيون يقصفون عدن", "teaser"),
    ("شاهد أيضا: لحظة سقوط الصاروخ", "teaser"),
    ("الصورة: جانب من الاجتماع", "caption"),
    ("صورة جماعية بعد التدشين", "caption"),  # Al-Jazirah
    ("إضافة تعليق", "footer"),
    ("إضافة تعقيب", "footer"),
    ("تعليقات ()", "footer"),  # Arriyadiyah
])
def test_lines_anywhere(line: str, kind: str) -> None:
    text = f"{line}\nأعلنت وزارة الداخلية القبض على خلية إرهابية.\nوقال المتحدث الأمني إن التحقيق مستمر."
    assert kinds_of(text)[0] == (kind, line)


@pytest.mark.parametrize("tail, kind", [
    ("// انتهى //\n 13:37 ت م ", "footer"),  # SPA
    ("alrashed@asharqalawsat.com", "byline"),  # Asharq Al-Awsat
    ("* خدمة «نيويورك تايمز»", "byline"),
    ("* وحدة التقارير الاقتصادية", "byline"),  # Al-Eqtisadiya
    ("للتواصل مع الكاتب ارسل رسالة SMS\nتبدأ بالرمز (24) ثم مسافة ثم نص الرسالة إلى\n88591 - Stc", "footer"),  # Al-Madina
    ("...المزيد", "teaser"),
    ("جميع الحقوق محفوظة © 2019", "footer"),
    ("المصدر : الجزيرة + وكالات", "footer"),  # Al Jazeera (a seed)
])
def test_closing_lines(tail: str, kind: str) -> None:
    text = f"أعلنت وزارة الداخلية القبض على خلية إرهابية.\nوقال المتحدث الأمني إن التحقيق مستمر.\n{tail}\n"
    found = kinds_of(text)
    assert found and {k for k, _ in found} == {kind}
    assert "".join(part for _, part in found).replace(" ", "") in tail.replace(" ", "").replace("\n", "")


def test_a_footer_glued_to_the_last_sentence_is_cut_there() -> None:
    weeam = ("وقتل 31 شخصا على الاقل في تفجيرين. رابط الخبر بصحيفة الوئام: مقتل 31 على الاقل في تفجيرين بشرق العراق")
    assert kinds_of(weeam) == [("footer", "رابط الخبر بصحيفة الوئام: مقتل 31 على الاقل في تفجيرين بشرق العراق")]
    alyoum = "أعلنت القيادة مقتل عشرة من عناصر التنظيم بضربة جوية، جنوبي الرمادي. سمات الرمادي داعش هجوم مسلح"
    assert kinds_of(alyoum) == [("footer", "سمات الرمادي داعش هجوم مسلح")]


def test_okaz_share_widget_is_cut_from_the_first_sentence() -> None:
    text = ("شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك وصل 120 يمنيا عالقا إلى الجمهورية اليمنية عبر مطاري"
            " عدن وسيئون.")
    [segment] = find_segments(text)
    assert segment.kind == "footer" and text[segment.end:].lstrip().startswith("وصل 120")


def test_related_headlines_at_the_end_are_one_teaser() -> None:
    text = ("قال الوزير إن المحادثات ستستأنف.\nوأضاف أن الوفد سيصل غدا.\n\nأخبار ذات صلة\n"
            "غارات على صنعاء\nاشتباكات في تعز\n\nإضافة تعقيب")
    [(kind, part)] = kinds_of(text)
    assert kind == "teaser" and part.startswith("أخبار ذات صلة") and part.endswith("إضافة تعقيب")


def test_captions_inside_a_line_and_in_english() -> None:
    text = "تصاعد الدخان فوق المدينة (صورة: رويترز) بعد الغارة.\nوقال شهود إن الغارة أصابت مستودعا."
    assert kinds_of(text) == [("caption", "(صورة: رويترز)")]
    seed = ("عودة القوة الأميركية إلى ليبيا\n\nMembers of the Libyan internationally recognised government forces"
            " gather in Ain Zara, Tripoli, Libya April 28, 2019. REUTERS/Ismail Zitouny\nأفادت مصادر بأن القوات عادت.")
    assert [k for k, _ in kinds_of(seed)] == ["caption"]


# --- body stays body ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "قال مسؤول إن الاجتماع انتهى.\nوقال المصدر: «إن الفصائل غير قادرة على تشكيل غرفة عمليات جديدة».",
    "قال مسؤول إن الاجتماع انتهى.\nالمصدر: «لن نسمح بتكرار الهجوم»",  # a quote that starts with المصدر
    "المصدر: إن تنظيم داعش اختطف 18 شابا من ناحية حمام العليل غرب الموصل واقتادهم إلى جهات غير معلومة.",
    "وقال الوزير: اقرأ ما كتبه التاريخ عن هذه المدينة.\nوأضاف أن الحرب لن تطول.",
    "اقرأوا التاريخ جيدا، قال الوزير للصحفيين.\nوأضاف أن الحرب لن تطول.",
    "وصرح شاهد من سكان الحي للقناة أنه رأى الطائرة.\nوشاهد مراسلنا الدخان يتصاعد.",
    "تحمل الشخصية سمات القيادة.\nوهذه سمات واضحة في خطابه الأخير.",
    "كتب الأستاذ عبدالعزيز حسين مقالا عن زيارته للشاعر فقال إنه شاعر مطبوع.",
    "صورة من صور المكابدة والمعاناة المخيفة، ينقلها لنا شاعر من جيل الرعيل الأول:",
    "أمريكا تقرّ بوجود قوات لها في ليبيا وتجليهم من نواحي طرابلس مع زحف قوات حفتر نحو العاصمة\n\nقال مسؤول.",
    "عودة القوة الأميركية إلى ليبيا.. حكومة الوفاق تؤكد والبنتاغون ينفي\n\nقال مسؤول.",
    "وكالة الأنباء السعودية تحييكم وتبدأ بثها اليوم\nوافق مجلس الوزراء على تفويض معالي وزير الخارجية.",
])
def test_body_lines_that_look_like_boilerplate_stay_body(text: str) -> None:
    assert find_segments(text) == []


# --- what the analysis reads -------------------------------------------------------------------


def test_masking_keeps_length_and_line_breaks() -> None:
    text = "قال الوزير إن المحادثات ستستأنف.\nاقرأ أيضا: غارات على صنعاء\n// انتهى //"
    segments = find_segments(text)
    assert {s.kind for s in segments} == {"teaser", "footer"} <= MASKED
    blanked = masked(text, segments)
    assert len(blanked) == len(text) and blanked.count("\n") == text.count("\n")
    assert "صنعاء" not in blanked and blanked.startswith("قال الوزير")


def test_body_sentences_cut_the_dateline_from_the_first_sentence() -> None:
    text = "فهد العتيبي- سبق- الرياض: قال المتحدث الأمني إن التحقيق مستمر.\nوأضاف أن الجناة فروا."
    segments = find_segments(text)
    sentences = body_sentences(text, split_sentences(text), segments)
    assert [text[s.start:s.end] for s in sentences] == ["قال المتحدث الأمني إن التحقيق مستمر.",
                                                      "وأضاف أن الجناة فروا."]
    assert body_sentences(text, [Span(0, 5)], []) == [Span(0, 5)]


def test_analysis_skips_non_body_and_keeps_offsets_into_the_stored_text() -> None:
    text = ("فهد العتيبي- سبق- الرياض: قال المتحدث باسم وزارة الداخلية إن مسلحين قتلوا خمسة أشخاص في هجوم"
            " على نقطة تفتيش في القطيف أمس.\n"
            "وقال خليفة حفتر إن قواته ستواصل التقدم نحو العاصمة.\n"
            "اقرأ أيضا: مقتل عشرة في غارة جوية على صنعاء\n"
            "سمات القطيف صنعاء غارة")
    analysis = analyse(Article("a1", "t", text))
    assert analysis.article.text == text
    for item in [*analysis.statements, *analysis.events]:
        assert text[item.start:item.end] == item.sentence
        assert item.start >= text.index("قال") and item.end <= text.index("اقرأ")
    for mention in analysis.mentions:  # not the reporter's name, nothing from the teaser or the tags
        assert text[mention.start:mention.end] == mention.text
        assert text.index("سبق") < mention.start < text.index("اقرأ")
    assert analysis.statements and analysis.events
    assert "ye-sanaa" not in {m.entity_id for m in analysis.mentions}


def test_the_reader_greys_what_is_not_body_and_keeps_the_rest_as_it_was() -> None:
    import pandas as pd

    from components.reader import highlighted_html

    text = "سبق- الرياض: قال المتحدث الأمني إن التحقيق مستمر.\n// انتهى //"
    none = pd.DataFrame()
    statements = pd.DataFrame([{"start": text.index("قال"), "end": text.index("\n"), "speaker_en": "a spokesman",
                                "verb": "said"}])
    html = highlighted_html(text, none, none, statements)
    assert html.count('class="nonbody"') == 2 and 'title="dateline: not the body' in html
    assert '<span class="nonbody" style="color:#9ca3af" title="footer: not the body, not analysed">// انتهى //</span>' in html
    assert '<span class="statement" title="a spokesman&#58; said">قال المتحدث' in html  # outside the grey
    plain = "قال المتحدث الأمني إن التحقيق مستمر."
    assert "nonbody" not in highlighted_html(plain, none, none, none)


# --- run-in datelines, photo credits and captions (issue 15, item 6) ---------------------------------
# Real SaudiNewsNet sentences; the run-in dateline forms are those of the wires and of CNN Arabic
# (`دبي، الإمارات العربية المتحدة (CNN)--`) put before a real first sentence.


@pytest.mark.parametrize("text, place, agency, rest", [
    ("دبي، الإمارات العربية المتحدة (CNN)-- رفض البرتغالي كريستيانو رونالدو نجم ريال مدريد استكمال مقابلة"
     " أجراها مع قناة (CNN) في إطار جولة ترويجية لشركة نايك.", "دبي، الإمارات العربية المتحدة", "CNN", "رفض"),
    ("بكين (أ ف ب) تباطأ النشاط الصناعي الصيني في يوليو (تموز) الماضي، بينما ارتفع القطاع غير الصناعي.",
     "بكين", "أ ف ب", "تباطأ"),  # no dash: the wire's dateline run into the sentence
    ("تونس - رويترز قالت شركة الطيران التونسية الخاصة «سيفاكس إيرلاينز» إنها علقت جميع رحلاتها مؤقتا.",
     "تونس", "رويترز", "قالت"),  # no colon
    ("كوالالمبور - رويترز - أيدت دول جنوب شرقي آسيا أمس دعوة أميركية لوقف بناء الجزر في بحر الصين الجنوبي.",
     "كوالالمبور", "رويترز", "أيدت"),
    ("بيروت ـ «الحياة» قال مسؤول لبناني إن الحكومة ستجتمع غدا.", "بيروت", "الحياة", "قال"),
    ("سان فرانسيسكو 20 يوليو تموز (رويترز) -\nظل السؤال الأزلي الذي يستبد بعقول الناس على مر العصور إن كان"
     " البشر هم وحدهم الذين يعيشون في هذا الكون.", "سان فرانسيسكو", "رويترز", "ظل"),  # 3alyoum: with its date
])
def test_datelines_run_into_the_first_sentence(text: str, place: str, agency: str, rest: str) -> None:
    segment = find_segments(text)[0]
    assert (segment.kind, segment.start, segment.place, segment.agency) == ("dateline", 0, place, agency)
    assert text[segment.end:].lstrip(" -–—:\n").startswith(rest)
    sentences = body_sentences(text, split_sentences(text), find_segments(text))
    assert text[sentences[0].start:sentences[0].end].startswith(rest)


def test_asharq_al_awsat_star_before_a_brief_dateline() -> None:
    text = ("* تباطؤ مؤشر التصنيع بالصين في يوليو\n* بكين - (د.ب.أ): تباطأ النشاط الصناعي الصيني في يوليو (تموز)"
            " الماضي، حسبما أفادت وسائل إعلام حكومية أمس (السبت).")
    found = kinds_of(text)
    assert found == [("footer", "*"), ("dateline", "بكين - (د.ب.أ):")]
    assert find_segments(text)[1].agency == "د.ب.أ"


@pytest.mark.parametrize("text, kind, part", [
    # a short line ending with its photo credit, no full stop before it (Al-Riyadh's photo stories; the seed)
    ("الممثلة تارا لين خلال مشاركتها في حفل هولو 2015 الفني في بيفرلي هيلز - كاليفورنيا (أ ف ب)",
     "caption", "الممثلة تارا لين خلال مشاركتها في حفل هولو 2015 الفني في بيفرلي هيلز - كاليفورنيا (أ ف ب)"),
    ("عودة القوة الأميركية إلى ليبيا\n\nقال مسؤول ليبي إن القوات عادت.\nوأضاف أن التعاون مستمر.\n"
     "التحركات الأميركية الجديدة تهدف -وفقا للمسؤولين الأميركيين- إلى وقف الحرب وبدء المفاوضات (رويترز)",
     "caption", "التحركات الأميركية الجديدة تهدف -وفقا للمسؤولين الأميركيين- إلى وقف الحرب وبدء المفاوضات (رويترز)"),
    # a caption with an archive credit run into the first sentence (Al Jazeera)
    ("أطفال فلسطينيون في أحد مخيمات اللاجئين في بيت حانون (رويترز - أرشيف) قتل فلسطيني برصاص الجيش"
     " الإسرائيلي.", "caption", "أطفال فلسطينيون في أحد مخيمات اللاجئين في بيت حانون (رويترز - أرشيف)"),
    ("قال مسؤول فلسطيني إن المعبر أغلق.\nوأضاف أن الأطفال ينتظرون (صورة أرشيفية) منذ أيام.",
     "caption", "(صورة أرشيفية)"),
    # Okaz: the credit alone under the caption; a credit after the caption's full stop
    ("سوري يحمل أحد الضحايا نتيجة قصف قوات الأسد على أدلب.\n(أ. ف. ب)", "byline", "(أ. ف. ب)"),
    ("هطلت الأمطار على بعض مناطق المملكة، وفي الصورة طفلة مع أحد أقربائها يلتقطان «سيلفي» في أحد متنزهات"
     " عسير. (واس)", "byline", "(واس)"),
    # a photographer's credit, inside a line or on its own
    ("نايف عبدالله – عين اليوم (تصوير: علي الزهراني) حاورت “عين اليوم” الفنانة بلقيس فتحي.",
     "byline", "(تصوير: علي الزهراني)"),
    ("لعبة المرور تحت أقواس المياه في شاطئ المتعة بمانشستر تجذب مئات السياح\n(عدسة/ أحمد المغلوث)",
     "byline", "(عدسة/ أحمد المغلوث)"),
    ("قام حمد الضويلع نائب وزير الصحة للشؤون الصحية بزيارة تفقدية لمناطق الحد الجنوبي، أمس.\n"
     "تصوير: صالح العبداللطيف", "byline", "تصوير: صالح العبداللطيف"),
])
def test_photo_captions_and_credits(text: str, kind: str, part: str) -> None:
    assert (kind, part) in kinds_of(text)


@pytest.mark.parametrize("text", [
    "علمت (عكاظ) عن اختيار الدكتور عبدالسلام العبادي وزير الأوقاف الأردني السابق أمينا لمجمع الفقه الإسلامي.",
    "أكد لـ(عكاظ) الشيخ صالح لنجف رئيس تحالف قبائل مأرب، أن الحوثيين يحشدون قواتهم.",
    "وبحسب وكالة (الفرنسية) كتبت صحيفة \"إيفيميريدا تون سينتاكتون\" أن الخطة وضعت \"لزيادة كلفة القطيعة\".",
    "وقالت وكالة أنباء الصين الجديدة (شينخوا) إن الإعصار يتجه ليضرب بقوة إقليمي تشجيانغ وجيانغشي.",
    "ويقول موقع قناة (سي إن إن) الإخباري إن خبير صناعة المتفجرات في التنظيم إبراهيم العسيري طالب بشن هجمات.",
    "رفض البرتغالي كريستيانو رونالدو نجم ريال مدريد استكمال مقابلة أجراها مع قناة (CNN) في إطار جولة ترويجية.",
    "وأوضحت الوزارة أن الأول تلقى تدريبات عسكرية في أغسطس (آب) 2013 في إيران.",
    "وأبلغ حميدان: «الشرق الأوسط» في تصريحات خاصة من طرابلس أن البرلمان السابق لم يقرر بعد كيفية الرد.",
    "والأهم أن المسلسل يرصد تحول أصحاب هذه الأكشاك (تصوير الكتب والمستندات) إلى امبراطورية اقتصادية.",
    "قال مسؤول إن الاجتماع انتهى.\nوقال بدر لوكالة الأنباء الألمانية (د.ب.أ) إن الاحتفالات ستكون تاريخية.",
])
def test_sentences_naming_an_agency_or_a_photo_stay_body(text: str) -> None:
    assert find_segments(text) == []


def test_a_caption_line_gives_no_statement() -> None:
    text = ("عودة القوة الأميركية إلى ليبيا\n\n"
            "التحركات الأميركية الجديدة تهدف -وفقا للمسؤولين الأميركيين- إلى وقف الحرب وبدء المفاوضات (رويترز)\n\n"
            "وقال الناطق باسمها مهند يونس إن الحكومة تعمل على تعزيز التعاون مع الولايات المتحدة.")
    analysis = analyse(Article("a2", "t", text))
    assert analysis.statements and all(s.start > text.index("(رويترز)") for s in analysis.statements)
