"""`python -m marsad process|export|entities|bench`: a thin layer over the library.

Each subcommand parses its options, makes one library call and prints. JSON keeps
Arabic legible (ensure_ascii=False); an error is one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from marsad.filters import Filters


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None,
                        help="SQLAlchemy URL of the store (default: $MARSAD_DB, else sqlite:///data/marsad.sqlite)")


def cmd_process(args: argparse.Namespace) -> int:
    from marsad.process import process_paths
    from marsad.store import Store

    paths = [Path(p) for p in (args.paths or ["seeds"])]
    report = process_paths(paths, Store(args.db), workers=args.workers)
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(report.summary())
    return 0 if report.processed or not report.problems else 1


def cmd_export(args: argparse.Namespace) -> int:
    from marsad.export import records, to_csv, to_jsonl
    from marsad.store import Store

    filters = Filters.from_query({"actor": args.actor, "place": args.place, "from": args.date_from,
                                  "to": args.date_to, "event": args.event, "source": args.source})
    rows = records(Store(args.db), args.kind, filters)
    lines = to_csv(rows) if args.format == "csv" else to_jsonl(rows)
    for line in lines:
        print(line)
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from marsad.entities_cli import entity_records

    if args.file in (None, "-"):
        text = sys.stdin.read()
    else:
        from marsad.ingest import decode_bytes

        path = Path(args.file)
        text = decode_bytes(path.read_bytes(), str(path))
    for record in entity_records(text):
        print(json.dumps(record, ensure_ascii=False))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from marsad import bench

    result = bench.run(args.what, limit=args.limit, workers=args.workers, sizes=args.sizes)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def cmd_eval_ner(args: argparse.Namespace) -> int:
    from marsad import eval_ner

    return eval_ner.run_cli(args.file, recogniser=args.recogniser, types=args.types, limit=args.limit,
                            model=args.model, speed=args.speed)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m marsad", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    process = sub.add_parser("process", help="process article files or folders (default seeds/) into the store")
    process.add_argument("paths", nargs="*", help=".txt, .json, .jsonl, .html files or folders")
    process.add_argument("--workers", type=int, default=None, help="parallel processes (default: CPU count)")
    _add_db(process)
    process.set_defaults(func=cmd_process)

    export = sub.add_parser("export", help="print articles, places, actors, statements, events or acled records")
    export.add_argument("kind", choices=["articles", "places", "actors", "statements", "events", "acled"])
    export.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    export.add_argument("--actor", help="actor ids, comma-separated")
    export.add_argument("--place", help="place ids, comma-separated")
    export.add_argument("--event", help="event types, comma-separated")
    export.add_argument("--source", help="sources, comma-separated")
    export.add_argument("--from", dest="date_from", help="first date, YYYY-MM-DD")
    export.add_argument("--to", dest="date_to", help="last date, YYYY-MM-DD")
    _add_db(export)
    export.set_defaults(func=cmd_export)

    entities = sub.add_parser("entities", help="print one JSON line per entity mention in a text (file or -)")
    entities.add_argument("file", nargs="?", default="-")
    entities.set_defaults(func=cmd_entities)

    bench = sub.add_parser("bench", help="benchmarks: pipeline (articles/s, MB/s) or app (query timings)")
    bench.add_argument("what", choices=["pipeline", "app"])
    bench.add_argument("--limit", type=int, default=2000, help="articles for the pipeline benchmark")
    bench.add_argument("--workers", type=int, default=None)
    bench.add_argument("--sizes", default="10000,100000", help="store sizes for the app benchmark")
    bench.set_defaults(func=cmd_bench)

    eval_ner = sub.add_parser("eval-ner", help="exact-span NER scores (like conlleval) on a CoNLL file")
    eval_ner.add_argument("file", nargs="?", help="NewsFANE (token TAG) or Wojood (nested) CoNLL file")
    eval_ner.add_argument("--recogniser", choices=["project", "model"], default="project",
                          help="project: the pipeline's recogniser; model: the trained tagger alone")
    eval_ner.add_argument("--types", default="PERS,LOC,ORG", help="types scored (FAC, MISC ignored by default)")
    eval_ner.add_argument("--limit", type=int, default=None, help="first N sentences only")
    eval_ner.add_argument("--model", default=None, help="tagger model file (default data/models/ner/ner.npz)")
    eval_ner.add_argument("--speed", action="store_true", help="report the tagger's MB/s on SaudiNewsNet text")
    eval_ner.set_defaults(func=cmd_eval_ner)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
