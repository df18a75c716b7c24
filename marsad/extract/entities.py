"""Actor mentions: registry aliases, people introduced by a role, and later short mentions.

Three passes over one article, all on normalised text with offsets mapped back:
1. registry aliases from data/actors.csv (clitic-aware, longest match wins);
2. people not in the registry, found after a role phrase from data/roles.csv
   (`الناطق باسمها مهند يونس`, `وزير الخارجية الألماني هايكو ماس`, `الميجر كارل ويست`);
   unnamed spokespeople (`متحدث باسم القيادة الأفريقية`) become mentions of their body;
3. the surname of a discovered person, wherever it recurs (`ميلانيزي` after `إنزو ميلانيزي`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.extract.translit import is_known_name
from marsad.lexicon import Lexicon, Role
from marsad.paths import DATA_DIR
from marsad.records import Actor, Mention
from marsad.text.matcher import ARTICLE_PREFIXES, CLITICS, Match, Matcher, longest_first, previous_word
from marsad.text.normalize import WORD_RE, Normalized, normalize, normalize_key

if TYPE_CHECKING:
    from marsad.extract.ner_tagger import NerTagger

ORGANIZATION_TYPES = {"government", "military", "armed_group", "political_party", "international_org",
                      "ministry", "media", "company", "other"}

# Words that end a name: particles, prepositions, pronouns and common verbs of reporting.
_FUNCTION_WORDS = frozenset(normalize_key(w) for w in """
    إن أن أنه إنه انه ان قد لم لن ما لا في من على إلى الى عن مع بعد قبل حول الذي التي الذين
    هو هي هم كان كانت يوم اليوم أمس امس غدا خلال عبر ضد بين حتى منذ لدى عند أو او ثم
    للصحفيين للجزيرة لوسائل الإعلام بأن بان وأن وان لقناة لوكالة لصحيفة
""".split())

_NAME_TOKEN_RE = re.compile(r"[\u0621-\u064a]{2,}")
_ROLE_BRIDGES = frozenset(normalize_key(w) for w in ["باسم", "باسمها", "باسمه", "باسمهم", "ب"])
_PLACE_BRIDGES = frozenset(normalize_key(w) for w in ["في", "فى", "لدى"])
# What may follow a name and confirm it: a content marker, a speech verb, punctuation.
_NAME_ENDERS = frozenset(normalize_key(w) for w in ["إن", "أن", "إنه", "أنه", "بأن", "قوله", "قولها", ":", "،",
                                                   ",", ".", "-", "(", "للصحفيين", "لوسائل", "للجزيرة"])
_COMPOUND_NAME_PARTS = frozenset(normalize_key(w) for w in ["بن", "ابن", "أبو", "ابو", "عبد", "أبي", "ولد"])


@dataclass(frozen=True)
class _Entry:
    actor_id: str
    type: str  # PERSON | ORGANIZATION


def mention_type(actor_type: str) -> str:
    if actor_type == "person":
        return "PERSON"
    if actor_type == "state":
        return "LOCATION"
    return "ORGANIZATION"


@lru_cache(maxsize=4)
def _actor_matcher(lexicon: Lexicon) -> Matcher[_Entry]:
    entries = []
    for actor in lexicon.actors.values():
        for name in (actor.name_ar, *actor.aliases):
            entries.append((name, _Entry(actor.actor_id, mention_type(actor.type))))
    return Matcher(entries, min_length=3)


@lru_cache(maxsize=4)
def _role_matcher(lexicon: Lexicon) -> Matcher[Role]:
    return Matcher(((role.role_ar, role) for role in lexicon.roles.values()), min_length=3)


def discovered_actor_id(name: str, kind: str = "person") -> str:
    """Stable id for a person (or `org`) found in the text: the same name gives the same id in every article."""
    digest = hashlib.sha1(normalize_key(name).encode("utf-8")).hexdigest()[:10]
    return f"{kind}-{digest}"


@dataclass(frozen=True)
class ActorFindings:
    mentions: list[Mention]
    actors: dict[str, Actor]


def find_actors(text: str, lexicon: Lexicon, normalized: Normalized | None = None) -> ActorFindings:
    """Actor mentions in `text` with the actors they refer to (registry and discovered)."""
    norm = normalized or normalize(text)
    registry = longest_first(_actor_matcher(lexicon).find(norm.text))
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for match in registry:
        entry = match.payloads[0]
        if entry.type == "LOCATION" and _locative(norm.text, match):
            continue  # في ليبيا: the state as a place; geo.py records it
        if entry.type == "PERSON" and " " not in norm.text[match.start:match.end].strip() and \
                _other_first_name(norm.text, match.word_start, registry_actor(lexicon, entry.actor_id)):
            continue  # صدام حفتر is not Khalifa Haftar: a surname alias after another given name
        mentions.append(_mention(text, norm, match.display_start, match.end, entry.type, entry.actor_id,
                                 "lexicon"))
        actors.setdefault(entry.actor_id, registry_actor(lexicon, entry.actor_id))

    taken = [(m.start, m.end) for m in registry]
    for role_match in longest_first(_role_matcher(lexicon).find(norm.text)):
        found = _person_after_role(text, norm, role_match, registry, taken, lexicon)
        if found is None:
            continue
        mention, actor, normalized_span = found
        mentions.append(mention)
        actors.setdefault(actor.actor_id, actor)
        taken.append(normalized_span)

    found_by_model = _model_mentions(text, norm, lexicon, mentions, taken)
    for mention, actor in found_by_model:
        mentions.append(mention)
        actors.setdefault(actor.actor_id, actor)
        taken.append(norm.span_to_normalized(mention.start, mention.end))
    mentions.extend(_surname_mentions(text, norm, actors, taken))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return ActorFindings(mentions, actors)


@lru_cache(maxsize=1)
def tagger() -> NerTagger:
    """The trained tagger, loaded once per process (numpy only; imported on first use)."""
    from marsad.extract.ner_tagger import NerTagger

    loaded = NerTagger.load(DATA_DIR / "models" / "ner" / "ner.npz")  # the checkout's or the package's data
    _return_freed_memory()
    return loaded


def _return_freed_memory() -> None:
    """Hand the tagger's loading scratch (some 20 MB) back to the system, where the C library can."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is reused by this process instead
        pass


def _model_mentions(text: str, norm: Normalized, lexicon: Lexicon, known: list[Mention],
                    taken: list[tuple[int, int]]) -> list[tuple[Mention, Actor]]:
    """People and organisations nobody listed, from the trained tagger (source "model").

    The registry and the role rule go first: a tagger span that overlaps anything they found is
    dropped. A person needs two name words, or one that the name lists know; an organisation needs
    two words (a lone `الحكومة` is not a name). Places stay with the gazetteer, which can locate them.
    """
    occupied = [(m.start, m.end) for m in known]
    found: list[tuple[Mention, Actor]] = []
    for start, end, kind in tagger().find(text):
        if kind == "LOCATION" or any(start < b and a < end for a, b in occupied):
            continue
        words = [normalize_key(w) for w in WORD_RE.findall(text[start:end])]
        if not words or any(w in lexicon.speech_verbs or w in _FUNCTION_WORDS for w in words):
            continue
        if kind == "PERSON":
            if len(words) < 2 and not is_known_name(words[0]):
                continue
            if any(w in lexicon.roles or w in lexicon.nationalities for w in words):
                continue
            actor_id, actor_type = discovered_actor_id(text[start:end]), "person"
        else:
            if len(words) < 2:  # a lone الحكومة, الجيش is no body's name
                continue
            actor_id, actor_type = discovered_actor_id(text[start:end], "org"), "other"
        role = _role_before(norm, start, lexicon) if kind == "PERSON" else None
        mention = Mention(start, end, text[start:end], kind, actor_id, "model", role)
        found.append((mention, Actor(actor_id, "", text[start:end], actor_type, None, None, role, discovered=True)))
        occupied.append((start, end))
    return found


def _role_before(norm: Normalized, start: int, lexicon: Lexicon) -> str | None:
    """The role introducing a name, within six words before it in the same clause: `وزير الخارجية
    البريطاني جيريمي هنت`, `المتحدث باسم الهلال الأحمر، محمد الشريف` (a comma may close the role)."""
    n_start, _ = norm.span_to_normalized(start, start)
    window_start = max(0, n_start - 80)
    for stop in (".", "؟", "!", "\n"):
        window_start = max(window_start, norm.text.rfind(stop, window_start, n_start) + 1)
    window = norm.text[window_start:n_start]
    roles = [m for m in _role_matcher(lexicon).find(window)]
    if not roles:
        return None
    last = max(roles, key=lambda m: (m.end, m.end - m.start))
    between = window[last.end:]
    if len(between.split()) > 6 or any(w in lexicon.speech_verbs for w in between.split()):
        return None
    return last.payloads[0].role_en


_LOCATIVES = frozenset(normalize_key(w) for w in ["في", "فى", "إلى", "الى", "من", "نحو", "داخل", "خارج", "عن",
                                                  "على", "شرق", "غرب", "شمال", "جنوب", "أنحاء", "حول"])


def _locative(text: str, match: Match) -> bool:
    prefix = text[match.word_start:match.start]
    if prefix.endswith("ب") or prefix.endswith("بال"):
        return True
    return previous_word(text, match.word_start)[0] in _LOCATIVES


def registry_actor(lexicon: Lexicon, actor_id: str) -> Actor:
    entry = lexicon.actors[actor_id]
    return Actor(entry.actor_id, entry.name_en, entry.name_ar, entry.type, entry.affiliation, entry.country)


def _mention(text: str, norm: Normalized, start: int, end: int, type_: str, entity_id: str, source: str,
             role: str | None = None) -> Mention:
    o_start, o_end = norm.span_to_original(start, end)
    return Mention(o_start, o_end, text[o_start:o_end], type_, entity_id, source, role)




def _tokens_after(norm_text: str, position: int, limit: int) -> list[tuple[int, int, str]]:
    tokens = []
    for match in WORD_RE.finditer(norm_text, position):
        tokens.append((match.start(), match.end(), match.group()))
        if len(tokens) >= limit:
            break
    return tokens


# Heads of a body's name: after a role they begin a body (المتحدث باسم قوات التحالف), not a person.
_BODY_HEADS = frozenset(normalize_key(w) for w in [
    "قوات", "جيش", "وزارة", "حكومة", "حركة", "جماعة", "مجلس", "منظمة", "هيئة", "لجنة", "قيادة", "شرطة",
    "وكالة", "شركة", "حزب", "جبهة", "تحالف", "اتحاد", "رابطة", "جمعية", "مكتب", "مركز", "مؤسسة", "الهيئة"])


def _is_name_token(token: str, lexicon: Lexicon, first: bool) -> bool:
    if not _NAME_TOKEN_RE.fullmatch(token) or token in _FUNCTION_WORDS:
        return False
    if first and token in _BODY_HEADS:
        return False
    if token in lexicon.speech_verbs or token in lexicon.nationalities or token in lexicon.roles:
        return False
    if token in lexicon.event_triggers:
        return False
    if first and any(token.startswith(p) for p in ARTICLE_PREFIXES):
        return False
    if not first and token[:3] in {"لل", "بال", "وال", "فال", "كال"}:
        return False
    return True


def _person_after_role(text: str, norm: Normalized, role_match: Match[Role], registry: list[Match[_Entry]],
                       taken: list[tuple[int, int]], lexicon: Lexicon
                       ) -> tuple[Mention, Actor, tuple[int, int]] | None:
    role = role_match.payloads[0]
    tokens = _tokens_after(norm.text, role_match.end, 12)
    index = 0
    org_id: str | None = None
    # Skip the role's complements: nationality adjectives, definite nouns, باسم X, في <place>.
    while index < len(tokens) and index < 7:
        start, end, token = tokens[index]
        at_registry = next((m for m in registry if m.word_start <= start < m.end), None)
        if at_registry is not None:
            entry = at_registry.payloads[0]
            if entry.type == "PERSON":
                return None  # a known person follows the role: nothing to discover
            org_id = org_id or entry.actor_id
            while index < len(tokens) and tokens[index][0] < at_registry.end:
                index += 1
            continue
        if token in _PLACE_BRIDGES:
            index += 2  # في <place>: the place is part of the role (مراسل الجزيرة في طرابلس)
            continue
        if token in _ROLE_BRIDGES or token in lexicon.nationalities or token in lexicon.roles:
            index += 1
            continue
        if any(token.startswith(p) for p in ARTICLE_PREFIXES) and len(token) > 3:
            index += 1
            continue
        break
    name_tokens: list[tuple[int, int, str]] = []
    while index < len(tokens) and len(name_tokens) < 3:
        start, end, token = tokens[index]
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            break
        if not _is_name_token(token, lexicon, first=not name_tokens):
            break
        if len(name_tokens) == 2 and name_tokens[-1][2] not in _COMPOUND_NAME_PARTS and \
                not token.startswith("ال"):
            break
        name_tokens.append(tokens[index])
        index += 1
    following = tokens[index][2] if index < len(tokens) else "."
    confirmed = any(is_known_name(t[2]) for t in name_tokens) or following in _NAME_ENDERS \
        or following in lexicon.speech_verbs
    if len(name_tokens) < 2 or not confirmed:
        if org_id and role.kind in ("spokesperson", "journalist"):
            # An unnamed spokesperson speaks for their body.
            mention = _mention(text, norm, role_match.word_start, role_match.end, "ORGANIZATION", org_id,
                               "role", role.role_en)
            return mention, registry_actor(lexicon, org_id), (role_match.word_start, role_match.end)
        return None
    name_start, name_end = name_tokens[0][0], name_tokens[-1][1]
    mention = _mention(text, norm, name_start, name_end, "PERSON", "", "role", role.role_en)
    actor_id = discovered_actor_id(mention.text)
    mention = Mention(mention.start, mention.end, mention.text, "PERSON", actor_id, "role", role.role_en)
    country = _country_from_context(norm.text[role_match.end:name_start], lexicon)
    actor = Actor(actor_id, "", mention.text, "person", org_id, country, role.role_en, discovered=True)
    return mention, actor, (name_start, name_end)


def _country_from_context(between: str, lexicon: Lexicon) -> str | None:
    for token in between.split():
        nationality = lexicon.nationalities.get(token)
        if nationality:
            return nationality.country
    return None


def _surname_mentions(text: str, norm: Normalized, actors: dict[str, Actor],
                      taken: list[tuple[int, int]]) -> list[Mention]:
    surnames: list[tuple[str, Actor]] = []
    for actor in actors.values():
        if actor.discovered and len(actor.name_ar.split()) >= 2:
            surname = normalize_key(actor.name_ar.split()[-1])
            if len(surname) >= 3:
                surnames.append((surname, actor))
    if not surnames:
        return []
    matcher = Matcher((surname, actor) for surname, actor in surnames)
    found = []
    for match in longest_first(matcher.find(norm.text)):
        if any(match.start < end and start < match.end for start, end in taken):
            continue
        prefix = norm.text[match.word_start:match.start]
        if prefix not in CLITICS:
            continue
        actor = match.payloads[0]
        if _other_first_name(norm.text, match.word_start, actor):
            continue
        found.append(_mention(text, norm, match.start, match.end, "PERSON", actor.actor_id, "coref"))
    return found


def _other_first_name(normalized: str, word_start: int, actor: Actor) -> bool:
    """The surname follows a given name that is not the actor's own (محمد الجبير after عادل الجبير):
    another person of that family, never joined to the one named before."""
    before = normalized[:word_start].split()
    if not before:
        return False
    previous = before[-1]
    own = normalize_key(actor.name_ar.split()[0])
    return previous != own and is_known_name(previous)
