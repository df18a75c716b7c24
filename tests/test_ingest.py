"""Tests for marsad.ingest: decoding, titles, sources, JSON/JSONL/HTML, folders, duplicates."""

from __future__ import annotations

import json
import os
import random
import socket
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from marsad.ingest import (
    MAX_BYTES,
    IngestError,
    Labelled,
    Problem,
    article_from_record,
    article_from_text,
    article_id_for,
    decode_bytes,
    estimate_records,
    html_to_text,
    iter_articles,
    iter_input_files,
    parse_published,
    read_path,
    read_paths,
    stdlib_html_to_text,
)
from marsad.records import Article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

TITLE = "عودة القوة الأميركية إلى ليبيا.. حكومة الوفاق تؤكد والبنتاغون ينفي"
SENTENCE = "أفادت مصادر من حكومة الوفاق الليبية للجزيرة بأن القوات الأميركية عادت إلى العاصمة طرابلس."
SENTENCE_2 = "وقالت القيادة الأميركية في أفريقيا إنها نقلت مؤقتا قوة من الجنود الأميركيين من ليبيا."
SOURCE_LINE = "المصدر : الجزيرة + وكالات"
ARTICLE = f"{TITLE}\n\n{SENTENCE}\n\n{SENTENCE_2}\n\n{SOURCE_LINE}\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- seeds -------------------------------------------------------------------------------------


def test_seed_with_section_label_takes_title_from_third_line() -> None:
    (article,) = read_path(SEEDS / "000_africom_evacuation.txt")
    assert article.title.startswith("أمريكا تقرّ بوجود قوات لها في ليبيا")
    assert article.text.startswith("news\n")  # the whole file is the text
    assert article.path == str(SEEDS / "000_africom_evacuation.txt")


def test_seed_source_line_gives_source() -> None:
    (article,) = read_path(SEEDS / "001_us_forces_return.txt")
    assert article.title == TITLE
    assert article.source == "الجزيرة + وكالات"
    assert article.text.rstrip().endswith(SOURCE_LINE)  # the line stays in the text


def test_seed_folder_reads_both_in_order_without_problems() -> None:
    articles, problems = read_paths([SEEDS])
    assert problems == []
    assert [Path(a.path or "").name for a in articles][:2] == [
        "000_africom_evacuation.txt",
        "001_us_forces_return.txt",
    ]
    for article in articles:  # dates come only from the sidecars (the pipeline infers the rest later)
        sidecar = Path(article.path or "").with_suffix(".meta.json")
        meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
        assert article.published == parse_published(meta.get("published"))
        assert article.published_inferred is False


# --- article ids -------------------------------------------------------------------------------


def test_article_id_is_16_hex_digits_and_stable() -> None:
    first = article_id_for(SENTENCE)
    assert len(first) == 16 and all(c in "0123456789abcdef" for c in first)
    assert article_id_for(SENTENCE) == first
    assert article_id_for(SENTENCE_2) != first


def test_article_id_ignores_spacing_diacritics_and_hamza() -> None:
    variant = (
        "  أَفَادَتْ مصادر   من حكومة الوفاق الليبية\nللجزيرة بان القوات الاميركية عادت الى العاصمة طرابلس. "
    )
    assert article_id_for(variant) == article_id_for(SENTENCE)


# --- decoding ----------------------------------------------------------------------------------


def test_decode_utf8() -> None:
    assert decode_bytes(SENTENCE.encode("utf-8"), "a.txt") == SENTENCE


def test_decode_strips_utf8_bom() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "a.txt") == SENTENCE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_decode_utf16_and_utf32_with_bom(encoding: str) -> None:
    data = SENTENCE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode_bytes(data, "a.txt") == SENTENCE


def test_decode_windows_1256_arabic() -> None:
    data = SENTENCE.encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data, "a.txt") == SENTENCE


def test_decode_normalises_line_breaks() -> None:
    assert decode_bytes(f"{TITLE}\r\n{SENTENCE}\r{SENTENCE_2}".encode(), "a.txt") == (
        f"{TITLE}\n{SENTENCE}\n{SENTENCE_2}"
    )


def test_decode_rejects_png_header() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    with pytest.raises(IngestError, match=r"^photo\.txt looks like a binary file, not text$"):
        decode_bytes(png, "photo.txt")


def test_decode_rejects_random_bytes_without_nul() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises(IngestError, match="looks like a binary file"):
        decode_bytes(data, "noise.txt")


def test_decode_rejects_latin1_text_that_is_not_arabic() -> None:
    with pytest.raises(IngestError, match=r"^fr\.txt is not UTF-8 text"):
        decode_bytes("Les forces américaines sont rentrées à Tripoli.".encode("latin-1"), "fr.txt")


# --- HTML --------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html><head><title>الجزيرة نت | أخبار</title>
<meta property="article:published_time" content="2019-04-07T10:00:00Z">
<style>body {{ color: red }}</style><script>var x = "لا تظهر";</script></head>
<body><nav><a href="/">الرئيسية</a></nav>
<article><h1>{TITLE}</h1>
<p>{SENTENCE}</p><script>alert(1)</script><style>.x{{display:none}}</style>
<img src="x.png" onerror="alert('اختراق')" alt="صورة"><p>{SENTENCE_2}</p>
<noscript>فعّل جافاسكربت</noscript><template><p>قالب</p></template><svg><text>رسم</text></svg>
</article></body></html>"""


def test_html_drops_scripts_and_styles() -> None:
    text, _ = html_to_text(PAGE)
    for hidden in ("alert", "display", "color", "لا تظهر", "فعّل", "قالب", "رسم", "اختراق", "صورة"):
        assert hidden not in text


def test_html_blocks_become_lines_and_title_comes_from_h1() -> None:
    text, title = html_to_text(PAGE)
    assert title == TITLE
    lines = [line for line in text.split("\n") if line]
    assert lines[-3:] == [TITLE, SENTENCE, SENTENCE_2]
    assert "الجزيرة نت" not in text  # <title> is head matter


def test_html_page_chrome_is_not_the_article() -> None:
    page = (f"<body><header><nav><ul><li>سوريا</li><li>اليمن</li></ul></nav></header><article><h1>{TITLE}</h1>"
            f"<p>{SENTENCE}</p><aside><h3>اقرأ أيضا</h3><a>غارات على صنعاء</a></aside><p>{SENTENCE_2}</p>"
            "<footer>شارك: تويتر فيسبوك</footer></article><footer>جميع الحقوق محفوظة © 2019</footer></body>")
    text, title = html_to_text(page)
    assert title == TITLE
    assert [line for line in text.split("\n") if line] == [TITLE, SENTENCE, SENTENCE_2]


def test_html_chrome_left_open_is_kept_rather_than_the_article_lost() -> None:
    text, _ = html_to_text(f"<article><p>{SENTENCE}</p><aside><p>أخبار ذات صلة</p></div><p>{SENTENCE_2}</p></article>")
    assert [line for line in text.split("\n") if line] == [SENTENCE, "أخبار ذات صلة", SENTENCE_2]


def test_html_title_falls_back_to_title_element() -> None:
    _, title = html_to_text(f"<html><head><title> خبر  عاجل </title></head><body><p>{SENTENCE}</p></body>")
    assert title == "خبر عاجل"


def test_html_unescapes_entities_and_squeezes_spaces() -> None:
    page = "<p>قال&nbsp;المتحدث &quot;لا&quot;   &amp;\n  غادر</p><div>x<br>y</div>"
    text, title = stdlib_html_to_text(page)
    assert text == 'قال المتحدث "لا" & غادر\n\nx\ny'
    assert title is None
    text, title = html_to_text(page)  # trafilatura: the Arabic paragraph, unescaped and squeezed
    assert text.split("\n")[0] == 'قال المتحدث "لا" & غادر' and title is None


def test_html_unclosed_head_ends_at_body() -> None:
    text, _ = html_to_text(f"<html><head><title>t</title><body><p>{SENTENCE}</p>")
    assert text == SENTENCE



# A news page as sites serve it: menu, breaking-news bar, byline, share buttons, the story with a
# <script> and a <noscript> inside, tags, a "read also" box, reader comments, the site footer.
NEWS_PAGE = Path(__file__).resolve().parent / "fixtures" / "html" / "news_page.html"
NEWS_BODY = [
    "قال المرصد السوري لحقوق الإنسان إن خمسة مدنيين قتلوا صباح اليوم الثلاثاء في غارة جوية استهدفت حيا"
    " سكنيا في مدينة حلب شمالي سوريا.",
    "وأضاف المرصد أن بين القتلى طفلين وامرأة، وأن عدد القتلى مرشح للارتفاع بسبب وجود جرحى في حالة خطرة.",
    "وأكد مدير المرصد رامي عبد الرحمن أن الطائرات التي نفذت الغارة روسية، وهو ما نفته موسكو في بيان لاحق.",
    "وتشهد مدينة حلب منذ أسابيع تصعيدا عسكريا بين قوات النظام وفصائل المعارضة المسلحة أدى إلى مقتل المئات"
    " من المدنيين.",
]
NEWS_TITLE = "مقتل خمسة مدنيين في غارة جوية على حلب"
PAGE_CHROME = ("الرئيسية", "اليمن", "انفجار في مطار بغداد", "أحمد محمد", "شارك على", "واتساب", "اقرأ أيضا",
               "غارات على صنعاء", "الهدنة", "التعليقات", "خبر محزن", "جميع الحقوق", "سياسة الخصوصية")
HIDDEN = ("tracking", "سكربت", "نص محقون", "alert", "اختراق", "فعّل", "color")


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_html_boilerplate_remover_keeps_the_story_only(tmp_path: Path) -> None:
    (article,) = read_path(write(tmp_path / "story.html", NEWS_PAGE.read_text(encoding="utf-8")))
    assert _lines(article.text) == [NEWS_TITLE, *NEWS_BODY]  # paragraphs stay lines, a blank line apart
    assert "\n\n".join(NEWS_BODY) in article.text
    for chrome in PAGE_CHROME + HIDDEN:
        assert chrome not in article.text, chrome
    assert article.title == NEWS_TITLE  # og:title, not <title> with the site's name
    assert article.published == date(2016, 5, 3)
    assert (article.source, article.url) == ("موقع الأخبار", "https://news.example/syria/2016/05/03/aleppo-strike")


def test_html_falls_back_to_the_stdlib_parser_without_trafilatura(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` raises ImportError
    (article,) = read_path(write(tmp_path / "story.html", NEWS_PAGE.read_text(encoding="utf-8")))
    lines = _lines(article.text)
    assert lines[lines.index(NEWS_BODY[0]):][:4] == NEWS_BODY
    for gone in ("الرئيسية", "جميع الحقوق", *HIDDEN):  # <nav>, <footer>, scripts: never read
        assert gone not in article.text, gone
    assert "اقرأ أيضا" in article.text and "خبر محزن" in article.text  # what only the remover knows to drop
    assert article.title == NEWS_TITLE and article.published == date(2016, 5, 3)  # <h1>, the meta tag


def test_html_falls_back_when_trafilatura_fails_or_finds_too_little(monkeypatch: pytest.MonkeyPatch) -> None:
    trafilatura = pytest.importorskip("trafilatura")
    page = NEWS_PAGE.read_text(encoding="utf-8")
    expected, _ = stdlib_html_to_text(page)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    assert html_to_text(page)[0] == expected
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)  # found nothing
    assert html_to_text(page)[0] == expected
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: {"text": "شارك على تويتر"})  # too little
    assert html_to_text(page)[0] == expected


def test_html_boilerplate_remover_fetches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("trafilatura")

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the boilerplate remover tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    text, title = html_to_text(NEWS_PAGE.read_text(encoding="utf-8"))
    assert _lines(text) == [NEWS_TITLE, *NEWS_BODY] and title == NEWS_TITLE


def test_html_markup_in_the_story_stays_text() -> None:
    pytest.importorskip("trafilatura")
    story = "".join(f"<p>{sentence}</p>" for sentence in NEWS_BODY)
    page = (f"<html><body><article><h1>{NEWS_TITLE}</h1>{story}<p>كتب المعلق &lt;script&gt;alert(1)&lt;/script&gt; "
            "&amp; غادر الصفحة بعد أن قرأ الخبر كاملا.</p></article></body></html>")
    text, _ = html_to_text(page)
    assert "كتب المعلق <script>alert(1)</script> & غادر" in text  # entities decoded to plain text, never markup
    assert text.count("<") == 2  # the two the reader wrote, no tag of the page

# --- plain text --------------------------------------------------------------------------------


def test_text_title_is_first_non_empty_line() -> None:
    article = article_from_text(f"\n\n  {TITLE}  \n{SENTENCE}")
    assert article.title == TITLE


@pytest.mark.parametrize("label", ["news", "World News", "عاجل", "أخبار عربية", "سياسة:", "اخبار"])
def test_text_section_label_is_skipped(label: str) -> None:
    assert article_from_text(f"{label}\n\n{TITLE}\n{SENTENCE}").title == TITLE


@pytest.mark.parametrize("head", ["الرياض - واس", "Next Previous عين اليوم – الرياض", "كتب - عمر عبدالعزيز:",
                                  "الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس"])
def test_text_dateline_or_byline_line_is_not_the_title_and_stays_in_the_text(head: str) -> None:
    article = article_from_text(f"{head}\n{TITLE}\n{SENTENCE}\n// انتهى //")
    assert article.title == TITLE
    assert article.text == f"{head}\n{TITLE}\n{SENTENCE}\n// انتهى //"


def test_text_title_without_the_dateline_glued_to_it() -> None:
    article = article_from_text(f"عبدالله البرقاوي- سبق- الرياض: {SENTENCE}")
    assert article.title == SENTENCE and article.text.startswith("عبدالله البرقاوي- سبق- الرياض:")


def test_text_is_whole_content_with_normalised_newlines() -> None:
    raw = f"\ufeffnews\r\n\r\n{TITLE}\r\n{SENTENCE}\r\n"
    article = article_from_text(raw)
    assert article.text == f"news\n\n{TITLE}\n{SENTENCE}\n"
    assert article.article_id == article_id_for(article.text)
    assert article.published_inferred is False and article.path is None


@pytest.mark.parametrize(
    "line", ["المصدر : الجزيرة + وكالات", "المصدر: الجزيرة + وكالات.", "المصدر:الجزيرة + وكالات"]
)
def test_text_source_line_spacing_variants(line: str) -> None:
    assert article_from_text(f"{TITLE}\n{SENTENCE}\n{line}").source == "الجزيرة + وكالات"


def test_text_source_line_too_far_from_the_end_is_ignored() -> None:
    body = "\n".join([TITLE, "المصدر: رويترز", *[SENTENCE] * 5])
    assert article_from_text(body).source is None


def test_text_meta_overrides_title_and_source() -> None:
    meta = {"title": "عنوان آخر", "source": "رويترز", "published": "2019-04-07", "url": "https://x.example/1"}
    article = article_from_text(ARTICLE, meta=meta)
    assert (article.title, article.source, article.published, article.url) == (
        "عنوان آخر",
        "رويترز",
        date(2019, 4, 7),
        "https://x.example/1",
    )


@pytest.mark.parametrize("text", ["", "   \n\t\n  "])
def test_text_empty_is_an_error(text: str) -> None:
    with pytest.raises(IngestError, match=r"^x\.txt is empty$"):
        article_from_text(text, name="x.txt")


def test_text_without_arabic_is_an_error() -> None:
    with pytest.raises(IngestError, match=r"^en\.txt has no Arabic text$"):
        article_from_text("US forces returned to Tripoli, the GNA said.", name="en.txt")


def test_text_long_single_line_title_is_its_first_sentence() -> None:
    article = article_from_text(" ".join([SENTENCE, SENTENCE_2] * 3))
    assert article.title == SENTENCE


# --- JSON records ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["text", "content", "body"])
def test_record_text_aliases(key: str) -> None:
    article = article_from_record({key: SENTENCE, "title": TITLE}, name="r.json")
    assert (article.text, article.title) == (SENTENCE, TITLE)


@pytest.mark.parametrize("key", ["published", "date", "date_extracted"])
def test_record_date_aliases(key: str) -> None:
    record = {"text": SENTENCE, key: "2015-07-21 00:00:00", "source": "الجزيرة", "url": "https://a.example"}
    article = article_from_record(record, name="r.json")
    assert (article.published, article.source, article.url) == (
        date(2015, 7, 21),
        "الجزيرة",
        "https://a.example",
    )


def test_record_without_text_names_the_record() -> None:
    with pytest.raises(IngestError, match=r"^a\.json record 2 has no text"):
        article_from_record({"title": TITLE}, name="a.json record 2")


def test_record_unreadable_date_is_none() -> None:
    assert article_from_record({"text": SENTENCE, "date": "قبل ساعة"}, name="r").published is None


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-04-07", date(2019, 4, 7)),
        ("2019-04-07T10:00:00Z", date(2019, 4, 7)),
        ("2019-04-07T23:30:00+03:00", date(2019, 4, 7)),
        ("2015-07-21 00:00:00", date(2015, 7, 21)),
        ("07/04/2019", date(2019, 4, 7)),
        ("٠٧/٠٤/٢٠١٩", date(2019, 4, 7)),
        ("Sun, 07 Apr 2019 10:00:00 GMT", date(2019, 4, 7)),
        (date(2019, 4, 7), date(2019, 4, 7)),
        (datetime(2019, 4, 7, 10, 0), date(2019, 4, 7)),
    ],
)
def test_parse_published_valid(value: object, expected: date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value", [None, "", "yesterday", "2019-13-40", "31/02/2019", 20190407, "2019-04-07 garbage"]
)
def test_parse_published_garbage_is_none(value: object) -> None:
    assert parse_published(value) is None


# --- read_path: files --------------------------------------------------------------------------


def test_read_txt_with_sidecar_overrides(tmp_path: Path) -> None:
    txt = write(tmp_path / "a.txt", ARTICLE)
    write(
        tmp_path / "a.meta.json",
        json.dumps({"title": "عنوان", "published": "2019-04-07", "source": "رويترز"}),
    )
    (article,) = read_path(txt)
    assert (article.title, article.source, article.published) == ("عنوان", "رويترز", date(2019, 4, 7))
    assert article.text == ARTICLE


def test_read_windows_1256_file(tmp_path: Path) -> None:
    (article,) = read_path(write(tmp_path / "old.txt", ARTICLE.encode("cp1256")))
    assert article.text == ARTICLE and article.title == TITLE


def test_read_json_object(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", json.dumps({"title": TITLE, "text": SENTENCE, "date": "2019-04-07"}))
    (article,) = read_path(path)
    assert (article.title, article.published, article.path) == (TITLE, date(2019, 4, 7), str(path))


def test_read_json_list_skips_bad_record(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.json", json.dumps([{"text": SENTENCE}, {"title": "لا نص"}, {"text": SENTENCE_2}])
    )
    assert [a.text for a in read_path(path)] == [SENTENCE, SENTENCE_2]


def test_read_json_list_all_bad_names_record_index(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", json.dumps([{"title": TITLE}]))
    with pytest.raises(IngestError, match=r"a\.json record 1 has no text"):
        read_path(path)


def test_read_malformed_json_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '{\n  "title": "x",\n  "text": "y"\n  "date": 1\n}')
    with pytest.raises(
        IngestError, match=r"bad\.json line 4: not valid JSON \(Expecting ',' delimiter at column 3\)"
    ):
        read_path(path)


@pytest.mark.parametrize("value", ['"نص"', "42", "[1, 2]"])
def test_read_json_that_is_not_objects(tmp_path: Path, value: str) -> None:
    with pytest.raises(IngestError, match="not a JSON object|should hold a JSON object"):
        read_path(write(tmp_path / "a.json", value))


def test_read_jsonl_keeps_good_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"text": SENTENCE}), "", "{broken", json.dumps({"text": SENTENCE_2}), "  "]
    path = write(tmp_path / "a.jsonl", "\n".join(lines))
    assert [a.text for a in read_path(path)] == [SENTENCE, SENTENCE_2]


def test_read_json_holding_jsonl(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.json", json.dumps({"text": SENTENCE}) + "\n" + json.dumps({"text": SENTENCE_2})
    )
    assert len(read_path(path)) == 2


def test_read_html_file(tmp_path: Path) -> None:
    (article,) = read_path(write(tmp_path / "page.html", PAGE))
    assert article.title == TITLE
    assert article.published == date(2019, 4, 7)  # article:published_time
    assert "alert" not in article.text and SENTENCE in article.text


def test_read_html_sidecar_wins(tmp_path: Path) -> None:
    page = write(tmp_path / "page.htm", PAGE)
    write(tmp_path / "page.meta.json", json.dumps({"date": "2019-04-08", "title": "عنوان الملف"}))
    (article,) = read_path(page)
    assert (article.title, article.published) == ("عنوان الملف", date(2019, 4, 8))


def test_read_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(12_300_000)  # sparse: nothing to read, the size check must come first
    with pytest.raises(IngestError, match=r"^.*big\.txt is 12\.3 MB; the limit is 5 MB"):
        read_path(path)
    assert MAX_BYTES == 5_000_000


def test_read_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    with pytest.raises(IngestError, match="image.txt looks like a binary file, not text"):
        read_path(path)


def test_read_missing_and_unsupported(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="nope.txt: no such file or folder"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="nope: no such file or folder"):  # not "has no extension"
        read_path(tmp_path / "nope")
    with pytest.raises(IngestError, match=r"unsupported extension '\.pdf'"):
        read_path(write(tmp_path / "a.pdf", SENTENCE))


# --- folders and read_paths --------------------------------------------------------------------


def test_iter_input_files_expands_folders(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.json",
        "sub/c.html",
        "sub/d.jsonl",
        "a.meta.json",
        ".hidden.txt",
        ".git/e.txt",
        "f.pdf",
    ]:
        write(tmp_path / name, "{}")
    extra = write(tmp_path.parent / f"{tmp_path.name}-extra.md", "x")
    found = list(iter_input_files([tmp_path, extra, tmp_path / "b.txt"]))
    assert [p.relative_to(tmp_path.parent).as_posix() for p in found] == [
        f"{tmp_path.name}/a.json",
        f"{tmp_path.name}/b.txt",
        f"{tmp_path.name}/sub/c.html",
        f"{tmp_path.name}/sub/d.jsonl",
        f"{tmp_path.name}-extra.md",  # named explicitly: passed on, read_path will explain
    ]


def test_read_paths_deduplicates_normalised_variants(tmp_path: Path) -> None:
    write(tmp_path / "000.txt", ARTICLE)
    variant = ARTICLE.replace("الأميركية", "الاميركية").replace("ليبيا", "لِيبْيَا").replace(" ", "  ")
    write(tmp_path / "001.txt", variant)
    articles, problems = read_paths([tmp_path])
    assert len(articles) == 1 and articles[0].path == str(tmp_path / "000.txt")
    assert problems == [f"{tmp_path / '001.txt'}: duplicate of {tmp_path / '000.txt'}, skipped"]


def test_read_paths_bad_files_do_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path / "1_bad.json", '{"text": "نص",\n "title" "x"}')
    write(tmp_path / "2_binary.txt", bytes(range(256)))
    write(tmp_path / "3_empty.txt", "\n\n")
    write(tmp_path / "4_lines.jsonl", json.dumps({"text": SENTENCE}) + "\n[1]\n" + json.dumps({"date": "x"}))
    write(tmp_path / "5_good.txt", ARTICLE)
    articles, problems = read_paths([tmp_path])
    assert [a.text for a in articles] == [SENTENCE, ARTICLE]
    bad, binary, empty, line2, line3 = problems
    assert bad.startswith(f"{tmp_path / '1_bad.json'} line 2: not valid JSON (Expecting ':' delimiter")
    assert binary == f"{tmp_path / '2_binary.txt'} looks like a binary file, not text"
    assert empty == f"{tmp_path / '3_empty.txt'} is empty"
    assert line2 == f"{tmp_path / '4_lines.jsonl'} line 2 is a list, not a JSON object"
    assert line3.startswith(f"{tmp_path / '4_lines.jsonl'} line 3 has no text")


def test_read_paths_reports_empty_folder_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    articles, problems = read_paths([tmp_path / "empty", tmp_path / "missing.txt"])
    assert articles == []
    assert problems[0].startswith(f"{tmp_path / 'empty'}: no .txt")
    assert problems[1] == f"{tmp_path / 'missing.txt'}: no such file or folder"


def test_read_paths_reads_a_file_named_twice_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    articles, problems = read_paths([tmp_path, path, Path(os.path.relpath(path))])
    assert len(articles) == 1 and problems == []
    assert isinstance(articles[0], Article)


def test_read_paths_notes_unreadable_date_in_sidecar(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "a.meta.json", json.dumps({"published": "الأسبوع الماضي"}))
    articles, problems = read_paths([tmp_path])
    assert articles[0].published is None
    assert problems == [
        f"{tmp_path / 'a.txt'}: published date 'الأسبوع الماضي' is not a date I can read, ignored"
    ]


# --- streaming and record-level failures ---------------------------------------------------------

SAID = "قال المتحدث باسم الجيش الليبي أحمد المسماري إن القوات تقدمت نحو طرابلس"


def _record(number: int, padding: int = 0) -> str:
    text = f"{SAID} في اليوم {number}." + (" وأضاف أن الاشتباكات استمرت قرب المطار." * padding)
    return json.dumps({"title": f"تقدم نحو طرابلس {number}", "text": text}, ensure_ascii=False)


def test_jsonl_of_100_mb_is_read_line_by_line(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        number = 0
        while handle.tell() < 100_000_000:
            handle.write("\n".join(_record(number + i, padding=20) for i in range(1000)) + "\n")
            number += 1000
    assert path.stat().st_size > 20 * MAX_BYTES
    tracemalloc.start()
    try:
        stream = iter_articles([path])
        first = [next(stream) for _ in range(200)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert all(isinstance(item, Labelled) for item in first)
    assert [item.where for item in first[:2]] == [f"{path}:1", f"{path}:2"]
    assert peak < 10_000_000  # a few lines in hand, not the file


def test_jsonl_and_json_list_over_the_cap_are_read_record_by_record(tmp_path: Path) -> None:
    lines = [_record(i, padding=30) for i in range(4000)]
    jsonl = write(tmp_path / "many.jsonl", "\n".join(lines))
    listed = write(tmp_path / "many.json", "[\n" + ",\n".join(lines) + "\n]")
    assert jsonl.stat().st_size > MAX_BYTES and listed.stat().st_size > MAX_BYTES
    assert len(read_path(jsonl)) == 4000
    assert len(read_path(listed)) == 4000


def test_one_record_over_the_cap_fails_alone(tmp_path: Path) -> None:
    huge = json.dumps({"text": SAID + " " + "و" * (MAX_BYTES // 2 + 10)}, ensure_ascii=False)
    jsonl = write(tmp_path / "a.jsonl", "\n".join([_record(1), huge, _record(3)]))
    listed = write(tmp_path / "a.json", f"[{_record(1)}, {huge}, {_record(3)}]")
    for path, where in ((jsonl, f"{jsonl}:2"), (listed, f"{listed} record 2")):
        items = list(iter_articles([path]))
        assert [type(item).__name__ for item in items] == ["Labelled", "Problem", "Labelled"]
        assert items[1].where == where and "the limit is 5 MB per article" in items[1].reason


def test_bad_records_fail_alone_named_by_line_or_index(tmp_path: Path) -> None:
    deep = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"
    bad = [deep, '{"text": 42}', '{"text": ["قال", 1]}', '{"text": {"ar": "قال"}}', '{"text": null}',
           '{"text": ""}', '{"text": "   "}', "[1, 2]", '"نص"', "{broken", '{"text": 1' + "0" * 5000 + "}"]
    rows = [_record(0)] + bad + [_record(99)]
    jsonl = write(tmp_path / "feed.jsonl", "\n".join(rows))
    items = list(iter_articles([jsonl]))
    problems = [item for item in items if isinstance(item, Problem)]
    assert [item.article.title for item in items if isinstance(item, Labelled)] == ["تقدم نحو طرابلس 0",
                                                                                   "تقدم نحو طرابلس 99"]
    assert [p.where for p in problems] == [f"{jsonl}:{n}" for n in range(2, 2 + len(bad))]
    assert problems[0].reason == "is nested too deeply to read"
    assert problems[1].reason == '"text" should be a string, not a number'
    assert all("\n" not in p.line and p.kind == "failed" for p in problems)
    assert "قال المتحدث" not in " ".join(p.line for p in problems)  # reasons, never the article text
    rows.remove("{broken")  # in a list, brackets that do not balance take the rest of the list with them
    listed = write(tmp_path / "dump.json", "[" + ", ".join(rows) + "]")
    items = list(iter_articles([listed]))
    assert [item.where for item in items if isinstance(item, Problem)][:2] == [f"{listed} record 2",
                                                                              f"{listed} record 3"]
    assert sum(isinstance(item, Labelled) for item in items) == 2


def test_deep_json_file_is_one_bad_record(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    (problem,) = list(iter_articles([path]))
    assert problem.where == f"{path} record 1" and "nested too deeply" in problem.reason


def test_lone_surrogate_is_replaced_and_noted(tmp_path: Path) -> None:
    line = '{"title": "عنوان \\ud800", "text": "' + SAID + ' \\ud800 \\udfff."}'
    path = write(tmp_path / "s.jsonl", line + "\n" + _record(2))
    items = list(iter_articles([path]))
    article = items[0].article
    assert "\ufffd \ufffd" in article.text and article.title == "عنوان \ufffd"
    article.text.encode("utf-8")  # storable
    assert items[1].kind == "warning" and "2 invalid character(s)" in items[1].reason
    assert isinstance(items[2], Labelled)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, encoding: str) -> None:
    txt = write(tmp_path / "u.txt", f"{TITLE}\r\n{SAID}.".encode(encoding))
    (article,) = read_path(txt)
    assert article.title == TITLE and SAID in article.text
    jsonl = write(tmp_path / "u.jsonl", "\n".join([_record(1), _record(2)]).encode(encoding))
    assert len(read_path(jsonl)) == 2
    listed = write(tmp_path / "u.json", f"[{_record(1)}, {_record(2)}]".encode(encoding))
    assert len(read_path(listed)) == 2


def test_binary_and_empty_files_fail_alone(tmp_path: Path) -> None:
    write(tmp_path / "1.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    write(tmp_path / "2.json", "")
    write(tmp_path / "3.json", "[]")
    write(tmp_path / "4.jsonl", "\n\n")
    write(tmp_path / "5.txt", f"{SAID}.")
    items = list(iter_articles([tmp_path]))
    assert [item.line for item in items if isinstance(item, Problem)] == [
        f"{tmp_path / '1.jsonl'}: looks like a binary file, not text",
        f"{tmp_path / '2.json'}: is empty",
        f"{tmp_path / '3.json'}: is an empty JSON list, with no articles",
        f"{tmp_path / '4.jsonl'}: is empty",
    ]
    assert isinstance(items[-1], Labelled)


def test_duplicates_across_records_are_skipped_not_failed(tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", "\n".join([_record(1), _record(1), _record(2)]))
    items = list(iter_articles([path]))
    assert items[1].kind == "skipped" and items[1].line == f"{path}:2: duplicate of {path}:1, skipped"
    assert str(items[1]) == f"{path} line 2: duplicate of {path} line 1, skipped"


def test_iter_articles_is_lazy_over_folders(tmp_path: Path) -> None:
    for number in range(3):
        write(tmp_path / f"{number}.txt", f"{SAID} {number}.")
    stream = iter_articles([tmp_path])
    first = next(stream)
    os.remove(tmp_path / "2.txt")  # not read yet: the stream reads a file when it gets to it
    rest = list(stream)
    assert isinstance(first, Labelled) and len(rest) == 2
    assert rest[-1].line == f"{tmp_path / '2.txt'}: no such file or folder"


def test_estimate_records(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", "\n".join([_record(1), _record(2), _record(3)]))
    write(tmp_path / "b.txt", SAID)
    assert estimate_records([tmp_path]) == (4, True)
    write(tmp_path / "c.json", "[]")
    assert estimate_records([tmp_path]) == (5, False)
