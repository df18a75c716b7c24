"""English names for the bodies nobody listed, read off their Arabic (وزارة الإسكان -> Ministry of Housing).

A body's Arabic name is a chain of nouns, each followed by its adjectives: `البنك المركزي الأوروبي` (the bank,
central, European), `الوكالة الدولية للطاقة الذرية` (the agency, international, for energy, atomic), `جامعة
كاليفورنيا` (university of California). Each word is looked up: nouns and adjectives in data/org_words.csv
(and its two-word phrases, `حقوق الإنسان`), nationality adjectives in data/nationalities.csv, places in the
curated gazetteer. In English each noun takes its adjectives before it, and the nouns after the first come
after "of" (or "for", where the Arabic says ل, and "and" after و): European Central Bank, International Agency
for Atomic Energy, University of Lisbon. A nationality adjective is the whole body's (وزارة الدفاع المصرية:
Egyptian Ministry of Defence). A name with any word none of these knows gets no English name
(None): the caller transliterates it, which is better than half a translation.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.extract.gazetteer import candidates_by_name
from marsad.lexicon import Lexicon, LexiconError, read_rows
from marsad.paths import DATA_DIR
from marsad.text.normalize import WORD_RE, normalize_key

WORDS_PATH = DATA_DIR / "org_words.csv"
_ROLES = ("noun", "adj", "phrase")


@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, str]]:
    """role -> normalised Arabic (without the article) -> English (data/org_words.csv)."""
    table: dict[str, dict[str, str]] = {role: {} for role in _ROLES}
    for number, row in read_rows(WORDS_PATH, ["word_ar", "en", "role"]):
        if row["role"] not in table or not row["word_ar"] or not row["en"]:
            raise LexiconError(f"{WORDS_PATH.name} row {number}: a word, its English and a role ({', '.join(_ROLES)})")
        key = " ".join(_bare(normalize_key(w)) for w in row["word_ar"].split())
        table[row["role"]][key] = row["en"]
    return table


def _bare(key: str) -> str:
    return key[2:] if key.startswith("ال") and len(key) > 3 else key


@lru_cache(maxsize=4)
def _places(lexicon: Lexicon) -> dict[str, str]:
    """normalised Arabic place name -> its English name (the gazetteer, GeoNames included: names of one place)."""
    return {name: candidates[0].place.name_en for name, candidates in candidates_by_name(lexicon).items()
            if len({c.place.name_en for c in candidates}) == 1}


def _adjective_form(key: str) -> bool:
    """الكردي, الكردية: an adjective an unknown nationality or a relation makes, not the village GeoNames spells so."""
    return key.startswith("ال") and key.endswith(("ي", "يه"))


def english_org_name(name_ar: str, lexicon: Lexicon) -> str | None:
    """The English name of a body from its Arabic one, or None when a word of it is not known."""
    keys = [normalize_key(w) for w in WORD_RE.findall(name_ar) if w.isalnum()]
    words, places = _words(), _places(lexicon)
    groups: list[tuple[str, str, list[str]]] = []  # (joining word, noun, its adjectives)
    i = 0
    while i < len(keys):
        key, joiner = keys[i], "of"
        if key.startswith("و") and len(key) > 3 and groups:
            key, joiner = key[1:], "and"
        elif key.startswith("لل") and len(key) > 4 and groups:
            key, joiner = "ال" + key[2:], "for"
        elif key.startswith("ل") and len(key) > 3 and groups and _bare(key[1:]) in words["noun"]:
            key, joiner = key[1:], "for"
        pair = " ".join(_bare(k) for k in (key, keys[i + 1])) if i + 1 < len(keys) else ""
        nationality = lexicon.nationalities.get(key) or lexicon.nationalities.get("ال" + key)
        if pair in words["phrase"]:
            noun, i = words["phrase"][pair], i + 2
        elif _bare(key) in words["noun"]:
            noun, i = words["noun"][_bare(key)], i + 1
        elif groups and nationality and not words["adj"].get(_bare(key)):
            groups[0][2].append(nationality.name_en)  # the body's country: وزارة الدفاع المصرية, Egyptian Ministry
            i += 1
            continue
        elif groups and _bare(key) in words["adj"]:
            groups[-1][2].append(words["adj"][_bare(key)])
            i += 1
            continue
        elif key in places and groups and not _adjective_form(key):
            noun, i = places[key], i + 1
        else:
            return None
        groups.append((joiner, noun, []))
    if not groups:
        return None
    parts = []
    for index, (joiner, noun, adjectives) in enumerate(groups):
        phrase = " ".join([*reversed(adjectives), noun])
        parts.append(phrase if index == 0 else f"{joiner} {phrase}")
    return " ".join(parts)
