"""Who said what: speech-verb attribution in Arabic news sentences.

For each speech verb (data/speech_verbs.csv) in a sentence:
- it counts only with a complement its row lists (`complements`: أن/إن, a quotation, a colon, عن,
  إلى, ب ...): رفض الحضور (a verbal noun) or تابع المباراة is no statement;
- the speaker is the actor right after the verb (VSO: `وقال الناطق باسمها مهند يونس إن`), the person
  who holds the role named there (`المتحدث الرسمي للقوات المسلحة، العميد محمد سمير،`), the source of a
  relay (`نقلت وكالة X عن Y قوله`, `قالت صحيفة X نقلا عن Y`: Y), the owner of a statement noun (`بيان
  للجيش`, `بيان صادر عن X`, `وفي تصريح لـ X، قال`), the subject between كان and the verb, an unnamed
  source before it (`تقارير غربية أشارت`), or an actor before the verb (SVO: `أفريكوم أعلنت`);
- a participle (`مضيفا أن`, `مشيرة إلى أن`, `بقوله`) speaks for the subject of its clause;
- a verb followed directly by its content, a preposition or an anaphoric role
  (`وأضاف -في تصريح- أن`, `وأوضحت المتحدثة`) carries the previous speaker over, flagged;
- an unnamed speaker (`مصدر عسكري`, `شاهد عيان من رويترز`) is kept as text with no actor id, a passive
  report (`أفيد بأن`) as written, and a law or a document (`ويدعو القرار`) is no speaker;
- the content is the quoted span (“ ” " « ») or the reported clause after إن/أن, else the rest; a
  quotation is whole (its commas, a line break inside it), and a fragment is no statement;
- the date is the attribution clause's (`وقال المرصد أمس إن`), else the publication date: a date in the
  content is what is said, not when.
When no speaker can be found the verb is skipped, never guessed. The words attribution reads are in
data/attribution.csv.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from marsad.extract.entities import discovered_actor_id, is_name_ali, is_place_name
from marsad.extract.gazetteer import nationality_forms, place_cues
from marsad.extract.ner_tagger import frequent_word_set
from marsad.extract.translit import is_known_name
from marsad.lexicon import Lexicon, SpeechVerb, alternation
from marsad.paths import data_dir
from marsad.records import Mention, Span, Statement, TimeMention
from marsad.text.document import Document
from marsad.text.matcher import Matcher, find_in_original, previous_word, whole_word_occurrences
from marsad.text.normalize import (
    FastTable,
    Normalized,
    character_table,
    fast_table,
    normalize,
    normalize_key,
    translate,
)
from marsad.text.spans import mentions_within, within

_QUOTE_PAIRS = [("“", "”"), ("«", "»"), ('"', '"'), ("”", "”"), ("„", "“")]
_CONTENT_MARKERS = frozenset(normalize_key(w) for w in ["إن", "أن", "بأن", "إنه", "أنه", "انها", "إنها",
                                                        "أنها", "بأنه", "بأنها", "إنهم", "أنهم"])
_BRIDGE_WORDS = frozenset(normalize_key(w) for w in ["في", "خلال", "عبر", "على", "لدى", "أمام", "ل", "بعد",
                                                    "صباح", "مساء", "اليوم", "أمس", "امس", "يوم", "آنذاك",
                                                    "كذلك", "أيضا", "أيضًا", "بدوره", "بدورها", "من", "قد"])
_ANAPHORS = frozenset(normalize_key(w) for w in ["المتحدث", "المتحدثة", "الناطق", "الناطقة", "المصدر",
                                                "المسؤول", "الوزير", "الوزيرة", "البيان", "المراسل", "ذاته",
                                                "نفسه", "نفسها", "ذاتها"])
_CLAUSE_BREAKS = frozenset(normalize_key(w) for w in ["بينما", "فيما", "حين", "،", ",", "؛", "كما", "ثم"])
_SUBJECT_WORDS = frozenset(normalize_key(w) for w in ["باسم", "باسمها", "باسمه", "باسمهم", "في", "فى", "لدى",
                                                     "له", "لها", "لهم", "فيها", "فيه", "عنها", "عنه", "ذاته", "نفسه", "نفسها", "رفيع",
                                                     "رفيعة", "بيان", "تصريح", "تصريحات"])
_ADDRESSEES = frozenset(normalize_key(w) for w in ["لوسائل", "الإعلام", "لقناة", "لوكالة", "لصحيفة", "لموقع"])
_PREPOSITIONS = frozenset(normalize_key(w) for w in ["في", "على", "من", "إلى", "الى", "عن", "مع", "بعد", "قبل",
                                                    "حول", "نحو", "ضد", "بين", "عبر"])
_PLURAL_SUBJECTS = frozenset(normalize_key(w) for w in ["وزراء", "قادة", "زعماء", "رؤساء", "نواب", "خبراء",
                                                       "محللون", "سفراء", "مراقبون"])
_NAME_QUOTES = frozenset(['"', "«", "»", "“", "”"])
_CARRY_WINDOW = 3  # sentences a speaker stays current


@lru_cache(maxsize=1)
def _attribution_words() -> dict[str, frozenset[str]]:
    """data/attribution.csv: the words attribution reads, normalised, by kind."""
    words: dict[str, set[str]] = {}
    with (data_dir() / "attribution.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            words.setdefault(row["kind"].strip(), set()).add(normalize_key(row["word_ar"]))
    return {kind: frozenset(found) for kind, found in words.items()}


def _attribution(kind: str) -> frozenset[str]:
    return _attribution_words().get(kind, frozenset())


@dataclass(frozen=True)
class _Speaker:
    actor_id: str | None
    text: str
    inferred: bool = False
    end: int = 0  # where the speaker is named after the verb: quotation marks before it enclose a name
    anaphor: bool = False  # a definite role pointing back (وأضاف البيان، وقال المصدر): the last speaker


_NOBODY = _Speaker(None, "")  # a verb whose speaker is known not to be findable: skip it
_DOCUMENT = _Speaker(None, "", end=-1)  # a verb whose subject is a law or a document: skip it and its sequels


@lru_cache(maxsize=4)
def _verb_matcher(lexicon: Lexicon) -> Matcher[SpeechVerb]:
    return Matcher(((verb.form, verb) for verb in lexicon.speech_verbs.values()), min_length=2)


def find_statements(doc: Document, mentions: list[Mention]) -> list[Statement]:
    """Statements in the article, in text order; `mentions` are actor and place mentions.

    A source's request not to be named (`مسؤول محلي، طلب عدم ذكر اسمه، قال`, `المصدر الذي رفض الكشف عن
    هويته`) is read as blank: no statement of its own, nothing between the speaker and the verb. The
    statements keep the article's words (the sentence and the quotation as written)."""
    asides = _anonymity_asides(doc.normalized)
    if not asides:
        return _find_statements(doc, mentions)
    original = doc.text
    blank = list(original)
    for start, end in asides:
        blank[start:end] = " " * (end - start)
    text = "".join(blank)
    found = _find_statements(replace(doc, text=text, normalized=normalize(text)), mentions)
    return [replace(statement, sentence=original[statement.start:statement.end],
                    quote=_as_written(statement.quote, text, original, statement.quote_start, statement.quote_end),
                    speaker_text=_BLANK_RE.split(statement.speaker_text)[0].strip())
            for statement in found]


_BLANK_RE = re.compile(r"\s{3,}")  # a blanked aside inside a speaker as written: the speaker ends before it


def _as_written(quote: str, blanked: str, original: str, start: int, end: int) -> str:
    """The quotation with its article's words back (it was read where an aside was blanked)."""
    return original[start:end] if end > start and blanked[start:end] == quote else quote


@lru_cache(maxsize=1)
def _anonymity_re() -> re.Pattern[str]:
    """An anonymous source's aside on normalised text: a verb of asking or refusing, up to three words
    (عدم ذكر، الكشف عن), the name or identity; after a comma, a dash, الذي/التي/الذين or و; with the comma
    or dash that closes it."""
    verbs, objects = alternation(_attribution("anonymity_verb")), _anonymity_object_re().pattern
    return re.compile(rf"(?:\s*[،,]|\s*[-–])?\s+(?:ال(?:ذي|تي|ذين)\s+|و)?(?:{verbs})\s+(?:\S+\s+){{1,3}}?"
                      rf"(?:{objects})(?![\w])(?:\s*[،,]|\s*[-–])?")


@lru_cache(maxsize=1)
def _anonymity_object_re() -> re.Pattern[str]:
    """The words for a name or an identity (اسمه، هويته) an anonymous source's aside ends with."""
    return re.compile(alternation(_attribution("anonymity_object")))


_ASIDE_REACH = 80  # characters before the name or identity an aside may start


def _anonymity_asides(norm: Normalized) -> list[tuple[int, int]]:
    """Where, in the original text, the asides of anonymous sources are: looked for only around the words
    for a name or an identity (اسمه، هويته), which most articles never write."""
    if not _attribution("anonymity_verb"):
        return []
    text, found = norm.text, []
    for word in _anonymity_object_re().finditer(text):
        if found and word.start() < found[-1][1]:
            continue
        window = max(found[-1][1] if found else 0, word.start() - _ASIDE_REACH)
        aside = _anonymity_re().search(text, window, min(len(text), word.end() + 3))
        if aside is not None and aside.start() < word.end() <= aside.end():
            found.append((aside.start(), aside.end()))
    return [norm.span_to_original(start, end) for start, end in found]


def _find_statements(doc: Document, mentions: list[Mention]) -> list[Statement]:
    text, sentences, times, lexicon, published = doc.text, doc.sentences, doc.times, doc.lexicon, doc.published
    all_cues = find_in_original(_verb_matcher(lexicon), doc.normalized)
    according = find_in_original(_according_matcher(), doc.normalized)
    # a speech verb right after an attribution phrase (بحسب ما ذكر المرصد) is that phrase's verb
    all_cues = [c for c in all_cues if not any(a_end <= c[0] and _only_ma_between(text, a_end, c[0])
                                               for _a, a_end, _p in according)]
    found: list[Statement] = _according_to(doc, according, mentions, all_cues)
    # an actor an attribution phrase named (طبقا لما ذكره جول محمد بيدار) speaks on in the next `وأضاف`
    attributed = {bisect_left([sentence.end for sentence in sentences], st.start): st for st in found}
    last: tuple[_Speaker, int] | None = None
    spoke: list[tuple[_Speaker, int]] = []  # every speaker so far, with the index of its sentence
    source: tuple[_Speaker, int] | None = None  # an unnamed source an attribution phrase named (وفق مصدر عسكري)
    quoted_until = 0  # the end of a quotation that ran on past its sentence (across a line break)
    for index, sentence in enumerate(sentences):
        earlier = attributed.get(index - 1)
        if earlier is not None and earlier.speaker_text and (last is None or last[1] < index - 1):
            if earlier.speaker_id:
                last = (_Speaker(earlier.speaker_id, earlier.speaker_text), index - 1)
            elif normalize_key(earlier.speaker_text.split()[0]) in _attribution("source_noun"):
                source = (_Speaker(None, earlier.speaker_text), index - 1)
        in_sentence = mentions_within(mentions, sentence)
        sentence_cues = within(all_cues, sentence)
        cues = [c for c in sentence_cues if c[0] >= quoted_until
                and not _inside_quote(text, sentence.start, c[0])
                and not _after_number(text, sentence.start, c[0])
                and not _no_verb_after(text, sentence.start, c, lexicon)
                and _speech_sense(text, c, sentence.end, in_sentence, times, lexicon)]
        if not cues:
            continue
        sentence_text = text[sentence.start:sentence.end]
        made: list[Statement] = []
        speakers: list[_Speaker] = []
        same = attributed.get(index)
        if same is not None and same.speaker_text and same.cue_start < cues[0][0]:
            # وفقا للناطق ... بدر السحيباني فإن ...، مضيفا بأن: the source the phrase named speaks on
            speakers.append(_Speaker(same.speaker_id, same.speaker_text))
        named_until = sentence.start  # the end of the last subject named after its verb
        document_until = 0  # the end of the last verb whose subject is a document
        for number, (cue_start, cue_end, verb) in enumerate(cues):
            if cue_start < named_until:
                continue  # قوله of a relay, الذي رفض ذكر اسمه: inside the subject slot, not a statement
            participle = _hangs_on_clause(text, cue_start, verb)
            own_clause = _opens_a_clause(verb, participle) and not any(c[2].lemma in _RELAY_LEMMAS for c in cues[:number])
            if made and not _new_clause(text, made[-1].cue_end, cue_start, own_clause) and \
                    not _headline_subject(text, in_sentence, sentence, cue_start, verb):
                continue  # a verb inside the previous statement's content (أن حفتر أبلغ ...)
            # A headline verb's clause starts at its subject, the word before it (والبنتاغون ينفي).
            later = [c[0] if not c[2].person.startswith("present") else previous_word(text, c[0])[1] for c in
                     cues[number + 1:] if not (c[2].person.startswith("present")
                                               and _said_of(text, previous_word(text, c[0])[1]))]
            # (a present-tense verb whose subject follows إن is inside this one's content: it bounds nothing)
            # (a relay's words come after its source, however many: نقل التقرير عن العمادي ...، مشيرا إلى أن)
            participles = frozenset() if verb.lemma in _RELAY_LEMMAS else frozenset(
                c[0] for c in cues[number + 1:] if _opens_a_clause(c[2], _hangs_on_clause(text, c[0], c[2])))
            segment_end = _segment_end(text, cue_end, later, sentence.end, participles)
            if participle:
                # مضيفا أن، مشيرة إلى أن، بقوله: the subject of the clause it hangs on, never one of its own
                if made and not _agrees(made[-1], verb, lexicon):
                    continue  # أفاد ...، مشيرا إلى أن المديرية ...، مؤكدة: the content's subject, not the speaker
                speaker = replace(speakers[-1], inferred=True) if speakers else \
                    (verb.person != "participle_p" and
                     _main_verb_subject(text, sentence, cue_start, sentence_cues, in_sentence, lexicon)) or \
                    _participle_subject(text, sentence, cue_start, in_sentence, verb)
                if speaker is None:
                    continue
            else:
                speaker = _speaker_for(text, sentence, cue_start, cue_end, segment_end, in_sentence, verb, lexicon,
                                       sentence_cues)
                if speaker is not None and not speaker.inferred and speaker.end > segment_end:
                    # the subject runs past a verb of its own description (عن هذا المسؤول، الذي رفض ذكر
                    # اسمه، قوله): the clause ends after it
                    segment_end = _segment_end(text, speaker.end, [c for c in later if c >= speaker.end],
                                               sentence.end, participles)
            if speaker is not None and speaker is not _NOBODY and speaker.actor_id is None and not speaker.anaphor:
                speaker = _named_earlier(speaker, mentions, sentence.start)
            if speaker is _DOCUMENT or (document_until and text[cue_start:cue_start + 1] == "و"
                                        and not re.search("[،,.؛]", text[document_until:cue_start])):
                document_until = cue_end  # ويدعو القرار إلى ... ويحث الدول: the document's verbs
                continue
            document_until = 0
            if speaker is _NOBODY:
                continue
            content_from = _after_subject(text, cue_end, segment_end, in_sentence, times, lexicon)
            if speaker is not None and not speaker.inferred and cue_end <= speaker.end < segment_end:
                content_from = max(content_from, _after_subject(text, speaker.end, segment_end, in_sentence, times,
                                                                lexicon))
            if speaker is not None and speaker.anaphor and source is not None and (last is None or last[1] < source[1]) \
                    and index - source[1] <= _CARRY_WINDOW:
                last = source  # وأشار المصدر نفسه: the source the attribution phrase named
            if speaker is not None and speaker.anaphor and last is not None:
                last = _of_its_nationality(speaker, last, spoke, index, text, mentions, lexicon)
            if speaker is not None and speaker.anaphor and (last is None or index - last[1] > _CARRY_WINDOW):
                speaker = replace(speaker, anaphor=False)  # وقال المتحدث العسكري with nobody before: as written
            if speaker is None or speaker.anaphor:
                if last is None or index - last[1] > _CARRY_WINDOW or verb.person == "noun":
                    continue  # a noun (الإعلان عن، قوله) without its own speaker carries nobody over
                if speaker is None and made and text[cue_start:cue_start + 1] != "و":
                    continue  # قال إن منظمته ...، أبلغت: a verb of the content, its subject in the content
                # وأضاف البيان: the last speaker, written as this sentence names it when the actor
                # carries who it is
                written = speaker.text if speaker is not None and last[0].actor_id else last[0].text
                speaker = replace(last[0], inferred=True, text=written, end=0, anaphor=False)
            content, quote_start, quote_end, direct = _content(text, cue_end, segment_end, content_from, lexicon)
            if not content.strip():
                subject = _headline_subject(text, in_sentence, sentence, cue_start, verb)
                if subject is None:
                    continue
                # A headline: "عودة القوة الأميركية إلى ليبيا.. حكومة الوفاق تؤكد" asserts its first half.
                quote_start, quote_end = sentence.start, subject.start
                halves = text.find("..", quote_start, quote_end)
                quote_end = halves if halves > 0 else quote_end
                content = text[quote_start:quote_end].strip(" .،,:-")
                if not content:
                    continue
            if _fragment(content, speaker):
                continue  # ".", "ذلك؟", a quoted name, the speaker's own words: nothing said
            quoted_until = max(quoted_until, quote_end if quote_end > sentence.end else 0)
            if _hangs_on_clause(text, cue_start, verb) and made:
                when, precision = made[-1].date, made[-1].date_precision  # the same act of speech
            elif quote_end <= cue_start:  # a headline's first half: the attribution is its second
                when, precision = _said_on(text, times, sentence, quote_end, cue_end, published)
            else:
                when, precision = _said_on(text, times, sentence, cue_start,
                                           quote_start - 1 if direct else quote_start, published)
            made.append(Statement(
                start=sentence.start, end=sentence.end, sentence=sentence_text, speaker_id=speaker.actor_id,
                verb=verb.verb_en, verb_ar=text[cue_start:cue_end], stance=verb.stance, quote=content,
                direct=direct, date=when, date_precision=precision, cue_start=cue_start, cue_end=cue_end,
                quote_start=quote_start, quote_end=quote_end, speaker_inferred=speaker.inferred,
                speaker_text=speaker.text,
            ))
            speakers.append(speaker)
            named_until = max(named_until, speaker.end if not speaker.inferred else 0)
            last = (speaker, index)
            spoke.append(last)
        found.extend(made)
    return sorted(found, key=lambda st: (st.start, st.cue_start))


_QUANTITIES = frozenset(normalize_key(w) for w in ["ألف", "آلاف", "مليون", "ملايين", "مئات", "عشرات", "مائة", "مئة"])


def _after_number(text: str, sentence_start: int, position: int) -> bool:
    """A word counted (200 ألف طالب، عشرات المتحدثين) is a noun, not a verb."""
    word, at = previous_word(text, position)
    word = normalize_key(word)
    return at >= sentence_start and bool(word) and (word.isdigit() or word in _QUANTITIES)


# Words no finite verb follows: prepositions (`قرب ودان`: the town). Not منذ or بعد (`منذ أعلنت`).
_NO_VERB_AFTER = frozenset(normalize_key(w) for w in ("في", "من", "إلى", "الى", "على", "عن", "قرب", "مع", "بين",
                                                      "لدى", "عند", "حول", "ضد", "نحو", "خلال"))
_FINITE_PERSONS = frozenset({"3ms", "3fs", "3p"})  # a past verb's persons (not a participle's, a noun's)


def _no_verb_after(text: str, sentence_start: int, cue: tuple[int, int, SpeechVerb], lexicon: Lexicon) -> bool:
    """A past verb's form right after a preposition or another speech verb is a name or a noun (`قرب ودان
    والجفرة`, the Libyan town; `وقال دان ويرثايمر`, a man's name)."""
    if cue[2].person not in _FINITE_PERSONS:
        return False
    word, at = previous_word(text, cue[0])
    key = normalize_key(word)
    if at < sentence_start or not key:
        return False
    bare = key[1:] if key[:1] in ("و", "ف") and len(key) > 2 else key
    return key in _NO_VERB_AFTER or (bare in lexicon.speech_verbs
                                     and lexicon.speech_verbs[bare].person in _FINITE_PERSONS)


def _fragment(content: str, speaker: _Speaker) -> bool:
    """Content that says nothing: fewer than two words, or the words of the speaker's own phrase."""
    words = [w for w in normalize_key(content).split() if _ALNUM_RE.search(w)]
    return len(words) < 2 or " ".join(words) in normalize_key(speaker.text)


_ALNUM_RE = re.compile(r"[^\W_]")  # a character str.isalnum holds true (\w is those and _)
_QUOTE_MARKS_RE = re.compile("[«“»”]")


def _inside_quote(text: str, sentence_start: int, position: int) -> bool:
    """`position` is inside a quotation opened since `sentence_start`. A mark that opens again before
    the first closes closes it (the writer's «خليل أبو عبسة «إلا أن ...), and a closing mark with no
    opening is ignored: one stray mark does not put the rest of the article in quotation marks."""
    before = text[sentence_start:position]
    depth = 0
    for char in _QUOTE_MARKS_RE.findall(before):
        if char in "«“":
            depth = 0 if depth else 1
        elif char in "»”":
            depth = max(0, depth - 1)
    return depth > 0 or before.count('"') % 2 == 1


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words (start, end, normalised) wholly inside text[start:end]: slices of the article's lines,
    each read once, when first asked for."""
    lines = _article_lines(text)
    first = max(0, bisect_left(lines.starts, start + 1) - 1)
    found: list[tuple[int, int, str]] = []
    for number in range(first, len(lines.starts)):
        if lines.starts[number] >= end:
            break
        words = lines.words(number)
        low, high = bisect_left(words, (start,)), bisect_left(words, (end,))
        while high > low and words[high - 1][1] > end:
            high -= 1
        found.extend(words[low:high])
    return found


class _Lines:
    """An article's lines and, once asked for, each line's words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._words: dict[int, list[tuple[int, int, str]]] = {}

    def words(self, number: int) -> list[tuple[int, int, str]]:
        if number not in self._words:
            start = self.starts[number]
            end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
            same_length, deleted = _normalising()
            line = translate(self.text[start:end], same_length)
            if deleted.search(line):
                self._words[number] = [(start + m.start(), start + m.end(),
                                        deleted.sub("", m.group()) if deleted.search(m.group()) else m.group())
                                       for m in _WORD_RE.finditer(line)]
            else:  # most lines: no word to take a diacritic or a tatweel out of
                self._words[number] = [(start + a, start + b, line[a:b])
                                       for a, b in map(re.Match.span, _WORD_RE.finditer(line))]
        return self._words[number]


@lru_cache(maxsize=2)
def _article_lines(text: str) -> _Lines:
    return _Lines(text)


@lru_cache(maxsize=1)
def _normalising() -> tuple[FastTable, re.Pattern[str]]:
    """normalize_key, word by word: what the normaliser maps (alef, yeh, teh marbuta, digits) is mapped
    over a whole line in one call; what it deletes (diacritics, tatweel) is taken out of each word after."""
    table = character_table()
    deleted = "".join(chr(code) for code, mapped in table.items() if not mapped)
    return (fast_table({code: mapped for code, mapped in table.items() if mapped}),
            re.compile("[" + re.escape(deleted) + "]"))


# A word keeps its diacritics and tatweel (مقرّب، قلّل، لـ): the text's word pattern would split it at them.
_WORD_RE = re.compile(r"[^\W_][\w\u0610-\u061a\u064b-\u065f\u0670\u0640]*|[^\w\s\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def _is_addressee(text: str, mention: Mention) -> bool:
    """`للجزيرة`, `للصحفيين`: the one spoken to, not the speaker."""
    word_start = mention.start
    while word_start > 0 and text[word_start - 1].isalnum():
        word_start -= 1
    prefix = normalize_key(text[word_start:mention.start])
    if prefix in {"ل", "لل"} or normalize_key(text[mention.start:mention.start + 2]) == "لل":
        return True
    # لصحيفة "ديلي ستار"، لقناة العربية: the name after a ل-noun of a newspaper or channel
    before = text[max(0, word_start - 30):word_start].rstrip(" «“\"”")
    last = normalize_key(before.split()[-1]) if before.split() else ""
    return len(last) > 2 and last[0] == "ل" and (last[1:] in _attribution("name_noun") or
                                                  last[2:] in _attribution("name_noun"))


_OBJECT_WORDS = 3  # words between a verb and a participle for the verb to have said something of its own


def _opens_a_clause(verb: SpeechVerb, participle: bool) -> bool:
    """A participle hanging on a clause that says something of its own (مؤكدا، مشيرا، مضيفا), not قائلا, which
    only introduces the words of the verb before it (`ويضيف شفير قائلا: «...»`)."""
    return participle and verb.lemma != "قال"


def _new_clause(text: str, previous_cue_end: int, cue_start: int, participle: bool = False) -> bool:
    """A second speech verb starts its own statement only after a clause break (، بينما ...) that follows
    the first one's content marker, if it has one: the commas of `أكد مدير الشؤون الصحية، الدكتور
    مبارك عسيري، أن ما صرح به` enclose the subject, and صرح is inside the content. A `participle` that opens
    a clause of its own does so after no content marker, comma or none (`يندد مجددا باتفاق محتمل ... مؤكدا على
    حق إسرائيل`)."""
    tokens = _tokens(text, previous_cue_end, cue_start)
    marker = next((t_end for index, (_t_start, t_end, token) in enumerate(tokens)
                   if token == ":" or token in _CONTENT_MARKERS and not (
                       index and tokens[index - 1][2] in _CONJUNCTIONS_BEFORE_AN)), previous_cue_end)
    if participle and marker == previous_cue_end and len(tokens) >= _OBJECT_WORDS:
        return True  # (after words of the verb's own: not `وأردف مؤكدا أن`, one act of speech)
    between = normalize_key(text[marker:cue_start])
    if re.search(r"[.!؟](?!\d)", between):
        return True  # a sentence end the splitter missed (inside a quotation left open)
    words = set(between.replace("،", " ، ").replace(",", " , ").split())
    return bool(words & _CLAUSE_BREAKS)


def _segment_end(text: str, cue_end: int, later_cues: list[int], sentence_end: int,
                 participles: frozenset[int] = frozenset()) -> int:
    """Where this verb's clause ends: before the next clause-breaking speech verb, else the sentence end.
    `participles`: which of `later_cues` are participles opening a clause of their own (مؤكدا، مشيرا)."""
    for cue_start in later_cues:
        if _new_clause(text, cue_end, cue_start, cue_start in participles) or text[cue_start:cue_start + 1] == "و":
            cut = max((at for at in range(cue_end, cue_start) if text[at] in "،," and not _inside_quote(
                text, cue_end, at)), default=-1)  # not a comma inside the quotation: «أ، ب» وأضاف
            return cut if cut > cue_end else cue_start
    return sentence_end


def _chain_end(text: str, tokens: list[tuple[int, int, str]], mentions: list[Mention], limit: int,
               lexicon: Lexicon) -> int:
    """End of the subject slot after a verb: roles, titles, definite words, names and `باسم`, `في بيان`..."""
    inside = [(m.start, m.end) for m in mentions]
    position = tokens[0][0] if tokens else limit
    after_source = False
    for t_start, t_end, token in tokens:
        if t_start >= limit:
            break
        if any(a <= t_start < b for a, b in inside):
            position, after_source = t_end, False
            continue
        allowed = (token in _SUBJECT_WORDS or token in lexicon.roles or token in lexicon.nationalities
                   or token in _attribution("source_noun") or token in _attribution("source_adjective")
                   or (token[:1] == "و" and token[1:] in _attribution("source_noun"))  # مسؤول محلي ومصادر
                   or "ال" + token in lexicon.nationalities  # مسؤول عسكري مصري
                   or (token == "من" and after_source) or token == "-"
                   or (token.startswith("ال") and len(token) > 3 and token not in _CONTENT_MARKERS)
                   # a role's genitive complement: الأمين العام للأمم المتحدة, المتحدث الرسمي للجيش
                   or (token.startswith("لل") and len(token) > 4 and position > tokens[0][0]
                       and token not in _ADDRESSEES))
        if not allowed:
            break
        after_source = token in _attribution("source_noun") or (after_source and token in _attribution("source_adjective"))
        position = t_end
    return position


def _speaker_for(text: str, sentence: Span, cue_start: int, cue_end: int, segment_end: int,
                 mentions: list[Mention], verb: SpeechVerb, lexicon: Lexicon,
                 sentence_cues: list[tuple[int, int, SpeechVerb]] | None = None) -> _Speaker | None:
    """The speaker of one verb; None means "the previous speaker", _NOBODY means "skip it". `sentence_cues`:
    the sentence's speech verbs, whose opening one's subject a later verb without its own shares."""
    written = normalize_key(text[cue_start:cue_end])
    bare = written[1:] if written[:1] in ("و", "ف") and written[1:] in lexicon.speech_verbs else written
    if bare in _attribution("aside"):
        return _NOBODY  # يذكر أن، يشار إلى أن: the writer's own aside
    if bare in _attribution("passive_report"):  # وأفيد بأن: reported by nobody named, kept as written
        return _Speaker(None, text[cue_end - len(bare):cue_end] if written != bare else text[cue_start:cue_end],
                        end=cue_end)
    actors = [m for m in mentions if m.type != "LOCATION" or m.source == "lexicon"]
    actors = [m for m in actors if m.source != "gazetteer" and m.source != "geonames" and m.source != "context"
              and not _adjective_person(m, lexicon)]
    before = [m for m in actors if sentence.start <= m.start and m.end <= cue_start and not _is_addressee(text, m)
              and not _inside_quote(text, sentence.start, m.start)]  # never a name inside an earlier quotation
    subject = _headline_subject(text, mentions, sentence, cue_start, verb)
    if subject is not None:
        return _Speaker(subject.entity_id, subject.text)  # headline SVO: حكومة الوفاق تؤكد
    tokens = _tokens(text, cue_end, segment_end)
    limit = _content_boundary(tokens, segment_end)
    start = cue_end
    whole = _tokens(text, cue_end, sentence.end)  # a relay's source may hold verbs of its own
    relay = _relay_start(whole, _content_boundary(whole, sentence.end), verb)
    if relay is not None:  # نقلت وكالة X عن Y قوله إن ...، قالت صحيفة X نقلا عن Y إن ...: Y speaks
        if relay < 0:
            return _NOBODY if relay == _NO_SOURCE else None  # ونقل عنه: the previous speaker
        return _relay_source(text, [t for t in whole if t[0] >= relay], actors, lexicon)
    owner = _statement_owner(text, tokens, actors, lexicon)
    if owner is not None:  # وقال بيان للشركة المنتجة إن، وأكد بيان صادر عن المقاومة أن
        return owner
    if tokens and tokens[0][2] in _attribution("not_source") and not any(
            m.start <= tokens[0][0] < m.end for m in actors):
        return _DOCUMENT  # ويدعو القرار إلى، كما يطالب الاتفاق: a law or a document says nothing
    chain_end = _chain_end(text, tokens, mentions, limit, lexicon)
    subject_end = segment_end  # where the subject slot closes
    if tokens and tokens[0][2] in _attribution("source_noun"):
        # وأكد مصدر قبلي في شبوة لـ«الشرق الأوسط» سيطرة قوات الرئيس ...: the source is named before the outlet it
        # spoke to; the people after that are in what it said
        subject_end = min([segment_end] + [t[0] for i, t in enumerate(tokens) if i and (
            t[2] in _ADDRESSEES or (t[2] == "ل" and i + 1 < len(tokens) and tokens[i + 1][2] in _NAME_QUOTES))])
        chain_end = min(chain_end, subject_end)
    candidates = [m for m in actors if start <= m.start < chain_end and not _is_addressee(text, m)
                  and not _in_a_named_place_or_body(text, m)]
    feminine = verb.person == "3fs" or verb.person == "present_f"
    masculine = verb.person == "3ms" or verb.person == "present_m"
    people = [m for m in candidates if m.type == "PERSON" and (not feminine or _feminine_role(m, text, lexicon))]
    others = [m for m in candidates if m.type != "PERSON"]
    # a masculine verb's subject is no body named by a feminine noun (ودعا الحكومة اليمنية إلى: it is called on)
    # (right after the verb: `نفى متحدث باسم القيادة الأفريقية` is the spokesman's)
    subjects = [m for m in others if not (masculine and tokens and m.start < tokens[0][1]
                                          and _feminine_head(m.text, lexicon))]
    chosen = people[0] if people else (subjects[0] if subjects else None)
    if chosen is not None and chosen.type != "PERSON":
        mouth = _through_the_mouth_of(text, tokens, chosen, actors, limit, lexicon)
        if mouth is not None:  # اعتبرت السلطة الفلسطينية على لسان الناطق باسم الرئاسة نبيل أبو ردينة
            return _Speaker(mouth.entity_id or None, mouth.text, end=mouth.end)
    if chosen is None or chosen.type != "PERSON":
        # رئيس بعثة منظمة «أطباء بلا حدود» في اليمن حسن بوسنين: the person who holds the role speaks
        bearer = _role_bearer(text, [t for t in tokens[:_BEARER_WINDOW] if t[0] < subject_end], actors, limit, lexicon)
        if bearer is not None and (not feminine or _feminine_role(bearer, text, lexicon)):
            chosen = bearer
    if tokens and tokens[0][2] in _attribution("source_noun") and (chosen is None or chosen.type != "PERSON") \
            and chain_end > tokens[0][1] and not any(m.start <= tokens[0][0] < m.end for m in actors) \
            and not (len(tokens) > 1 and tokens[1][2].startswith("باسم")):  # متحدث باسم X speaks for X
        # شاهد عيان من رويترز، مصدر في قوات البيشمركة: an unnamed source, written as it is named
        addressed = [m.start for m in actors if _is_addressee(text, m) and tokens[0][0] < m.start < chain_end]
        named = [t for t in tokens if t[1] <= min([chain_end] + [a - 1 for a in addressed])]
        while len(named) > 1 and (named[-1][2] in _PREPOSITIONS or named[-1][2] in _SUBJECT_WORDS
                                  or not named[-1][2].isalnum() or named[-1][2] in _ADDRESSEES
                                  or named[-1][2][1:] in _attribution("name_noun")):
            named = named[:-1]  # مصادر في | لجنه إغاثة عدن
        # مصادر من حكومة الوفاق: kept as written, and filed under the body it speaks from (never a news
        # outlet: شاهد عيان من رويترز is no Reuters statement)
        body = next((m for m in others if named[0][0] <= m.start and m.end <= named[-1][1]
                     and m.type == "ORGANIZATION" and m.entity_id not in _media_ids(lexicon)), None)
        return _Speaker(body.entity_id if body else None, text[named[0][0]:named[-1][1]], end=chain_end)
    if chosen is None:
        chosen = _construct_subject(text, tokens, actors, limit)
    if chosen is not None:
        return _Speaker(chosen.entity_id or None, chosen.text, end=chosen.end)
    if candidates:
        return _NOBODY  # only a masculine name after a feminine verb: an object (دعت حفتر)
    phrase = _noun_phrase(text, tokens, start, limit, lexicon)
    head = normalize_key(phrase).split()[0] if phrase else ""
    if head in lexicon.roles or (head.startswith("ال") and head[2:] in lexicon.roles):
        named = _appositive_person(text, actors, tokens, segment_end)
        if named is not None:  # قلل المستشار ... المتحدث باسم قوات التحالف، العميد أحمد عسيري، من ...
            return _Speaker(named.entity_id, named.text, end=named.end)
    if phrase and _anaphoric(phrase):
        return _Speaker(None, phrase, end=text.find(phrase, start) + len(phrase), anaphor=True)
    at = text.find(phrase, start) if phrase else -1
    in_subject_slot = bool(phrase) and _is_subject(phrase) and not _object_like(phrase, lexicon)
    agent = in_subject_slot and _agent_like(text, phrase, at, mentions, lexicon)
    if in_subject_slot and masculine and _feminine_head(phrase, lexicon):
        return None  # كما دعا قيادة التمرد إلى: the body called on; the speaker is the one before
    if in_subject_slot and not agent and not _said_after(tokens, at + len(phrase)):
        return _NOBODY  # كشف ملابسات الحادث، جددت حاجز الأسلاك: a common noun as the verb's object, nothing said
    if agent:
        # The verb has its own subject, one nobody listed (مصادرنا, الخيالي, مسعفون وضابط بالشرطة): it
        # speaks, kept as text; the previous speaker is never carried over a subject of its own.
        quoted = _quoted_name_after(text, at + len(phrase), segment_end) if normalize_key(phrase) in \
            _attribution("name_noun") else None
        if quoted is not None:  # وقال موقع "سكاي نيوز عربية": the site is the one its name says
            return _Speaker(None, text[at:quoted], end=quoted)
        return _Speaker(None, phrase, end=_past_name_quote(text, at + len(phrase)))
    opener = _tokens(text, sentence.start, cue_start)
    kana = _kana_subject(text, opener, actors, lexicon)
    if kana is not None:  # وكانت وسائل إعلامية تحدثت عن، وكان رئيس الأركان ... قد أعلن
        return kana
    source = _source_before(text, opener, lexicon)
    if source is not None:  # أنباء تتحدث عن، بعد تقارير غربية أشارت إلى
        return source
    if opener and opener[0][2] in ("في", "وفي"):  # وفي بيان للجيش، قال إن: the statement's owner speaks
        owner = _statement_owner(text, opener[1:], actors, lexicon, media=False)
        if owner is not None:
            return replace(owner, end=0)
    if sentence_cues and opener:  # ودان دبلوماسي أميركي كبير ... الهجمات ...، وأضاف أنه: the opening verb's subject
        opening = _main_verb_subject(text, sentence, cue_start, sentence_cues, mentions, lexicon)
        if opening is not None:
            return replace(opening, inferred=False)
    if before and opener:
        subject = next((m for m in before if m.type == "PERSON"), before[-1])
        return _Speaker(subject.entity_id, subject.text)  # subject earlier in the sentence
    return None


# Attribution without a speech verb of its own: "..., according to X" (بحسب، حسب، وفق، طبقا لـ، نقلا عن).
_ACCORDING = ("بحسب", "حسب", "حسبما", "وفق", "وفقا", "وفقاً", "طبقا", "طبقاً", "نقلا عن", "نقلاً عن")


_ACCORDING_KEYS = frozenset(normalize_key(w) for phrase in _ACCORDING for w in phrase.split())


@lru_cache(maxsize=1)
def _according_matcher() -> Matcher[str]:
    return Matcher(((phrase, "according to") for phrase in _ACCORDING), min_length=3)


def _only_ma_between(text: str, start: int, end: int) -> bool:
    """Between an attribution phrase and a verb: nothing, or `ما` / `لما` (بحسب ما ذكر, وفقا لما أعلنه)."""
    if _four_letters().match(text, start, end):
        return False  # four characters normalisation keeps: more than لما (not normalising the rest)
    return normalize_key(text[start:end]).split() in ([], ["ما"], ["لما"])


@lru_cache(maxsize=1)
def _four_letters() -> re.Pattern[str]:
    """Four characters that are neither space nor deleted by normalisation, from where it starts."""
    deleted = re.escape("".join(chr(code) for code, mapped in character_table().items() if not mapped))
    return re.compile(rf"(?:[\s{deleted}]*[^\s{deleted}]){{4}}")




def _verb_like(verbs: Matcher[SpeechVerb], token: str) -> bool:
    """A speech verb, also with an object pronoun: ذكرته, أعلنه, أوردتها."""
    return any(verbs.find(form) for form in (token, token[:-1], token[:-2]) if len(form) >= 3)


def _according_to(doc: Document, cues: list[tuple[int, int, str]], mentions: list[Mention],
                  verb_cues: list[tuple[int, int, SpeechVerb]]) -> list[Statement]:
    """Statements attributed by a phrase (`قتل 11 شخصا في القصف، بحسب المرصد السوري`): the speaker is the
    source named after the phrase (skipping `ما` and a speech verb: بحسب ما ذكر المرصد); the content is
    the clause before it, or, when the sentence opens with it (وبحسب المصادر، فإن ...), what follows."""
    text, lexicon = doc.text, doc.lexicon
    verbs = _verb_matcher(lexicon)
    made: list[Statement] = []
    for sentence in doc.sentences:
        for cue_start, cue_end, _label in within(cues, sentence):
            if _inside_quote(text, sentence.start, cue_start):
                continue
            before = text[sentence.start:cue_start]
            clause_start = sentence.start + max(before.rfind("."), before.rfind("؛"), -1) + 1
            if within(verb_cues, Span(clause_start, cue_start)):
                continue  # وأفاد المصادر بحسب سكاي نيوز: the verb has the speaker, the phrase names a channel
            tokens = _tokens(text, cue_end, sentence.end)
            skip = 0
            while skip < len(tokens) and skip < 2 and (tokens[skip][2] in ("ما", "لما") or _verb_like(
                    verbs, tokens[skip][2])):
                skip += 1  # بحسب ما ذكرته, وفقا لما أعلن
            if 0 < skip < len(tokens) and tokens[skip][2] in _VERB_OBJECT_PRONOUNS:
                skip += 1  # حسب ما أفاد به الناطق: the verb's preposition, then the source
            if skip < len(tokens) - 2 and tokens[skip][2] in _APPEARED and tokens[skip + 1][2] in ("في", "علي"):
                skip += 2  # وفق ما جاء على الصفحة الرسمية للمتحدث العسكري: where it appeared, then whose
            if skip < len(tokens) - 1 and tokens[skip][2] in _REMARKS and \
                    tokens[skip + 1][2] in _attribution("source_noun"):
                skip += 1  # وفق تصريحات مصدر عسكري: the source, not his remarks
            if skip >= len(tokens) or tokens[skip][2] in _attribution("not_source"):
                continue  # بحسب القانون: a law or a document is no speaker
            source_start = tokens[skip][0]
            phrase_end = _source_end(text, tokens[skip:], sentence.end)
            person = next((m for m in mentions if m.type == "PERSON" and phrase_end <= m.start <= phrase_end + 30
                           and m.start < sentence.end and not re.search(r"[،,.؛:«»\"]", text[phrase_end:m.start])),
                          None)
            if person is not None and not any(t[2] in _PREPOSITIONS for t in tokens[skip:]
                                              if phrase_end <= t[0] < person.start) \
                    and any(_is_role_behind_lam(t[2], lexicon) for t in tokens[skip:] if t[0] < person.start):
                phrase_end = person.end  # الناطق الإعلامي لشرطة المنطقة الشرقية العقيد زياد الرقيطي: the role's bearer
            # never one named after a preposition (مصدر مقرّب من رئيس الحكومة تمام سلام: the source, close to him),
            # but في (مصادر في وزارة الدفاع); the spokesman named, not the police he speaks for
            named = [m for m in mentions_within(mentions, Span(source_start, phrase_end))
                     if m.source not in ("gazetteer", "geonames", "context") and not any(
                         t[2] in _PREPOSITIONS and t[2] != "في" for t in tokens[skip:] if source_start < t[0] < m.start)]
            named.sort(key=lambda m: m.type != "PERSON")
            speaker_id = named[0].entity_id if named else None
            speaker_text = named[0].text if named else _without_lam(
                text[source_start:phrase_end].strip(" ،,.-–"), normalize_key(text[cue_start:cue_end]))
            if not speaker_text or (not named and not _agent_like(text, speaker_text, source_start, mentions, lexicon)):
                continue  # وفقا لحجم المشاهدات، حسب الحاجة: according to a measure, not to a source
            content_start, content_end = clause_start, cue_start
            # وبحسب المصادر، فإن ...، or the sentence's first words: the phrase opens the clause it attributes;
            # `...، بحسب ما كشف مصدر` closes the clause before it
            opens_clause = normalize_key(before).strip(" ،,") in ("", "و") or \
                normalize_key(text[cue_start:cue_end]).startswith("و")
            after = text[phrase_end:sentence.end]
            if len(normalize_key(text[content_start:content_end]).split()) < 3 or (
                    opens_clause and len(normalize_key(after).split()) >= 4):
                content_start, content_end = phrase_end, sentence.end  # وبحسب المصادر، فإن ...: what follows
                fa_inna = _FA_INNA_RE.search(text, phrase_end, sentence.end)
                if fa_inna is not None:  # وفق مصدر عسكري، لم يتم ذكر اسمه، بقاعدة طبرق، فإن ...: from فإن on
                    content_start = fa_inna.start(1)
                content_end = next((c_start for c_start, _c_end, verb in verb_cues
                                    if content_start < c_start < content_end and _hangs_on_clause(text, c_start, verb)
                                    and text[:c_start].rstrip().endswith(("،", ","))), content_end)
                # ...، مضيفا بأن: what he added is a statement of its own
            content = text[content_start:content_end].strip(" ،,.:؛-\n")
            first, _, rest = content.partition(" ")
            content = rest.lstrip() if normalize_key(first) in ("فان", "فانه", "فانها", "ان", "انه") else content
            if len(content.split()) < 3:
                continue
            q_start = text.find(content, content_start)
            when, precision = _said_on(text, doc.times, sentence, cue_start, phrase_end, doc.published)
            made.append(Statement(
                start=sentence.start, end=sentence.end, sentence=text[sentence.start:sentence.end],
                speaker_id=speaker_id, verb="according to", verb_ar=text[cue_start:cue_end], stance="neutral",
                quote=content, direct=False, date=when, date_precision=precision, cue_start=cue_start,
                cue_end=cue_end, quote_start=q_start, quote_end=q_start + len(content), speaker_inferred=False,
                speaker_text=speaker_text))
    return made


_FA_INNA_RE = re.compile(r"[،,]\s*(ف[إا]ن)")
_VERB_OBJECT_PRONOUNS = frozenset(normalize_key(w) for w in ("به", "بها", "لنا", "له", "لها", "عنه", "عنها"))
_APPEARED = frozenset(normalize_key(w) for w in ("جاء", "ورد"))
_REMARKS = frozenset(normalize_key(w) for w in ("تصريحات", "تصريح", "أقوال", "رواية"))


def _without_lam(source: str, cue: str) -> str:
    """The source after `وفقا لـ` / `طبقا لـ` without its ل: لمصادر -> مصادر, للمسؤولين -> المسؤولين."""
    if cue not in ("وفقا", "طبقا", "ووفقا", "وطبقا") or not source.startswith("ل"):
        return source
    return "ا" + source[1:] if source.startswith("لل") else source[1:]


_SOURCE_TO_FA_INNA = 12  # words: a source that runs, unpunctuated, to فإن is all of it


def _source_end(text: str, tokens: list[tuple[int, int, str]], sentence_end: int) -> int:
    """Where the source named after an attribution phrase ends: right before a فإن within twelve words with
    no punctuation before it (the content starts there); else at punctuation, a content marker, a speech verb
    or a preposition, after at most six words."""
    end = tokens[0][1] if tokens else sentence_end
    fa_inna = next((i for i, (_s, _e, token) in enumerate(tokens[:_SOURCE_TO_FA_INNA])
                    if token in ("فان", "فانه", "فانها") or not (token.isalnum() or token == "-")), None)
    if fa_inna and tokens[fa_inna][2] in ("فان", "فانه", "فانها"):
        return tokens[fa_inna - 1][1]  # وفقا للناطق الإعلامي لشرطة منطقة القصيم الرائد بدر السحيباني فإن: all of it
    quoted = False
    for count, (_start, t_end, token) in enumerate(tokens):
        if token in ('"', "«", "“", "”", "»"):  # a quoted name: صحيفة "ديلي ميل", قناة «العربية»
            quoted = not quoted if token in ('"',) else token in ("«", "“")
            end = t_end
            continue
        if not quoted and (count >= 6 or token in _CONTENT_MARKERS or token in ("فان", "فانه", "فانها")
                           or (count and token in _PREPOSITIONS and token != "في")):
            break
        if not token.isalnum() and token not in ("-",):
            break
        end = t_end
        if not quoted and text[t_end:t_end + 1] in "،,.؛:":
            break
    return end


def _headline_subject(text: str, mentions: list[Mention], sentence: Span, cue_start: int,
                      verb: SpeechVerb) -> Mention | None:
    """The actor right before a present-tense verb (headline word order: والبنتاغون ينفي)."""
    if not verb.person.startswith("present"):
        return None
    before = [m for m in mentions if sentence.start <= m.start and m.end <= cue_start and m.source == "lexicon"]
    if before and len(_tokens(text, before[-1].end, cue_start)) == 0 and not _said_of(text, before[-1].start):
        return before[-1]
    return None


def _said_of(text: str, subject_start: int) -> bool:
    """The subject of a present-tense verb comes right after إن/أن: it is inside what was said (وقال أوباما إن
    واشنطن تبدي اهتماما: Obama speaks, of Washington)."""
    return normalize_key(previous_word(text, subject_start)[0]) in _CONTENT_MARKERS


def _construct_subject(text: str, tokens: list[tuple[int, int, str]], actors: list[Mention],
                       limit: int) -> Mention | None:
    """`تعترف فيها قيادة أفريكوم`: an actor within three words of the verb, no preposition between."""
    for position, (t_start, _t_end, token) in enumerate(tokens[:4]):
        if t_start >= limit:
            return None
        hit = next((m for m in actors if m.start <= t_start < m.end or t_start <= m.start < _t_end), None)
        if hit is not None:
            return None if _is_addressee(text, hit) or position == 0 else hit
        if token in _PREPOSITIONS or (token.startswith("ب") and not token.startswith("بال") and position == 0):
            return None
        if token in _ACCORDING_KEYS or (position == 0 and token in _attribution("source_noun")):
            return None  # مصادر محلية بحسب قناة الجزيرة: the sources speak, the channel relays
    return None


def _feminine_role(mention: Mention, text: str = "", lexicon: Lexicon | None = None) -> bool:
    """A person a feminine verb can have as subject: one introduced by a feminine role, or named next
    to a feminine role word (المستشارة الألمانية انجيلا ميركل، زهرة آدم المسؤولة المحلية)."""
    if "woman" in (mention.role or "").lower():
        return True
    if not text or lexicon is None:
        return False
    near = text[max(0, mention.start - 40):mention.start].split()[-3:] + text[mention.end:mention.end + 30].split()[:1]
    keys = [normalize_key(word) for word in near if word.endswith("ة")]
    return any(key.startswith("ال") and (key[2:-1] in _attribution("source_noun") or _is_role_word(key, lexicon)
                                          or _is_role_word(key[:-1], lexicon)) for key in keys)


def _feminine_head(phrase: str, lexicon: Lexicon) -> bool:
    """The phrase's first word is a feminine noun in ة and no role (`قيادة التمرد`, `الحكومة اليمنية`,
    `منظمة العفو`; not `خليفة حفتر`, a role's `رئاسة`...): a masculine verb cannot have it as subject."""
    words = phrase.split()
    if not words or not words[0].endswith("ة"):  # as written: ه is also his (معاليه، سموه)
        return False
    head = words[0]
    key = normalize_key(head)
    # a common word (قيادة، الحكومة، منظمة), not a family name nobody listed (العواملة، نسيرة)
    return (_common_word(head) or (head[:1] == "و" and _common_word(head[1:]))) and not _is_role_word(key, lexicon) \
        and key.removeprefix("ال") not in _attribution("source_noun")


def _content_boundary(tokens: list[tuple[int, int, str]], segment_end: int) -> int:
    name_closes = -1
    for index, (start, _end, token) in enumerate(tokens[:16]):
        if index == name_closes:
            continue
        if token in {"“", "«", '"', "”"} and _quoted_name(tokens, index):
            # وشدد "عسيري" على أن: a name in quotation marks, not the quote
            name_closes = next(i for i in range(index + 1, len(tokens)) if tokens[i][2] in _NAME_QUOTES)
            continue
        if token in _CONTENT_MARKERS or token in {":", "“", "«", '"', "”"}:
            return start
    return tokens[min(len(tokens), 12) - 1][1] if tokens else segment_end


def _named_earlier(speaker: _Speaker, mentions: list[Mention], before: int) -> _Speaker:
    """A body named again by its head noun (المرصد after المرصد السوري لحقوق الإنسان, الشبكة after
    الشبكة السورية لحقوق الإنسان) is the body named earlier in the article: the latest such mention."""
    words = normalize_key(speaker.text).split()
    if len(words) != 1 or not words[0].startswith("ال") or len(words[0]) < 5:
        return speaker
    earlier = [m for m in mentions if m.end <= before and m.type == "ORGANIZATION" and m.entity_id
               and normalize_key(m.text).split()[:1] == words and len(normalize_key(m.text).split()) > 1]
    return replace(speaker, actor_id=earlier[-1].entity_id) if earlier else speaker


def _appositive_person(text: str, actors: list[Mention], tokens: list[tuple[int, int, str]],
                       segment_end: int) -> Mention | None:
    """A person named after a comma that closes the role phrase in the subject slot, before any content
    marker, within twenty words of the verb."""
    end = next((t[0] for t in tokens[:20] if t[2] in _CONTENT_MARKERS or t[2] == ":"),
               tokens[min(len(tokens), 20) - 1][1] if tokens else segment_end)
    start = tokens[0][0] if tokens else segment_end
    def after_comma(mention: Mention) -> bool:  # ، العميد ركن أحمد: a comma, then at most a title or two
        before = text[max(start, mention.start - 40):mention.start]
        cut = max(before.rfind("،"), before.rfind(","))
        return cut >= 0 and len(before[cut + 1:].split()) <= 2

    return next((m for m in actors if m.type == "PERSON" and start <= m.start < end and after_comma(m)), None)


def _quoted_name(tokens: list[tuple[int, int, str]], index: int, words: int = 2) -> bool:
    """An opening quotation mark that closes again after one or two words (a name, not a quotation)."""
    closing = next((i for i in range(index + 1, min(len(tokens), index + words + 2)) if tokens[i][2] in _NAME_QUOTES),
                   None)
    return closing is not None and closing - index <= words + 1 and (index == 0 or tokens[index - 1][2] not in
                                                                     _NAME_QUOTES)


def _noun_phrase(text: str, tokens: list[tuple[int, int, str]], start: int, limit: int, lexicon: Lexicon) -> str:
    words = []
    bracket_end = -1  # a name in brackets after a noun that introduces one: صحيفة (جارديان) الإنجليزية
    for index, (t_start, t_end, token) in enumerate(tokens):
        if t_start < start or (token in _NAME_QUOTES and not words):
            continue  # a name in quotation marks: وشدد "عسيري" على أن
        if t_start < bracket_end:
            words.append((t_start, t_end, token))
            continue
        if token == "(" and words and words[-1][2] in _attribution("name_noun"):
            close = next((t for t in tokens[index + 1:index + 6] if t[2] == ")"), None)
            if close is not None and close[1] <= limit:
                bracket_end = close[1]
                words.append((t_start, t_end, token))
                continue
        if token in _NAME_QUOTES:
            break
        ali = is_name_ali(text, t_end, token)
        if t_start >= limit or not token.isalnum() or (token in _BRIDGE_WORDS and not ali) or \
                (token in _PREPOSITIONS and not ali) or (token[:1] == "ل" and token in _ADDRESSEES) or \
                (token[:1] == "ل" and token[1:] in _attribution("name_noun")) \
                or token.startswith("لل") or token in lexicon.speech_verbs or (words and token in _NOT_SUBJECTS):
            break
        if words and _is_role_word(token, lexicon) and not _is_role_word(words[-1][2], lexicon):
            break  # محمد علي جعفري | قائد الحرس الثوري: the role in apposition is not the name
        if words and not _is_role_word(words[-1][2], lexicon) and _object_like(text[t_start:t_end], lexicon):
            break  # وأعلنت طالبان | مسؤوليتها: the object after the subject (رئيسة تحريرها is one role)
        if words and words[-1][2].startswith("ال") and not token.startswith(("ال", "ل")) and \
                not _is_role_word(words[-1][2], lexicon) and (words[-1][2] not in lexicon.nationalities
                                                              or _common_noun(text[t_start:t_end])):
            break  # a definite noun takes no indefinite adjective: المرصد | حصيلة القتلى, الوزير اليمني | أدوارا
            # (after a nationality, a name: الرئيس اليمني عبد ربه منصور هادي)
        words.append((t_start, t_end, token))
        if len([w for w in words if w[2].isalnum()]) == 4:
            break
    if not words:
        return ""
    return text[words[0][0]:words[-1][1]]


# Words right after a speech verb that are not its subject: circumstantial participles (قائلا), adverbs.
_NOT_SUBJECTS = frozenset(normalize_key(w) for w in [
    "قائلا", "قائلة", "مضيفا", "مضيفة", "موضحا", "موضحة", "مشيرا", "مشيرة", "مؤكدا", "مؤكدة", "معتبرا",
    "معتبرة", "متابعا", "لافتا", "لافتة", "هاتفيا", "صراحة", "أيضا", "ايضا", "كذلك", "مجددا", "سابقا", "لاحقا",
    "حينها", "آنذاك", "اليوم", "أمس", "امس", "الليلة", "صباح", "مساء", "ظهر", "فجر", "الاثنين", "الثلاثاء",
    "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "إنه", "إنها", "إنهم", "له", "لها", "لهم", "فيه", "فيها",
    "عنه", "عنها", "بعدها", "إثر", "عقب", "ردا", "تعليقا", "نقلا", "وفقا", "حسب", "بحسب", "ما", "إذا", "اذا",
    "ان", "انه", "لن", "لا", "لم", "قد", "هو", "هي", "هذا", "هذه", "ذلك", "تلك", "الذي", "التي", "بيانا", "تصريحا",
    "إليه", "إليها", "إليهم", "عليه", "عليها", "عليهم", "منه", "منها", "منهم", "معه", "معها", "معهم", "به", "بها",
    "بهم", "مؤخرا", "مؤخراً", "حديثا", "مخاطبا", "مخاطبة", "مخاطبين", "حتى", "بهن", "فورا", "حاليا", "رسميا",
    "علنا", "مباشرة", "جاء", "جاءت", "كان", "كانت", "يكون", "تكون", "المناطق", "الأمر", "الامر",
])


def _is_subject(phrase: str) -> bool:
    """A phrase in the subject slot that can be a speaker: its first word is neither a participle,
    an adverb, a date word nor a particle."""
    words = normalize_key(phrase).split()
    if words and words[0].startswith(("بال", "لل", "كال")):
        return False  # a prepositional phrase (بالدخول، بالخطيرة) is no subject
    return bool(words) and words[0] not in _NOT_SUBJECTS and len(words[0]) >= 3 and not words[0].isdigit()


def _agent_like(text: str, phrase: str, at: int, mentions: list[Mention], lexicon: Lexicon) -> bool:
    """A subject nobody listed (`phrase`, at `at` in `text`) that can speak: its first word is a role, a source,
    a body, a title or a person named by what he is (`مسؤولون`, `المرصد`, `الوزارة`, `سماحة`, `امرأة`), a plural
    of people (`اقتصاديون`, `المشاركين`), a part of a group of those (`عدد من`, `بعض المسؤولين`), a name found
    there (`بروكسل`, a place that speaks for its government), none of the news' commonest words (a name nobody
    listed), a family name met after a given name, or one bare word right before what is said or the verb's
    adverbial (`واعترف كروز بأنه`، `وقالت أبل إنها`، `وقال بحر مخاطبا`). A common noun (`الشهر الماضي`,
    `توقعاتها`, `حاجز الأسلاك`) or a verb (`يجب`) in the slot after the verb is its adverbial or object: the
    verb's subject is a pronoun."""
    written = phrase.split()[0].strip("«»\"'()")
    if not _common_word(written) and not _common_word(written.removeprefix("و")):
        return True
    if any(m.start <= at < m.end for m in mentions):
        return True
    if written.startswith("ال") and _after_a_given_name(text, written):
        return True  # وقال عبدالله المفرج ... وبين المفرج: a family name that is also a common word
    bare_words = [w for w in phrase.split()[1:] if w.isalpha() and not w.startswith(("ال", "و"))
                  and not (w[:1] in ("ب", "ل", "ك") and _common_word(w[1:].removeprefix("ال")))]
    if any(not _common_word(w) for w in bare_words):
        return True  # وتقول سيما جاياشاندران: a name, its first word also a common one
    following = _tokens(text, at + len(phrase), min(len(text), at + len(phrase) + 12))
    after = following[0][2] if following else ""
    if len(phrase.split()) == 1 and not written.startswith(("ال", "ي")) and written.isalpha() \
            and not written.endswith(_POSSESSIVES + ("ا",)) \
            and not (written[:1] in ("ب", "ل") and len(written) > 4 and _common_word(written[1:])):  # بتحديد
        if after in _CONTENT_MARKERS or after in (":", "«", "\"", "“") or after in _NOT_SUBJECTS \
                or after in _BRIDGE_WORDS:
            return True  # a bare word, then what is said or the verb's adverbial: a name (أبل، كروز، بحر مخاطبا)
    forms = _first_word_forms(written)
    if forms & _attribution("quantifier"):  # عدد من السكان، بعض المسؤولين; not بحسب عدد الأجهزة
        rest = phrase.split()[1:]
        return after == "من" or bool(rest) and _agent_word(rest[0], lexicon)  # عدد كبير من أعضاء الكونغرس
    return _agent_word(written, lexicon)


def _first_word_forms(written: str) -> set[str]:
    """A word's forms as a speaker's first word: without و and ال, without a possessive, and a plural in
    construct with its ن (مسؤولي الأهلي، مسؤولو الوزارة)."""
    key = normalize_key(written)
    forms = {key, key.removeprefix("و"), key.removeprefix("ال"), key.removeprefix("وال")}
    forms |= {form[:-len(p)] for form in forms for p in _POSSESSIVES if form.endswith(p) and len(form) > len(p) + 2}
    forms |= {form + "ن" for form in forms if form.endswith(("ي", "و"))}
    return forms


def _agent_word(written: str, lexicon: Lexicon) -> bool:
    """A word that names one who can speak (see _agent_like), or a plural of people (-ون, -ين)."""
    return any(form in _agent_words(lexicon) or form.endswith(("ون", "ين")) for form in _first_word_forms(written))


def _after_a_given_name(text: str, word: str) -> bool:
    """`word` follows a known given name somewhere in `text` (عبدالله المفرج): it is that person's family name."""
    return any(previous and is_known_name(previous) for _at, previous in whole_word_occurrences(text, word))


_SAID_WITHIN = 6  # words after a phrase in the subject slot within which what is said begins


def _said_after(tokens: list[tuple[int, int, str]], end: int) -> bool:
    """What is said begins within a few words after `end`, in the same clause (`قال الشهر الماضي للصحافيين
    إن`): a content marker, a colon or an opening quotation mark."""
    for _start, _end, token in [t for t in tokens if t[0] >= end][:_SAID_WITHIN]:
        if token in _CONTENT_MARKERS or token in (":", "«", "\"", "“"):
            return True
        if token in ("،", ",", ".", "؛", ";"):
            return False
    return False


@lru_cache(maxsize=4)
def _agent_words(lexicon: Lexicon) -> frozenset[str]:
    """The first words of a subject nobody listed that can speak (see _agent_like)."""
    return (_role_heads(lexicon) | _attribution("source_noun") | _attribution("name_noun") | _attribution("honorific")
            | {normalize_key(w.split()[0]) for w in _attribution("honorific")} | _attribution("statement_noun")
            | _attribution("speaking_body") | _attribution("speaking_source") | _attribution("person_noun")
            | _PLURAL_SUBJECTS)


def _of_its_nationality(anaphor: _Speaker, last: tuple[_Speaker, int], spoke: list[tuple[_Speaker, int]],
                        index: int, text: str, mentions: list[Mention], lexicon: Lexicon) -> tuple[_Speaker, int] | None:
    """Whom a role with a nationality points back to (`وأضاف الوزير الإسرائيلي`): the last speaker of that
    country (its registry entry's, else the nationality written around where it was first named: `وزير الطاقة
    الإسرائيلي يوفال شتاينتز`) within reach, not a later speaker of another (`كيري`); the last speaker when the
    role names no nationality or nobody's country is known; None (the role as written) when the last speaker is
    of another country and no one earlier is of this one."""
    forms = nationality_forms(lexicon)
    wanted = next((forms[w] for w in normalize_key(anaphor.text).split()[1:] if forms.get(w)), None)
    if wanted is None:
        return last
    of_last = _countries_of(last, text, mentions, lexicon, forms)
    if wanted in of_last:
        return last
    match = next((said for said in reversed(spoke) if said is not last and index - said[1] <= _CARRY_WINDOW
                  and wanted in _countries_of(said, text, mentions, lexicon, forms)), None)
    if match is not None:
        return match
    return None if of_last else last


def _countries_of(said: tuple[_Speaker, int], text: str, mentions: list[Mention], lexicon: Lexicon,
                  forms: dict[str, str | None]) -> frozenset[str]:
    """The country a speaker is of: its registry entry's, else those of the nationality adjectives in the
    words around where it is first named (its role: `وزير الخارجية الأمريكي جون كيري`)."""
    speaker = said[0]
    entry = lexicon.actors.get(speaker.actor_id) if speaker.actor_id else None
    if entry is not None and entry.country:
        return frozenset({entry.country.upper()})
    first = next((m for m in mentions if speaker.actor_id and m.entity_id == speaker.actor_id), None)
    if first is None:
        return frozenset()
    around = text[max(0, first.start - 40):first.end + 25]
    return frozenset(forms[w] for w in normalize_key(around).split() if forms.get(w))


def _anaphoric(phrase: str) -> bool:
    """`المتحدثة`, `المصدر ذاته`: a definite role that points back to the last speaker."""
    words = normalize_key(phrase).split()
    return bool(words) and words[0] in _ANAPHORS


def _after_subject(text: str, cue_end: int, segment_end: int, mentions: list[Mention], times: list[TimeMention],
                   lexicon: Lexicon) -> int:
    """Where the content can start: after the subject slot, its date and any addressee (للجزيرة)."""
    tokens = _tokens(text, cue_end, segment_end)
    position = _chain_end(text, tokens, mentions, _content_boundary(tokens, segment_end), lexicon)
    for time in times:
        if cue_end <= time.start <= position + 4 and not any(c in _NAME_QUOTES for c in text[position:time.start]):
            position = max(position, time.end)
    for t_start, t_end, token in tokens:
        if t_start < position:
            continue
        if token.startswith("لل") or token in _ADDRESSEES:
            position = t_end
            continue
        break
    return position


def _is_quotation(segment: str, open_at: int, close_at: int) -> bool:
    """Quoted words, not a quoted name: `لـ«الشرق الأوسط»`, `” أفريكوم ”`, `تلفزيون «سي إن إن»` are names."""
    inside = segment[open_at + 1:close_at].split()
    return len(inside) >= 3 and not (len(inside) <= _NAME_WORDS and _names_follow(segment[:open_at]))


_NAME_WORDS = 5  # the most words a quoted name has


def _names_follow(before: str) -> bool:
    """The text before a quotation mark ends with a word that introduces a name (صحيفة، قناة، منظمة) or
    with the preposition ل (لـ«الشرق الأوسط»)."""
    words = before.split()
    if not words:
        return False
    last = words[-1]
    return last in ("ل", "لـ") or last.endswith("لـ") or normalize_key(last) in _attribution("name_noun") or \
        normalize_key(last)[1:] in _attribution("name_noun") and last[0] in "وبل"


def _name_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted names in text[start:end] (تلفزيون «سي إن إن»): where their marks open and close."""
    spans = []
    for opening, closing in _QUOTE_PAIRS:
        at = text.find(opening, start, end)
        while at >= 0:
            close = text.find(closing, at + 1, end)
            if close < 0:
                break
            if len(text[at + 1:close].split()) <= _NAME_WORDS and _names_follow(text[start:at]):
                spans.append((at, close + 1))
            at = text.find(opening, close + 1, end)
    return spans


def _content(text: str, cue_end: int, sentence_end: int, content_from: int | None = None,
             lexicon: Lexicon | None = None) -> tuple[str, int, int, bool]:
    """(content, start, end, direct): the quoted words, else the reported clause, else the rest.

    Quotation marks before `content_from` (the subject slot's end) enclose a name (منظمة «أطباء بلا
    حدود»); a reported clause that starts before the first quotation is the content, quotations and
    all (قال إن التحقيقات «قد اقتربت ...»، وإن ...), unless the quotation opens it (أكد أن «...»)."""
    content_from = _after_open_name(text, cue_end, max(cue_end, content_from or cue_end), sentence_end)
    quote = _first_quotation(text, content_from, sentence_end) or _quotation_across_lines(
        text, content_from, sentence_end, lexicon)
    if quote is not None and text[quote[1] + 1:quote[1] + 3].strip().startswith(":"):
        # تحت عنوان «الحملة الوطنية»: «إن الاحتلال ...»: a title, then what is said after the colon
        said = _first_quotation(text, quote[1] + 1, sentence_end) or _quotation_across_lines(
            text, quote[1] + 1, sentence_end, lexicon)
        quote = said or quote
    names = _name_spans(text, cue_end, sentence_end)
    tokens = _tokens(text, cue_end, sentence_end)
    marker = next(((t_start, t_end) for index, (t_start, t_end, token) in enumerate(tokens)
                   if token in _CONTENT_MARKERS and t_start >= content_from and not any(a <= t_start < b for a, b in names)
                   and not (index and tokens[index - 1][2] in _CONJUNCTIONS_BEFORE_AN)), None)
    if quote is not None and (marker is None or quote[0] < marker[0] or
                              not text[marker[1]:quote[0] - 1].strip(" :،,")):
        start, end = quote[0], quote[1]
        return text[start:end].strip(), start, end, True
    if marker is not None:
        start = marker[1]
        while start < sentence_end and text[start] in " :،,":
            start += 1
        return text[start:sentence_end].strip(), start, sentence_end, False
    start = content_from
    while start < sentence_end and (text[start] in " :،,-" or unicodedata.category(text[start]) == "Mn"):
        start += 1
    return text[start:sentence_end].strip(), start, sentence_end, False


_ACROSS_LINES = 800  # the most characters a quotation runs on after a line break
_LINES_ACROSS = 3  # and the most line breaks it crosses


def _quotation_across_lines(text: str, start: int, end: int, lexicon: Lexicon | None) -> tuple[int, int] | None:
    """A quotation that opens in text[start:end] and closes after a line break (a quoted list, a
    paragraph or two): its words. None when its mark closes too far, after another quotation mark,
    or after a line that opens with a speech verb (a writer who never closed the quotation)."""
    for opening, closing in _QUOTE_PAIRS[:2]:  # “ ” and « »: marks that tell opening from closing
        at = text.find(opening, start, end)
        if at < 0 or text.find(closing, at + 1, end) >= 0 or _names_follow(text[start:at]):
            continue
        close = text.find(closing, end, end + _ACROSS_LINES)
        if close < 0:
            continue
        between = text[end:close]
        lines = between.split("\n")[1:]
        if not 1 <= len(lines) <= _LINES_ACROSS or any(mark in between for mark in '«“"”'):
            continue
        if lexicon is not None and any(_opens_with_verb(_verb_matcher(lexicon), line) for line in lines):
            continue
        return at + 1, close
    return None


def _opens_with_verb(verbs: Matcher[SpeechVerb], line: str) -> bool:
    words = line.split()
    return bool(words) and bool(verbs.find(normalize_key(words[0])))


def _after_open_name(text: str, slot_start: int, slot_end: int, end: int) -> int:
    """Where the content may start: after the subject slot, and after the mark that closes a name quoted in
    it (قال "عسيري" الليلة: "..." — the slot ends inside the marks around the name; the mark after it
    closes the name, it opens no quotation)."""
    slot = text[slot_start:slot_end]
    for opening, closing in _QUOTE_PAIRS[:3]:
        unclosed = slot.count(opening) > slot.count(closing) if opening != closing else slot.count(opening) % 2
        if unclosed:
            close = text.find(closing, slot_end, end)
            if close >= 0 and not text[slot_end:close].strip():
                return close + 1
    return slot_end


def _first_quotation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first quotation (start and end of the words inside the marks) opening in text[start:end]; a
    quoted name (صحيفة "ديلي ميل") is none."""
    segment = text[start:end]
    best: tuple[int, int] | None = None
    for opening, closing in _QUOTE_PAIRS:
        open_at = segment.find(opening)
        while open_at >= 0:
            close_at = segment.find(closing, open_at + 1)
            if close_at < 0:
                break
            if _is_quotation(segment, open_at, close_at):
                if best is None or open_at < best[0]:
                    best = (open_at, close_at)
                break
            open_at = segment.find(opening, close_at + 1)
    return None if best is None else (start + best[0] + 1, start + best[1])


# --- senses and participles ----------------------------------------------------------------------

_COMPLEMENT_PREPOSITIONS = {normalize_key(w): kind for w, kind in [
    ("عن", "about"), ("إلى", "to"), ("الى", "to"), ("من", "from"), ("على", "on")]}
_OPENING_QUOTES = frozenset({"“", "«", '"', "”", "„"})


def _complement(text: str, position: int, end: int) -> str:
    """What follows a speech verb's subject slot at `position`: that, quote, colon, about, to, with,
    from, on, action (a verbal noun), object (any other word) or "" (nothing)."""
    for t_start, t_end, token in _tokens(text, position, end):
        if token in ("،", ",", "-", "–", "(", ")", ""):
            continue
        marker = _marker_kind(token)
        if marker or not token.isalnum():
            return marker
        return "action" if _verbal_noun(text[t_start:t_end]) else "object"
    return ""


_STANCE_WINDOW = 16  # tokens after a verb (its subject, however long, between) where the stance it renews is named


def _stance_named(text: str, position: int, end: int) -> bool:
    """A word naming a stance (دعوته، التأكيد، موقفها: data/attribution.csv stance_noun) among the first words
    after `position`, before what is said begins."""
    for _start, _end, token in _tokens(text, position, end)[:_STANCE_WINDOW]:
        if token in _CONTENT_MARKERS:
            return False
        if token.isalnum() and _first_word_forms(token) & _attribution("stance_noun"):
            return True
    return False


_B_WORDS = frozenset(normalize_key(w) for w in ["بيان", "بين", "بعد", "بلاده", "بلادها", "بدوره", "بدورها"])


def _verbal_noun(written: str) -> bool:
    """A verbal noun of action (الحضور، التوقيع، الانسحاب، الإجابة), as written: the derived forms'
    patterns, or one listed as an action noun in data/attribution.csv."""
    word = _DIACRITICS_RE.sub("", written)
    word = word[2:] if word.startswith("ال") else word
    if normalize_key("ال" + word) in _attribution("action_noun"):
        return True
    return any(pattern.fullmatch(word) for pattern in _VERBAL_NOUN_PATTERNS)


# Derived verbal nouns, on the written word (hamza and ة tell إفعالة from أفعاله): تفعيل تفاعل إفعال
# إفعالة انفعال افتعال استفعال(ة) مفاعلة.
_VERBAL_NOUN_PATTERNS = [re.compile(p) for p in (
    r"ت\w\wي\w", r"ت\wا\w\w", r"إ\w\wا\wة?", r"إ\wا\wة", r"ان\w\wا\w", r"ا\wت\wا\w", r"است\w\wا\wة?",
    r"م\wا\w\wة")]
_DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def _speech_sense(text: str, cue: tuple[int, int, SpeechVerb], sentence_end: int, mentions: list[Mention],
                  times: list[TimeMention], lexicon: Lexicon) -> bool:
    """A verb counts as speech only with a complement its lexicon row lists (رفض أن ... but not رفض
    الحضور; تابع: «...» but not تابع المباراة)."""
    cue_start, cue_end, verb = cue
    if "any" in verb.complements:
        return True
    following = _complement(text, cue_end, sentence_end)
    if following == "action" and "object" in verb.complements and "action" not in verb.complements:
        return False  # رفض الحضور: the verb's object follows it directly
    subject_end = _after_subject(text, cue_end, sentence_end, mentions, times, lexicon)
    kind = _complement(text, subject_end, sentence_end)
    if "stance" in verb.complements and _stance_named(text, cue_end, sentence_end):
        return True  # جدد الرئيس دعوته إلى، جددت الوزارة رفضها: a stance renewed (not جددت الإدارة عقد اللاعب)
    if kind == "object" and "action" not in verb.complements:
        words = [t for t in _tokens(text, subject_end, sentence_end)[:2] if t[2].isalnum()]
        if len(words) == 2 and not words[0][2].startswith("ال") and _verbal_noun(text[words[1][0]:words[1][1]]):
            return False  # رفض باخ التعليق: a name nobody listed, then the verbal noun
    if kind in verb.complements or following in verb.complements - {"object", "action"}:
        return True
    if verb.person.startswith("participle"):
        return False  # a participle has no subject: its complement follows it (مؤكدة أن; not معلومات مؤكدة)
    # The subject slot was misread (a long role, a name nobody listed): the first complement the verb
    # takes within its clause's first words, the content marker not a conjunction's (بعد أن، قبل أن).
    previous, relative = "", False
    for _t_start, _t_end, token in _tokens(text, cue_end, sentence_end)[:_SENSE_WINDOW]:
        if token in _RELATIVES and token not in ("ما", "من"):
            relative = True  # طالبت جبهة النصرة التي تحتجز ...، بالافراج: skip the relative clause to its comma
        elif relative and token in ("،", ","):
            relative = False
        if relative:
            continue  # بين الإفراط والتفريط ... التي ينبغي أن: another clause's أن
        said = lexicon.speech_verbs.get(token) or (lexicon.speech_verbs.get(token[1:]) if token[:1] in ("و", "ف")
                                                   else None)
        if said is not None and not (said.lemma == "قال" and said.person.startswith("participle")):
            break  # تنوعت بين التنكر ...، مشيرة إلى أنه: the next verb's complement (but وتابع قائلا إن)
        found = _marker_kind(token)
        if found and found in verb.complements and not (found == "that" and previous in _CONJUNCTIONS_BEFORE_AN):
            return True
        previous = token
    return False


_SENSE_WINDOW = 25  # words after a verb in which its complement is looked for
_CONJUNCTIONS_BEFORE_AN = frozenset(normalize_key(w) for w in ["بعد", "قبل", "منذ", "حتى",
                                                               "دون", "بدون", "لأجل", "رغم"])


def _marker_kind(token: str) -> str:
    """A complement that can be told by one word: that, colon, quote, about, to, from, on, with."""
    if token == ":":
        return "colon"
    if token in _OPENING_QUOTES:
        return "quote"
    if token in _CONTENT_MARKERS:
        return "that"
    if token in _COMPLEMENT_PREPOSITIONS:
        return _COMPLEMENT_PREPOSITIONS[token]
    if token.startswith("ب") and len(token) > 3 and token.isalnum() and token not in _B_WORDS:
        return "with"
    return ""


def _hangs_on_clause(text: str, cue_start: int, verb: SpeechVerb) -> bool:
    """A participle (مضيفا) or a noun after ب (بقوله): it adds to the clause before it, whose subject
    speaks."""
    return verb.person.startswith("participle") or (verb.person == "noun" and verb.lemma == "قال"
                                                     and text[cue_start:cue_start + 1] == "ب")


_GENDER = {"3ms": "m", "present_m": "m", "participle_m": "m", "3fs": "f", "present_f": "f", "participle_f": "f",
           "3p": "p", "participle_p": "p"}


def _agrees(previous: Statement, verb: SpeechVerb, lexicon: Lexicon) -> bool:
    """A participle can continue the statement before it: not a feminine one after a masculine verb."""
    before = lexicon.speech_verbs.get(normalize_key(previous.verb_ar)) or \
        lexicon.speech_verbs.get(normalize_key(previous.verb_ar)[1:])
    # a feminine participle after a masculine speaker is said of the content's feminine subject; the
    # other mismatches are the writer's (قالت الرئاسة ...، مشيرا إلى)
    return not (_GENDER.get(before.person if before else "") == "m" and _GENDER.get(verb.person) == "f")


def _main_verb_subject(text: str, sentence: Span, cue_start: int, sentence_cues: list[tuple[int, int, SpeechVerb]],
                       mentions: list[Mention], lexicon: Lexicon) -> _Speaker | None:
    """The subject of the sentence's finite speech verb a participle hangs on when that verb made no statement
    of its own (its object is a noun: `توقع الوزير اليمني أدوارا ...، مؤكدا أن`): the participle shares it."""
    main = next((c for c in sentence_cues if c[1] <= cue_start and not _hangs_on_clause(text, c[0], c[2])
                 and c[2].person in _FINITE_PERSONS), None)
    if main is not None and main[2].lemma in _RELAY_LEMMAS:
        return None  # ونقل التقرير عن العمادي ...، مشيرا: the source it relays speaks, not the report
    if main is None or len([t for t in _tokens(text, sentence.start, main[0]) if t[2].isalnum()]) > _OPENER_WORDS:
        return None  # no verb opens the sentence (وهنا توقع، من جهته أبدى): not the clause the participle hangs on
    speaker = _speaker_for(text, sentence, main[0], main[1], cue_start, mentions, main[2], lexicon)
    if speaker is None or speaker is _NOBODY or speaker is _DOCUMENT or not speaker.text:
        return None
    if text[main[1]:main[1] + len(speaker.text) + 1].strip() != speaker.text:
        return None  # not the words right after the verb: a bearer found further on may be in its object
    head = normalize_key(speaker.text).split()[0]
    if speaker.actor_id is None and not speaker.anaphor and not _is_role_word(head, lexicon) and \
            head not in _attribution("source_noun"):
        return None  # a phrase nobody names as a speaker (بشدة، بفوز كرمان): the verb's object, not its subject
    return replace(speaker, inferred=True)


_RELAY_LEMMAS = frozenset({"نقل"})


def _participle_subject(text: str, sentence: Span, cue_start: int, mentions: list[Mention],
                        verb: SpeechVerb) -> _Speaker | None:
    """The subject of the clause a participle hangs on when no statement precedes it in the sentence:
    the first actor of the sentence (a feminine participle wants a body or a woman, a plural one a
    group nobody names here)."""
    if verb.person == "participle_p":
        return None
    for mention in mentions:
        if not (sentence.start <= mention.start and mention.end <= cue_start) or _is_addressee(text, mention):
            continue
        if mention.type == "LOCATION" and mention.source != "lexicon":
            continue
        if mention.source in ("gazetteer", "geonames", "context"):
            continue
        if verb.person == "participle_f" and mention.type == "PERSON" and not _feminine_role(mention, text):
            continue
        return _Speaker(mention.entity_id, mention.text, inferred=True)
    return None


_BEARER_WINDOW = 16  # words after the verb in which a role's bearer is looked for
_ROLE_STOPS = frozenset(normalize_key(w) for w in ["عن", "إلى", "الى", "على", "من", "أمس", "امس", "اليوم", "إن",
                                                  "أن", "بأن", "قائلا", "مضيفا"])


@lru_cache(maxsize=4)
def _role_heads(lexicon: Lexicon) -> frozenset[str]:
    """The first words of the role phrases of data/roles.csv (رئيس of رئيس الوزراء, الأمين of الأمين العام)."""
    return frozenset(role.split()[0] for role in lexicon.roles)


def _is_role_behind_lam(token: str, lexicon: Lexicon) -> bool:
    """A role word, bare or behind the ل of وفقا لـ (لشرطة, للناطق: الناطق)."""
    return _is_role_word(token, lexicon) or (token.startswith("ل") and _is_role_word(token[1:], lexicon)) or (
        token.startswith("لل") and _is_role_word("ال" + token[2:], lexicon))


def _is_role_word(token: str, lexicon: Lexicon) -> bool:
    heads = _role_heads(lexicon)
    return token in heads or (token.startswith("ال") and token[2:] in heads)


_MOUTH_WINDOW = 14  # words after `على لسان` where the body's spokesman is named


def speaker_role(phrase: str, lexicon: Lexicon) -> str | None:
    """The role (English) a speaker's description opens with: the longest role of data/roles.csv at its start
    (`رئيس بلدية عرسال` -> Mayor, `المتحدث باسم الجيش` -> Spokesperson), else None."""
    words = normalize_key(phrase.strip(" ،,:")).split()
    while words and words[0] in _attribution("honorific"):
        words = words[1:]
    for count in range(min(len(words), 6), 0, -1):
        role = lexicon.roles.get(" ".join(words[:count]))
        if role is None and words[0].startswith("ال"):
            role = lexicon.roles.get(" ".join([words[0][2:]] + words[1:count]))
        if role is not None:
            return role.role_en
    return None


def _through_the_mouth_of(text: str, tokens: list[tuple[int, int, str]], body: Mention, actors: list[Mention],
                          limit: int, lexicon: Lexicon) -> Mention | None:
    """A body that speaks `على لسان` someone (through his mouth) speaks by that person: the person named
    right after, or the bearer of the role named there (الناطق باسم الرئاسة نبيل أبو ردينة)."""
    rest = [t for t in tokens if t[0] >= body.end and t[0] < limit]
    if len(rest) < 3 or rest[0][2] not in ("علي", "على") or rest[1][2] != "لسان":
        return None
    rest = rest[2:2 + _MOUTH_WINDOW]
    person = next((m for m in actors if m.type == "PERSON" and rest[0][0] <= m.start < rest[-1][1]
                   and not _is_addressee(text, m)), None)
    if person is not None and not any(t[2] in lexicon.speech_verbs for t in rest if t[0] < person.start):
        return person
    return _role_bearer(text, rest, actors, limit, lexicon)


def _role_bearer(text: str, tokens: list[tuple[int, int, str]], actors: list[Mention], limit: int,
                 lexicon: Lexicon) -> Mention | None:
    """The person named after a role in the subject slot (`الأمين العام المساعد لشؤون فلسطين ...
    السفير محمد صبيح`, `المتحدث الرسمي للقوات المسلحة، العميد محمد سمير،`): the role, its genitive
    complement (bodies, places, quoted names, construct nouns) and titles, then a person, before any
    content marker, preposition of the verb, date word or possessive (نظيره: an object)."""
    while tokens and tokens[0][2] in _attribution("honorific"):
        tokens = tokens[1:]  # معالي الأمين العام
    if not tokens:
        return None
    first = next((m for m in actors if m.start <= tokens[0][0] < m.end), None)
    if not (_is_role_word(tokens[0][2], lexicon) or (first is not None and first.source == "role")):
        return None
    skip_until = -1  # a quoted name or an envoy's posting, read past
    after_body = False  # the word before ended a body's name (المتحدث باسم المقاومة | شلال علي شايع)
    for index, (t_start, t_end, token) in enumerate(tokens):
        if t_start < skip_until:
            continue
        if token in _TO_A_PLACE and _sent_to(tokens, index) and index + 1 < len(tokens):
            if is_place_name(tokens[index + 1][2], lexicon):  # المبعوث الدولي إلى اليمن: part of the role
                skip_until = tokens[index + 1][1]
                continue
        if index and _is_title(token, lexicon) and not _is_name_head(tokens[index - 1][2]):
            named = _name_after_title(text, tokens[index + 1:], actors, lexicon)
            if named is not None:  # الدكتور عبداللطيف بن راشد الزياني: a name nobody listed
                return named
        if after_body and not token.startswith("ال"):
            named = _name_after_title(text, tokens[index:], actors, lexicon)
            if named is not None:  # الأمين العام للأمم المتحدة بان جي مون: a name nobody listed
                return named
        if token in ("،", ","):
            after_body = index > 0  # رئيس بلدية عرسال، علي الحجيري،: the name in apposition, after a comma
            continue
        # a body's name (after باسم) and its definite adjectives: a name may follow them
        after_body = (after_body and token.startswith("ال")) or (index > 0 and tokens[index - 1][2] == "باسم") \
            or (index > 0 and tokens[index - 1][2] in ("،", ","))
        if token in _NAME_QUOTES:
            if not _quoted_name(tokens, index, 4):
                break  # a quotation, not a quoted name (منظمة «أطباء بلا حدود»)
            skip_until = next(t[1] for t in tokens[index + 1:] if t[2] in _NAME_QUOTES)
            continue
        hit = next((m for m in actors if m.start <= t_start < m.end), None)
        if hit is not None:
            if hit.type == "PERSON" and not _in_a_named_place_or_body(text, hit):
                return None if _is_addressee(text, hit) else hit
            after_body = t_end >= hit.end
            continue
        if (token in _ROLE_STOPS and not is_name_ali(text, t_end, token)) or token in lexicon.speech_verbs or \
                token in _NOT_SUBJECTS and token not in _SUBJECT_WORDS or token in (":", ".", "؛"):
            break
        written = text[t_start:t_end]
        if written.endswith(("ه", "ها", "هم", "هما")) and token not in _SUBJECT_WORDS:
            break  # نظيره، بلاده: a possessive starts the object
    return None


_TO_A_PLACE = frozenset(normalize_key(w) for w in ("إلى", "الى", "لدى"))


def _sent_to(tokens: list[tuple[int, int, str]], index: int) -> bool:
    """The preposition at `index` follows an envoy's noun, perhaps with its adjectives between (المبعوث
    الأممي الخاص إلى): where the envoy is sent, not what the verb asks for (دعا ... إلى)."""
    for _start, _end, token in reversed(tokens[max(0, index - 3):index]):
        if token in _attribution("envoy_noun"):
            return True
        if not token.startswith("ال"):
            return False
    return False


def _adjective_person(mention: Mention, lexicon: Lexicon) -> bool:
    """A "person" whose name starts with an adjective (أمني سعودي of مسؤول أمني سعودي) is an unnamed
    source's description, not a name."""
    words = normalize_key(mention.text).split()
    return mention.type == "PERSON" and bool(words) and (words[0] in _attribution("source_adjective") or
                                                         words[0] in lexicon.nationalities)


@lru_cache(maxsize=4)
def _titles(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(key for key, role in lexicon.roles.items() if role.kind == "title") | _attribution("honorific")


def _is_title(token: str, lexicon: Lexicon) -> bool:
    return token in _titles(lexicon)


_NAME_AFTER_TITLE = 4  # words of a name nobody listed, after a title


def _name_after_title(text: str, tokens: list[tuple[int, int, str]], actors: list[Mention],
                      lexicon: Lexicon) -> Mention | None:
    """The words of a name that follow a title (اللواء علي الأحمدي، الدكتور عبداللطيف بن راشد الزياني)
    when no mention covers them: from a word without the article to a comma, a function word, a role
    or a verb."""
    words: list[tuple[int, int, str]] = []
    for t_start, t_end, token in tokens[:_NAME_AFTER_TITLE]:
        if any(m.start <= t_start < m.end for m in actors) or not token.isalnum() or token.isdigit():
            break
        if not words and (token.startswith("ال") or _is_title(token, lexicon) or
                          (_marker_kind(token) and not is_name_ali(text, t_end, token))):
            return None  # الركن، بمنطقة جازان: no name starts so
        if words and _marker_kind(token) and not is_name_ali(text, t_end, token):
            break  # بان جي مون | بوقف إطلاق النار
        if is_name_ali(text, t_end, token):
            pass  # علي, the name, not على
        elif token in _ROLE_STOPS or token in lexicon.speech_verbs or token in _NOT_SUBJECTS or \
                _is_role_word(token, lexicon) or token in _BRIDGE_WORDS or token in _PREPOSITIONS or \
                token.startswith("لل"):
            break
        words.append((t_start, t_end, token))
        if text[t_end:t_end + 1] in "،,":
            break
    if len(words) < 2:
        return None
    if place_cues().get(words[0][2]) is not None:
        return None  # مسؤول يمني في محافظة عدن، جنوبي البلاد،: where, not who
    first = text[words[0][0]:words[0][1]]
    if first.endswith(("اً", "ًا")) or (first.startswith("و") and not is_known_name(first)):
        # ، وأستاذ الاقتصاد،: another role of the same man; ، واستقبلني،: a verb (وليد، وائل are names);
        return None  # استقبالاً: the tanween of an accusative noun
    between_commas = text[:words[0][0]].rstrip()[-1:] in "،," and text[words[-1][1]:words[-1][1] + 1] in "،,"
    if _common_word(first) and not between_commas:
        return None  # المتحدث باسم الخارجية الأمريكية | هجوما نفذ: an object, no name (، شاه والي الله أديب، is one)
    start, end = words[0][0], words[-1][1]
    # a person nobody listed: the id every article gives that name (marsad.pipeline files him as discovered)
    return Mention(start, end, text[start:end], "PERSON", discovered_actor_id(text[start:end]), "title")


def _common_word(written: str) -> bool:
    """One of the commonest words of the news (the tagger's frequent words) and no known given or family
    name: `هجوما`, `مسؤوليتها` start no name; `محمد`, `علي`, `حسن` may."""
    return written in frequent_word_set() and not is_known_name(written)


def _common_noun(written: str) -> bool:
    """A common word, bare or in the indefinite accusative (`أدوارا`: أدوار + ا), and no known name."""
    bare = written.rstrip("\u064b")
    return _common_word(bare) or (bare.endswith("ا") and _common_word(bare[:-1]))


_POSSESSIVES = ("هما", "هم", "ها", "ه")
# Event words that also name a body that speaks (المؤتمر الوطني العام، مجلس، الهيئة): not taken for an object
_BODIES_TOO = frozenset({"meeting", "negotiation", "agreement", "ceasefire", "phone_call", "sanctions"})


def _object_like(phrase: str, lexicon: Lexicon) -> bool:
    """The words after a speech verb are its object, not its subject, when they open with an event (`ووصف قصف
    الانفصاليين بأنه`), a common noun in the accusative (`أدان هجوما`) or a common noun possessed by someone
    already named (`أعلنت مسؤوليتها`, `ذكر اسمه`) that is no role or source (`وقال مديرها` speaks)."""
    written = phrase.split()[0].strip("«»\"'()")
    key = normalize_key(written)
    bare = key.removeprefix("ال")
    event = lexicon.event_triggers.get(key) or lexicon.event_triggers.get(bare)
    if event is not None and event.event_type not in _BODIES_TOO:
        return True
    stem = written.removesuffix("اً").removesuffix("ا")
    if stem != written and not written.startswith("ال") and _common_word(written) and stem in frequent_word_set():
        return True  # هجوما (هجوم), نوعا (نوع); not a name that ends so (سيما)
    # the pronoun as written (ه, not the ة that normalising also makes ه: الخلية, الصحيفة speak)
    suffix = next((p for p in _POSSESSIVES if written.endswith(p) and len(written) > len(p) + 2), None)
    if suffix is None or not _common_word(written):
        return False
    bare_stem = key[:-len(suffix)]
    stems = {bare_stem, bare_stem[:-1] + "ه" if bare_stem.endswith("ت") else bare_stem}
    speakers = _role_heads(lexicon) | _attribution("source_noun") | _attribution("honorific")
    return not any(form in speakers or form.removeprefix("ال") in speakers for form in stems)


_OPENER_WORDS = 4  # words before a sentence-initial verb that can only be its adverbial (ومساء أمس قال)


def _said_on(text: str, times: list[TimeMention], sentence: Span, start: int, end: int,
             published: date | None) -> tuple[date | None, str]:
    """When a statement was made: a date in its attribution clause (the verb, its subject and what
    stands between them and the content, or a short opener before a sentence-initial verb), else the
    publication date. A date inside the content is what is said, not when it was said; nor is a date after
    the publication (`غدا الخميس`, `حتى عام 2020`): nothing reported was said after it was reported."""
    spans = [Span(start, max(start, end))]
    if len(_tokens(text, sentence.start, start)) <= _OPENER_WORDS:
        spans.append(Span(sentence.start, start))
    for span in spans:
        for time in times:
            if span.start <= time.start and time.end <= span.end \
                    and (published is None or time.date is None or time.date <= published):
                return time.date, time.precision
    return published, "reported"


# Nouns a person's name completes into the name of a place or a body: مركز الملك سلمان للإغاثة, جامعة الملك عبد
# العزيز, مستشفى الملك فيصل (the person is no speaker there).
_NAME_HEADS = frozenset(normalize_key(w) for w in (
    "مركز", "مؤسسة", "جامعة", "مستشفى", "جائزة", "مدينة", "مطار", "شارع", "قاعدة", "معهد", "كلية", "برنامج",
    "صندوق", "مجمع", "قصر", "جسر", "ميناء", "ملعب", "استاد", "مسجد", "جامع", "طريق", "مشروع", "مبادرة", "حملة",
    "دار", "مكتبة", "أكاديمية", "كرسي", "وقف", "حي", "ميدان", "سد", "منحة"))


def _is_name_head(key: str) -> bool:
    """A normalised word of _NAME_HEADS, bare or behind a proclitic (بمركز, لجامعة)."""
    return any(key.startswith(clitic) and key[len(clitic):] in _NAME_HEADS
               for clitic in ("", "و", "ب", "ل", "ف", "وب", "ول"))


def _in_a_named_place_or_body(text: str, mention: Mention) -> bool:
    """A person named right after a noun that makes it a place's or a body's name (باسم مركز الملك سلمان)."""
    return mention.type == "PERSON" and _is_name_head(normalize_key(previous_word(text, mention.start)[0]))


def _quoted_name_after(text: str, end: int, limit: int) -> int | None:
    """Where a name in quotation marks right after `end` closes (صحيفة «الشرق الأوسط»), or None."""
    stripped = len(text[end:end + 3]) - len(text[end:end + 3].lstrip())
    opening = text[end + stripped:end + stripped + 1]
    if opening not in _NAME_QUOTES:
        return None
    closing = {"«": "»", "“": "”"}.get(opening, opening)
    close = text.find(closing, end + stripped + 1, limit)
    if close < 0 or len(text[end + stripped + 1:close].split()) > _NAME_WORDS:
        return None
    return close + 1


def _past_name_quote(text: str, end: int) -> int:
    """After the closing mark of a name in quotation marks (وقال "عسيري"), if one follows `end`."""
    stripped = len(text[end:end + 3]) - len(text[end:end + 3].lstrip())
    return end + stripped + 1 if text[end + stripped:end + stripped + 1] in _NAME_QUOTES else end


# --- relays: نقلت وكالة X عن Y قوله إن ...، قالت صحيفة X نقلا عن Y إن ... -----------------------------

_NO_SOURCE, _PRONOUN_SOURCE = -1, -2
_RELAY_WINDOW = 14  # words of a relay's source before its قوله or content


def _relay_start(tokens: list[tuple[int, int, str]], limit: int, verb: SpeechVerb) -> int | None:
    """Where the source of a relay starts: after the عن of a relay verb (نقل), or of a relay phrase
    (data/attribution.csv `relay`: نقلا عن) in the verb's subject slot; None when the verb relays
    nothing. `_PRONOUN_SOURCE` for عنه (the source named before), `_NO_SOURCE` for a relay verb
    without عن."""
    if verb.lemma in _attribution("relay"):
        for _t_start, t_end, token in tokens:
            if token == "عن":
                return t_end
            if token in ("عنه", "عنها", "عنهم"):
                return _PRONOUN_SOURCE
            if _t_start >= limit:
                break
        return _NO_SOURCE
    for index, (t_start, _t_end, token) in enumerate(tokens[:_RELAY_WINDOW]):
        if t_start >= limit:
            break
        if token in _attribution("relay") and index + 1 < len(tokens) and tokens[index + 1][2] == "عن":
            return tokens[index + 1][1]
    return None


def _relay_source(text: str, tokens: list[tuple[int, int, str]], actors: list[Mention],
                  lexicon: Lexicon) -> _Speaker:
    """The source named after a relay's عن, up to its قوله, content marker or quotation: a person, the
    bearer of a role, a body, else the phrase (مسؤول بوزارة الدفاع الكورية); `end` is where the content
    can start (after قوله)."""
    stop, end = len(tokens[:_RELAY_WINDOW]), None
    for index, (_t_start, t_end, token) in enumerate(tokens[:_RELAY_WINDOW]):
        said = lexicon.speech_verbs.get(token)
        if said is not None and said.person == "noun":
            stop, end = index, t_end
            break
        if token in _CONTENT_MARKERS or token == ":" or (token in _NAME_QUOTES and not _quoted_name(tokens, index, 4)):
            stop = index
            break
    return _named_source(text, tokens[:stop], actors, lexicon, end) or _NOBODY


def _named_source(text: str, span: list[tuple[int, int, str]], actors: list[Mention], lexicon: Lexicon,
                  end: int | None = None, lam: bool = False) -> _Speaker | None:
    """Who the words of `span` name: a person, the bearer of a role, a body, else the noun phrase
    (مسؤول بوزارة الدفاع الكورية), without a demonstrative (هذا المسؤول) or, with `lam`, the ل of its
    first word (بيان للشركة المنتجة: الشركة المنتجة). None when they name nobody."""
    while span and span[0][2] in _DEMONSTRATIVES:
        span = span[1:]  # هذا المسؤول
    if not span:
        return None
    end = end or span[-1][1]
    first = next((m for m in actors if m.start < span[0][1] and span[0][0] < m.end), None)
    if first is not None and first.type == "PERSON":
        return _Speaker(first.entity_id, first.text, end=end)
    bearer = _role_bearer(text, span, actors, end + 1, lexicon)
    if bearer is not None:
        return _Speaker(bearer.entity_id or None, bearer.text, end=end)
    if first is not None:
        return _Speaker(first.entity_id, first.text, end=end)
    if lam:
        head = text[span[0][0]:span[0][1]]
        rest = _noun_phrase(text, span[1:], span[1][0], end + 1, lexicon) if len(span) > 1 and \
            span[1][2].startswith("ال") else ""
        head = "ال" + head[2:] if head.startswith("لل") else head[1:]
        return _Speaker(None, f"{head} {rest}".strip(), end=end)
    phrase = _noun_phrase(text, span, span[0][0], end + 1, lexicon)
    return _Speaker(None, phrase, end=end) if phrase else None


_ISSUED_BY = frozenset(normalize_key(w) for w in ["صادر", "صادرة", "الصادر", "الصادرة"])


def _statement_owner(text: str, tokens: list[tuple[int, int, str]], actors: list[Mention], lexicon: Lexicon,
                     media: bool = True) -> _Speaker | None:
    """Whose statement a statement noun is (data/attribution.csv `statement_noun`): `بيان للشركة
    المنتجة`, `بيان صادر عن المقاومة`, `بيان الجيش`. None when the noun names no owner, or (without
    `media`) when the owner is a newspaper or channel: `في تصريح لـ«الشرق الأوسط»` names the
    addressee."""
    if not tokens or tokens[0][2] not in _attribution("statement_noun") or \
            any(m.start <= tokens[0][0] < m.end for m in actors):
        return None
    rest = tokens[1:_RELAY_WINDOW]
    while rest and rest[0][2] in _attribution("statement_adjective"):
        rest = rest[1:]  # بيان رسمي
    if not rest:
        return None
    if rest[0][2] in _attribution("issuing_verb"):  # تقرير أصدرته مؤخرا وكالة التنمية
        rest = rest[1:]
        while rest and rest[0][2] in _NOT_SUBJECTS:
            rest = rest[1:]
        if not rest:
            return None
        owner, lam = rest, False
    elif rest[0][2] in _ISSUED_BY and len(rest) > 1 and rest[1][2] == "عن":
        owner, lam = rest[2:], False
    elif rest[0][2].startswith("ل") and len(rest[0][2]) > 3 and rest[0][2] not in ("له", "لها", "لهم"):
        owner, lam = rest, True
    elif any(m.start == rest[0][0] for m in actors):
        owner, lam = rest, False
    else:
        return None
    if not media and (rest[0][2][1:] in _attribution("name_noun") or rest[0][2][2:] in _attribution("name_noun")
                      or any(t[2] in _NAME_QUOTES for t in owner[:2])):
        return None
    stop = next((i for i, t in enumerate(owner) if t[2] in _CONTENT_MARKERS or not t[2].isalnum()
                 or t[2] in lexicon.speech_verbs), len(owner))
    return _named_source(text, owner[:stop], actors, lexicon, lam=lam)


_DEMONSTRATIVES = frozenset(normalize_key(w) for w in ["هذا", "هذه", "ذلك", "تلك"])


_KANA = frozenset(normalize_key(w) for w in ["كان", "كانت", "كانوا", "وكان", "وكانت", "وكانوا", "فكان", "فكانت"])
_RELATIVES = frozenset(normalize_key(w) for w in ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي",
                                                 "ما", "من"])
_KANA_WINDOW = 15  # words between كان and the verb whose subject stands between them


def _kana_subject(text: str, opener: list[tuple[int, int, str]], actors: list[Mention],
                  lexicon: Lexicon) -> _Speaker | None:
    """The subject between كان and a verb without a subject after it (`وكانت وسائل إعلامية تحدثت`,
    `وكان رئيس هيئة الأركان، اللواء محمد المقدشي، قد أعلن`)."""
    at = next((i for i in range(len(opener) - 1, max(-1, len(opener) - _KANA_WINDOW - 1), -1)
               if opener[i][2] in _KANA), None)
    if at is None or (at and opener[at - 1][2] in _RELATIVES):
        return None  # الذي كان أحد عناصرها: a relative clause
    span = opener[at + 1:]
    while span and span[-1][2] in ("قد", "،", ",", "لقد"):
        span = span[:-1]
    while span and span[0][2] in ("هناك", "ثمة"):
        span = span[1:]  # وكان هناك تقرير لأمانو قد أشار
    if not span or any(t[2] in lexicon.speech_verbs or t[2] in _CONTENT_MARKERS or t[2] in _NAME_QUOTES
                       for t in span) or any(c in text[opener[0][0]:span[0][0]] for c in "«“\""):
        return None  # «أمس كان أسوأ يوم»: كان inside a quotation
    found = _statement_owner(text, span, actors, lexicon) or _named_source(text, span, actors, lexicon)
    return replace(found, end=0) if found is not None else None


def _source_before(text: str, opener: list[tuple[int, int, str]], lexicon: Lexicon) -> _Speaker | None:
    """An unnamed source right before a verb without a subject after it: its noun (data/attribution.csv
    `source_noun`) and at most two adjectives (أنباء تتحدث عن، تقارير غربية أشارت إلى)."""
    for index in range(len(opener) - 1, max(-1, len(opener) - 4), -1):
        token = opener[index][2]
        head = token[1:] if token[:1] == "و" and _source_form(token[1:], "source_noun") else token
        if not _source_form(head, "source_noun"):
            continue
        tail = opener[index + 1:]
        if all(_source_form(t[2], "source_adjective") or t[2] in lexicon.nationalities for t in tail):
            start = opener[index][0] + (len(text[opener[index][0]:opener[index][1]]) - len(head) if head != token
                                        else 0)
            return _Speaker(None, text[start:opener[-1][1]])
        return None
    return None


def _source_form(token: str, kind: str) -> bool:
    """The normalised word is of `kind` as listed, definite (المصدر) or in the accusative (مسؤولا محليا, after
    إن and أن)."""
    listed = _attribution(kind)
    bare = token[2:] if token.startswith("ال") and len(token) > 4 else token
    return token in listed or bare in listed or (bare.endswith("ا") and bare[:-1] in listed)


@lru_cache(maxsize=4)
def _media_ids(lexicon: Lexicon) -> frozenset[str]:
    """The registry's news outlets: they carry statements, they do not make them."""
    return frozenset(entry.actor_id for entry in lexicon.actors.values() if entry.type == "media")
