"""HTML pieces built from untrusted article text: everything goes through `escape`.

`escape` is for text Streamlit renders as markdown (with or without HTML): besides the HTML
characters it turns markdown's and Streamlit's own syntax characters (links, emphasis, `:icon:`,
`$math$`) into character references, so a stored `[Reuters](https://evil)` or `<iframe>` shows as
the characters it is. Links are built only from http(s) URLs (`safe_url`).

Arabic is shown right-to-left in its own `dir="rtl"` block (Streamlit has no RTL
layout); English labels stay left-to-right beside it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from components.vocabulary import STANCE_LABELS
from marsad.records import place_was_inherited

CSS = """
<style>
.ar { direction: rtl; unicode-bidi: isolate; text-align: right; font-family: "Noto Naskh Arabic",
      "Noto Sans Arabic", "Amiri", "DejaVu Sans", serif; font-size: 1.08rem; line-height: 1.9; }
.card { border: 1px solid #e3e6ea; border-radius: 10px; padding: 0.7rem 0.9rem; margin: 0 0 0.7rem 0;
        background: #fff; }
.card .meta { color: #5b6470; font-size: 0.85rem; }
.card .who { font-weight: 600; }
.card .stance { display: inline-block; padding: 0 0.45rem; border-radius: 8px; font-size: 0.8rem;
                background: #eef2f6; margin-left: 0.3rem; }
.stance-deny, .stance-reject { background: #fde2e1 !important; color: #9b1c1c; }
.stance-appeal, .stance-warn { background: #fff3cd !important; color: #7a5b00; }
.stance-assert, .stance-announce, .stance-acknowledge { background: #e3f1e6 !important; color: #1e5631; }
.quote { margin: 0.35rem 0; }
.inferred { color: #a15c00; font-style: italic; }
.reader { border: 1px solid #e3e6ea; border-radius: 10px; padding: 1rem 1.2rem; background: #fff; }
.reader p { margin: 0 0 0.8rem 0; }
.reader mark { padding: 0 2px; border-radius: 3px; }
mark.PERSON { background: #dbeafe; } mark.ORGANIZATION { background: #ede9fe; }
mark.LOCATION { background: #dcfce7; } mark.TIME { background: #fef3c7; }
.reader .statement { border-bottom: 2px solid #f59e0b; }
.reader .target { background: #fff7d6; outline: 2px solid #f59e0b; border-radius: 4px; }
.incident { background: rgba(249, 115, 22, 0.3); box-shadow: 0 3px 0 #c2410c; }
.card .toll { font-size: 0.92rem; } .card .toll b { color: #9b1c1c; }
.legend mark { margin-right: 0.4rem; }
</style>
"""


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
# Markdown's and Streamlit's syntax characters (links, emphasis, headings, lists, tables, code,
# :material/icon: and :color[text] directives, $math$, ~strike~).
_MARKDOWN = "\\`*_[](){}#+-!|~$:="
_ESCAPES = str.maketrans({**_HTML, **{char: f"&#{ord(char)};" for char in _MARKDOWN}})


# Markdown turns bare `https://...` and `www....` in decoded text into links: a word joiner (U+2060,
# invisible) after the scheme's colon and after `www` keeps them plain text.
_AUTOLINK = re.compile(r"&#58;//|(?<![\w.])www(?=\.)", re.IGNORECASE)


def escape(value: object) -> str:
    """Untrusted text made inert for st.markdown (with or without unsafe_allow_html), captions,
    labels and HTML attributes: it shows as the characters it is, and never becomes a link."""
    return _AUTOLINK.sub(lambda m: m[0][:5] + "&#8288;" + m[0][5:] if m[0].startswith("&") else m[0] + "&#8288;",
                         str(value).translate(_ESCAPES))


_URL = re.compile(r"https?://[^\s<>\"'`\\\x00-\x1f\x7f]+", re.IGNORECASE)


def safe_url(value: object) -> str | None:
    """The URL when it is a plain http(s) URL, else None (javascript:, data:, markup, spaces)."""
    text = str(value or "").strip()
    return text if _URL.fullmatch(text) else None


def external_link(url: object, label: str) -> str | None:
    """An <a> opening an http(s) URL in a new tab, or None when the URL is anything else."""
    link = safe_url(url)
    if link is None:
        return None
    return (f'<a href="{html.escape(link, quote=True)}" target="_blank" rel="noopener noreferrer nofollow">'
            f"{escape(label)}</a>")


def clean(value: object) -> str:
    """A display string for a frame cell: None and NaN become ''."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def inject_css() -> None:
    st.markdown(CSS, unsafe_allow_html=True)


def arabic(text: str, tag: str = "div", css_class: str = "ar") -> str:
    return f'<{tag} dir="rtl" lang="ar" class="{css_class}">{escape(text)}</{tag}>'


def reader_link(article_id: str, sentence_start: int | None = None, event_id: str | None = None) -> str:
    """Relative URL of the article reader, opened at a sentence; with `event_id`, every sentence reporting
    that event is marked (`incident=`; the reader checks that the event starts at `sentence`)."""
    params = {"article": article_id}
    if sentence_start is not None:
        params["sentence"] = str(int(sentence_start))
    if event_id:
        params["incident"] = str(event_id)
    return "articles?" + urlencode(params)


def date_label(value: object, precision: str) -> str:
    if not clean(value) or value is pd.NaT:
        return "undated"
    text = str(value)[:10]
    if precision == "reported":
        return f'<span class="inferred" title="no date in the sentence: the article\'s publication date">{text} (publication date)</span>'
    if precision == "month":
        return f"{text[:7]} (month)"
    if precision == "year":
        return f"{text[:4]} (year)"
    if precision in ("range", "week"):
        return f"{text} ({precision})"
    return text


def statement_card(row: dict) -> str:
    """One statement: who (English + Arabic), verb and stance, the quote in Arabic, date, source link."""
    row = {key: clean(value) if not isinstance(value, int | bool) else value for key, value in row.items()}
    speaker_en = row.get("speaker_en") or "Unnamed speaker"
    speaker_ar = row.get("speaker_ar") or row.get("speaker_text") or ""
    stance = row.get("stance") or "neutral"
    inferred = ' <span class="inferred" title="carried over from the previous sentence">(speaker inferred)</span>' \
        if row.get("speaker_inferred") else ""
    kind = "quoted" if row.get("direct") else "reported"
    link = reader_link(row["article_id"], int(row["start"]) if str(row.get("start", "")).isdigit() else None)
    title = row.get("article_title") or row["article_id"]
    return (
        '<div class="card">'
        f'<div><span class="who">{escape(speaker_en)}</span> '
        f'<span dir="rtl" lang="ar" class="ar" style="font-size:0.95rem">{escape(speaker_ar)}</span>'
        f'<span class="stance stance-{escape(stance)}">{escape(STANCE_LABELS.get(stance, stance))}</span>'
        f'{inferred}</div>'
        f'<div class="quote">{arabic(row.get("quote") or "")}</div>'
        f'<div class="meta">{escape(row.get("verb") or "")} · <span dir="rtl" lang="ar">{escape(row.get("verb_ar") or "")}</span>'
        f' · {kind} · {date_label(row.get("date"), row.get("date_precision", ""))} · '
        f'<a href="{escape(link)}" target="_self">source sentence</a> in '
        f'<span dir="rtl" lang="ar">{escape(title)}</span></div>'
        "</div>"
    )


VICTIMS = {"civilians": "civilians", "children": "children", "women": "women", "soldiers": "soldiers",
           "security_forces": "security forces", "fighters": "fighters"}


def count_value(value: object) -> int | None:
    """A stored count (an int, numpy's, a float of a nullable column, pandas' NA) as an int; None if none."""
    if value is None or isinstance(value, bool) or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number >= 0 and number.is_integer() else None


def _figure(low: int | None, high: int | None, kind: str) -> str:
    if low is None:
        return ""
    return f"{low:,}–{high:,} {kind}" if high is not None and high > low else f"{low:,} {kind}"


def toll_text(row: Mapping) -> str:
    """An event's casualties as reported: "11 killed (civilians), 16 wounded", a range "10–15 killed";
    '' when the event gives none. Plain text from numbers and fixed words (the victims only when known)."""
    figures = [f for f in (_figure(count_value(row.get(kind)), count_value(row.get(f"{kind}_high")), kind)
                           for kind in ("killed", "wounded")) if f]
    victims = VICTIMS.get(clean(row.get("victims")))
    if figures and victims:
        figures[0] += f" ({victims})"
    return ", ".join(figures)


def actor_name(actor_id: str, row: Mapping, names: Mapping[str, str] | None = None) -> str:
    """An actor's English name: from `names`, else from the row's own actor lists, else its id."""
    if names and names.get(actor_id):
        return str(names[actor_id])
    ids, listed = clean(row.get("actor_ids")).split(","), clean(row.get("actors_en")).split("; ")
    if actor_id in ids and len(ids) == len(listed):
        return listed[ids.index(actor_id)]
    return actor_id


def sides_text(row: Mapping, names: Mapping[str, str] | None = None) -> str:
    """Who acted and on whom, when known: "by Saudi-led coalition · on Houthis" (plain text: escape it)."""
    sides = [f"{word} {actor_name(clean(row.get(key)), row, names)}"
             for word, key in (("by", "actor1_id"), ("on", "actor2_id")) if clean(row.get(key))]
    return " · ".join(sides)


def evidence_spans(value: object) -> list[tuple[int, int]]:
    """The (start, end) of an event's other sentences from its `evidence` JSON; [] when absent or malformed."""
    if not isinstance(value, str) or not value.strip():
        return []
    try:
        items = json.loads(value)
    except ValueError:
        return []
    spans = []
    for item in items if isinstance(items, list) else []:
        if (isinstance(item, list) and len(item) == 2 and all(type(n) is int for n in item)
                and 0 <= item[0] < item[1]):
            spans.append((item[0], item[1]))
    return spans


def event_card(row: dict, names: Mapping[str, str] | None = None) -> str:
    """One event: what, where, when; its casualties, agent and target when known; the sentence in Arabic;
    the actors named and a link to the reader marking every sentence that reports it. `names`: actor id ->
    English name (else taken from the row's actor lists)."""
    inherited = place_was_inherited(row)
    toll, sides = toll_text(row), sides_text(row, names)
    sentences = 1 + len(evidence_spans(row.get("evidence")))
    row = {key: clean(value) if not isinstance(value, int | bool) else value for key, value in row.items()}
    place = escape(row.get("place_en") or "no place")
    if inherited:
        place += (' <span class="inferred" title="the sentence names no place: its paragraph\'s last one, else '
                  'where the article\'s other events happen">(place inferred)</span>')
    start = int(row["start"]) if str(row.get("start", "")).isdigit() else None
    link = reader_link(row["article_id"], start, row.get("event_id") or None)
    facts = " · ".join(part for part in (f"<b>{escape(toll)}</b>" if toll else "", escape(sides)) if part)
    reported = f"reported in {sentences} sentences · " if sentences > 1 else ""
    return (
        '<div class="card">'
        f'<div><span class="who">{escape((row.get("label_en") or row["type"]).capitalize())}</span> · '
        f'{place} · {date_label(row.get("date"), row.get("date_precision", ""))}</div>'
        + (f'<div class="toll">{facts}</div>' if facts else "")
        + f'<div class="quote">{arabic(row.get("sentence") or "")}</div>'
        f'<div class="meta">actors: {escape(row.get("actors_en") or "—")} · {reported}'
        f'<a href="{escape(link)}" target="_self">{"source sentences" if sentences > 1 else "source sentence"}</a></div>'
        "</div>"
    )
