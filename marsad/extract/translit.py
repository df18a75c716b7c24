"""English display names for Arabic person and place names outside the curated registries.

`transliterate_name` works token by token (tokens: runs of letters/digits; punctuation and
diacritics are dropped, Latin words pass through unchanged):

1. Lexicon, data/name_translit.csv (ar,en), compared after `text.normalize_key`:
   - phrases first, longest first: "عبد الله" -> Abdullah, "أبو بكر" -> Abu Bakr,
     "خان يونس" -> Khan Younis;
   - then the token itself ("السراج" -> al-Sarraj, "القذافي" -> Gaddafi);
   - then without a leading conjunction و ("ومحمد" -> Mohammed), only when the rest is listed;
   - then without the article ال, the stem getting "al-" ("الحوثي" -> al-Houthi via حوثي);
     only for a bare-alef ال, so "إلياس"/"إلهام" are never read as article + stem;
   - "عبد" + "الX" (or joined "عبدالX") not listed as a phrase -> "Abdul-" + X
     ("عبد الصبور" -> Abdul-Sabur, "عبدالملك" -> Abdul-Malik).
2. Rules for a token the lexicon lacks ("ال" + stem -> "al-" + stem, the stem through the
   lexicon first). Letters map to units, consonant (C) or vowel (V):
   - consonants: ب b, ت t, ث th, ج j, ح h, خ kh, د d, ذ dh, ر r, ز z, س s, ش sh, ص s, ض d,
     ط t, ظ z, غ gh, ف f, ق q, ك k, ل l, م m, ن n, ه h (also پ p, چ ch, ڤ v, گ g, ژ zh);
   - ع: "'" inside a word; at the start nothing before ا, "i" before ي (consuming it: عيسى ->
     Isa), "a" otherwise (عمار -> Amar);
   - hamza ء ؤ ئ, and أ إ inside a word: "'" (ؤ/ئ after a consonant: "u'"/"i'", رئاسة ->
     Ri'asa); آ inside a word: "'a"; a word-initial ء is "a";
     a final ء is dropped, except after ا where it doubles the vowel (علاء -> Alaa);
   - word-initial أ آ ا -> a, إ -> i; ا elsewhere -> a; ى -> a;
   - ة -> a, or t after ا (حياة -> Hiyat);
   - و -> w word-initially, after a vowel, or before ا ي ى ة آ أ; u otherwise;
   - ي -> y word-initially or after a vowel; "iy" before ا و ى ة آ (زياد -> Ziyad); "i" at the
     end; "ay" as the second letter between consonants (سيف -> Sayf, فيصل -> Faysal);
     "i" otherwise (كريم -> Karim).
   Short vowels, which Arabic leaves unwritten, are supplied by four fixed rules:
   (a) a word starting with two consonants gets "a" between them (حمدان -> Hamdan);
   (b) a third consonant in a row gets "a" before it (أسعد -> As'ad, محمد -> Mahmad);
   (c) a word ending in long vowel + two consonants gets "i" between them
       (بلقاسم -> Balqasim, يونس -> Yunis, عادل -> Adil);
   (d) a word that is just initial vowel + two consonants gets "a" between them
       (أسد -> Asad, أنس -> Anas).
   A trailing apostrophe is dropped (سريع -> Sari). Each word is capitalised.

Output: the parts joined with spaces. Particles keep news casing ("Fayez al-Sarraj",
"Mohammed bin Salman") except at the very start ("Al-Houthi", "Bin Laden"). A non-empty
input always gives a non-empty result (input without any letter comes back stripped).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache

from marsad.paths import DATA_DIR
from marsad.text.normalize import normalize_key

LEXICON_PATH = DATA_DIR / "name_translit.csv"
WIKIDATA_PATH = DATA_DIR / "name_tokens_wikidata.csv"

_CONSONANTS = {
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "پ": "p",
    "چ": "ch",
    "ڤ": "v",
    "گ": "g",
    "ژ": "zh",
    "ک": "k",
    "ڨ": "g",
}
_LETTER_FIXES = str.maketrans({"ی": "ي", "ٱ": "ا"})
_HAMZAS = "ءؤئ"
_FOLLOWING_VOWELS = set("اوىةآ")  # after ي: "iy"
_W_BEFORE = set("ايىةآأ")  # و before these is consonantal
_MARKS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TOKEN_RE = re.compile(r"[A-Za-z\u00c0-\u024f0-9]+(?:['’.-][A-Za-z\u00c0-\u024f0-9]+)*|[^\W_]+")
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_PARTICLES = {"al-": "Al-", "bin": "Bin", "ibn": "Ibn", "bint": "Bint"}

_ARTICLE = "ال"
_ABD = "عبد"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], int]:
    """normalize_key(ar) -> en, and the longest phrase length in tokens."""
    table: dict[str, str] = {}
    longest = 1
    with LEXICON_PATH.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = normalize_key(row["ar"])
            english = row["en"].strip()
            if not key or not english:
                continue
            table.setdefault(key, english)
            longest = max(longest, len(key.split(" ")))
    return table, longest


_PRESENTATION_RE = re.compile("[\ufb50-\ufeff]")


def _clean(text: str) -> str:
    """Diacritics, tatweel and format controls removed; presentation letters unified."""
    text = unicodedata.normalize("NFKC", text) if _PRESENTATION_RE.search(text) else text
    if not text.isalnum():  # no letter or digit is a format control (Cf): a plain word is not looked at
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _MARKS_RE.sub("", text).translate(_LETTER_FIXES)


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:] if word else word


def _with_article(english: str) -> str:
    return english if english.lower().startswith(("al-", "el-", "al ")) else "al-" + english


# --- lexicon look-up --------------------------------------------------------------------


@lru_cache(maxsize=2)
def _wikidata_spellings(sure: bool = False) -> dict[str, str]:
    """normalize_key(ar) -> English, from Wikidata's person-name tokens (CC0; scripts/make_name_tokens.py): for
    each word the spelling most names share. `sure`: only spellings at least WIKIDATA_SURE names share (one
    name's spelling may be its own), in plain Latin letters (شاهين is Shahin in an Arab's name, not the Turkish
    Şahin)."""
    table: dict[str, tuple[str, int]] = {}
    if WIKIDATA_PATH.exists():
        with WIKIDATA_PATH.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key, count = normalize_key(row["ar"]), int(row["count"])
                if sure and (count < WIKIDATA_SURE or not row["en"].isascii()):
                    continue
                if key and (key not in table or table[key][1] < count):
                    table[key] = (row["en"], count)
    return {key: english for key, (english, _count) in table.items()}


def _wikidata() -> dict[str, str]:
    """Every word's commonest Wikidata spelling (_wikidata_spellings)."""
    return _wikidata_spellings()


WIKIDATA_SURE = 2  # names a Wikidata spelling of a word must come from to spell a surname the curated table lacks


def _wikidata_sure() -> dict[str, str]:
    """The spellings sure enough for a surname the curated table lacks (_wikidata_spellings, sure)."""
    return _wikidata_spellings(sure=True)


def load_names() -> None:
    """Read the name tables now (a process about to fork workers shares them with them)."""
    _lexicon()
    _wikidata()
    _wikidata_sure()


def _lookup(token: str) -> str | None:
    """Lexicon English for one (cleaned) token (the curated table, then Wikidata's name tokens), or None."""
    table, _ = _lexicon()
    key = normalize_key(token)
    if key in table:
        return table[key]
    if token.startswith("و") and len(key) > 3 and not key.startswith("وو"):
        rest = _lookup_plain(token[1:])
        if rest is not None:
            return rest
    return _lookup_plain(token, try_direct=False)


def _lookup_plain(token: str, try_direct: bool = True) -> str | None:
    table, _ = _lexicon()
    key = normalize_key(token)
    if try_direct and key in table:
        return table[key]
    if token.startswith(_ARTICLE) and len(key) > 3 and key[2:] in table:
        return _with_article(table[key[2:]])
    if token.startswith(_ABD + _ARTICLE) and len(key) > 5:
        phrase = normalize_key(_ABD + " " + token[3:])
        if phrase in table:
            return table[phrase]
    return None


# --- rule-based romanisation ------------------------------------------------------------


_C, _LONG, _SHORT = "C", "L", "S"  # unit kinds: consonant, long vowel (a letter), other vowel


def _units(word: str) -> list[tuple[str, str]]:
    """(text, kind) units for an Arabic word (Latin letters and digits count as consonants)."""
    units: list[tuple[str, str]] = []
    n = len(word)
    i = 0
    while i < n:
        ch = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        prev_vowel = bool(units) and units[-1][1] != _C
        first, last = i == 0, i == n - 1
        if ch in _CONSONANTS:
            units.append((_CONSONANTS[ch], _C))
        elif ch == "ع":
            if not first:
                units.append(("'", _C))
            elif nxt == "ي":
                units.append(("i", _LONG))
                i += 1
            elif nxt not in ("ا", "آ"):
                units.append(("a", _SHORT))
        elif ch in "أإآا":
            if first:
                units.append(("i" if ch == "إ" else "a", _LONG if ch == "آ" else _SHORT))
            elif ch == "ا":
                if not prev_vowel:
                    units.append(("a", _LONG))
            elif ch == "آ":
                units += [("'", _C), ("a", _LONG)]
            else:
                units.append(("'", _C))
        elif ch in _HAMZAS:
            if first:
                units.append(("a", _SHORT))
            elif ch in "ؤئ" and not prev_vowel:
                units += [("u" if ch == "ؤ" else "i", _SHORT), ("'", _C)]
            elif last and ch == "ء":
                if word[i - 1] == "ا":
                    units.append(("a", _SHORT))
            else:
                units.append(("'", _C))
        elif ch == "و":
            if first or prev_vowel or nxt in _W_BEFORE:
                units.append(("w", _C))
            else:
                units.append(("u", _LONG))
        elif ch == "ي":
            if first or prev_vowel:
                units.append(("y", _C))
            elif nxt in _FOLLOWING_VOWELS:
                units += [("i", _SHORT), ("y", _C)]
            elif last:
                units.append(("i", _LONG))
            elif i == 1 and nxt in _CONSONANTS:
                units += [("a", _SHORT), ("y", _C)]
            else:
                units.append(("i", _LONG))
        elif ch == "ى":
            units.append(("a", _LONG))
        elif ch == "ة":
            if word[i - 1 : i] == "ا":
                units.append(("t", _C))
            else:
                units.append(("a" if last else "at", _SHORT))
        elif ch.isalnum():
            units.append((ch, _C))
        i += 1
    return units


def romanize_word(word: str) -> str:
    """Rule-based romanisation of one Arabic word, lower case (see the module docstring)."""
    units = _units(word)
    # (c) long vowel + two final consonants: "i" between the consonants.
    if len(units) >= 3 and units[-3][1] == _LONG and units[-2][1] == _C and units[-1][1] == _C:
        units.insert(len(units) - 1, ("i", _SHORT))
    # (d) initial vowel + two consonants and nothing else: "a" between them.
    elif [kind for _, kind in units] == [_SHORT, _C, _C]:
        units.insert(2, ("a", _SHORT))
    out: list[str] = []
    run = 0  # consonants since the last vowel
    seen_vowel = False
    for text, kind in units:
        if kind != _C:
            out.append(text)
            run, seen_vowel = 0, True
            continue
        if (run == 1 and not seen_vowel) or run == 2:  # (a) initial cluster, (b) third consonant
            out.append("a")
            run, seen_vowel = 0, True
        out.append(text)
        run += 1
    return "".join(out).strip("'")


def _foreign_token(key: str) -> str | None:
    """A word the curated table does not know, spelled as Wikidata's names spell it, when they spell it so in
    WIKIDATA_SURE names or more (ديفيد كاميرون -> David Cameron, جوزيف بلاتر -> Joseph Blatter: a first name the
    table knows, a surname it does not); never a word with the article or عبد, which the rules spell."""
    if key.startswith(_ARTICLE) or key == _ABD:
        return None
    return _wikidata_sure().get(key)


def _romanize_token(token: str) -> str:
    if not _ARABIC_LETTER_RE.search(token):
        return token  # Latin / digits pass through
    if token.startswith(_ABD + _ARTICLE) and len(token) > 5:
        return "Abdul-" + _capitalise(_lookup(token[5:]) or romanize_word(token[5:]))
    if token.startswith(_ARTICLE) and len(token) > 3:
        stem = token[2:]
        return "al-" + _capitalise(_lookup(stem) or romanize_word(stem))
    return _capitalise(romanize_word(token))


# --- public API -------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def transliterate_name(name_ar: str) -> str:
    """English display form of an Arabic name (lexicon spelling where known, rules otherwise)."""
    tokens = _TOKEN_RE.findall(_clean(name_ar or ""))
    table, longest = _lexicon()
    keys = [normalize_key(tok) for tok in tokens]
    # A foreign name (no token an Arabic name the curated table knows, no article, no عبد) is spelled
    # as its bearer writes it, from Wikidata's name tokens: جيريمي هنت -> Jeremy Hunt.
    phrases = {" ".join(keys[i:j]) for i in range(len(keys)) for j in range(i + 1, min(len(keys), i + longest) + 1)}
    foreign = bool(keys) and not phrases & table.keys() and all(
        not k.startswith(_ARTICLE) and k != _ABD and k in _wikidata() for k in keys)
    if foreign:
        return " ".join(_wikidata()[k] for k in keys)
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 1, -1):
            phrase = " ".join(keys[i : i + size])
            if phrase in table:
                parts.append(table[phrase])
                i += size
                break
        else:
            token = tokens[i]
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if keys[i] == _ABD and nxt.startswith(_ARTICLE) and len(nxt) > 3:
                stem = nxt[2:]
                parts.append("Abdul-" + _capitalise(_lookup(stem) or romanize_word(stem)))
                i += 2
                continue
            parts.append(_lookup(token) or _foreign_token(keys[i]) or _romanize_token(token))
            i += 1
    parts = [part for part in parts if part]
    if parts:
        head = parts[0]
        for particle, capital in _PARTICLES.items():
            if head == particle or head.startswith(particle if particle.endswith("-") else particle + " "):
                parts[0] = capital + head[len(particle) :]
                break
        else:
            parts[0] = _capitalise(head)
    result = " ".join(parts)
    return result if result else (name_ar or "").strip()


@lru_cache(maxsize=16384)  # asked for the same words again and again (4,500 different in 17,500 asks per 300 articles)
def is_known_name(token: str) -> bool:
    """True when `token` (a given name, family name or known foreign name) is in the name list."""
    return _lookup(_clean(token)) is not None
