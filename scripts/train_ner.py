"""Train the Arabic named-entity tagger (data/models/ner/ner.npz) from ../shared, reproducibly.

    .venv/bin/python -m pip install -r requirements-dev.txt      # python-crfsuite, scikit-learn
    nice -n 5 .venv/bin/python scripts/train_ner.py [--out data/models/ner/ner.npz] [--work DIR]
        [--wojood | --wojood-domain] [--cluster-mb 100] [--clusters 32,128,512,2048] [--c1 0.02]
        [--c2 0.05] [--iterations 100] [--cluster-vocab 80000] [--no-clusters] [--no-gazetteers]
        [--no-project-lists] [--cue-lists] [--labels PERS,LOC,ORG,FAC,MISC] [--scheme bilou]
        [--vectors 50] [--vector-offsets -1,0,1] [--no-topic] [--prewarm 20000]
        [--outside-bias 0] [--export-only] [--final]
    .venv/bin/python scripts/train_ner.py --convert OLD.npz [--out data/models/ner/ner.npz]
    .venv/bin/python scripts/train_ner.py --rewarm FILE.npz [--prewarm 100000] [--out data/models/ner/ner.npz]

The shipped model: `--wojood-domain --final` (chosen on the held-out blocks without --final).

Data (all under ../shared, never copied into the repository):
- NewsFANE (ner/newsfane_dev.conll). Split, fixed: sentence i (0-based, file order) is held out
  for development when (i // 100) % 10 == 9 (every 10th block of 100 consecutive sentences, so
  articles are mostly held out whole: 400 sentences); the rest trains. `--final` also trains on the held-out
  tenth (then the development scores printed are no longer held-out).
- Wojood sample (ner/wojood_sample): train+val added to training with `--wojood`, or with
  `--wojood-domain` where NewsFANE sentences also carry their own copy of every feature (`N|f`,
  added to the shared weight at export); test is always only scored. Types mapped as in
  marsad.eval_ner (GPE, LOC -> LOC; FAC kept; others dropped).
- Word vectors (real-valued features at offsets -1..+1): the first --vectors dimensions of the
  same PPMI + SVD embedding the clusters come from, unit length times sqrt(dims). Cached in --work.
- Word clusters: k-means (several k, one feature each) over a PPMI + SVD embedding of left/right
  neighbour counts from SaudiNewsNet article text (corpora/saudinewsnet/zips) plus the training
  sentences' text. Cached in --work.
- Name lists (names/): ANETAC PERSON / LOCATION / ORGANIZATION Arabic tokens, Wikidata person
  name tokens; and the project's own lexicons (data/roles.csv, nationalities.csv, places_*.csv,
  actors.csv): role words, nationality adjectives, place and organisation name tokens.

The CRF (CRFsuite, L-BFGS with L1+L2) is exported to a numpy .npz: attribute strings, weight
matrix (attributes x labels), bias, transitions, labels, and one table of the words the features
look up with their clusters, vector rows and name lists (format: data/models/ner/README.md). Zero
weights are pruned. Prints the development scores (NewsFANE held-out tenth and Wojood test) at the
end. `--convert` rewrites a model file of the format before the word table (separate cluster,
vector and name-list arrays) in this one, without retraining. `--rewarm` rewrites a model file with
another number of prewarmed frequent words (the same model; the first 20,000 are the extractors' common
words, marsad.extract.ner_tagger.COMMON_WORDS, so --prewarm is at least that).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.eval_ner import (  # noqa: E402
    Sentence,
    evaluate,
    format_report,
    read_conll,
    saudinewsnet_texts,
)
from marsad.extract.ner_features import (  # noqa: E402
    FeatureResources,
    normalize_word,
    strip_clitics,
    token_features,
    tokenize,
    vector_features,
)
from marsad.extract.ner_tagger import COMMON_WORDS, NerTagger  # noqa: E402

SHARED = ROOT.parent / "shared"
NEWSFANE = SHARED / "ner" / "newsfane_dev.conll"
WOJOOD = SHARED / "ner" / "wojood_sample"
DOMAIN = "N|"  # prefix of NewsFANE's own feature copies (--wojood-domain)
NAMES = SHARED / "names"


def split_newsfane(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): the file's sentences in consecutive blocks of 100; every 10th block
    ((i // 100) % 10 == 9) is held out, so held-out sentences mostly come with their article."""
    train = [s for i, s in enumerate(sentences) if (i // 100) % 10 != 9]
    dev = [s for i, s in enumerate(sentences) if (i // 100) % 10 == 9]
    return train, dev


def iob_tags(sentence: Sentence, keep: set[str], scheme: str = "iob") -> list[str]:
    """The sentence's labels: IOB (B-X, I-X, O) or BILOU (also U-X for a one-word name and L-X
    for a name's last word)."""
    tags = ["O"] * len(sentence.tokens)
    for start, end, kind in sorted(sentence.spans):
        if kind not in keep:
            continue
        tags[start] = "B-" + kind
        for i in range(start + 1, end):
            tags[i] = "I-" + kind
        if scheme == "bilou":
            if end - start == 1:
                tags[start] = "U-" + kind
            else:
                tags[end - 1] = "L-" + kind
    return tags


# -- name lists --------------------------------------------------------------------------------

# Cue words: heads of organisation names (OH) and words before a person's name (PT).
ORG_HEADS = ("وزارة حركة جماعة حزب شركة منظمة مجلس جبهة هيئة وكالة اتحاد جامعة بنك مصرف صندوق قوات جيش "
             "لجنة مؤسسة مكتب مركز جمعية نادي منتخب فريق صحيفة مجلة إذاعة قناة تلفزيون محكمة برلمان "
             "كتائب ألوية لواء سرايا تنظيم ائتلاف تحالف رابطة نقابة معهد أكاديمية مجموعة المجلس الجيش")
PERSON_TRIGGERS = ("الرئيس رئيس وزير الوزير الشيخ المتحدث متحدث العقيد اللواء العميد الفريق الجنرال النائب "
                   "السفير الأمير الملك السيد السيدة الدكتور المدير مدير الأمين القائد قائد المبعوث الناطق "
                   "زعيم الزعيم المدرب مدرب اللاعب لاعب نجم النجم المستشار الرائد النقيب المقدم الإمام "
                   "حاكم الحاكم محافظ المحافظ رئيسة الكاتب الفنان الفنانة المخرج الشاعر")


def load_gazetteers(project_lists: bool = True, cue_lists: bool = True) -> dict[str, frozenset[str]]:
    lists: dict[str, set[str]] = {"P": set(), "L": set(), "O": set(), "W": set()}
    short = {"PERSON": "P", "LOCATION": "L", "ORGANIZATION": "O"}
    with open(NAMES / "anetac_en_ar_named_entities.txt", encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 3 and parts[0] in short:
                for word in parts[2:]:
                    norm = normalize_word(word)
                    if len(norm) >= 2:
                        lists[short[parts[0]]].add(norm)
    with open(NAMES / "wikidata_en_ar_name_tokens.tsv", encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                norm = normalize_word(parts[1].replace(" ", ""))
                if len(norm) >= 2:
                    lists["W"].add(norm)
    if project_lists:
        lists.update(load_project_lists())
    if cue_lists:
        lists["OH"] = {strip_clitics(normalize_word(w)) for w in ORG_HEADS.split()}
        lists["PT"] = {normalize_word(w) for w in PERSON_TRIGGERS.split()}
    return {k: frozenset(v) for k, v in lists.items()}


def _words(name: str) -> set[str]:
    """Normalised tokens of a name, each also without its clitics."""
    out = set()
    for token in tokenize(name):
        norm = normalize_word(token)
        if len(norm) >= 2:
            out |= {norm, strip_clitics(norm)}
    return out


def load_project_lists() -> dict[str, set[str]]:
    """Token lists from the project's own lexicons (data/*.csv): role words (R), nationality
    adjectives (N), place-name tokens (PL), organisation / group name tokens (AO)."""
    import csv

    def rows(name: str) -> list[dict[str, str]]:
        with open(ROOT / "data" / name, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    lists: dict[str, set[str]] = {"R": set(), "N": set(), "PL": set(), "AO": set()}
    for row in rows("roles.csv"):
        lists["R"] |= _words(row["role_ar"])
    for row in rows("nationalities.csv"):
        lists["N"] |= _words(row["adj_ar_m"]) | _words(row["adj_ar_f"])
    for name in ("places_world.csv", "places_ly.csv"):
        for row in rows(name):
            for alias in [row["name_ar"], *row.get("aliases_ar", "").split("|")]:
                lists["PL"] |= _words(alias)
    for row in rows("actors.csv"):
        if row["type"] not in ("person", "state"):
            for alias in [row["name_ar"], *row.get("aliases_ar", "").split("|")]:
                lists["AO"] |= _words(alias)
    return lists


# -- word clusters -----------------------------------------------------------------------------

def build_vectors(texts: list[list[str]], vocab_size: int = 80_000, n_context: int = 2000,
                  dims: int = 100, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """(vocabulary, unit-length vectors): a PPMI + SVD embedding of the normalised word types
    seen at least 3 times, from their left and right neighbours (offsets -2, -1, +1, +2) among
    the n_context most frequent words."""
    from scipy import sparse
    from sklearn.utils.extmath import randomized_svd

    cache: dict[str, str] = {}
    counts: Counter[str] = Counter()
    normed = []
    for tokens in texts:
        row = []
        for token in tokens:
            norm = cache.get(token)
            if norm is None:
                norm = cache[token] = normalize_word(token)
            row.append(norm)
        counts.update(row)
        normed.append(row)
    vocab = [w for w, c in counts.most_common(vocab_size) if c >= 3]
    index = {w: i for i, w in enumerate(vocab)}
    ids = np.fromiter((index.get(w, -1) for row in normed for w in [*row, "\n"]), dtype=np.int64)
    del normed
    n_vocab = len(vocab)
    rows, cols = [], []
    for block, offset in enumerate((-2, -1, 1, 2)):
        if offset < 0:
            centre, context = ids[-offset:], ids[:offset]
        else:
            centre, context = ids[:-offset], ids[offset:]
        ok = (centre >= 0) & (context >= 0) & (context < n_context)
        rows.append(centre[ok])
        cols.append(context[ok] + block * n_context)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    matrix = sparse.coo_matrix((np.ones(len(r), np.float32), (r, c)),
                               shape=(n_vocab, 4 * n_context)).tocsr()
    matrix.sum_duplicates()
    total = matrix.sum()
    row_sum = np.asarray(matrix.sum(axis=1)).ravel()
    col_sum = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    col_sum /= col_sum.sum()
    coo = matrix.tocoo()
    pmi = np.log((coo.data / total) / ((row_sum[coo.row] / total) * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)
    u, s, _ = randomized_svd(ppmi, dims, random_state=seed)
    emb = u * np.sqrt(s)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    return vocab, emb


def build_clusters(texts: list[list[str]], ks: list[int], vocab_size: int = 80_000,
                   n_context: int = 2000, dims: int = 100, seed: int = 0) -> dict[str, tuple[int, ...]]:
    """k-means clusters (one id per k) of normalised word types over their `build_vectors`."""
    from sklearn.cluster import MiniBatchKMeans

    vocab, emb = build_vectors(texts, vocab_size, n_context, dims, seed)
    labels = []
    for k in ks:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3)
        labels.append(km.fit_predict(emb))
        print(f"  k-means k={k} done", file=sys.stderr)
    return {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}


# -- training and export -----------------------------------------------------------------------

def train_crf(train: list[tuple[list[str], list[str], bool]], resources: FeatureResources, model_path: Path,
              c1: float, c2: float, iterations: int, topic: bool = True,
              vector_offsets: tuple[int, ...] = (-1, 0, 1)) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags, own_copy in train:
        items = []
        for names, values in zip(token_features(tokens, resources, topic), vector_features(tokens, resources, vector_offsets),
                                 strict=True):
            item = dict(values)
            for name in names:
                item[name] = item.get(name, 0.0) + 1.0
            if own_copy:  # NewsFANE's own copy of each feature (see --wojood-domain)
                item.update({DOMAIN + name: value for name, value in item.items()})
            items.append(item)
        trainer.append(items, tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(model_path))


def export(model_path: Path, resources: FeatureResources, out: Path, frequent: list[str] | None = None,
           outside_bias: float = 0.0) -> dict[str, int]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    labels = sorted(info.labels, key=lambda lab: (lab != "O", lab[2:], lab))
    label_index = {lab: i for i, lab in enumerate(labels)}
    attrs: dict[str, np.ndarray] = {}
    bias = np.zeros(len(labels), np.float32)
    for (attr, label), weight in info.state_features.items():
        if abs(weight) < 1e-4:
            continue
        attr = attr.removeprefix(DOMAIN)  # NewsFANE's own weights add to the shared ones
        if attr == "bias":
            bias[label_index[label]] += weight
            continue
        row = attrs.setdefault(attr, np.zeros(len(labels), np.float32))
        row[label_index[label]] += weight
    bias[label_index["O"]] += outside_bias
    trans = np.zeros((len(labels), len(labels)), np.float32)
    for (prev, cur), weight in info.transitions.items():
        trans[label_index[prev], label_index[cur]] = weight
    names = sorted(attrs)
    weights = np.stack([attrs[a] for a in names]).astype(np.float16).astype(np.float32)
    size = write_model(out, names, weights, bias, trans, labels, resources, frequent)
    return {"attributes": len(names), "labels": len(labels), "bytes": size}


def write_model(out: Path, attributes: list[str], weights: np.ndarray, bias: np.ndarray, transitions: np.ndarray,
                labels: list[str], resources: FeatureResources, frequent: list[str] | None = None) -> int:
    """Write the tagger's .npz (its format: data/models/ner/README.md); returns its size in bytes.

    The features' look-ups go in as one table of words with their clusters, vector rows and name-list
    bits, the form the tagger searches (marsad.extract.ner_features.FeatureResources); only the name
    lists and the vectors that some attribute uses are shipped, and only words that have something."""
    lists = [b for b, name in enumerate(resources.gazetteer_names)
             if any(a.endswith("g=" + name) or a.endswith("gs=" + name) for a in attributes)]
    with_vectors = resources.vectors is not None and any("|e" in a for a in attributes)
    # the per-word arrays without their last row (the one for words not in the table)
    cluster_ids = resources.cluster_ids[:-1]
    vector_rows = resources.vector_rows[:-1] if with_vectors else np.full(len(resources.words), -1, np.int32)
    old_bits = resources.gazetteer_bits[:-1].astype(np.uint64)
    bits = np.zeros(len(old_bits), np.uint64)
    for new, old in enumerate(lists):
        bits |= ((old_bits >> np.uint64(old)) & np.uint64(1)) << np.uint64(new)
    keep = (vector_rows >= 0) | (bits != 0)
    if cluster_ids.shape[1]:
        keep |= cluster_ids[:, 0] >= 0
    words = np.array(resources.words.words(), dtype=str)[keep]
    extra = {}
    if frequent:
        extra["frequent_words"] = np.array(frequent, dtype=str)
    if with_vectors:
        extra["vectors"] = resources.vectors.astype(np.float16)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, attributes=np.array(attributes, dtype=str), weights=weights.astype(np.float16),
                        bias=bias.astype(np.float32), transitions=transitions.astype(np.float32),
                        labels=np.array(labels, dtype=str), words=words, word_clusters=cluster_ids[keep],
                        word_vectors=vector_rows[keep].astype(np.int32),
                        gazetteer_names=np.array([resources.gazetteer_names[b] for b in lists], dtype=str),
                        word_gazetteers=bits[keep].astype(resources.gazetteer_bits.dtype), **extra)
    return out.stat().st_size


def convert(old: Path, out: Path) -> int:
    """Rewrite a model file of the format before the word table (`cluster_words` / `cluster_ids`,
    `vector_words`, `gazetteer_*` arrays) in the current one, the same model: no retraining."""
    with np.load(old, allow_pickle=False) as data:
        clusters = dict(zip(data["cluster_words"].tolist(), data["cluster_ids"].tolist(), strict=True))
        # the name lists in the file's order: the order of their features for each word
        gazetteers = {key[len("gazetteer_"):]: frozenset(data[key].tolist())
                      for key in data.files if key.startswith("gazetteer_")}
        vector_index, vectors = {}, None
        if "vectors" in data.files:
            vector_index = {w: i for i, w in enumerate(data["vector_words"].tolist())}
            vectors = data["vectors"]
        resources = FeatureResources.from_mappings(clusters, gazetteers, vector_index, vectors)
        frequent = data["frequent_words"].tolist() if "frequent_words" in data.files else None
        return write_model(out, data["attributes"].tolist(), data["weights"], data["bias"], data["transitions"],
                           data["labels"].tolist(), resources, frequent)


def frequent_tokens(work: Path, cluster_mb: int, n: int) -> list[str]:
    """The n most frequent SaudiNewsNet tokens (at most 200,000) of the first `cluster_mb` MB, most frequent
    first (ties in order of first occurrence); counted once and cached in `work`."""
    cache = work / f"frequent-{cluster_mb}mb-200k.json"
    if not cache.exists():
        counts: Counter[str] = Counter()
        for text in saudinewsnet_texts(limit_bytes=cluster_mb * 1_000_000):
            counts.update(tokenize(text))
        work.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps([w for w, _ in counts.most_common(200_000)], ensure_ascii=False),
                         encoding="utf-8")
    return json.loads(cache.read_text(encoding="utf-8"))[:n]


def rewarm(model: Path, out: Path, frequent: list[str]) -> int:
    """Rewrite `model` as `out` with `frequent` as its prewarmed words, every other array as it is."""
    with np.load(model, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    old = arrays["frequent_words"].tolist() if "frequent_words" in arrays else []
    common = min(len(old), COMMON_WORDS)
    if frequent[:common] != old[:common]:
        raise SystemExit(f"{model}: its first {common} frequent words differ from the ones counted now "
                         "(the extractors' common words would change); count them as the model was trained")
    arrays["frequent_words"] = np.array(frequent, dtype=str)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **arrays)
    return out.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "models" / "ner" / "ner.npz")
    parser.add_argument("--work", type=Path, default=Path("/tmp/marsad-ner-work"),
                        help="cache for clusters and the CRFsuite model")
    parser.add_argument("--wojood", action="store_true", help="also train on Wojood train+val")
    parser.add_argument("--wojood-domain", action="store_true",
                        help="also train on Wojood train+val, NewsFANE sentences with their own copy of "
                             "every feature (folded into the shared weights at export)")
    parser.add_argument("--final", action="store_true", help="also train on the held-out NewsFANE tenth")
    parser.add_argument("--labels", default="PERS,LOC,ORG,FAC,MISC", help="labels to learn (others O)")
    parser.add_argument("--scheme", choices=("iob", "bilou"), default="bilou", help="label scheme")
    parser.add_argument("--cluster-mb", type=int, default=100, help="MB of SaudiNewsNet text for clusters")
    parser.add_argument("--clusters", default="32,128,512,2048", help="k of each k-means clustering")
    parser.add_argument("--cluster-vocab", type=int, default=80_000, help="most frequent words clustered")
    parser.add_argument("--no-clusters", action="store_true")
    parser.add_argument("--no-topic", action="store_true", help="no sports-sentence (T|) features")
    parser.add_argument("--vectors", type=int, default=50,
                        help="dims of the word vectors used as real-valued features (0: none)")
    parser.add_argument("--vector-offsets", default="-1,0,1", help="offsets whose word vector is a feature")
    parser.add_argument("--vector-vocab", type=int, default=80_000, help="most frequent words with a vector")
    parser.add_argument("--vector-scale", type=float, default=1.0,
                        help="vectors are unit length times this times sqrt(dims)")
    parser.add_argument("--no-gazetteers", action="store_true")
    parser.add_argument("--cue-lists", action="store_true",
                        help="name lists of organisation head nouns (OH) and person title words (PT)")
    parser.add_argument("--no-project-lists", action="store_true", help="no name lists from data/*.csv")
    parser.add_argument("--prewarm", type=int, default=100_000,
                        help="most frequent SaudiNewsNet tokens the tagger caches at load time")
    parser.add_argument("--outside-bias", type=float, default=0.0,
                        help="added to the O label's bias at export (negative: more recall)")
    parser.add_argument("--c1", type=float, default=0.02)
    parser.add_argument("--c2", type=float, default=0.05)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--export-only", action="store_true", help="export the CRFsuite model in --work again")
    parser.add_argument("--convert", type=Path, metavar="OLD_NPZ",
                        help="only rewrite OLD_NPZ, a model file of the format before the word table, as --out")
    parser.add_argument("--rewarm", type=Path, metavar="NPZ",
                        help="only rewrite NPZ with --prewarm frequent words, as --out")
    args = parser.parse_args(argv)
    if args.rewarm:
        if args.prewarm < COMMON_WORDS:
            parser.error(f"--prewarm must be at least {COMMON_WORDS} (the extractors' common words)")
        frequent = frequent_tokens(args.work, args.cluster_mb, args.prewarm)
        print(f"rewarmed: {rewarm(args.rewarm, args.out, frequent)} bytes", file=sys.stderr)
        return 0
    if args.convert:
        print(f"converted: {convert(args.convert, args.out)} bytes", file=sys.stderr)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.time()

    newsfane, _ = read_conll(NEWSFANE)
    train_s, dev_s = split_newsfane(newsfane)
    wojood_train = read_conll(WOJOOD / "train.txt")[0] + read_conll(WOJOOD / "val.txt")[0]
    wojood_test = read_conll(WOJOOD / "test.txt")[0]
    keep = set(args.labels.split(","))
    train = [(s.tokens, iob_tags(s, keep, args.scheme), args.wojood_domain)
             for s in train_s + (dev_s if args.final else [])]
    if args.wojood or args.wojood_domain:
        train += [(s.tokens, iob_tags(s, keep, args.scheme), False) for s in wojood_train]
    print(f"train sentences {len(train)}, dev {len(dev_s)}, wojood test {len(wojood_test)}", file=sys.stderr)

    gazetteers = {} if args.no_gazetteers else load_gazetteers(not args.no_project_lists, args.cue_lists)
    clusters: dict[str, tuple[int, ...]] = {}
    if not args.no_clusters:
        ks = [int(k) for k in args.clusters.split(",")]
        vocab = "" if args.cluster_vocab == 80_000 else f"-v{args.cluster_vocab}"
        cache = args.work / f"clusters-{args.cluster_mb}mb-{'-'.join(map(str, ks))}{vocab}.json"
        if cache.exists():
            clusters = {w: tuple(ids) for w, ids in json.loads(cache.read_text(encoding="utf-8")).items()}
        else:
            texts = [tokenize(t) for t in saudinewsnet_texts(limit_bytes=args.cluster_mb * 1_000_000)]
            texts += [s.tokens for s in train_s] + [s.tokens for s in wojood_train]
            clusters = build_clusters(texts, ks, vocab_size=args.cluster_vocab)
            cache.write_text(json.dumps(clusters, ensure_ascii=False), encoding="utf-8")
        print(f"clusters: {len(clusters)} words ({time.time() - started:.0f}s)", file=sys.stderr)
    vector_index: dict[str, int] = {}
    vectors = None
    if args.vectors:
        cache = args.work / f"vectors-{args.cluster_mb}mb-v{args.vector_vocab}.npz"
        if cache.exists():
            with np.load(cache) as data:
                words, full = data["words"].tolist(), data["vectors"]
        else:
            texts = [tokenize(t) for t in saudinewsnet_texts(limit_bytes=args.cluster_mb * 1_000_000)]
            texts += [s.tokens for s in train_s] + [s.tokens for s in wojood_train]
            words, full = build_vectors(texts, vocab_size=args.vector_vocab, dims=100)
            np.savez(cache, words=np.array(words), vectors=full.astype(np.float32))
        vectors = full[:, :args.vectors]
        vectors = vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9)
        vectors = (vectors * args.vector_scale * np.sqrt(args.vectors)).astype(np.float16)
        vector_index = {w: i for i, w in enumerate(words)}
        print(f"vectors: {vectors.shape} ({time.time() - started:.0f}s)", file=sys.stderr)
    resources = FeatureResources.from_mappings(clusters, gazetteers, vector_index, vectors)

    crf_path = args.work / "ner.crfsuite"
    if not args.export_only:
        train_crf(train, resources, crf_path, args.c1, args.c2, args.iterations, not args.no_topic,
                  tuple(int(k) for k in args.vector_offsets.split(",")))
    print(f"trained ({time.time() - started:.0f}s)", file=sys.stderr)
    frequent = frequent_tokens(args.work, args.cluster_mb, args.prewarm) if args.prewarm else []
    stats = export(crf_path, resources, args.out, frequent, args.outside_bias)
    print(f"exported {stats}", file=sys.stderr)

    tagger = NerTagger.load(args.out)
    for name, sentences in (("NewsFANE held-out tenth", dev_s), ("Wojood test", wojood_test)):
        print(f"== {name}")
        print(format_report(evaluate(sentences, tagger.find_tokens)))
    print(f"({time.time() - started:.0f}s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
