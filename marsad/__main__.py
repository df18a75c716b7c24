"""`python -m marsad process|export|entities|bench`: a thin layer over the library.

Each subcommand parses its options, makes one library call and prints. JSON keeps
Arabic legible (ensure_ascii=False). An error is one line on stderr, `error: ...`, and exit 2 (no
traceback; -v adds one to the log). `process` exits 1 when any record was not stored.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from marsad.filters import Filters

if TYPE_CHECKING:
    from marsad.ingest import Problem
    from marsad.process import ProcessReport
    from marsad.store import Store

log = logging.getLogger("marsad")


class CLIError(Exception):
    """A mistake in what the command was given: printed as one `error:` line, exit 2."""


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None,
                        help="SQLAlchemy URL of the store (default: $MARSAD_DB, else sqlite:///data/marsad.sqlite)")
    parser.add_argument("--db-timeout", type=float, default=None, metavar="SECONDS",
                        help="how long to wait for a busy SQLite database (default: $MARSAD_DB_TIMEOUT, else 60)")


def _add_verbose(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    parser.add_argument("-v", "--verbose", action="store_true", default=default,
                        help="log what is being done (INFO) on stderr")


# Python packages of the database drivers SQLAlchemy imports, by module name.
_DRIVER_PACKAGES = {"psycopg2": "psycopg2-binary", "psycopg": "psycopg[binary]", "pg8000": "pg8000",
                    "asyncpg": "asyncpg", "pymysql": "PyMySQL", "MySQLdb": "mysqlclient", "oracledb": "oracledb",
                    "pyodbc": "pyodbc"}


def open_store(url: str | None, *, timeout: float | None = None, must_exist: bool = False,
               write: bool = False, memory_map: bool = True) -> Store:
    """The store at `url`, or a `CLIError` saying in one line why it cannot be opened. A SQLite file
    that does not exist is an error when `must_exist` (and is never created then); `write` refuses a
    store opened read-only."""
    import sqlalchemy as sa

    from marsad.errors import short_reason
    from marsad.store.store import Store, _sqlite_file, default_url

    url = url or default_url()
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise CLIError(f"--db {url!r} is not a database URL; give e.g. sqlite:///data/marsad.sqlite "
                       "or postgresql://user@host/dbname") from None
    shown = parsed.render_as_string(hide_password=True)
    path = _sqlite_file(parsed) if parsed.get_backend_name() == "sqlite" else None
    if path is not None:
        if path.is_dir():
            raise CLIError(f"{path} is a folder, not an SQLite database file")
        if not path.exists() and must_exist:
            raise CLIError(f"no store at {path} (no such file); process articles into it first "
                           "(python -m marsad process) or give --db")
        if path.is_file() and not _is_sqlite_file(path):
            raise CLIError(f"{path} is not an SQLite database")
        if not path.exists():
            folder = next(p for p in path.absolute().parents if p.exists())
            if not folder.is_dir():
                raise CLIError(f"cannot create the store {path}: {folder} is a file, not a folder")
            if not os.access(folder, os.W_OK):
                raise CLIError(f"cannot create the store {path}: the folder {folder} is not writable")
    try:
        store = Store(url, timeout=timeout, memory_map=memory_map)
    except ModuleNotFoundError as error:
        package = _DRIVER_PACKAGES.get(error.name or "", error.name)
        raise CLIError(f"the database driver for {parsed.drivername} is not installed; "
                       f"install the Python package {package} (pip install '{package}')") from None
    except sa.exc.NoSuchModuleError:
        raise CLIError(f"--db {shown}: SQLAlchemy has no database driver named {parsed.drivername!r}") from None
    except sa.exc.OperationalError as error:
        where = f"the database server of {shown}" if path is None else f"the store {path}"
        raise CLIError(f"cannot open {where}: {short_reason(error)}") from None
    except (sa.exc.SQLAlchemyError, OSError) as error:
        raise CLIError(f"cannot open the store {path or shown}: {short_reason(error)}") from None
    if write and store.read_only:
        raise CLIError(f"the store {path or shown} is read-only (the file, its folder or its disk cannot be "
                       "written); give another --db")
    return store


def _is_sqlite_file(path: Path) -> bool:
    """An SQLite database (or an empty file, which SQLite makes one); unreadable files are let through
    for SQLite itself to explain."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return True
    return not head or head == b"SQLite format 3\x00"


class _Console:
    """What `process` says on stderr while it runs: each problem as `where: reason`, and, only when
    stderr is a terminal, one line of progress (count, articles/s, ETA) rewritten in place."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def problem(self, problem: Problem) -> None:
        self.clear()
        print(problem.line, file=self.stream, flush=True)

    def status(self, report: ProcessReport) -> None:
        now = time.monotonic()
        if not self.live or (self.shown and now - self.last < 0.5):
            return
        self.last = now
        done = report.handled
        rate = done / max(now - self.started, 1e-6)
        text = f"{done:,}" + (f" of ~{report.total:,}" if report.total and not report.total_is_close
                               else f" of {report.total:,}" if report.total else "")
        text += f" articles, {rate:.1f} articles/s"
        if report.total and report.total_is_close and rate > 0 and done < report.total:
            text += f", ETA {_clock((report.total - done) / rate)}"
        if report.failures:
            text += f", {len(report.failures)} failed"
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def cmd_process(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in (args.paths or ["seeds"])]
    for path in paths:
        if not path.exists():
            raise CLIError(f"no such file or folder: {path}")
    if args.workers is not None and args.workers < 1:
        raise CLIError(f"--workers {args.workers}: give 1 or more")
    store = open_store(args.db, timeout=args.db_timeout, write=True, memory_map=False)  # a bulk writer
    from marsad.process import process_paths

    console = _Console(sys.stderr)
    try:
        report = process_paths(paths, store, workers=args.workers, on_problem=console.problem,
                               status=console.status if console.live else None)  # (no counting pass if quiet)
    finally:
        console.clear()
    print(report.summary())
    return 1 if report.failures else 0


def _date_option(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise CLIError(f"{name} {value!r} is not a date; use YYYY-MM-DD") from None


def _entity_ids(store: Store, what: str, value: str | None) -> tuple[str, ...]:
    """`--actor` / `--place`: ids or names (English or Arabic) -> ids; an unknown name is an error naming
    the closest ids, never an empty export."""
    if not value:
        return ()
    from marsad.names import UnknownName, resolve_many

    frame = store.actors() if what == "actor" else store.places()
    try:
        return resolve_many(frame, value, f"{what}_id", what)
    except UnknownName as error:
        raise CLIError(f"--{what}: {error}") from None


def cmd_export(args: argparse.Namespace) -> int:
    date_from, date_to = _date_option("--from", args.date_from), _date_option("--to", args.date_to)
    from marsad.export_geojson import GEOJSON_KINDS

    if args.format == "geojson" and args.kind not in GEOJSON_KINDS:
        raise CLIError(f"--format geojson is for {', '.join(GEOJSON_KINDS)} (records with coordinates); "
                       f"export {args.kind} as jsonl or csv")
    store = open_store(args.db, timeout=args.db_timeout, must_exist=True)
    from collections import Counter

    from marsad.export import BOM, columns, records, to_csv, to_jsonl
    from marsad.export_acled import left_out_line
    from marsad.export_geojson import to_geojson

    filters = Filters.from_query({"actor": _entity_ids(store, "actor", args.actor),
                                  "place": _entity_ids(store, "place", args.place), "from": date_from,
                                  "to": date_to, "event": args.event, "source": args.source, "as": args.actor_role})
    left_out: Counter = Counter()
    omitted: Counter = Counter()
    rows = records(store, args.kind, filters, left_out)
    if args.format == "csv":
        lines = to_csv(rows, columns(args.kind))
        if not args.no_bom:
            sys.stdout.write(BOM)  # a spreadsheet then opens the file as UTF-8
    elif args.format == "geojson":
        lines = to_geojson(rows, omitted)
    else:
        lines = to_jsonl(rows)
    for line in lines:
        print(line)
    if left_out:
        print(left_out_line(left_out), file=sys.stderr)
    if omitted:
        print(f"omitted {omitted['no coordinates']} {args.kind} records without coordinates", file=sys.stderr)
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from marsad.ingest import MAX_BYTES, decode_bytes, read_limited

    if args.file in (None, "-"):
        stdin = getattr(sys.stdin, "buffer", None)
        data = stdin.read(MAX_BYTES + 1) if stdin is not None else sys.stdin.read(MAX_BYTES + 1).encode("utf-8")
        if len(data) > MAX_BYTES:
            raise CLIError(f"standard input is over {MAX_BYTES / 1e6:g} MB; the limit is "
                           f"{MAX_BYTES / 1e6:g} MB per article")
        text = decode_bytes(data, "standard input")
    else:
        path = Path(args.file)
        if not path.exists():
            raise CLIError(f"no such file or folder: {path}")
        text = decode_bytes(read_limited(path), str(path))
    from marsad.extract.entities_cli import entity_records

    for record in entity_records(text):
        print(json.dumps(record, ensure_ascii=False))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from marsad import bench

    result = bench.run(args.what, limit=args.limit, workers=args.workers, sizes=args.sizes, url=args.url,
                       pages=not args.no_pages)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def cmd_eval_ner(args: argparse.Namespace) -> int:
    from marsad import eval_ner

    return eval_ner.run_cli(args.file, recogniser=args.recogniser, types=args.types, limit=args.limit,
                            model=args.model, speed=args.speed, context=args.context)


def cmd_eval(args: argparse.Namespace) -> int:
    from marsad import evaluate

    return evaluate.run_cli(args.paths, verbose=args.errors)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m marsad", description=__doc__.splitlines()[0])
    _add_verbose(parser, default=False)
    sub = parser.add_subparsers(dest="command", required=True)

    process = sub.add_parser("process", help="process article files or folders (default seeds/) into the store")
    process.add_argument("paths", nargs="*", help=".txt, .json, .jsonl, .html files or folders")
    process.add_argument("--workers", type=int, default=None, help="parallel processes (default: CPU count)")
    _add_db(process)
    _add_verbose(process)
    process.set_defaults(func=cmd_process)

    export = sub.add_parser("export", help="print articles, places, actors, statements, events or acled records")
    export.add_argument("kind", choices=["articles", "places", "actors", "statements", "events", "acled"])
    export.add_argument("--format", choices=["jsonl", "csv", "geojson"], default="jsonl",
                        help="jsonl (default), csv, or geojson (places, events, acled: a FeatureCollection of "
                             "points for QGIS; records without coordinates are omitted)")
    export.add_argument("--no-bom", action="store_true",
                        help="CSV without the UTF-8 byte-order mark (spreadsheets need it to read Arabic)")
    export.add_argument("--actor", help="actors, comma-separated: ids or names, English or Arabic "
                                        "(khalifa-haftar, 'Khalifa Haftar', حفتر)")
    export.add_argument("--as", dest="actor_role", choices=["any", "speaker", "participant", "mentioned"],
                        default="any", help="what the actors match: their statements (speaker), the events "
                                            "naming them (participant), statements by others naming them "
                                            "(mentioned), or any of these (default)")
    export.add_argument("--place", help="places, comma-separated: ids or names, English or Arabic")
    export.add_argument("--event", help="event types, comma-separated")
    export.add_argument("--source", help="sources, comma-separated")
    export.add_argument("--from", dest="date_from", help="first date, YYYY-MM-DD")
    export.add_argument("--to", dest="date_to", help="last date, YYYY-MM-DD")
    _add_db(export)
    _add_verbose(export)
    export.set_defaults(func=cmd_export)

    entities = sub.add_parser("entities", help="print one JSON line per entity mention in a text (file or -)")
    entities.add_argument("file", nargs="?", default="-", help="a text file of at most 5 MB, or - for stdin")
    _add_verbose(entities)
    entities.set_defaults(func=cmd_entities)

    bench = sub.add_parser("bench", help="benchmarks: pipeline (articles/s, MB/s) or app (query timings)")
    bench.add_argument("what", choices=["pipeline", "app"])
    bench.add_argument("--limit", type=int, default=2000, help="articles for the pipeline benchmark")
    bench.add_argument("--workers", type=int, default=None)
    bench.add_argument("--sizes", default="10000,100000", help="store sizes for the app benchmark")
    bench.add_argument("--url", default=None,
                       help="app benchmark: build the store in this empty database (a PostgreSQL URL, say; one "
                            "size) instead of temporary SQLite files; it is left there")
    bench.add_argument("--no-pages", action="store_true",
                       help="app benchmark: time the queries only, not the pages under AppTest")
    _add_verbose(bench)
    bench.set_defaults(func=cmd_bench)

    eval_ner = sub.add_parser("eval-ner", help="exact-span NER scores (like conlleval) on a CoNLL file")
    eval_ner.add_argument("file", nargs="?", help="NewsFANE (token TAG) or Wojood (nested) CoNLL file")
    eval_ner.add_argument("--recogniser", choices=["project", "model"], default="project",
                          help="project: the pipeline's recogniser; model: the trained tagger alone")
    eval_ner.add_argument("--types", default="PERS,LOC,ORG", help="types scored (FAC, MISC ignored by default)")
    eval_ner.add_argument("--limit", type=int, default=None, help="first N sentences only")
    eval_ner.add_argument("--model", default=None, help="tagger model file (default data/models/ner/ner.npz)")
    eval_ner.add_argument("--speed", action="store_true", help="report the tagger's MB/s on SaudiNewsNet text")
    eval_ner.add_argument("--context", type=int, default=1,
                          help="consecutive sentences given to the recogniser as one text, one a line (default 1: "
                               "each sentence alone)")
    eval_ner.set_defaults(func=cmd_eval_ner)

    evaluate = sub.add_parser("eval", help="score the pipeline against hand-annotated articles (tests/gold)")
    evaluate.add_argument("paths", nargs="*", help="gold .json files or folders (default tests/gold)")
    evaluate.add_argument("-v", "--verbose", dest="errors", action="store_true",
                          help="list the errors, grouped by kind")
    evaluate.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    verbose = getattr(args, "verbose", False)
    if verbose:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except CLIError as error:
        message = str(error)
    except KeyboardInterrupt:
        message = "interrupted"
    except BrokenPipeError:  # `... | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - one line, never a traceback (-v logs it)
        from marsad.errors import short_reason

        if verbose:
            log.exception("%s failed", args.command)
        message = short_reason(error)
    print("error: " + " ".join(message.split("\n")), file=sys.stderr)
    return 130 if message == "interrupted" else 2


if __name__ == "__main__":
    sys.exit(main())
