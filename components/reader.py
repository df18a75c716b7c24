"""The article reader: the original text with places, actors, dates and statements highlighted.

Built as escaped HTML from offsets into the untouched text. Marks never overlap
(longest first); statement sentences are underlined and the deep-linked sentence
is outlined with id="target". Words a search matched are marked innermost (`<mark class="hit">`
around escaped text, cut at every other mark's edge, so no element crosses another). An event opened
from its card marks every sentence reporting it (its own and its evidence) the same way: innermost
`<span class="incident">` pieces cut at every other edge, the first piece of its own sentence id="target".
What is not the article's body (datelines, bylines, teasers, captions, footers: `marsad.text.boilerplate`,
which the analysis skips) is greyed the same way, outermost: `<span class="nonbody">` pieces.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from components.html import escape
from marsad.text.boilerplate import find_segments

NONBODY_STYLE = "color:#9ca3af"  # greyed: shown, but not what the analysis reads


def _marks(mentions: pd.DataFrame, times: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    spans = []
    for m in mentions.to_dict("records") if not mentions.empty else []:
        title = f"{m['type'].title()}: {m.get('name_en') or m['entity_id']}"
        if m.get("source") in ("role", "coref", "context"):
            title += f" (found by {m['source']})"
        spans.append((int(m["start"]), int(m["end"]), m["type"], title))
    for t in times.to_dict("records") if not times.empty else []:
        title = f"Date: {str(t['date'])[:10]} ({t['precision']}{', relative' if t['relative'] else ''})"
        spans.append((int(t["start"]), int(t["end"]), "TIME", title))
    chosen: list[tuple[int, int, str, str]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= c[0] or c[1] <= span[0] for c in chosen):
            chosen.append(span)
    return sorted(chosen)


def marked(text: str, spans: Sequence[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """text[start:end] escaped, the parts of it inside `spans` (offsets into `text`) in <mark class="hit">."""
    end = len(text) if end is None else end
    out, at = [], start
    for left, right in sorted(spans):
        left, right = max(left, at), min(right, end)
        if left < right:
            out.append(escape(text[at:left]))
            out.append(f'<mark class="hit">{escape(text[left:right])}</mark>')
            at = right
    out.append(escape(text[at:end]))
    return "".join(out)


def highlighted_html(text: str, mentions: pd.DataFrame, times: pd.DataFrame, statements: pd.DataFrame,
                     target: int | None = None, hits: Sequence[tuple[int, int]] = (),
                     incident: Sequence[tuple[int, int]] = (), incident_title: str = "") -> str:
    """The article as RTL HTML with highlights; `target` is the start offset of a sentence to outline,
    `hits` the (start, end) of words a search matched, `incident` the (start, end) of the sentences
    reporting one event, its own first (marked together; its own is the target, so `target` is unused)."""
    if incident:
        target = None
    sentences = {}
    for s in statements.to_dict("records") if not statements.empty else []:
        sentences[(int(s["start"]), int(s["end"]))] = f"{s.get('speaker_en') or s.get('speaker_text') or ''}: {s['verb']}"
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for (start, end), title in sorted(sentences.items()):
        css = "statement target" if start == target else "statement"
        attrs = ' id="target"' if start == target else ""
        opens.setdefault(start, []).append(f'<span class="{css}"{attrs} title="{escape(title)}">')
        closes.setdefault(end, []).insert(0, "</span>")
    if target is not None and not any(start == target for start, _ in sentences):
        end = text.find("\n", target)
        end = len(text) if end < 0 else end
        opens.setdefault(target, []).append('<span class="target" id="target">')
        closes.setdefault(end, []).insert(0, "</span>")
    for start, end, kind, title in _marks(mentions, times):
        opens.setdefault(start, []).append(f'<mark class="{kind}" title="{escape(title)}">')
        closes.setdefault(end, []).insert(0, "</mark>")
    nonbody = [(s.start, s.end, s.kind) for s in find_segments(text)]
    edges = {edge for span in incident for edge in span if 0 <= edge <= len(text)}
    edges |= {edge for start, end, _ in nonbody for edge in (start, end)}
    cuts = sorted({0, len(text), *opens, *closes, *edges})
    first = incident[0][0] if incident else None
    titles = {span: escape(f"{incident_title}: sentence {i} of {len(incident)} reporting it".lstrip(": "))
              for i, span in enumerate(sorted(set(incident)), 1)}
    out = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        out.extend(closes.get(left, []))
        out.extend(opens.get(left, []))
        piece = marked(text, hits, left, right).replace("\n", "<br>")
        span = next((s for s in titles if s[0] <= left and right <= s[1]), None)
        if span is not None:
            attrs = ' id="target"' if left == first else ""
            piece = f'<span class="incident"{attrs} title="{titles[span]}">{piece}</span>'
        kind = next((kind for start, end, kind in nonbody if start <= left and right <= end), None)
        if kind is not None and piece:
            piece = (f'<span class="nonbody" style="{NONBODY_STYLE}" title="{kind}: not the body, not analysed">'
                     f'{piece}</span>')
        out.append(piece)
    out.extend(closes.get(len(text), []))
    return f'<div class="reader ar" dir="rtl" lang="ar">{"".join(out)}</div>'


LEGEND = ('<div class="legend"><mark class="PERSON">person</mark><mark class="ORGANIZATION">organisation</mark>'
          '<mark class="LOCATION">place</mark><mark class="TIME">date</mark>'
          '<span class="statement" style="border-bottom:2px solid #f59e0b">statement</span>'
          f'<span class="nonbody" style="{NONBODY_STYLE};margin-left:0.4rem">not the body (dateline, footer…)</span></div>')
LEGEND_WITH_HITS = LEGEND.removesuffix("</div>") + '<mark class="hit" style="margin-left:0.4rem">search match</mark></div>'
INCIDENT_LEGEND = '<span class="incident" style="margin-left:0.4rem">the event\'s sentences</span>'


def legend(hits: bool, incident: bool) -> str:
    """The reader's legend: the marks always, the search's and the event's when shown."""
    return ((LEGEND_WITH_HITS if hits else LEGEND).removesuffix("</div>")
            + (INCIDENT_LEGEND if incident else "") + "</div>")
