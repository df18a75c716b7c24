"""Build data/name_tokens_wikidata.csv: Arabic name token -> its most frequent English spelling, from the
Wikidata person-name token pairs in ../shared/names (Merhav & Ash, COLING 2018; data CC0).

    python scripts/make_name_tokens.py [--min-count 1]

Pairs seen fewer than --min-count times can be left out; where spellings compete, the most frequent wins.
The romaniser (marsad/extract/translit.py) reads the table after the curated name_translit.csv and
before its letter rules, so a foreign name reads as its bearer writes it (جيريمي هنت -> Jeremy Hunt).
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "names" / "wikidata_en_ar_name_tokens.tsv"
TARGET = ROOT / "data" / "name_tokens_wikidata.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=1)
    args = parser.parse_args()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with SOURCE.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or not parts[2].isdigit():
                continue
            english, arabic, count = parts[0].strip(), parts[1].replace(" ", ""), int(parts[2])
            if english.isalpha() and arabic and len(arabic) >= 2:
                counts[arabic][english.lower()] += count
    rows = []
    for arabic, spellings in counts.items():
        english, count = max(spellings.items(), key=lambda item: (item[1], item[0]))
        if count >= args.min_count:
            rows.append((arabic, english.capitalize(), count))
    rows.sort()
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ar", "en", "count"])
        writer.writerows(rows)
    print(f"{len(rows)} tokens -> {TARGET}")


if __name__ == "__main__":
    main()
