"""Sanity checks for the curated lexicon CSVs in data/.

Only csv + pathlib (and re for a light Arabic normaliser) are used so the
checks run without any project code.
"""
import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data"
SPEECH = DATA / "speech_verbs.csv"
EVENTS = DATA / "event_triggers.csv"

SPEECH_HEADER = ["id", "form_ar", "lemma_ar", "verb_en", "stance", "person", "complements"]
EVENT_HEADER = ["id", "trigger_ar", "event_type", "acled_event_type",
                "acled_sub_event_type", "label_en"]

STANCES = {"neutral", "assert", "deny", "announce", "acknowledge", "appeal",
           "warn", "condemn", "support", "reject", "promise", "claim", "inform"}
PERSONS = {"3ms", "3fs", "3p", "present_m", "present_f", "noun", "participle_m", "participle_f",
           "participle_p"}
COMPLEMENTS = {"any", "that", "quote", "colon", "about", "to", "with", "from", "on", "object", "action", "stance"}
EVENT_TYPES = {
    "armed_clash", "attack", "territory_change", "airstrike", "shelling",
    "bombing", "chemical_attack", "withdrawal", "evacuation", "deployment",
    "arrest", "abduction", "killing", "casualties", "meeting", "phone_call",
    "agreement", "ceasefire", "negotiation", "protest",
    "riot", "displacement", "sanctions", "looting", "siege", "release",
    "defection", "disrupted_weapons",
}
# ACLED event types and their sub-event types.
ACLED = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike",
                                   "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack",
                                   "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests",
                               "Change to group/activity",
                               "Disrupted weapons use",
                               "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
# event types that are not ACLED events in themselves (outcome markers)
NO_ACLED = {"casualties"}

ARABIC = re.compile(r"^[\u0621-\u064A\u0660-\u0669 ]+$")
DIACRITICS = re.compile(r"[\u064B-\u0652\u0670\u0640]")


def norm(text):
    """Light normaliser mirroring what the matching code does."""
    t = DIACRITICS.sub("", text)
    t = re.sub("[أإآٱ]", "ا", t)
    t = t.replace("ى", "ي").replace("ة", "ه")
    return " ".join(t.split())


def load(path):
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        raw = list(reader)
    bad = [r for r in raw if len(r) != len(header)]
    assert not bad, f"{path.name}: rows with wrong column count: {bad[:3]}"
    rows = [dict(zip(header, r, strict=False)) for r in raw]
    return header, rows


@pytest.fixture(scope="module")
def speech():
    return load(SPEECH)


@pytest.fixture(scope="module")
def events():
    return load(EVENTS)


# ---------------------------------------------------------------- speech verbs

def test_speech_header(speech):
    header, rows = speech
    assert header == SPEECH_HEADER
    assert rows, "no rows"
    for r in rows:
        assert all(v == v.strip() for v in r.values()), r


def test_speech_ids_unique(speech):
    ids = [r["id"] for r in speech[1]]
    assert all(ids)
    dup = [k for k, v in Counter(ids).items() if v > 1]
    assert not dup, dup


def test_speech_forms_arabic(speech):
    for r in speech[1]:
        for col in ("form_ar", "lemma_ar"):
            v = r[col]
            assert v and v == v.strip() and ARABIC.match(v), (col, r)
        assert r["verb_en"].strip(), r


def test_speech_allowed_values(speech):
    for r in speech[1]:
        assert r["stance"] in STANCES, r
        assert r["person"] in PERSONS, r
        complements = r["complements"].split("|")
        assert complements and set(complements) <= COMPLEMENTS, r
        assert "any" not in complements or complements == ["any"], r


def test_speech_no_duplicate_form_stance(speech):
    pairs = Counter((r["form_ar"], r["stance"]) for r in speech[1])
    dup = [k for k, v in pairs.items() if v > 1]
    assert not dup, dup


def test_speech_one_stance_per_form(speech):
    stances = defaultdict(set)
    for r in speech[1]:
        stances[norm(r["form_ar"])].add(r["stance"])
    bad = {f: s for f, s in stances.items() if len(s) > 1}
    assert not bad, bad


def test_speech_forms_unique_after_normalisation(speech):
    c = Counter(norm(r["form_ar"]) for r in speech[1])
    dup = [k for k, v in c.items() if v > 1]
    assert not dup, dup


def test_speech_every_stance_used(speech):
    used = {r["stance"] for r in speech[1]}
    assert used == STANCES, STANCES - used


@pytest.mark.parametrize("form,stance", [
    ("قال", "neutral"), ("قالت", "neutral"), ("قالوا", "neutral"),
    ("قوله", "neutral"), ("قولها", "neutral"),
    ("أضاف", "neutral"), ("أوضح", "neutral"),
    ("نفى", "deny"), ("نفت", "deny"),
    ("أكد", "assert"), ("أكدت", "assert"),
    ("حث", "appeal"), ("دعا", "appeal"), ("دعت", "appeal"),
    ("حذر", "warn"), ("حذرت", "warn"),
    ("أعلن", "announce"), ("أقر", "acknowledge"), ("اعترف", "acknowledge"),
    ("أدان", "condemn"), ("رحب", "support"), ("رفض", "reject"),
    ("تعهد", "promise"), ("زعم", "claim"), ("أبلغ", "inform"),
])
def test_speech_key_forms(speech, form, stance):
    by_form = {norm(r["form_ar"]): r for r in speech[1]}
    assert norm(form) in by_form, form
    assert by_form[norm(form)]["stance"] == stance, by_form[norm(form)]


def test_speech_noun_forms_say(speech):
    by_form = {r["form_ar"]: r for r in speech[1]}
    for f in ("قوله", "قولها"):
        assert by_form[f]["verb_en"] == "said"
        assert by_form[f]["person"] == "noun"


def test_speech_lemma_single_stance(speech):
    # every lemma shares its stance across all of its forms
    lemma_stance = defaultdict(set)
    for r in speech[1]:
        lemma_stance[r["lemma_ar"]].add(r["stance"])
    bad = {k: v for k, v in lemma_stance.items() if len(v) > 1}
    assert not bad, bad


# -------------------------------------------------------------- event triggers

def test_event_header(events):
    header, rows = events
    assert header == EVENT_HEADER
    assert rows, "no rows"
    for r in rows:
        assert all(v == v.strip() for v in r.values()), r


def test_event_ids_unique(events):
    ids = [r["id"] for r in events[1]]
    assert all(ids)
    dup = [k for k, v in Counter(ids).items() if v > 1]
    assert not dup, dup


def test_event_triggers_arabic(events):
    for r in events[1]:
        v = r["trigger_ar"]
        assert v and v == v.strip() and "  " not in v and ARABIC.match(v), r
        assert r["label_en"].strip(), r


def test_event_allowed_values(events):
    for r in events[1]:
        assert r["event_type"] in EVENT_TYPES, r
        if r["event_type"] in NO_ACLED:
            assert r["acled_event_type"] == "" and r["acled_sub_event_type"] == "", r
            continue
        assert r["acled_event_type"] in ACLED, r
        assert r["acled_sub_event_type"] in ACLED[r["acled_event_type"]], r


def test_event_triggers_unique_after_normalisation(events):
    types = defaultdict(set)
    for r in events[1]:
        types[norm(r["trigger_ar"])].add(r["event_type"])
    c = Counter(norm(r["trigger_ar"]) for r in events[1])
    dup = [k for k, v in c.items() if v > 1]
    assert not dup, dup
    assert all(len(v) == 1 for v in types.values())


def test_event_min_three_per_type(events):
    c = Counter(r["event_type"] for r in events[1])
    thin = {t: c.get(t, 0) for t in EVENT_TYPES if c.get(t, 0) < 3}
    assert not thin, thin


@pytest.mark.parametrize("bare", ["نشر", "تقدم", "سحب", "حشد", "انتشار",
                                  "أرسلت", "إطلاق النار", "أجلت", "أخلت"])
def test_event_ambiguous_bare_words_excluded(events, bare):
    triggers = {norm(r["trigger_ar"]) for r in events[1]}
    assert norm(bare) not in triggers, bare


@pytest.mark.parametrize("trigger,event_type", [
    ("اشتباكات", "armed_clash"), ("إجلاء", "evacuation"), ("اعتقال", "arrest"),
    ("غارة", "airstrike"), ("اتصالا هاتفيا", "phone_call"),
    ("اجتماع", "meeting"), ("قصف", "shelling"), ("تفجير", "bombing"),
    ("انسحاب", "withdrawal"), ("اختطاف", "abduction"), ("مقتل", "killing"),
    ("جرحى", "casualties"), ("وقف إطلاق النار", "ceasefire"),
    ("اتفاق", "agreement"), ("مفاوضات", "negotiation"),
    ("مظاهرات", "protest"), ("أعمال شغب", "riot"), ("نزوح", "displacement"),
    ("عقوبات", "sanctions"), ("نهب", "looting"), ("حصار", "siege"),
    ("سيطرة على", "territory_change"),
])
def test_event_key_triggers(events, trigger, event_type):
    by_trig = {norm(r["trigger_ar"]): r for r in events[1]}
    assert norm(trigger) in by_trig, trigger
    assert by_trig[norm(trigger)]["event_type"] == event_type, by_trig[norm(trigger)]
