import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.__main__ import build_parser, main
from tests.conftest import ROOT, SEEDS


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_process_then_export_every_kind(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.sqlite'}"
    done = _run("process", str(SEEDS), "--db", db)
    assert done.returncode == 0 and done.stdout == "stored 2, skipped 0 (duplicate), failed 0\n"
    for kind, field in [("articles", "published_inferred"), ("places", "article_ids"), ("actors", "type"),
                        ("statements", "speaker_ar"), ("events", "actors_en")]:
        out = _run("export", kind, "--db", db)
        assert out.returncode == 0
        rows = [json.loads(line) for line in out.stdout.splitlines()]
        assert rows and all(field in row for row in rows)
    assert "طرابلس" in _run("export", "places", "--db", db).stdout  # ensure_ascii=False
    csv_out = _run("export", "statements", "--format", "csv", "--db", db).stdout.splitlines()
    assert csv_out[0].startswith("\ufeffstatement_id,article_id,speaker_id"), "a BOM, so spreadsheets read UTF-8"
    plain = _run("export", "statements", "--format", "csv", "--no-bom", "--db", db).stdout.splitlines()
    assert plain[0].startswith("statement_id,article_id,speaker_id") and plain[1:] == csv_out[1:]
    filtered = _run("export", "statements", "--actor", "heiko-maas", "--db", db).stdout.splitlines()
    assert len(filtered) == 1 and json.loads(filtered[0])["speaker_en"] == "Heiko Maas"


def test_entities_from_stdin() -> None:
    out = _run("entities", "-", stdin="قال المتحدث باسم حكومة الوفاق إن القوات عادت إلى طرابلس")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert {"type": "LOCATION", "entity_id": "ly-tripoli"}.items() <= rows[-1].items()
    assert all({"start", "end", "text", "type", "entity_id", "source"} <= row.keys() for row in rows)


def test_bad_input_gives_a_clear_message_and_keeps_the_store(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.sqlite'}"
    _run("process", str(SEEDS), "--db", db)
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", "text": ', encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    done = _run("process", str(bad), str(binary), "--db", db)
    assert done.returncode == 1
    assert "bad.json" in done.stderr and "not valid JSON" in done.stderr
    assert "binary" in done.stderr
    assert len(_run("export", "articles", "--db", db).stdout.splitlines()) == 2


def test_windows_1256_file(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.sqlite'}"
    path = tmp_path / "cp1256.txt"
    path.write_bytes("اشتباكات في طرابلس\nقال المتحدث باسم حكومة الوفاق إن القوات صدت هجوما.".encode("cp1256"))
    assert _run("process", str(path), "--db", db).returncode == 0
    assert "اشتباكات في طرابلس" in _run("export", "articles", "--db", db).stdout


def test_unknown_kind_is_an_error(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["export", "nonsense"])


def test_every_subcommand_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subparsers = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, parser in subparsers.choices.items():
        assert parser.description or parser.format_help()
        assert f"python -m marsad {name}" in readme, name


# --- honest exits: summaries, failure lines, one-line errors -------------------------------------

SAID = "قال المتحدث باسم الجيش الليبي أحمد المسماري إن القوات تقدمت نحو طرابلس"


def _line(number: int) -> str:
    return json.dumps({"title": f"تقدم نحو طرابلس {number}", "text": f"{SAID} في اليوم {number}."},
                      ensure_ascii=False)


def test_process_summary_exit_code_and_one_line_per_failure(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    feed = folder / "feed.jsonl"
    rows = [_line(n) for n in range(12)]
    rows[3] = '{"text": ' + "[" * 3000 + "]" * 3000 + "}"  # RecursionError
    rows[5] = rows[4]  # a duplicate: skipped, not failed
    rows[7] = '{"text": "' + SAID + ' \\ud800"}'  # a lone surrogate: stored, with a note
    rows[9] = '{"text": 3.5}'
    feed.write_text("\n".join(rows), encoding="utf-8")
    (folder / "windows.txt").write_bytes(f"{SAID} في بنغازي.".encode("utf-16-le"))  # UTF-16 without BOM
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    db = f"sqlite:///{tmp_path / 'm.sqlite'}"
    done = _run("process", str(folder), "--db", db)
    assert done.returncode == 1
    assert done.stdout == "stored 10, skipped 1 (duplicate), failed 3\n"
    assert done.stderr.splitlines() == [
        f"{feed}:4: is nested too deeply to read",
        f"{feed}:6: duplicate of {feed}:5, skipped",
        f"{feed}:8: 1 invalid character(s) (lone UTF-16 surrogates) replaced by U+FFFD",
        f'{feed}:10: "text" should be a string, not a number',
        f"{folder / 'image.txt'}: looks like a binary file, not text",
    ]
    assert len(_run("export", "articles", "--db", db).stdout.splitlines()) == 10
    again = _run("process", str(feed), "--db", db)  # reprocessing: duplicates within a run only
    assert again.stdout == "stored 9, skipped 1 (duplicate), failed 2\n" and again.returncode == 1


def test_process_with_only_duplicates_skipped_exits_0(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([_line(1), _line(1)]), encoding="utf-8")
    done = _run("process", str(feed), "--db", f"sqlite:///{tmp_path / 'm.sqlite'}")
    assert (done.returncode, done.stdout) == (0, "stored 1, skipped 1 (duplicate), failed 0\n")


def _error(capsys: pytest.CaptureFixture, *argv: str) -> str:
    assert main(list(argv)) == 2
    out = capsys.readouterr()
    assert out.err.startswith("error: ") and out.err.count("\n") == 1 and "Traceback" not in out.err
    return out.err.removeprefix("error: ").rstrip("\n")


def test_cli_errors_are_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    missing_db = tmp_path / "none.sqlite"
    text_file = tmp_path / "notes.txt"
    text_file.write_text(SAID, encoding="utf-8")
    assert _error(capsys, "export", "articles", "--db", "notaurl").startswith("--db 'notaurl' is not a database URL")
    assert _error(capsys, "export", "articles", "--db", f"sqlite:///{missing_db}").startswith(
        f"no store at {missing_db} (no such file)")
    assert not missing_db.exists()  # a read command never creates an empty store
    assert _error(capsys, "export", "articles", "--db", f"sqlite:///{text_file}") == \
        f"{text_file} is not an SQLite database"
    assert _error(capsys, "process", str(text_file), "--db", f"sqlite:///{text_file}/m.sqlite") == \
        f"cannot create the store {text_file}/m.sqlite: {text_file} is a file, not a folder"
    assert _error(capsys, "process", str(tmp_path / "nope"), "--db", f"sqlite:///{tmp_path / 'm.sqlite'}") == \
        f"no such file or folder: {tmp_path / 'nope'}"
    assert not (tmp_path / "m.sqlite").exists()
    db = f"sqlite:///{tmp_path / 'm.sqlite'}"
    assert main(["process", str(SEEDS / "001_us_forces_return.txt"), "--db", db, "--workers", "1"]) == 0
    capsys.readouterr()
    assert _error(capsys, "export", "articles", "--db", db, "--from", "notadate") == \
        "--from 'notadate' is not a date; use YYYY-MM-DD"
    assert _error(capsys, "export", "articles", "--db", db, "--to", "2019-02-30") == \
        "--to '2019-02-30' is not a date; use YYYY-MM-DD"


def test_database_server_errors_are_one_line(capsys: pytest.CaptureFixture) -> None:
    import importlib.util

    if importlib.util.find_spec("psycopg2") is None:
        assert _error(capsys, "export", "articles", "--db", "postgresql+psycopg2://marsad@127.0.0.1:1/x") == (
            "the database driver for postgresql+psycopg2 is not installed; install the Python package "
            "psycopg2-binary (pip install 'psycopg2-binary')")
    if importlib.util.find_spec("psycopg") is not None:
        message = _error(capsys, "export", "articles", "--db", "postgresql+psycopg://marsad:secret@127.0.0.1:1/x")
        assert message.startswith("cannot open the database server of postgresql+psycopg://marsad:***@127.0.0.1:1/x: ")
        assert "secret" not in message


def test_unreachable_server_is_one_line(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import sqlalchemy as sa

    def unreachable(self: object, url: str | None = None, **_: object) -> None:
        raise sa.exc.OperationalError("SELECT 1", {}, sqlite3.OperationalError(
            'connection to server at "pg.example.test", port 5432 failed: timeout expired\nIs the server running?'))

    monkeypatch.setattr("marsad.store.Store.__init__", unreachable)
    assert _error(capsys, "export", "articles", "--db", "postgresql://marsad:pw@pg.example.test/marsad") == (
        'cannot open the database server of postgresql://marsad:***@pg.example.test/marsad: connection to server at '
        '"pg.example.test", port 5432 failed: timeout expired')


def test_read_only_store_is_read_and_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture) -> None:
    import hashlib
    import os
    import sqlite3

    import marsad.store.store
    from marsad.process import process_paths
    from marsad.store import Store

    processed = tmp_path / "processed.sqlite"
    assert len(process_paths([SEEDS], Store(f"sqlite:///{processed}"), workers=1).processed) == 2
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "m.sqlite"
    source = sqlite3.connect(processed)
    copy = sqlite3.connect(path)
    source.backup(copy)
    copy.close()
    source.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        if os.geteuid() == 0:  # root writes through chmod: judge by the mode bits, as for any other user
            monkeypatch.setattr(marsad.store.store, "_writable", lambda p: bool(p.stat().st_mode & 0o222))
        store = Store(f"sqlite:///{path}")
        assert store.read_only is True
        assert store.counts()["articles"] == 2 and len(store.articles()) == 2
        store.save_facets()  # nothing to do: no index file written beside the store
        assert main(["export", "articles", "--db", f"sqlite:///{path}"]) == 0
        assert len(capsys.readouterr().out.splitlines()) == 2
        message = _error(capsys, "process", str(SEEDS), "--db", f"sqlite:///{path}")
        assert message.startswith(f"the store {path} is read-only")
        left = {p.name for p in folder.iterdir()} - {"m.sqlite-facets.npz"}  # (a cache only root can write here)
        assert left == {"m.sqlite"}  # no -wal or -shm: the file was never opened for writing
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    uri = Store(f"sqlite:///file:{path}?mode=ro&uri=true")  # read-only asked for in the URL
    assert uri.read_only and uri.counts()["articles"] == 2


def test_entities_refuses_a_text_over_the_article_cap(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    big = tmp_path / "big.txt"
    big.write_text((SAID + ". ") * 40_000, encoding="utf-8")  # about 5.2 MB of real text
    assert _error(capsys, "entities", str(big)) == f"{big} is 5.2 MB; the limit is 5 MB per article"
    assert _error(capsys, "entities", str(tmp_path / "none.txt")) == f"no such file or folder: {tmp_path / 'none.txt'}"
    done = subprocess.run([sys.executable, "-m", "marsad", "entities", "-"], cwd=ROOT, stdin=big.open("rb"),
                          capture_output=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.decode() == "error: standard input is over 5 MB; the limit is 5 MB per article\n"


def test_verbose_logs_and_progress_only_on_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(['{"text": 1}', _line(1), _line(2)]), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'm.sqlite'}"
    assert main(["process", str(feed), "--db", db, "--workers", "1"]) == 1
    quiet = capsys.readouterr()
    assert quiet.err == f'{feed}:1: "text" should be a string, not a number\n'  # not a terminal: no progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["process", str(feed), "--db", db, "--workers", "1"]) == 1
    shown = terminal.getvalue()
    assert "1 of 3 articles" in shown and "articles/s" in shown and "ETA" in shown
    assert shown.endswith("\r\x1b[K")  # the progress line is cleared at the end
    monkeypatch.undo()
    verbose = _run("-v", "process", str(feed), "--db", db, "--workers", "1")
    assert "INFO marsad.process: wrote 2 article(s)" in verbose.stderr
    assert _run("process", "-v", str(feed), "--db", db).returncode == 1  # -v after the subcommand too


def test_entities_reports_what_only_the_tagger_finds_unlinked() -> None:
    text = "وأعلن رئيس بعثة منظمة أطباء بلا حدود في اليمن حسن بوسنين أمس عن ارتفاع حصيلة القتلى في الولايات المتحدة الأمريكية."
    rows = [json.loads(line) for line in _run("entities", "-", stdin=text).stdout.splitlines()]
    by_text = {row["text"]: row for row in rows}
    assert by_text["حسن بوسنين"]["source"] == "model" and by_text["حسن بوسنين"]["type"] == "PERSON"
    assert by_text["الولايات المتحدة الأمريكية"]["entity_id"] == "us", "widened to the name, still linked"
    assert all(text[row["start"]:row["end"]] == row["text"] for row in rows)
