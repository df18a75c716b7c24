"""The trained NER tagger: loading, features, offsets, what it finds in real sentences."""

from pathlib import Path

import numpy as np
import pytest

from marsad.extract import ner_features
from marsad.extract.ner_features import (
    OFFSETS,
    TOPIC,
    FeatureResources,
    WordTable,
    analyse_word,
    normalize_word,
    strip_clitics,
    token_features,
    tokenize_with_offsets,
    topic_score,
    vector_features,
    vector_row,
    word_features,
)
from marsad.extract.ner_tagger import DEFAULT_MODEL, NerTagger, _half_to_float32

SHARED_NER = Path(__file__).resolve().parents[2] / "shared" / "ner"


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger.load()


def test_tokenizer_keeps_offsets() -> None:
    text = "قال وزير الخارجية، جيريمي هنت (د.ب.أ) إنّ 2019"
    tokens = tokenize_with_offsets(text)
    assert [t[0] for t in tokens] == ["قال", "وزير", "الخارجية", "،", "جيريمي", "هنت", "(", "د", ".", "ب",
                                      ".", "أ", ")", "إنّ", "2019"]
    assert all(text[s:e] == w for w, s, e in tokens)


def test_normalisation_and_clitics() -> None:
    assert normalize_word("مُحمّد") == "محمد"
    assert normalize_word("إسرائيل") == "اسرائيل"
    assert normalize_word("الخارجية") == "الخارجيه"
    assert strip_clitics(normalize_word("والمملكة")) == "مملكه"
    assert strip_clitics(normalize_word("للأمم")) == "امم"
    assert strip_clitics(normalize_word("بالسعودية")) == "سعوديه"
    assert strip_clitics("قال") == "قال"


def test_the_normalisation_table_is_camel_tools() -> None:
    pytest.importorskip("camel_tools")
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
    )

    for code in range(0x0600, 0x0700):
        char = chr(code)
        camel = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(char))))
        if "\u0660" <= char <= "\u0669" or "\u06f0" <= char <= "\u06f9" or char in "\u0640\u06a9\u06cc":
            continue  # digits, tatweel, keheh and farsi yeh: the project's own choices
        assert normalize_word(char) == camel.lower(), hex(code)


def test_features_are_functions_of_one_word() -> None:
    resources = FeatureResources.from_mappings({"هنت": (1, 2)}, {"P": frozenset({"جيريمي"})})
    core, local = word_features("جيريمي", resources)
    assert "w=جيريمي" in core and "g=P" in core and "c=none" in core
    assert "x2=مي" in local
    core, _ = word_features("هنت", resources)
    assert "c0=1" in core and "c1=2" in core
    feats = token_features(["جيريمي", "هنت"], resources)
    assert "bias" in feats[0] and "-1|PAD" in feats[0] and "1|w=هنت" in feats[0] and "-1|w=جيريمي" in feats[1]


def test_vector_and_sports_features() -> None:
    vectors = np.array([[0.5, -1.0], [2.0, 0.25]], dtype=np.float16)
    resources = FeatureResources.from_mappings({}, {}, {"هنت": 0, "مملكه": 1}, vectors)
    assert vector_row("هنت", resources) == 0
    assert vector_row("والمملكة", resources) == 1  # through the clitic-stripped form
    assert vector_row("قال", resources) == -1
    feats = vector_features(["قال", "هنت"], resources)
    assert feats[0] == {"1|e0": 0.5, "1|e1": -1.0}
    assert feats[1] == {"0|e0": 0.5, "0|e1": -1.0}
    features, row, topic = analyse_word("والمملكة", resources)
    assert row == 1 and topic == 0 and "s=مملكه" in features
    assert topic_score("المنتخب") == 2 and topic_score("فاز") == 1 and topic_score("قال") == 0
    sports = token_features(["فاز", "منتخب", "فرنسا"], resources)
    assert f"{TOPIC}|w=فرنسا" in sports[2] and f"{TOPIC}|bias" in sports[2]
    assert not any(f.startswith(TOPIC + "|") for f in token_features(["قال", "هنت"], resources)[1])


def test_cached_emissions_are_the_sums_of_the_feature_weights(tagger: NerTagger) -> None:
    """What the tagger caches per word type equals the sum of the model's attribute weights
    (string features, and word-vector components times their weights) at each offset."""
    from marsad.extract.ner_tagger import DEFAULT_MODEL

    with np.load(DEFAULT_MODEL, allow_pickle=False) as model:  # the weights as trained
        attributes, weights = model["attributes"].tolist(), model["weights"].astype(np.float32)
        vectors = model["vectors"]  # the tagger has folded them into its feature table
    index = {a: i for i, a in enumerate(attributes)}
    resources = tagger.resources
    for word in ["وزارة", "جيريمي", "والمملكة", "2019", "xyzzy", "،"]:
        tagger._add_types([word])
        features, row, _ = analyse_word(word, resources)
        for k_index, k in enumerate(OFFSETS):
            expected = np.zeros(len(tagger.labels), np.float32)
            for f in features:
                if f"{k}|{f}" in index:
                    expected += weights[index[f"{k}|{f}"]]
            if row >= 0:
                for d, value in enumerate(vectors[row].astype(np.float32)):
                    if f"{k}|e{d}" in index:
                        expected += value * weights[index[f"{k}|e{d}"]]
            got = tagger._emit[tagger._types[word], k_index]
            # the tagger keeps its feature table in float16: each summed weight is rounded to 3 digits
            assert np.allclose(got, expected, atol=2e-2, rtol=1e-2), (word, k)


def test_half_floats_convert_exactly_as_numpy_converts_them() -> None:
    """The tagger widens its float16 feature rows by integer passes: every finite float16 (zeros of both
    signs and subnormals too) gives the very float32 numpy's astype gives."""
    bits = np.arange(2 ** 16, dtype=np.uint16)
    finite = np.isfinite(bits.view(np.float16))
    expected = bits.view(np.float16)[finite].astype(np.float32)
    assert np.array_equal(_half_to_float32(bits[finite]).view(np.uint32), expected.view(np.uint32))
    rows = bits[finite][:126 * 8].reshape(8, 6, 21)
    assert np.array_equal(_half_to_float32(rows), rows.view(np.float16).astype(np.float32))


def test_word_tables_find_what_a_dict_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    words = ["السعوديه", "جيريمي", "هنت", "مملكه", "", "w=هنت", "c0=15", "x"]
    table = WordTable(words)
    asked = [*words, "هنتا", "هن", "السعودية", "ابو", "w=هنت ", "c0=1"]
    expected = [words.index(w) if w in words else -1 for w in asked]
    assert table.rows(asked).tolist() == expected
    assert table.words() == words and WordTable([]).rows(["هنت"]).tolist() == [-1]
    assert table.rows([]).tolist() == []
    # strings that share a hash (made so here; with 64-bit hashes, almost never) are still told apart
    monkeypatch.setattr(ner_features, "_hashes", lambda codes, lengths: lengths.astype(np.uint64))
    colliding = WordTable(words)
    assert colliding.rows(asked).tolist() == expected
    with pytest.raises(ValueError):
        WordTable(["هنت", "هنت"])


def test_the_model_look_ups_are_those_of_the_former_dicts(tagger: NerTagger) -> None:
    """What the word table answers for real words: the values the model's dicts and sets held
    before they became arrays (clusters, vector rows, name lists of normalised and stripped forms)."""
    resources = tagger.resources
    expected = {  # normalised word: (cluster ids, vector row, name lists), from the former dicts
        "السعوديه": ((15, 95, 115, 1101), 44, ["PL", "N", "AO"]),
        "سعوديه": ((15, 49, 284, 392), 2464, ["PL", "N", "AO"]),
        "جيريمي": ((17, 47, 382, 152), 42608, ["P", "W"]),
        "هنت": (None, -1, ["W"]),
        "مملكه": ((5, 65, 166, 1294), 3463, ["PL"]),
        "رياض": ((6, 39, 53, 302), 7780, ["W", "PL", "AO"]),
        "زير": (None, -1, ["R", "W"]),
        "بومبيو": ((8, 52, 369, 242), 65753, ["P", "W"]),
        "القاهره": ((5, 86, 15, 1301), 901, ["PL"]),
        "xyzzy": (None, -1, []),
    }
    for word, (clusters, row, lists) in expected.items():
        assert resources.clusters(word) == clusters, word
        assert resources.vector_row(word) == row, word
        assert sorted(resources.gazetteers(word)) == sorted(lists), word
    # whole feature lists, in the order the weights are summed in
    features, row, topic = analyse_word("الرياض", resources)
    assert features[:14] == ["w=الرياض", "sh=A", "s=رياض", "gs=W", "g=PL", "g=AO", "c0=15", "c1=86", "c2=7",
                             "c3=174", "sc0=6", "sc1=39", "sc2=53", "sc3=302"]
    assert (row, topic) == (148, 0)
    features, row, _ = analyse_word("والمملكة", resources)
    assert features[:12] == ["w=والمملكه", "sh=A", "s=مملكه", "gs=PL", "c0=15", "c1=112", "c2=484", "c3=1387",
                             "sc0=5", "sc1=65", "sc2=166", "sc3=1294"]
    assert features[-1] == "orth" and row == 4832
    # every word of the table, and words that are not in it, as a dict of them would answer
    words = resources.words.words()
    index = {w: i for i, w in enumerate(words)}
    asked = words + [w + "ي" for w in words[::50]] + ["", "xyzzy"]
    assert resources.words.rows(asked).tolist() == [index.get(w, -1) for w in asked]


def test_resources_from_dicts_answer_as_the_dicts() -> None:
    clusters = {"جيريمي": (17, 47), "مملكه": (5, 65)}
    gazetteers = {"P": frozenset({"جيريمي", "محمد"}), "L": frozenset({"مملكه", "رياض"}), "W": frozenset({"محمد"})}
    vectors = np.zeros((3, 2), np.float16)
    resources = FeatureResources.from_mappings(clusters, gazetteers, {"رياض": 2, "جيريمي": 0}, vectors)
    for word in ["جيريمي", "مملكه", "محمد", "رياض", "هنت"]:
        assert resources.clusters(word) == clusters.get(word)
        assert resources.gazetteers(word) == [name for name, words in gazetteers.items() if word in words]
        assert resources.vector_row(word) == {"رياض": 2, "جيريمي": 0}.get(word, -1)
    assert resources.without_vectors().vectors is None and resources.without_vectors().vector_row("رياض") == 2
    assert FeatureResources.from_mappings().vector_row("رياض") == -1


def test_a_model_file_of_the_former_format_converts_to_the_same_look_ups(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_ner", Path(__file__).resolve().parents[1] / "scripts" / "train_ner.py")
    train_ner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train_ner)
    labels = ["O", "B-PERS", "I-PERS"]
    attributes = ["-1|c0=3", "0|e0", "0|g=P", "0|gs=L", "0|w=هنت"]
    weights = np.arange(len(attributes) * len(labels), dtype=np.float16).reshape(len(attributes), -1)
    old = tmp_path / "old.npz"
    np.savez_compressed(old, attributes=np.array(attributes), weights=weights, bias=np.zeros(3, np.float32),
                        transitions=np.zeros((3, 3), np.float32), labels=np.array(labels),
                        cluster_words=np.array(["جيريمي", "هنت"]), cluster_ids=np.array([[3, 7], [4, 9]], np.int16),
                        vector_words=np.array(["هنت", "مملكه"]), vectors=np.array([[0.5], [1.0]], np.float16),
                        gazetteer_P=np.array(["جيريمي", "هنت"]), gazetteer_L=np.array(["مملكه"]),
                        gazetteer_X=np.array(["قال"]), frequent_words=np.array(["قال", "هنت"]))
    new = tmp_path / "new.npz"
    train_ner.convert(old, new)
    tagger = NerTagger.load(new)
    resources = tagger.resources
    assert resources.clusters("جيريمي") == (3, 7) and resources.clusters("مملكه") is None
    assert resources.vector_row("مملكه") == 1 and resources.vector_row("جيريمي") == -1
    assert resources.gazetteers("هنت") == ["P"] and resources.gazetteers("مملكه") == ["L"]
    assert resources.gazetteer_names == ("P", "L")  # a list no attribute uses is not shipped
    assert resources.words.rows(["قال"]).tolist() == [-1]  # nor its words
    assert len(tagger.tag_tokens(["قال", "جيريمي", "هنت"])) == 3
    with pytest.raises(ValueError, match="--convert"):
        NerTagger.load(old)


def test_the_tagger_prewarms_every_frequent_word_and_the_extractors_keep_the_commonest(tagger: NerTagger) -> None:
    from marsad.extract.ner_tagger import COMMON_WORDS, frequent_words

    with np.load(DEFAULT_MODEL, allow_pickle=False) as data:
        shipped = data["frequent_words"].tolist()
    assert len(shipped) > COMMON_WORDS
    assert frequent_words() == tuple(shipped[:COMMON_WORDS])  # the extractors' common words
    assert len(tagger._base_types) == 1 + len(shipped)  # the padding and every frequent word, computed at load
    assert all(word in tagger._base_types for word in shipped[-3:])


def test_a_model_file_is_rewarmed_with_the_same_common_words(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_ner", Path(__file__).resolve().parents[1] / "scripts" / "train_ner.py")
    train_ner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train_ner)
    old = tmp_path / "old.npz"
    np.savez_compressed(old, labels=np.array(["O"]), frequent_words=np.array(["في", "من"]))
    new = tmp_path / "new.npz"
    train_ner.rewarm(old, new, ["في", "من", "على"])
    with np.load(new) as data:
        assert data["frequent_words"].tolist() == ["في", "من", "على"] and data["labels"].tolist() == ["O"]
    with pytest.raises(SystemExit, match="differ"):
        train_ner.rewarm(old, new, ["من", "في", "على"])


def test_names_recur_consistently_within_a_text() -> None:
    words = ["قال", "أرسين", "فينغر", "إن", "فينغر", "على", "على", "على", "على", "على", "فينغر"]
    ids = [0, 1, 2, 3, 2, 4, 4, 4, 4, 4, 2]  # word type ids
    found = NerTagger._recurring(words, ids, [(1, 3, "PERS"), (5, 6, "PERS")], [0, len(words)])
    # the last name alone recurs; a common word tagged once and untagged four times does not
    assert found == [(1, 3, "PERS"), (4, 5, "PERS"), (5, 6, "PERS"), (10, 11, "PERS")]
    # not across a sentence start, and FAC / MISC names are left alone
    two = NerTagger._recurring(["أ", "ب", ".", "أ", "ب"], [0, 1, 2, 0, 1], [(0, 2, "ORG")], [0, 3, 5])
    assert two == [(0, 2, "ORG"), (3, 5, "ORG")]
    split = NerTagger._recurring(["أ", "ب", "أ", "ب"], [0, 1, 0, 1], [(0, 2, "ORG")], [0, 3, 4])
    assert split == [(0, 2, "ORG")]
    assert NerTagger._recurring(["أ", "أ"], [0, 0], [(0, 1, "MISC")], [0, 2]) == [(0, 1, "MISC")]


def test_the_model_loads_with_numpy_only(tagger: NerTagger) -> None:
    assert DEFAULT_MODEL.exists()
    assert DEFAULT_MODEL.stat().st_size < 30_000_000
    assert {"O", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-LOC", "I-LOC"} <= set(tagger.labels)
    with np.load(DEFAULT_MODEL, allow_pickle=False) as data:
        assert data["weights"].shape == (len(data["attributes"]), len(data["labels"]))


def _reference_viterbi(tagger: NerTagger, emit: np.ndarray) -> list[int]:
    """Textbook Viterbi over one sentence (argmax's first of equals), to check the batched one against."""
    score = emit[0] + tagger._start
    back = []
    for t in range(1, len(emit)):
        candidates = score[:, None] + tagger._trans  # [i, j]
        back.append(candidates.argmax(axis=0))
        score = candidates.max(axis=0) + emit[t]
    path = [int((score + tagger._end).argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return path[::-1]


def test_batched_viterbi_is_textbook_viterbi_ties_included(tagger: NerTagger) -> None:
    rng = np.random.default_rng(7)
    n_labels = len(tagger.labels)
    for integer in (False, True):  # small integers make many equal scores
        lengths = np.array([9, 6, 6, 3, 1])
        emit = rng.normal(size=(len(lengths), lengths.max(), n_labels)).astype(np.float32)
        if integer:
            emit = np.round(emit).astype(np.float32)
        paths = tagger._viterbi(emit, lengths)
        for b, n in enumerate(lengths.tolist()):
            assert paths[b, :n].tolist() == _reference_viterbi(tagger, emit[b, :n])


def test_tags_are_valid_iob(tagger: NerTagger) -> None:
    tokens = "قال وزير الخارجية البريطاني جيريمي هنت إن بلاده".split()
    tags = tagger.tag_tokens(tokens)
    assert len(tags) == len(tokens)
    for prev, tag in zip(["O", *tags], tags, strict=False):
        assert tag == "O" or tag[:2] in ("B-", "I-")  # IOB whatever the model's own scheme
        if tag.startswith("I-"):
            assert prev[2:] == tag[2:]
    assert tagger.tag_tokens([]) == []
    assert tagger.tag_sentences([[], ["تونس"]])[0] == []


def _found(tagger: NerTagger, text: str) -> dict[str, str]:
    spans = tagger.find(text)
    for start, end, kind in spans:
        assert kind in {"PERSON", "ORGANIZATION", "LOCATION"}
        assert text[start:end] == text[start:end].strip() and text[start:end]
    return {text[s:e]: kind for s, e, kind in spans}


def test_finds_a_person(tagger: NerTagger) -> None:
    text = "قال وزير الخارجية البريطاني جيريمي هنت إن بلاده ستواصل دعم الحكومة."
    assert _found(tagger, text).get("جيريمي هنت") == "PERSON"


def test_finds_an_organisation_a_person_and_places(tagger: NerTagger) -> None:
    text = "وقالت وزارة الخارجية الأمريكية في بيان إن الوزير مايك بومبيو سيزور القاهرة."
    found = _found(tagger, text)
    assert found.get("وزارة الخارجية الأمريكية") == "ORGANIZATION"
    assert found.get("مايك بومبيو") == "PERSON"
    assert found.get("القاهرة") == "LOCATION"
    found = _found(tagger, "قال رئيس حركة النهضة راشد الغنوشي في تونس إن الحزب سيشارك.")
    assert found.get("راشد الغنوشي") == "PERSON"
    assert found.get("تونس") == "LOCATION"


def test_offsets_over_raw_text_with_punctuation_and_lines(tagger: NerTagger) -> None:
    text = "بيروت (رويترز) - التقى الرئيس اللبناني ميشال عون في بيروت،\nوزير الخارجية الفرنسي جان إيف لودريان."
    found = _found(tagger, text)
    assert "بيروت" in found or "بيروت،" not in found
    assert all(kind for kind in found.values())
    assert tagger.find("") == []
    assert tagger.find("   \n ") == []


def test_held_out_newsfane_scores_stay_above_a_floor(tagger: NerTagger) -> None:
    path = SHARED_NER / "newsfane_dev.conll"
    if not path.exists():
        pytest.skip("needs ../shared/ner/newsfane_dev.conll (the NewsFANE development data)")
    from marsad.eval_ner import evaluate, read_conll

    sentences, _ = read_conll(path)
    held_out = [s for i, s in enumerate(sentences) if (i // 100) % 10 == 9]  # as scripts/train_ner.py
    counts = evaluate(held_out, tagger.find_tokens)
    assert counts["micro"].f1 > 65


def test_the_tagger_is_loaded_before_the_workers_fork() -> None:
    """Its tables are numpy arrays, so loaded in the parent they are shared by the workers (the
    process tree's memory counts them once); started otherwise, each worker loads its own."""
    import multiprocessing

    from marsad.extract.entities import tagger as shared_tagger
    from marsad.pipeline import analyse_tagged
    from marsad.records import Article

    shared_tagger.cache_clear()
    articles = [(Article(f"a{i}", "", f"قال وزير الخارجية جيريمي هنت في لندن {i}."), i) for i in range(8)]
    results = list(analyse_tagged(articles, workers=2))
    assert [tag for tag, _, _ in results] == list(range(8)) and all(error is None for _, _, error in results)
    assert shared_tagger.cache_info().currsize == (multiprocessing.get_start_method() == "fork")
