"""Consistency checks for the curated actor registry and role/nationality lexicons.

data/actors.csv, data/roles.csv, data/nationalities.csv. Only csv + pathlib.
"""

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data"

ACTOR_HEADER = ["id", "name_en", "name_ar", "aliases_ar", "type", "affiliation", "country"]
ROLE_HEADER = ["id", "role_ar", "role_en", "kind"]
NAT_HEADER = ["country", "adj_ar_m", "adj_ar_f", "name_en"]

ACTOR_TYPES = {
    "person",
    "government",
    "state",
    "military",
    "armed_group",
    "political_party",
    "international_org",
    "ministry",
    "media",
    "company",
    "other",
}
ROLE_KINDS = {"title", "office", "spokesperson", "journalist", "other"}

# Surface forms that must never be an actor name/alias on their own: generic words,
# and common words that double as surnames (الأسد lion, سريع fast, بري land, ...).
BLOCKLIST = [
    "خليفة",
    "الجيش",
    "الحكومة",
    "العربية",
    "الرئيس",
    "الوزير",
    "الدولة",
    "الوزارة",
    "المجلس",
    "القوات",
    "الشرطة",
    "الأمن",
    "البرلمان",
    "التحالف",
    "الجيش الوطني",
    "الجيش الليبي",
    "الحرس",
    "الحشد",
    "القاعدة",
    "القيادة العامة",
    "المعارضة",
    "النظام",
    "الشعب",
    "الثوار",
    "الأمم",
    "المنظمة",
    "المنظمة الدولية",
    "الناطق",
    "المتحدث",
    "المصدر",
    "وزارة الخارجية",
    "وزارة الدفاع",
    "وزارة الداخلية",
    "وزارة الصحة",
    "الدفاع المدني",
    "الهلال الأحمر",
    "الحكومة المؤقتة",
    "الأسد",
    "الشرع",
    "سريع",
    "بري",
    "عون",
    "فتح",
    "هادي",
    "صالح",
    "سعيد",
    "رئيسي",
    "روحاني",
    "الصدر",
    "السوداني",
    "البرهان",
    "المنفي",
    "الكبير",
    "سلامة",
    "ماس",
    "ماي",
    "هانت",
    "مالي",
    "المالكي",
    "البشير",
    "الحوثي",
    "أمل",
    "المسيرة",
    "الميادين",
    "المنار",
    "الحرة",
    "الحدث",
    "الوسط",
    "الشرق الأوسط",
    "روسيا اليوم",
]

_DIAC = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel
_ARABIC = re.compile("[\u0621-\u064a]")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_ISO2 = re.compile(r"^[A-Z]{2}$")


def norm(s: str) -> str:
    s = _DIAC.sub("", s.strip())
    s = re.sub("[أإآ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    s = re.sub(r"\s+", " ", s)
    if s.startswith("ال") and len(s) > 3:
        s = s[2:]
    return s


def _read(name):
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = []
        for r in reader:
            if r:
                assert len(r) == len(header), (name, r)
                rows.append(dict(zip(header, r, strict=True)))
    return header, rows


@pytest.fixture(scope="module")
def actors():
    return _read("actors.csv")


@pytest.fixture(scope="module")
def roles():
    return _read("roles.csv")


@pytest.fixture(scope="module")
def nats():
    return _read("nationalities.csv")


def surface_forms(row):
    forms = [row["name_ar"]]
    if row["aliases_ar"]:
        forms += row["aliases_ar"].split("|")
    return forms


# ----------------------------------------------------------------- actors.csv
def test_actor_header(actors):
    header, rows = actors
    assert header == ACTOR_HEADER
    assert len(rows) >= 300


def test_actor_rows_well_formed(actors):
    _, rows = actors
    for r in rows:
        assert len(r) == len(ACTOR_HEADER), r
        assert all(v == v.strip() for v in r.values()), r
        assert _SLUG.match(r["id"]), r["id"]
        assert r["name_en"], r["id"]
        assert r["type"] in ACTOR_TYPES, (r["id"], r["type"])
        assert r["country"] == "" or _ISO2.match(r["country"]), (r["id"], r["country"])


def test_actor_ids_unique(actors):
    _, rows = actors
    ids = [r["id"] for r in rows]
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, dupes


def test_affiliations_exist(actors):
    _, rows = actors
    ids = {r["id"] for r in rows}
    for r in rows:
        if r["affiliation"]:
            assert r["affiliation"] in ids, (r["id"], r["affiliation"])
            assert r["affiliation"] != r["id"], r["id"]


def test_affiliation_chain_has_no_cycle(actors):
    _, rows = actors
    parent = {r["id"]: r["affiliation"] for r in rows}
    for start in parent:
        seen, cur = set(), start
        while cur:
            assert cur not in seen, f"affiliation cycle through {start}"
            seen.add(cur)
            cur = parent.get(cur, "")


def test_names_and_aliases_are_arabic(actors):
    _, rows = actors
    for r in rows:
        assert _ARABIC.search(r["name_ar"]), r["id"]
        if r["aliases_ar"]:
            for a in r["aliases_ar"].split("|"):
                assert a and a == a.strip(), (r["id"], r["aliases_ar"])
                assert _ARABIC.search(a), (r["id"], a)


def test_no_surface_form_shared_between_actors(actors):
    _, rows = actors
    owners = defaultdict(set)
    for r in rows:
        for f in surface_forms(r):
            owners[norm(f)].add(r["id"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, clashes


def test_no_generic_alias(actors):
    _, rows = actors
    blocked = {norm(w) for w in BLOCKLIST}
    for r in rows:
        for f in surface_forms(r):
            assert norm(f) not in blocked, (r["id"], f)


def test_short_single_word_aliases_are_long_enough(actors):
    # A one-word alias of 2 letters or less (after ال) would match too much text.
    _, rows = actors
    for r in rows:
        for f in surface_forms(r):
            n = norm(f)
            if " " not in n:
                assert len(_ARABIC.findall(n)) >= 3, (r["id"], f)


def test_actor_countries_have_nationality(actors, nats):
    _, rows = actors
    _, nrows = nats
    known = {n["country"] for n in nrows}
    missing = {(r["id"], r["country"]) for r in rows if r["country"] and r["country"] not in known}
    assert not missing, missing


def test_core_actors_present(actors):
    _, rows = actors
    ids = {r["id"] for r in rows}
    for i in [
        "khalifa-haftar",
        "lna",
        "gna",
        "fayez-al-sarraj",
        "africom",
        "thomas-waldhauser",
        "heiko-maas",
        "mikhail-bogdanov",
        "enzo-moavero-milanesi",
        "g7",
        "aljazeera",
        "un",
        "unsmil",
        "ghassan-salame",
        "houthis",
        "hezbollah",
        "rsf",
        "hamas",
    ]:
        assert i in ids, i


def test_known_alias_resolution(actors):
    _, rows = actors
    index = {}
    for r in rows:
        for f in surface_forms(r):
            index[norm(f)] = r["id"]
    expected = {
        "حفتر": "khalifa-haftar",
        "السراج": "fayez-al-sarraj",
        "أفريكوم": "africom",
        "القيادة الأميركية في أفريقيا": "africom",
        "بوجدانوف": "mikhail-bogdanov",
        "ميلانيزي": "enzo-moavero-milanesi",
        "مجموعة السبع": "g7",
        "حكومة الوفاق": "gna",
        "الامم المتحدة": "un",
        "داعش": "islamic-state",
        "قسد": "sdf",
        "حميدتي": "hemedti",
        "جيش الاحتلال": "israeli-army",
        "أنصار الله": "houthis",
        "الناتو": "nato",
    }
    for form, aid in expected.items():
        assert index.get(norm(form)) == aid, (form, index.get(norm(form)))
    assert "خليفه" not in index  # Haftar must not own the bare first name


# ------------------------------------------------------------------ roles.csv
def test_roles(roles):
    header, rows = roles
    assert header == ROLE_HEADER
    assert len(rows) >= 100
    ids, forms = set(), set()
    for r in rows:
        assert r["id"] and r["id"] not in ids, r
        ids.add(r["id"])
        assert r["kind"] in ROLE_KINDS, r
        assert _ARABIC.search(r["role_ar"]) and r["role_ar"] == r["role_ar"].strip(), r
        assert r["role_en"], r
        n = norm(r["role_ar"])
        assert n not in forms, ("duplicate role", r["role_ar"])
        forms.add(n)


def test_roles_cover_kinds(roles):
    _, rows = roles
    assert {r["kind"] for r in rows} == ROLE_KINDS
    by_form = {r["role_ar"]: r["kind"] for r in rows}
    for form, kind in [
        ("اللواء", "title"),
        ("الميجر", "title"),
        ("وزير الخارجية", "office"),
        ("نائب وزير", "office"),
        ("الناطق باسمها", "spokesperson"),
        ("المتحدث باسم", "spokesperson"),
        ("مراسل", "journalist"),
        ("القيادي", "other"),
    ]:
        assert by_form.get(form) == kind, form


# ------------------------------------------------------------ nationalities.csv
def test_nationalities(nats):
    header, rows = nats
    assert header == NAT_HEADER
    assert len(rows) >= 100
    seen = set()
    for r in rows:
        assert _ISO2.match(r["country"]), r
        assert r["name_en"], r
        for col in ("adj_ar_m", "adj_ar_f"):
            v = r[col]
            assert v.startswith("ال") and _ARABIC.search(v) and v == v.strip(), r
            n = norm(v)
            assert n not in seen, ("duplicate adjective", v)
            seen.add(n)
        assert r["adj_ar_f"].endswith("ة"), r
        assert not r["adj_ar_m"].endswith("ة"), r


def test_nationality_coverage(nats):
    _, rows = nats
    countries = {r["country"] for r in rows}
    arab_league = {
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
    }
    p5 = {"US", "RU", "CN", "FR", "GB"}
    others = {"DE", "IT", "ES", "TR", "IR", "IL", "ET", "TD", "NE", "ML", "PK", "AF", "JP", "IN"}
    assert not (arab_league | p5 | others) - countries
    forms = {r["adj_ar_m"] for r in rows} | {r["adj_ar_f"] for r in rows}
    assert {"الأمريكي", "الأميركي", "الأمريكية", "الأميركية"} <= forms


# ------------------------------------------------------------- actor_scope.csv, not_names.csv
def test_scoped_names_belong_to_actors_with_a_country(actors):
    """Every generic name of data/actor_scope.csv names an actor that has a country (its scope); a name that
    is not one of the actor's aliases is a scope-only name (مجلس النواب for Lebanon's parliament)."""
    _, rows = actors
    by_id = {r["id"]: r for r in rows}
    with (DATA / "actor_scope.csv").open(encoding="utf-8", newline="") as fh:
        scope = list(csv.DictReader(fh))
    assert scope and list(scope[0]) == ["name_ar", "actor_id", "note_en"]
    seen = set()
    for row in scope:
        assert row["actor_id"] in by_id, row
        assert by_id[row["actor_id"]]["country"], row
        assert _ARABIC.search(row["name_ar"]), row
        key = (row["name_ar"], row["actor_id"])
        assert key not in seen, row
        seen.add(key)
    countries = defaultdict(set)
    for row in scope:
        countries[row["name_ar"]].add(by_id[row["actor_id"]]["country"])
    for name, found in countries.items():  # one entry per country: the article's country decides
        assert len(found) == len([r for r in scope if r["name_ar"] == name]), name


def test_not_names_are_no_listed_names(actors):
    """No word of data/not_names.csv is a whole registry name or alias (they would never be found)."""
    _, rows = actors
    with (DATA / "not_names.csv").open(encoding="utf-8", newline="") as fh:
        words = list(csv.DictReader(fh))
    assert {w["kind"] for w in words} <= {"function", "number", "common", "adjective", "role", "phrase"}
    surfaces = {r["name_ar"] for r in rows} | {a for r in rows for a in r["aliases_ar"].split("|") if a}
    assert not {w["word_ar"] for w in words} & surfaces
