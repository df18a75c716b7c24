"""Reading articles from disk: the only module of the package that does I/O.

Accepted inputs, one file at a time (`read_path`) or files and folders together (`read_paths`):

* ``.txt`` — one article. `Article.text` is the WHOLE file as decoded (BOM removed, ``\\r\\n`` and
  ``\\r`` turned into ``\\n``, nothing else touched), so offsets are stable and the title line is
  analysed like any other sentence. The title is the first non-empty line, skipping section labels
  ("news", "World News", "عاجل", ...) and what is not body (a dateline line such as ``الرياض - واس``,
  a byline: `marsad.text.boilerplate`). A closing ``المصدر : الجزيرة + وكالات`` line gives the source.
* ``.html`` / ``.htm`` — one article: the page's main text by trafilatura's boilerplate remover
  (menus, related links, comments, footers left out), else the visible text by the standard
  library's parser (see `html_to_text`); title, date, site and URL from the page's metadata.
* ``.json`` — one object or a list of objects; ``.jsonl`` / ``.ndjson`` — one object a line.
* ``NAME.meta.json`` next to ``NAME.txt`` or ``NAME.html`` — title, published, source, url that
  override what the article itself says.

Encodings: UTF-8 (with or without BOM), UTF-16/32 with BOM, and Windows-1256 when that decodes to
Arabic. Every failure is an `IngestError` whose message is one sentence naming the file.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

from marsad.records import Article, Span
from marsad.text.boilerplate import body_spans, find_segments
from marsad.text.normalize import normalize_key

__all__ = [
    "ARABIC_SECTION_LABELS",
    "ARTICLE_SUFFIXES",
    "MAX_BYTES",
    "IngestError",
    "article_from_record",
    "article_from_text",
    "article_id_for",
    "decode_bytes",
    "html_to_text",
    "stdlib_html_to_text",
    "iter_input_files",
    "parse_published",
    "Labelled",
    "Problem",
    "estimate_records",
    "iter_articles",
    "iter_file",
    "read_limited",
    "read_path",
    "read_paths",
    "utf16_without_bom",
]

MAX_BYTES = 5_000_000  # per article (a .txt/.html file, one JSONL line, one JSON record) and per sidecar

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES
META_SUFFIX = ".meta.json"
_SUFFIXES_IN_WORDS = ", ".join(ARTICLE_SUFFIXES[:-1]) + " or " + ARTICLE_SUFFIXES[-1]

# Whole lines that name a site section rather than the article; skipped when looking for the title.
# Compared after `normalize_key` (hamza, diacritics and spacing do not matter) and without a final colon.
ARABIC_SECTION_LABELS = frozenset(
    {
        "أخبار",
        "الأخبار",
        "عاجل",
        "أخبار عربية",
        "أخبار عالمية",
        "أخبار دولية",
        "سياسة",
        "اقتصاد",
        "رياضة",
        "تقارير",
        "تقرير",
    }
)
_SECTION_KEYS = frozenset(normalize_key(label) for label in ARABIC_SECTION_LABELS)

SOURCE_LINE_WINDOW = 5  # the source line must be among this many last non-empty lines
MIN_ARABIC_LETTERS = 3
_TITLE_MAX_CHARS = 200  # a longer first line (a file without line breaks) is cut to its first sentence

_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")


def _has_arabic(text: str) -> bool:
    """At least MIN_ARABIC_LETTERS Arabic letters in `text` (read only as far as the last of them)."""
    return next(itertools.islice(_ARABIC_LETTER_RE.finditer(text), MIN_ARABIC_LETTERS - 1, None), None) is not None

_SOURCE_LINE_RE = re.compile(
    r"[\s\u200e\u200f]*المصدر[\s\u200e\u200f]*[:：][\s\u200e\u200f]*(?P<source>\S.{0,99}?)[\s\u200e\u200f.،]*"
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?"
_YMD_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME)
_DMY_RE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + _TIME)

_TEXT_KEYS = ("text", "content", "body")
_TITLE_KEYS = ("title", "headline")
_PUBLISHED_KEYS = ("published", "date", "date_extracted", "published_at", "date_published")
_SOURCE_KEYS = ("source",)
_URL_KEYS = ("url", "link")


class IngestError(ValueError):
    """One clear, user-facing sentence naming the file (and line/record) and what is wrong."""


# --- ids, dates, decoding ---------------------------------------------------------------------


def article_id_for(text: str) -> str:
    """First 16 hex digits of the SHA-1 of `normalize_key(text)`: texts equal up to spacing,
    diacritics, tatweel and hamza/alef spelling share an id."""
    # normalize_key is lru-cached for short strings; bypass the cache so whole articles are not kept.
    key = getattr(normalize_key, "__wrapped__", normalize_key)(text)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def parse_published(value: object) -> date | None:
    """A publication date from a date/datetime or a string; anything unrecognised gives None.

    Strings: ISO dates and datetimes ("2019-04-07", "2019-04-07T10:00:00Z", "2015-07-21 00:00:00"),
    day-first dates ("07/04/2019" is 7 April; "04/23/2019" is read month-first since 23 cannot be a
    month), RFC 2822 ("Sun, 07 Apr 2019 10:00:00 GMT"). Arabic-Indic digits are accepted. The
    date is the one written, whatever the time zone.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    string = value.strip().translate(_DIGITS)
    if not string:
        return None
    if match := _YMD_RE.fullmatch(string):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day)
    if match := _DMY_RE.fullmatch(string):
        day, month, year = (int(part) for part in match.groups())
        if month > 12 >= day:
            day, month = month, day
        return _make_date(year, month, day)
    try:
        return _make_date_from(parsedate_to_datetime(string))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _make_date(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _make_date_from(moment: datetime | None) -> date | None:
    return None if moment is None else _make_date(moment.year, moment.month, moment.day)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode Cc, less \t \n \v \f \r


def _control_ratio(text: str) -> float:
    """Share of control characters other than ordinary whitespace."""
    return len(_CONTROL_RE.findall(text)) / len(text) if text else 0.0


def _looks_arabic(text: str) -> bool:
    """Mostly Arabic letters among the letters, and some of them."""
    letters = [char for char in text if char.isalpha()]
    arabic = sum(1 for char in letters if _ARABIC_LETTER_RE.match(char))
    return arabic >= MIN_ARABIC_LETTERS and arabic >= 0.5 * len(letters)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Characters plain text is made of: whitespace, ASCII, Latin-1, Arabic (and its supplements and
# presentation forms), general punctuation. Bytes that are not UTF-16 decode to anything else.
_PLAIN_TEXT_RE = re.compile(
    "[\t\n\r\x20-\x7e\xa0-\xff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
    "\u2000-\u206f\ufb50-\ufdff\ufe70-\ufeff]"
)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a file's bytes: BOM-marked UTF-8/16/32, plain UTF-8, UTF-16 without a BOM, else Arabic
    Windows-1256, else (slow, rare) whatever charset-normalizer finds if it reads as Arabic.

    The BOM is removed and line breaks become ``\\n``. Raises `IngestError` for binary data (NUL
    bytes, control characters) and for text in another encoding.
    """
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise IngestError(
                    f"{name} starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()} (bad bytes at offset {error.start + len(bom)})"
                ) from None
            break
    if text is None:
        text = _decode_unmarked(data, name)
    if _control_ratio(text) > 0.05:
        raise IngestError(f"{name} looks like a binary file, not text")
    return _normalize_newlines(text)


def _decode_unmarked(data: bytes, name: str) -> str:
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if (encoding := utf16_without_bom(data)) is not None:
        return data.decode(encoding)
    if b"\x00" in data:
        raise IngestError(f"{name} looks like a binary file, not text")
    return _decode_cp1256(data, name)


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when `data` (whole, or the head of a file) is UTF-16 text without a
    byte-order mark (Windows "Unicode" files), else None."""
    if len(data) < 4:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) - len(data) % 2].decode(encoding)
        except UnicodeDecodeError as error:
            if error.start < len(data) - 4:  # not just a pair cut by the end of a head
                continue
            text = data[: error.start].decode(encoding)
        if text and len(_PLAIN_TEXT_RE.findall(text)) >= 0.95 * len(text) and _control_ratio(text) < 0.01:
            return encoding
    return None


def _decode_cp1256(data: bytes, name: str) -> str:
    text = data.decode("cp1256", errors="replace")  # every byte is defined in cp1256
    if _control_ratio(text) > 0.05:
        raise IngestError(f"{name} looks like a binary file, not text")
    if not _looks_arabic(text):
        if (found := _detected_arabic(data)) is not None:
            return found
        raise IngestError(
            f"{name} is not UTF-8 text and does not read as Arabic in Windows-1256 either; save it as UTF-8"
        )
    return text


def _detected_arabic(data: bytes) -> str | None:
    """The slow fallback: charset-normalizer's best guess, kept only if it reads as Arabic text."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - installed with the project
        return None
    best = from_bytes(data[:MAX_BYTES]).best()
    text = None if best is None else str(best)
    if text and _looks_arabic(text) and _control_ratio(text) <= 0.05:
        return text
    return None


def _normalize_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# --- HTML ------------------------------------------------------------------------------------

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
# A page's chrome: menus, side boxes ("read also", most read), page footers (share, comment, copyright).
# Their text is not the article's; dropped unless one is left open (then the page is read again with it).
_CHROME_TAGS = frozenset({"nav", "aside", "footer"})
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "li", "tr", "article", "section", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "caption", "blockquote",
        "header", "footer", "main", "nav", "aside", "figure", "figcaption", "hr", "pre", "form",
        "address", "details", "summary", "fieldset", "body",
    }
)  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_META_FIELDS = {
    "article:published_time": "published",
    "og:site_name": "source",
    "og:url": "url",
}


class _ArticleHTMLParser(HTMLParser):
    """Collects visible text, the first <h1>, the <title> and a few <meta> fields. Attributes
    other than those meta fields (onerror=, style=, ...) are never looked at."""

    def __init__(self, skip_chrome: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.skipped_tags = _SKIP_TAGS | _CHROME_TAGS if skip_chrome else _SKIP_TAGS
        self.parts: list[str] = []
        self.skipping: list[str] = []
        self.title_parts: list[str] | None = None  # open while inside the first <title>
        self.title = ""
        self.h1_parts: list[str] | None = None  # open while inside an <h1> before one had text
        self.h1 = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":  # an unclosed <head> ends here
            self.skipping = [t for t in self.skipping if t != "head"]
        if tag == "title":
            if not self.title and all(t == "head" for t in self.skipping):
                self.title_parts = []
            return
        if tag == "meta" or tag == "link":
            self._read_meta(tag, dict(attrs))
        if tag in self.skipped_tags:
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        if tag == "h1" and not self.h1:
            self.h1_parts = []
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.skipped_tags or tag in ("title", "h1"):  # <svg/>: nothing inside to skip
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            if self.title_parts is not None:
                self.title = _squeeze("".join(self.title_parts))
                self.title_parts = None
            return
        if tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass
            return
        if self.skipping:
            return
        if tag == "h1" and self.h1_parts is not None:
            self.h1 = _squeeze("".join(self.h1_parts))
            self.h1_parts = None
        if tag in _BLOCK_TAGS and tag != "br":
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.skipping:
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        self.parts.append(re.sub(r"\s+", " ", data))

    def _read_meta(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "link":
            if (attrs.get("rel") or "").lower() == "canonical" and attrs.get("href"):
                self.meta.setdefault("url", attrs["href"] or "")
            return
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        content = (attrs.get("content") or "").strip()
        if key in _META_FIELDS and content:
            self.meta.setdefault(_META_FIELDS[key], content)

    def text(self) -> str:
        lines = [_squeeze(line) for line in "".join(self.parts).split("\n")]
        out: list[str] = []
        for line in lines:
            if line or (out and out[-1]):
                out.append(line)
        return "\n".join(out).strip("\n")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _parse_html(html: str) -> _ArticleHTMLParser:
    parser = _ArticleHTMLParser()
    parser.feed(html)
    parser.close()
    if _CHROME_TAGS & set(parser.skipping):  # a <nav>, <aside> or <footer> never closed: keep its text
        parser = _ArticleHTMLParser(skip_chrome=False)
        parser.feed(html)
        parser.close()
    return parser


def stdlib_html_to_text(html: str) -> tuple[str, str | None]:
    """(visible text, title) of an HTML page, using the standard library's html.parser: the fallback
    of `html_to_text`.

    script, style, noscript, template, svg, iframe, object and <head> never reach the text, nor the
    page's chrome, nav, aside and footer (menus, "read also" boxes, share and copyright lines; kept
    when one is left unclosed, rather than lose the article after it); block
    elements (p, div, br, li, h1-h6, tr, article, section, ...) become line breaks, paragraphs are
    separated by one blank line, entities are unescaped and spaces squeezed. The title is the first
    non-empty <h1> (which also stays in the text), else <title> (which does not), else None.
    """
    parser = _parse_html(html)
    return parser.text(), (parser.h1 or parser.title or None)


# trafilatura's text is kept only when it holds at least this much of what the stdlib parser finds
# (or this many characters): less is a page it misread (a caption or a comment taken for the article).
_TRAFILATURA_MIN_SHARE = 0.5
_TRAFILATURA_MIN_CHARS = 250


@lru_cache(maxsize=1)
def _trafilatura_config() -> Any:
    """trafilatura's settings, with its minimum extraction size lowered so a short article keeps its
    paragraphs (at the default, 250 characters, it is replaced by a one-line dump of the whole
    <article>); the stdlib parser is the rescue instead (`_html_article`)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _trafilatura_extract(html: str) -> tuple[str, dict[str, Any]] | None:
    """(main text, metadata) by trafilatura's boilerplate remover, or None when it is not installed,
    fails or finds nothing. Paragraphs become lines separated by a blank line; comments, images,
    links and formatting are left out. It is given a string, never a URL, so it fetches nothing;
    dates come only from the page's markup (meta tags, <time>, JSON-LD), never guessed from its text."""
    try:
        import trafilatura
    except ImportError:
        return None
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            return None
        # what a browser never shows, which trafilatura's rescue for short pages would otherwise read
        for element in tree.xpath("//script|//style|//noscript|//template|//svg|//iframe|//object"):
            element.drop_tree()
        document = trafilatura.bare_extraction(
            tree,
            config=_trafilatura_config(),
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - any failure of the remover falls back to the stdlib parser
        return None
    if document is None:
        return None
    fields = document if isinstance(document, dict) else document.as_dict()
    raw = fields.get("text")
    if not isinstance(raw, str):
        return None
    lines = [_squeeze(line) for line in raw.split("\n")]
    text = "\n\n".join(line for line in lines if line)
    meta = {key: fields[field] for key, field in (("title", "title"), ("published", "date"),
                                                  ("source", "sitename"), ("url", "url"))
            if isinstance(fields.get(field), str) and fields[field].strip()}
    return text, meta


def _html_article(html: str) -> tuple[str, dict[str, Any], str]:
    """(text, metadata, which extractor gave the text: "trafilatura" or "stdlib") of an HTML page.

    The text is trafilatura's main text when it has one (the article without menus, related links,
    comments, share and copyright lines, bylines it recognises), else the stdlib parser's
    (`stdlib_html_to_text`): trafilatura is not installed, failed, found nothing, or found much less
    than the parser (`_TRAFILATURA_MIN_SHARE`). The page's own meta tags (article:published_time,
    og:site_name, og:url, the canonical link) come first; trafilatura's title, date, site name and
    URL fill in what they leave out; the stdlib title (<h1>, else <title>) is the last resort."""
    parser = _parse_html(html)
    fallback = parser.text()
    meta: dict[str, Any] = dict(parser.meta)
    extracted = _trafilatura_extract(html)
    extractor = "stdlib"
    text = fallback
    if extracted is not None:
        found, found_meta = extracted
        enough = len(found) >= _TRAFILATURA_MIN_CHARS or len(found) >= _TRAFILATURA_MIN_SHARE * len(fallback)
        if _has_arabic(found) and enough:
            text, extractor = found, "trafilatura"
        for key, value in found_meta.items():
            meta.setdefault(key, _squeeze(value))
    if not meta.get("title") and (parser.h1 or parser.title):
        meta["title"] = parser.h1 or parser.title
    return text, meta, extractor


def html_to_text(html: str) -> tuple[str, str | None]:
    """(article text, title) of an HTML page: trafilatura's main text, else the stdlib parser's
    visible text (`_html_article`, `stdlib_html_to_text`). Never any script, style or markup: both
    read the page as data and give plain text, entities unescaped."""
    text, meta, _ = _html_article(html)
    return text, meta.get("title") or None


# --- building articles -----------------------------------------------------------------------


def _is_section_label(line: str) -> bool:
    """A short all-Latin line ("news", "World News") or a known Arabic section name."""
    label = line.strip().rstrip(":|").strip()
    if not label:
        return False
    if normalize_key(label) in _SECTION_KEYS:
        return True
    words = label.split()
    return len(words) <= 3 and all(
        char.isalpha() and unicodedata.name(char, "").startswith("LATIN") for word in words for char in word
    )


def _title_from_text(text: str) -> str:
    """First non-empty line that is not a section label (the first line if all are labels), read
    without what is not body (`marsad.text.boilerplate`: a dateline, a byline, a share widget)."""
    lines = [_squeeze(line) for line in _body_lines(text)] or [_squeeze(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    title = next((line for line in lines if not _is_section_label(line)), lines[0])
    if len(title) > _TITLE_MAX_CHARS:
        cut = re.search(r"[.!?؟]\s", title[:_TITLE_MAX_CHARS])
        if cut:
            title = title[: cut.start() + 1]
        else:
            title = title[:_TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"
    return title


def _body_lines(text: str) -> list[str]:
    """The lines of `text` with their non-body parts taken out; lines left without a letter dropped."""
    segments = find_segments(text)
    if not segments:
        return text.split("\n")
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        pieces = body_spans([Span(*match.span())], segments)
        line = " ".join(text[piece.start:piece.end] for piece in pieces).strip(" :：-–—ـ")
        if any(char.isalpha() for char in line):
            lines.append(line)
    return lines


def _source_from_text(text: str) -> str | None:
    """What follows "المصدر :" on one of the last few non-empty lines (the last such line)."""
    lines = [line for line in text.split("\n") if line.strip()]
    for line in reversed(lines[-SOURCE_LINE_WINDOW:]):
        if match := _SOURCE_LINE_RE.fullmatch(line):
            return _squeeze(match.group("source"))
    return None


def _meta_str(meta: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            value = _squeeze(str(value))
            if value:
                return value
        elif isinstance(value, dict) and isinstance(value.get("name"), str) and value["name"].strip():
            return _squeeze(value["name"])  # e.g. "source": {"name": "Al Jazeera"}
    return None


def _canonical_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """title / published / source / url from a record or sidecar, aliases resolved, empties dropped."""
    canonical: dict[str, Any] = {}
    for field, keys in (("title", _TITLE_KEYS), ("source", _SOURCE_KEYS), ("url", _URL_KEYS)):
        if (value := _meta_str(meta, keys)) is not None:
            canonical[field] = value
    for key in _PUBLISHED_KEYS:
        if meta.get(key) not in (None, ""):
            canonical["published"] = meta[key]
            break
    return canonical


def _published(meta: dict[str, Any], name: str, warnings: list[str] | None) -> date | None:
    value = meta.get("published")
    if value is None:
        return None
    published = parse_published(value)
    if published is None and warnings is not None:
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        warnings.append(f"{name}: published date {shown} is not a date I can read, ignored")
    return published


def _build_article(
    text: str,
    *,
    name: str,
    meta: dict[str, Any] | None,
    path: str | None = None,
    warnings: list[str] | None = None,
) -> Article:
    text = _normalize_newlines(text)
    if not text.strip():
        raise IngestError(f"{name} is empty")
    if not _has_arabic(text):
        raise IngestError(f"{name} has no Arabic text")
    meta = _canonical_meta(meta or {})
    # JSON may escape lone UTF-16 surrogates ("\ud800"), which no UTF-8 store can hold: each becomes
    # U+FFFD (one character for one, so offsets stay right) and the article is kept, with a note.
    replaced = len(_SURROGATE_RE.findall(text))
    if replaced:
        text = _SURROGATE_RE.sub("\ufffd", text)
        if warnings is not None:
            warnings.append(f"{name}: {replaced} invalid character(s) (lone UTF-16 surrogates) replaced by U+FFFD")
    for key in ("title", "source", "url"):
        if isinstance(meta.get(key), str):
            meta[key] = _SURROGATE_RE.sub("\ufffd", meta[key])
    return Article(
        article_id=article_id_for(text),
        title=meta.get("title") or _title_from_text(text),
        text=text,
        source=meta.get("source") or _source_from_text(text),
        url=meta.get("url"),
        published=_published(meta, name, warnings),
        published_inferred=False,
        path=path,
    )


def article_from_text(text: str, *, name: str = "<text>", meta: dict | None = None) -> Article:
    """An article from plain text; `meta` (title, published/date, source, url) overrides the text.

    `text` is kept whole (only a BOM is dropped and line breaks become ``\\n``); the title is the
    first non-label line and the source comes from a closing "المصدر : ..." line. An unreadable
    published date counts as missing. Raises `IngestError` for empty or non-Arabic text.
    """
    return _build_article(text, name=name, meta=meta)


def _record_text(record: dict[str, Any], name: str) -> str:
    for key in _TEXT_KEYS:
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, list) and all(isinstance(part, str) for part in value):
            value = "\n\n".join(value)  # a list of paragraphs
        if not isinstance(value, str):
            raise IngestError(f'{name}: "{key}" should be a string, not {_json_type(value)}')
        if value.strip():
            return value
    if any(key in record for key in _TEXT_KEYS):
        raise IngestError(f"{name} is empty")
    raise IngestError(f'{name} has no text (expected a "text", "content" or "body" field)')


def _article_from_record(
    record: object, *, name: str, path: str | None = None, warnings: list[str] | None = None
) -> Article:
    if not isinstance(record, dict):
        raise IngestError(f"{name} is {_json_type(record)}, not a JSON object")
    return _build_article(_record_text(record, name), name=name, meta=record, path=path, warnings=warnings)


def article_from_record(record: dict, *, name: str) -> Article:
    """An article from a JSON object: text (or content / body), title, published (or date /
    date_extracted), source, url. The text is kept as given; the title is not prepended to it."""
    return _article_from_record(record, name=name)


def _json_type(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else type(value).__name__


# --- files -----------------------------------------------------------------------------------
#
# Files are read as streams: a JSONL file line by line, a .json file value by value (a top-level list
# element by element), folders file by file, so no list of all articles is ever built. The size cap
# (MAX_BYTES) applies to ONE article: a .txt/.html file, one JSONL line, one element of a JSON list;
# a JSONL or JSON file holding many small records may be any size.

_CHUNK = 1 << 20  # bytes read at a time from JSON and JSONL files
_HEAD = 1 << 16  # bytes looked at to choose a streamed file's encoding


@dataclass(frozen=True)
class Problem:
    """Something wrong with one record, file or folder: `where` names it (``feed.jsonl:17``,
    ``dump.json record 3``, ``page.html``), `reason` says what is wrong, `message` is both as one
    sentence. `kind`: "failed" (nothing was stored for it), "skipped" (a duplicate) or "warning"
    (stored, with a note)."""

    where: str
    reason: str
    message: str
    kind: str = "failed"

    def __str__(self) -> str:
        return self.message

    @property
    def line(self) -> str:
        """``where: reason``, the form of a compiler's messages (for the command line)."""
        return f"{self.where}: {self.reason}"


class Labelled(NamedTuple):
    """An article read from a file, with the name of its record in messages (`label`, a sentence's
    subject such as ``feed.jsonl line 17``) and in ``where: reason`` lines (`where`, ``feed.jsonl:17``)."""

    article: Article
    label: str
    where: str


def _problem(label: str, where: str, message: str, kind: str = "failed") -> Problem:
    reason = message[len(label) :].lstrip(" :") if message.startswith(label) else message
    return Problem(where, reason or message, message, kind)


def _failure_reason(error: BaseException) -> str:
    """A one-line reason for an unexpected failure while reading one record (never its content)."""
    if isinstance(error, RecursionError):
        return "is nested too deeply to read"
    if isinstance(error, MemoryError):
        return "is too large to read"
    first = (str(error).splitlines() or [""])[0][:150]
    return f"could not be read ({type(error).__name__}{': ' + first if first else ''})"


def _size_error(name: str, size: int, exact: bool = True) -> IngestError:
    shown = _megabytes(size) if exact else f"over {MAX_BYTES / 1e6:g} MB"
    return IngestError(f"{name} is {shown}; the limit is {MAX_BYTES / 1e6:g} MB per article")


def read_limited(path: Path, name: str | None = None) -> bytes:
    """The bytes of a file holding one article, refused (`IngestError`) over MAX_BYTES before reading."""
    path = Path(path)
    name = name or str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError(f"{name}: no such file or folder") from None
    except OSError as error:
        raise IngestError(f"{name} cannot be read ({error.strerror or error})") from None
    if path.is_dir():
        raise IngestError(f"{name} is a folder, not a file")
    if size > MAX_BYTES:
        raise _size_error(name, size)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise IngestError(f"{name} cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:  # grew since stat
        raise _size_error(name, len(data), exact=False)
    return data


def _megabytes(size: int) -> str:
    shown = f"{size / 1e6:.1f}"
    if float(shown) * 1e6 <= MAX_BYTES:
        return f"{shown} MB ({size:,} bytes)"
    return f"{shown} MB"


def _json_error(name: str, error: json.JSONDecodeError, line: int | None = None) -> IngestError:
    return IngestError(
        f"{name} line {line or error.lineno}: not valid JSON ({error.msg} at column {error.colno})"
    )


def _sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + META_SUFFIX)


def _read_sidecar(path: Path) -> dict[str, Any] | None:
    sidecar = _sidecar_path(path)
    if not sidecar.is_file():
        return None
    name = str(sidecar)
    try:
        value = json.loads(decode_bytes(read_limited(sidecar), name))
    except json.JSONDecodeError as error:
        raise _json_error(name, error) from None
    except (RecursionError, ValueError) as error:
        if isinstance(error, IngestError):
            raise
        raise IngestError(f"{name} {_failure_reason(error)}") from None
    if not isinstance(value, dict):
        raise IngestError(
            f"{name} should hold a JSON object (title, published, source, url), not {_json_type(value)}"
        )
    return value


def _one_article(build: Callable[[list[str]], Article], label: str, where: str) -> Iterator[Labelled | Problem]:
    """The article `build(warnings)` makes (with its notes), or the problem with it: one odd record or
    file fails alone and never stops the others."""
    warnings: list[str] = []
    try:
        article = build(warnings)
    except IngestError as error:
        yield _problem(label, where, str(error))
        return
    except Exception as error:  # noqa: BLE001 - one odd record never stops the run
        yield _problem(label, where, f"{label} {_failure_reason(error)}")
        return
    yield Labelled(article, label, where)
    for warning in warnings:
        yield _problem(label, where, warning, "warning")


def _record_items(record: object, label: str, where: str, path: Path) -> Iterator[Labelled | Problem]:
    """The article of one parsed JSON record (with its notes), or the problem with it."""
    yield from _one_article(
        lambda warnings: _article_from_record(record, name=label, path=str(path), warnings=warnings), label, where)


def _parse_record(text: str, label: str, where: str, path: Path, line: int = 1, column: int = 1
                  ) -> Iterator[Labelled | Problem]:
    """One JSON value's text -> its article or problem. `line` and `column` place the text in its file,
    for syntax errors."""
    name = str(path)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        at = line + error.lineno - 1
        column = error.colno + (column - 1 if error.lineno == 1 else 0)
        yield _problem(f"{name} line {at}", f"{name}:{at}",
                       f"{name} line {at}: not valid JSON ({error.msg} at column {column})")
        return
    except Exception as error:  # noqa: BLE001 - RecursionError (deep nesting), ValueError (huge ints)
        yield _problem(label, where, f"{label} {_failure_reason(error)}")
        return
    yield from _record_items(record, label, where, path)


def _stream_encoding(head: bytes, name: str) -> tuple[str, int]:
    """(codec, BOM length) for a streamed file from its first bytes; "" for an ASCII-compatible file
    read line by line (each line UTF-8, else Windows-1256). Raises `IngestError` for binary data."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return ("" if encoding == "utf-8" else encoding), len(bom)
    if b"\x00" in head:
        if (encoding := utf16_without_bom(head)) is not None:
            return encoding, 0
        raise IngestError(f"{name} looks like a binary file, not text")
    return "", 0


def _jsonl_lines(handle: Any) -> Iterator[tuple[int, bytes | str | None, int]]:
    """(line number, line, its size) of a file opened in binary or text mode; the line is None when
    it is over MAX_BYTES (skipped without being held whole)."""
    number = 0
    while True:
        line = handle.readline(MAX_BYTES + 1)
        if not line:
            return
        number += 1
        size = len(line)
        if size > MAX_BYTES and not line.endswith("\n" if isinstance(line, str) else b"\n"):
            while rest := handle.readline(_CHUNK):
                size += len(rest)
                if rest.endswith("\n" if isinstance(rest, str) else b"\n"):
                    break
            yield number, None, size
            continue
        yield number, line, size


def _iter_jsonl(path: Path) -> Iterator[Labelled | Problem]:
    name = str(path)
    with path.open("rb") as handle:
        try:
            encoding, bom = _stream_encoding(handle.read(_HEAD), name)
        except IngestError as error:
            yield _problem(name, name, str(error))
            return
        handle.seek(bom)
        stream = handle if not encoding else io.TextIOWrapper(handle, encoding=encoding, newline="")
        records = number = 0
        lines = _jsonl_lines(stream)
        while True:
            try:
                number, raw, size = next(lines)
            except StopIteration:
                break
            except UnicodeDecodeError as error:  # a UTF-16/32 file with bad bytes: the rest is unreadable
                at = number + 1
                yield _problem(name, f"{name}:{at}", f"{name} is not valid {encoding.upper()} text from around "
                               f"line {at} ({error.reason}); the rest of the file was not read")
                return
            label, where = f"{name} line {number}", f"{name}:{number}"
            records += 1
            if raw is None:
                yield _problem(label, where, str(_size_error(label, size)))
                continue
            try:
                text = raw if isinstance(raw, str) else decode_bytes(raw, label)
            except IngestError as error:
                yield _problem(label, where, str(error))
                continue
            if not text.strip():
                records -= 1
                continue
            yield from _parse_record(text, label, where, path, line=number)
    if not records:
        yield _problem(name, name, f"{name} is empty")


def _decoded_chunks(handle: Any, encoding: str) -> Iterator[str]:
    """A file's text in pieces of about _CHUNK bytes. In UTF-8, bytes that are not valid become lone
    surrogates (surrogateescape), so only the records holding them fail; in UTF-16/32, U+FFFD."""
    errors = "surrogateescape" if encoding in ("utf-8", "cp1256") else "replace"
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    while chunk := handle.read(_CHUNK):
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


_VALUE_STRUCTURE_RE = re.compile(r'["\[\]{}]')
_STRING_END_RE = re.compile(r'["\\]')
_SCALAR_END_RE = re.compile(r"[\s,\]\[{}]")
_BAD_BYTES_RE = re.compile("[\udc80-\udcff]")


class _JsonValues:
    """Splits a JSON text that arrives in pieces into its records without parsing them: the elements
    of a top-level list, else the top-level values themselves (one object, or several: JSONL saved as
    .json). Only brackets and strings are followed, so a record nested 100,000 deep or broken inside
    is cut out whole and fails alone when parsed. A record over MAX_BYTES is skipped as it streams."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self.chunks = chunks
        self.buf = ""
        self.line = 1  # line and column of buf[0] in the file
        self.column = 1
        self.eof = False
        self.was_list = False  # the text is a list (of records)

    def _more(self) -> bool:
        for chunk in self.chunks:
            if chunk:
                self.buf += chunk
                return True
        self.eof = True
        return False

    def _drop(self, count: int) -> str:
        dropped, self.buf = self.buf[:count], self.buf[count:]
        newlines = dropped.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(dropped) - dropped.rfind("\n")
        else:
            self.column += len(dropped)
        return dropped

    def _skip(self, pattern: re.Pattern[str]) -> str | None:
        """Drop what `pattern` does not stop at; the first character kept, or None at the end."""
        while True:
            match = pattern.search(self.buf)
            if match:
                self._drop(match.start())
                return self.buf[0]
            self._drop(len(self.buf))
            if not self._more():
                return None

    def values(self) -> Iterator[tuple[int, int, str | None, int, bool]]:
        """(line, column, text or None when too big, size in characters, inside a list) per record;
        a list's stray closing text is reported as a record of its own."""
        first = self._skip(_NOT_SPACE_RE)
        if first is None:
            return
        in_list = self.was_list = first == "["
        if in_list:
            self._drop(1)
        separators = _NOT_SEPARATOR_RE if in_list else _NOT_SPACE_RE
        while True:
            char = self._skip(separators)
            if char is None:
                return
            if in_list and char == "]":
                self._drop(1)
                if self._skip(_NOT_SPACE_RE) is not None:  # text after the list: one bad record
                    in_list = False
                    separators = _NOT_SPACE_RE
                    continue
                return
            yield self._value(in_list)

    def _value(self, in_list: bool) -> tuple[int, int, str | None, int, bool]:
        line, column = self.line, self.column
        dropped = 0  # characters let go of while skipping a record that is too big
        kind = self.buf[0]
        if kind not in '{["':  # a number, true, false, null (or garbage)
            while (match := _SCALAR_END_RE.search(self.buf, 1)) is None:
                if len(self.buf) > MAX_BYTES:
                    dropped += len(self._drop(len(self.buf) - 1))
                if not self._more():
                    break
            text = self._drop(match.start() if match else len(self.buf))
            return line, column, (None if dropped else text), dropped + len(text), in_list
        depth, in_string, position = (0, True, 1) if kind == '"' else (0, False, 0)
        while True:
            pattern = _STRING_END_RE if in_string else _VALUE_STRUCTURE_RE
            match = pattern.search(self.buf, position) if position <= len(self.buf) else None
            if match is None:
                position = max(position, len(self.buf))
                if len(self.buf) > MAX_BYTES:  # too big: stop holding it, keep following its brackets
                    dropped += len(self.buf)
                    position -= len(self.buf)
                    self._drop(len(self.buf))
                if not self._more():
                    end = len(self.buf)  # the file ends inside the record: json.loads will say so
                    break
                continue
            char, position = match.group(), match.end()
            if in_string:
                if char == "\\":
                    position += 1  # the escaped character, even a quote
                    continue
                in_string = False
                if depth == 0:
                    end = position
                    break
            elif char == '"':
                in_string = True
            elif char in "[{":
                depth += 1
            else:
                depth -= 1
                if depth <= 0:
                    end = position
                    break
        text = self._drop(end)
        if dropped:
            return line, column, None, dropped + len(text), in_list
        return line, column, text, len(text), in_list


_NOT_SPACE_RE = re.compile(r"\S")
_NOT_SEPARATOR_RE = re.compile(r"[^\s,]")


def _iter_json(path: Path) -> Iterator[Labelled | Problem]:
    name = str(path)
    with path.open("rb") as handle:
        try:
            encoding, bom = _stream_encoding(handle.read(_HEAD), name)
            if not encoding:  # an ASCII-compatible file: UTF-8, else Windows-1256 if the start reads as Arabic
                handle.seek(bom)
                head = handle.read(_HEAD)
                encoding = "utf-8"
                try:
                    codecs.getincrementaldecoder("utf-8")().decode(head)
                except UnicodeDecodeError:
                    encoding = "cp1256"
                    _decode_cp1256(head, name)  # raises unless it reads as Arabic
        except IngestError as error:
            yield _problem(name, name, str(error))
            return
        handle.seek(bom)
        splitter = _JsonValues(_decoded_chunks(handle, encoding))
        values = splitter.values()
        held: tuple[int, int, str | None, int, bool] | None = None  # a lone top-level value is named by the file
        count = 0
        for value in values:
            line, column, text, size, in_list = value
            count += 1
            if not in_list and count == 1:
                held = value
                continue
            if held is not None:
                yield from _json_value(path, held, 1)
                held = None
            yield from _json_value(path, value, count)
        if held is not None:
            yield from _json_value(path, held, None)
            return
    if count == 0:
        yield _problem(name, name, f"{name} is an empty JSON list, with no articles" if splitter.was_list
                       else f"{name} is empty")


def _json_value(path: Path, value: tuple[int, int, str | None, int, bool], index: int | None
                ) -> Iterator[Labelled | Problem]:
    """One record of a .json file: `index` counts list elements (and values of a multi-value file);
    None for a file holding a single value."""
    name = str(path)
    line, column, text, size, in_list = value
    if in_list:
        label, where = f"{name} record {index}", f"{name} record {index}"
    elif index is None:
        label = where = name
    else:
        label, where = f"{name} line {line}", f"{name}:{line}"
    if text is None or (size > MAX_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES):
        yield _problem(label, where, str(_size_error(label, size, exact=False)))
        return
    if _BAD_BYTES_RE.search(text):
        yield _problem(label, where, f"{label} holds bytes that are not valid text in this file's encoding")
        return
    if index is None and text[:1] not in "{[":
        try:
            kind = _json_type(json.loads(text))
        except Exception:  # noqa: BLE001 - not JSON at all: parsed below, which says why
            kind = ""
        if kind:
            yield _problem(label, where,
                           f"{name} should hold a JSON object or a list of objects, not {kind}")
            return
    yield from _parse_record(text, label, where, path, line=line, column=column)


def _iter_single(path: Path, suffix: str) -> Iterator[Labelled | Problem]:
    """A .txt or .html file: one article."""
    name = str(path)

    def build(warnings: list[str]) -> Article:
        text = decode_bytes(read_limited(path), name)
        meta: dict[str, Any] = {}
        if suffix in HTML_SUFFIXES:
            text, page_meta, _ = _html_article(text)
            meta = _canonical_meta(page_meta)
        sidecar = _read_sidecar(path)
        if sidecar:
            meta.update(_canonical_meta(sidecar))  # the sidecar wins over what the page says
        return _build_article(text, name=name, meta=meta, path=name, warnings=warnings)

    yield from _one_article(build, name, name)


def iter_file(path: Path) -> Iterator[Labelled | Problem]:
    """The articles of one file (.txt, .html/.htm, .json, .jsonl), read as a stream, and a `Problem`
    for each record, or for the file, that could not be read. Never raises for bad input."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        yield _problem(name, name, f"{name}: no such file or folder")
        return
    suffix = path.suffix.lower()
    if path.name.lower().endswith(META_SUFFIX):
        yield _problem(name, name, f"{name} is a metadata file; give the article next to it (.txt or .html) instead")
        return
    if path.is_dir():
        yield _problem(name, name, f"{name} is a folder, not a file")
        return
    if suffix not in ARTICLE_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "no extension"
        yield _problem(name, name, f"{name} has {'an unsupported extension ' if suffix else ''}{shown}; "
                                   f"use {_SUFFIXES_IN_WORDS}")
        return
    try:
        if suffix in JSON_SUFFIXES:
            yield from _iter_json(path)
        elif suffix in JSONL_SUFFIXES:
            yield from _iter_jsonl(path)
        else:
            yield from _iter_single(path, suffix)
    except OSError as error:  # unreadable, or vanished while read
        yield _problem(name, name, f"{name} cannot be read ({error.strerror or error})")
    except Exception as error:  # noqa: BLE001 - a bug reading one file never stops the others
        yield _problem(name, name, f"{name} {_failure_reason(error)}")


def read_path(path: Path) -> list[Article]:
    """The articles of one file (.txt, .html/.htm, .json, .jsonl).

    Bad records in a JSON list or bad JSONL lines are skipped; `IngestError` is raised only when
    nothing could be read (use `read_paths` or `iter_articles` to see every problem).
    """
    path = Path(path)
    articles: list[Article] = []
    problems: list[str] = []
    for item in iter_file(path):
        if isinstance(item, Problem):
            if item.kind == "failed":
                problems.append(item.message)
        else:
            articles.append(item.article)
    if articles:
        return articles
    if len(problems) == 1:
        raise IngestError(problems[0])
    if problems:
        raise IngestError(
            f"{path}: no article could be read ({len(problems)} problems, first: {problems[0]})"
        )
    raise IngestError(f"{path} is empty")


def _expand(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        if path.name.lower().endswith(META_SUFFIX):
            # read through its article; given alone, let read_path explain
            article = path.with_name(path.name[: -len(META_SUFFIX)])
            if any(article.with_name(article.name + s).is_file() for s in TEXT_SUFFIXES + HTML_SUFFIXES):
                return
        yield path
        return
    found: list[Path] = []  # paths only (never contents): sorted for a stable order
    for folder, dirnames, filenames in os.walk(path):  # does not follow links to folders
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            lower = filename.lower()
            if filename.startswith(".") or lower.endswith(META_SUFFIX):
                continue
            if os.path.splitext(lower)[1] in ARTICLE_SUFFIXES:
                found.append(Path(folder, filename))
    yield from sorted(found, key=lambda p: p.relative_to(path).parts)


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to read: folders expanded (recursively, sorted; hidden files and folders, *.meta.json
    and unknown extensions skipped); files named directly are passed on as they are (so a wrong one
    gets a clear error), except a *.meta.json whose article sits next to it. Each file once."""
    seen: set[Path] = set()
    for path in paths:
        for file in _expand(Path(path)):
            key = Path(os.path.abspath(file))
            if key not in seen:
                seen.add(key)
                yield file


def iter_articles(paths: Iterable[Path]) -> Iterator[Labelled | Problem]:
    """Every article under `paths`, read as a stream (one record in hand at a time), and a `Problem`
    for each record, file or folder that could not be read. Duplicates (the same text after
    normalisation) are skipped with a "skipped" problem naming the first; what is kept to find them
    is each article's id and the name of its record, not its text. Never raises for bad input."""
    first_seen: dict[str, tuple[str, str]] = {}
    seen_files: set[Path] = set()
    for path in paths:
        path = Path(path)
        if not path.exists():
            yield _problem(str(path), str(path), f"{path}: no such file or folder")
            continue
        any_file = False
        for file in iter_input_files([path]):
            any_file = True
            key = Path(os.path.abspath(file))
            if key in seen_files:
                continue
            seen_files.add(key)
            for item in iter_file(file):
                if isinstance(item, Labelled):
                    first = first_seen.get(item.article.article_id)
                    if first is not None:
                        yield Problem(item.where, f"duplicate of {first[1]}, skipped",
                                      f"{item.label}: duplicate of {first[0]}, skipped", "skipped")
                        continue
                    first_seen[item.article.article_id] = (item.label, item.where)
                yield item
        if path.is_dir() and not any_file:
            yield _problem(str(path), str(path), f"{path}: no {_SUFFIXES_IN_WORDS} files in this folder")


def estimate_records(paths: Iterable[Path]) -> tuple[int, bool]:
    """(about how many records `iter_articles` will give, whether that is close): a .txt or .html file
    is one, a JSONL file one per line (counted without parsing); a .json file counts as one and makes
    the estimate rough."""
    total, close = 0, True
    for file in iter_input_files(paths):
        suffix = file.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            try:
                with open(file, "rb") as handle:
                    last = b"\n"
                    while chunk := handle.read(_CHUNK):
                        total += chunk.count(b"\n")
                        last = chunk[-1:]
                    total += last != b"\n"
            except OSError:
                total += 1
        else:
            total += 1
            close = close and suffix not in JSON_SUFFIXES
    return total, close


def read_paths(paths: Iterable[Path]) -> tuple[list[Article], list[str]]:
    """All articles under `paths`, deduplicated by article_id (the first kept), and the problems
    met on the way, one human-readable line each. A bad file or record never stops the others.
    This collects `iter_articles` into a list: prefer that stream for large inputs."""
    articles: list[Article] = []
    problems: list[str] = []
    for item in iter_articles(paths):
        if isinstance(item, Problem):
            problems.append(item.message)
        else:
            articles.append(item.article)
    return articles, problems
