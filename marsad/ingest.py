"""Reading articles from disk: the only module of the package that does I/O.

Accepted inputs, one file at a time (`read_path`) or files and folders together (`read_paths`):

* ``.txt`` — one article. `Article.text` is the WHOLE file as decoded (BOM removed, ``\\r\\n`` and
  ``\\r`` turned into ``\\n``, nothing else touched), so offsets are stable and the title line is
  analysed like any other sentence. The title is the first non-empty line, skipping section labels
  ("news", "World News", "عاجل", ...). A closing ``المصدر : الجزيرة + وكالات`` line gives the source.
* ``.html`` / ``.htm`` — one article; visible text only (see `html_to_text`).
* ``.json`` — one object or a list of objects; ``.jsonl`` / ``.ndjson`` — one object a line.
* ``NAME.meta.json`` next to ``NAME.txt`` or ``NAME.html`` — title, published, source, url that
  override what the article itself says.

Encodings: UTF-8 (with or without BOM), UTF-16/32 with BOM, and Windows-1256 when that decodes to
Arabic. Every failure is an `IngestError` whose message is one sentence naming the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from marsad.records import Article
from marsad.text import normalize_key

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
    "iter_input_files",
    "parse_published",
    "read_path",
    "read_paths",
]

MAX_BYTES = 5_000_000  # per file (articles and sidecars alike)

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


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode Cc, less \t \n \v \f \r


def _control_ratio(text: str) -> float:
    """Share of control characters other than ordinary whitespace."""
    return len(_CONTROL_RE.findall(text)) / len(text) if text else 0.0


def _looks_arabic(text: str) -> bool:
    """Mostly Arabic letters among the letters, and some of them."""
    letters = [char for char in text if char.isalpha()]
    arabic = sum(1 for char in letters if _ARABIC_LETTER_RE.match(char))
    return arabic >= MIN_ARABIC_LETTERS and arabic >= 0.5 * len(letters)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a file's bytes: BOM-marked UTF-8/16/32, plain UTF-8, else Arabic Windows-1256.

    The BOM is removed and line breaks become ``\\n``. Raises `IngestError` for binary data (NUL
    bytes, control characters) and for text in another encoding.
    """
    boms = (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    )
    text: str | None = None
    for bom, encoding in boms:
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
        if b"\x00" in data:
            raise IngestError(f"{name} looks like a binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_cp1256(data, name)
    if _control_ratio(text) > 0.05:
        raise IngestError(f"{name} looks like a binary file, not text")
    return _normalize_newlines(text)


def _decode_cp1256(data: bytes, name: str) -> str:
    text = data.decode("cp1256", errors="replace")  # every byte is defined in cp1256
    if _control_ratio(text) > 0.05:
        raise IngestError(f"{name} looks like a binary file, not text")
    if not _looks_arabic(text):
        raise IngestError(
            f"{name} is not UTF-8 text and does not read as Arabic in Windows-1256 either; save it as UTF-8"
        )
    return text


def _normalize_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# --- HTML ------------------------------------------------------------------------------------

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
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

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
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
        if tag in _SKIP_TAGS:
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
        if tag in _SKIP_TAGS or tag in ("title", "h1"):  # <svg/>: nothing inside to skip
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
    return parser


def html_to_text(html: str) -> tuple[str, str | None]:
    """(visible text, title) of an HTML page, using the standard library's html.parser.

    script, style, noscript, template, svg, iframe, object and <head> never reach the text; block
    elements (p, div, br, li, h1-h6, tr, article, section, ...) become line breaks, paragraphs are
    separated by one blank line, entities are unescaped and spaces squeezed. The title is the first
    non-empty <h1> (which also stays in the text), else <title> (which does not), else None.
    """
    parser = _parse_html(html)
    return parser.text(), (parser.h1 or parser.title or None)


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
    """First non-empty line that is not a section label (the first line if all are labels)."""
    lines = [_squeeze(line) for line in text.split("\n")]
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
        warnings.append(f"{name}: published date {value!r} is not a date I can read, ignored")
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
    if len(_ARABIC_LETTER_RE.findall(text)) < MIN_ARABIC_LETTERS:
        raise IngestError(f"{name} has no Arabic text")
    meta = _canonical_meta(meta or {})
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

_Labelled = list[tuple[Article, str]]  # each article with the label used in problem messages


def _read_bytes(path: Path) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError(f"{name} does not exist") from None
    except OSError as error:
        raise IngestError(f"{name} cannot be read ({error.strerror or error})") from None
    if path.is_dir():
        raise IngestError(f"{name} is a folder, not a file")
    if size > MAX_BYTES:
        raise IngestError(f"{name} is {_megabytes(size)}; the limit is {MAX_BYTES / 1e6:g} MB per file")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise IngestError(f"{name} cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:  # grew since stat
        raise IngestError(
            f"{name} is over {MAX_BYTES / 1e6:g} MB; the limit is {MAX_BYTES / 1e6:g} MB per file"
        )
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
        value = json.loads(decode_bytes(_read_bytes(sidecar), name))
    except json.JSONDecodeError as error:
        raise _json_error(name, error) from None
    if not isinstance(value, dict):
        raise IngestError(
            f"{name} should hold a JSON object (title, published, source, url), not {_json_type(value)}"
        )
    return value


def _read_records(records: Iterable[tuple[str, object]], path: Path) -> tuple[_Labelled, list[str]]:
    articles: _Labelled = []
    problems: list[str] = []
    for label, record in records:
        warnings: list[str] = []
        try:
            article = _article_from_record(record, name=label, path=str(path), warnings=warnings)
        except IngestError as error:
            problems.append(str(error))
            continue
        articles.append((article, label))
        problems.extend(warnings)
    return articles, problems


def _read_jsonl(text: str, path: Path) -> tuple[_Labelled, list[str]]:
    name = str(path)
    records: list[tuple[str, object]] = []
    problems: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append((f"{name} line {number}", json.loads(line)))
        except json.JSONDecodeError as error:
            problems.append(str(_json_error(name, error, line=number)))
    articles, record_problems = _read_records(records, path)
    return articles, problems + record_problems


def _read_json(text: str, path: Path) -> tuple[_Labelled, list[str]]:
    name = str(path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # one object a line, saved as .json
            articles, problems = _read_jsonl(text, path)
            if articles:
                return articles, problems
        raise _json_error(name, error) from None
    if isinstance(value, dict):
        return _read_records([(name, value)], path)
    if isinstance(value, list):
        if not value:
            raise IngestError(f"{name} is an empty JSON list, with no articles")
        return _read_records([(f"{name} record {i}", record) for i, record in enumerate(value, 1)], path)
    raise IngestError(f"{name} should hold a JSON object or a list of objects, not {_json_type(value)}")


def _read_file(path: Path) -> tuple[_Labelled, list[str]]:
    """(articles with their labels, problems) of one file; raises `IngestError` when the whole file
    is unusable. Problems are per-record (JSON lists, JSONL) and unreadable dates."""
    name = str(path)
    suffix = path.suffix.lower()
    if path.name.lower().endswith(META_SUFFIX):
        raise IngestError(f"{name} is a metadata file; give the article next to it (.txt or .html) instead")
    if suffix not in ARTICLE_SUFFIXES:
        if path.is_dir():
            raise IngestError(f"{name} is a folder, not a file")
        shown = f"'{suffix}'" if suffix else "no extension"
        raise IngestError(
            f"{name} has {'an unsupported extension ' if suffix else ''}{shown}; use {_SUFFIXES_IN_WORDS}"
        )
    text = decode_bytes(_read_bytes(path), name)
    if suffix in JSON_SUFFIXES:
        return _read_json(text, path)
    if suffix in JSONL_SUFFIXES:
        if not text.strip():
            raise IngestError(f"{name} is empty")
        return _read_jsonl(text, path)
    meta: dict[str, Any] = {}
    if suffix in HTML_SUFFIXES:
        parser = _parse_html(text)
        meta = _canonical_meta({**parser.meta, "title": parser.h1 or parser.title})
        text = parser.text()
    sidecar = _read_sidecar(path)
    if sidecar:
        meta.update(_canonical_meta(sidecar))  # the sidecar wins over what the page says
    warnings: list[str] = []
    article = _build_article(text, name=name, meta=meta, path=name, warnings=warnings)
    return [(article, name)], warnings


def read_path(path: Path) -> list[Article]:
    """The articles of one file (.txt, .html/.htm, .json, .jsonl).

    Bad records in a JSON list or bad JSONL lines are skipped; `IngestError` is raised only when
    nothing could be read (use `read_paths` to see every problem).
    """
    path = Path(path)
    articles, problems = _read_file(path)
    if articles:
        return [article for article, _ in articles]
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
    found: list[Path] = []
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


def read_paths(paths: Iterable[Path]) -> tuple[list[Article], list[str]]:
    """All articles under `paths`, deduplicated by article_id (the first kept), and the problems
    met on the way, one human-readable line each. A bad file or record never stops the others."""
    articles: list[Article] = []
    problems: list[str] = []
    first_seen: dict[str, str] = {}
    seen_files: set[Path] = set()
    for path in paths:
        path = Path(path)
        expanded = list(iter_input_files([path]))
        files = [file for file in expanded if Path(os.path.abspath(file)) not in seen_files]
        if path.is_dir() and not expanded:
            problems.append(f"{path}: no {_SUFFIXES_IN_WORDS} files in this folder")
        for file in files:
            seen_files.add(Path(os.path.abspath(file)))
            try:
                labelled, file_problems = _read_file(file)
            except IngestError as error:
                problems.append(str(error))
                continue
            problems.extend(file_problems)
            if not labelled and not file_problems:
                problems.append(f"{file} is empty")
            for article, label in labelled:
                if article.article_id in first_seen:
                    problems.append(f"{label}: duplicate of {first_seen[article.article_id]}, skipped")
                    continue
                first_seen[article.article_id] = label
                articles.append(article)
    return articles, problems
