"""`python -m marsad eval-ner FILE`: exact-span named-entity scores, like conlleval.

Reads a CoNLL file, either NewsFANE's (`token TAG`, IOB, PERS / LOC / ORG / FAC / MISC) or
Wojood's (`token TAG [TAG ...]`, nested IOB, 21 types). Wojood's types are mapped: PERS -> PERS,
ORG -> ORG, GPE and LOC -> LOC, FAC -> FAC, the others (NORP, OCC, DATE, ...) dropped; of nested
spans the outermost one with a kept type is the gold span. Each sentence's text is its tokens
joined by single spaces; the recogniser runs on that text and its character spans are mapped to
the tokens they touch. A predicted span counts only if its tokens and type are exactly a gold
span's: a partial span is one false positive and one false negative.

Recognisers: `project` (the project's lexicon recogniser, marsad.entities_cli.entity_records)
and `model` (the trained tagger in marsad.extract.ner_tagger alone).
"""

from __future__ import annotations

import glob
import json
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_TYPES = ("PERS", "LOC", "ORG")
TYPE_MAP = {"PERS": "PERS", "PER": "PERS", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "FAC",
            "MISC": "MISC"}
_WOJOOD_ONLY = {"GPE", "NORP", "OCC", "DATE", "EVENT", "CARDINAL", "ORDINAL", "LANGUAGE", "WEBSITE",
                "LAW", "PRODUCT", "TIME", "PERCENT", "QUANTITY", "UNIT", "MONEY", "CURR"}
_RECOGNISED = {"PERSON": "PERS", "ORGANIZATION": "ORG", "LOCATION": "LOC"}
SAUDINEWSNET = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet" / "zips"


@dataclass
class Sentence:
    tokens: list[str]
    spans: set[tuple[int, int, str]] = field(default_factory=set)  # (first token, last token + 1, TYPE)

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def offsets(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for token in self.tokens:
            out.append((pos, pos + len(token)))
            pos += len(token) + 1
        return out


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first, last + 1, type) spans of an IOB tag sequence; an I- that does not continue a span
    of its type starts one."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, name = tag.partition("-")
        continues = prefix == "I" and name == kind and start >= 0
        if not continues:
            if start >= 0:
                spans.append((start, i, kind))
            start, kind = (i, name) if prefix in ("B", "I") and name else (-1, "")
    return spans


def parse_conll(text: str) -> tuple[list[Sentence], str]:
    """The sentences of a CoNLL text with their gold spans (types mapped), and the format found:
    'newsfane' (one tag column) or 'wojood' (nested columns or Wojood's types)."""
    blocks: list[list[list[str]]] = [[]]
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(parts)
    blocks = [b for b in blocks if b]
    wojood = any(len(parts) > 2 or parts[-1].partition("-")[2] in _WOJOOD_ONLY
                 for block in blocks for parts in block)
    sentences = []
    for block in blocks:
        tokens = [parts[0] for parts in block]
        width = max(len(parts) for parts in block)
        found: list[tuple[int, int, str]] = []
        for column in range(1, width):
            tags = [parts[column] if column < len(parts) else "O" for parts in block]
            for start, end, kind in iob_spans(tags):
                if kind in TYPE_MAP:
                    found.append((start, end, TYPE_MAP[kind]))
        # outermost spans only (nested annotation); of equal extents the first column's
        kept: list[tuple[int, int, str]] = []
        for span in sorted(found, key=lambda s: (s[0], -(s[1] - s[0]))):
            if not any(k[0] <= span[0] and span[1] <= k[1] for k in kept):
                kept.append(span)
        sentences.append(Sentence(tokens, set(kept)))
    return sentences, "wojood" if wojood else "newsfane"


def read_conll(path: str | Path) -> tuple[list[Sentence], str]:
    """`parse_conll` of a file."""
    return parse_conll(Path(path).read_text(encoding="utf-8"))


def to_token_spans(char_spans: Iterable[tuple[int, int, str]],
                   offsets: list[tuple[int, int]]) -> set[tuple[int, int, str]]:
    """Character spans as (first token, last token + 1, type): the tokens each span touches."""
    out = set()
    for start, end, kind in char_spans:
        touched = [i for i, (s, e) in enumerate(offsets) if s < end and e > start]
        if touched:
            out.add((touched[0], touched[-1] + 1, kind))
    return out


def project_recogniser() -> Callable[[str], list[tuple[int, int, str]]]:
    from marsad.extract.entities_cli import entity_records

    def recognise(text: str) -> list[tuple[int, int, str]]:
        return [(r["start"], r["end"], _RECOGNISED[r["type"]]) for r in entity_records(text)
                if r["type"] in _RECOGNISED]
    return recognise


def model_recogniser(path: str | Path | None = None) -> Callable[[str], list[tuple[int, int, str]]]:
    from marsad.extract.ner_tagger import NerTagger

    tagger = NerTagger.load(path)
    return lambda text: tagger.find_tokens(text)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return 100.0 * self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: list[set[tuple[int, int, str]]], predicted: list[set[tuple[int, int, str]]],
          types: Iterable[str] = DEFAULT_TYPES) -> dict[str, Counts]:
    """Per-type and 'micro' exact-span counts over the given types (spans of other types ignored)."""
    types = tuple(types)
    counts = {t: Counts() for t in types}
    for gold_spans, pred_spans in zip(gold, predicted, strict=True):
        g = {s for s in gold_spans if s[2] in counts}
        p = {s for s in pred_spans if s[2] in counts}
        for span in g & p:
            counts[span[2]].tp += 1
        for span in p - g:
            counts[span[2]].fp += 1
        for span in g - p:
            counts[span[2]].fn += 1
    micro = Counts(sum(c.tp for c in counts.values()), sum(c.fp for c in counts.values()),
                   sum(c.fn for c in counts.values()))
    return {**counts, "micro": micro}


def evaluate(sentences: list[Sentence], recognise: Callable[[str], list[tuple[int, int, str]]],
             types: Iterable[str] = DEFAULT_TYPES, context: int = 1) -> dict[str, Counts]:
    """Scores of a recogniser (text -> (start, end, TYPE) spans) on the sentences, given `context`
    consecutive sentences at a time as one text, one sentence a line (as an article reaches it)."""
    predicted: list[set[tuple[int, int, str]]] = []
    for first in range(0, len(sentences), max(1, context)):
        group = sentences[first:first + max(1, context)]
        starts, at = [], 0
        for sentence in group:
            starts.append(at)
            at += len(sentence.text) + 1
        spans = recognise("\n".join(s.text for s in group))
        for sentence, start in zip(group, starts, strict=True):
            end = start + len(sentence.text)
            mine = [(a - start, min(b, end) - start, kind) for a, b, kind in spans if start <= a < end]
            predicted.append(to_token_spans(mine, sentence.offsets()))
    return score([s.spans for s in sentences], predicted, types)


def format_report(counts: dict[str, Counts]) -> str:
    """A small table and the final `micro P .. R .. F1 .. (PERS .., ORG .., LOC ..)` line."""
    lines = [f"{'type':<6} {'gold':>6} {'pred':>6} {'tp':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, c in counts.items():
        lines.append(f"{name:<6} {c.tp + c.fn:>6} {c.tp + c.fp:>6} {c.tp:>6} {c.precision:>6.1f} "
                     f"{c.recall:>6.1f} {c.f1:>6.1f}")
    micro = counts["micro"]
    per_type = ", ".join(f"{name} {c.f1:.1f}" for name, c in counts.items() if name != "micro")
    lines.append(f"micro P {micro.precision:.1f} R {micro.recall:.1f} F1 {micro.f1:.1f} ({per_type})")
    return "\n".join(lines)


def saudinewsnet_texts(folder: str | Path = SAUDINEWSNET, limit_bytes: int = 10_000_000) -> list[str]:
    """Article texts from SaudiNewsNet's zips (each a JSON list of records with 'content'),
    up to about `limit_bytes` of UTF-8."""
    texts: list[str] = []
    total = 0
    if limit_bytes <= 0:
        return texts
    for name in sorted(glob.glob(str(Path(folder) / "*.zip"))):
        with zipfile.ZipFile(name) as archive:
            for member in archive.namelist():
                for record in json.loads(archive.read(member)):
                    content = record.get("content") or ""
                    if content.strip():
                        texts.append(content)
                        total += len(content.encode("utf-8"))
                        if total >= limit_bytes:
                            return texts
    return texts


def tagger_speed(texts: list[str], model: str | Path | None = None) -> dict[str, float]:
    """MB/s of the tagger alone (`find`, tokenising included) over texts re-joined as tokens and
    single spaces, one article at a time, on one core; the word-type cache starts empty."""
    from marsad.extract.ner_features import tokenize
    from marsad.extract.ner_tagger import NerTagger

    tagger = NerTagger.load(model)
    joined = [" ".join(tokenize(t)) for t in texts]
    size = sum(len(t.encode("utf-8")) for t in joined)
    started = time.perf_counter()
    mentions = sum(len(tagger.find(t)) for t in joined)
    seconds = time.perf_counter() - started
    return {"articles": len(joined), "megabytes": round(size / 1e6, 2), "seconds": round(seconds, 2),
            "mb_per_s": round(size / 1e6 / seconds, 2), "mentions": mentions}


def run_cli(file: str | None, recogniser: str = "project", types: str = "PERS,LOC,ORG",
            limit: int | None = None, model: str | None = None, speed: bool = False, context: int = 1) -> int:
    """The `eval-ner` command: print the score table of FILE, and/or the tagger's speed."""
    if file is None and not speed:
        raise ValueError("eval-ner needs a CoNLL FILE (or --speed)")
    if file is not None:
        sentences, kind = read_conll(file)
        if limit:
            sentences = sentences[:limit]
        recognise = model_recogniser(model) if recogniser == "model" else project_recogniser()
        counts = evaluate(sentences, recognise, [t.strip() for t in types.split(",") if t.strip()], context)
        together = f", {context} consecutive sentences a text" if context > 1 else ""
        print(f"{file}: {len(sentences)} sentences ({kind} format), recogniser {recogniser}{together}")
        print(format_report(counts))
    if speed:
        if not SAUDINEWSNET.is_dir():
            raise ValueError(f"--speed needs SaudiNewsNet's zips in {SAUDINEWSNET}")
        megabytes = (limit or 10) if file is None else 10
        print(json.dumps(tagger_speed(saudinewsnet_texts(limit_bytes=megabytes * 1_000_000), model)))
    return 0
