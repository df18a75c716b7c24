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
    assert done.returncode == 0 and "processed 2 article(s)" in done.stdout
    for kind, field in [("articles", "published_inferred"), ("places", "article_ids"), ("actors", "type"),
                        ("statements", "speaker_ar"), ("events", "actors_en")]:
        out = _run("export", kind, "--db", db)
        assert out.returncode == 0
        rows = [json.loads(line) for line in out.stdout.splitlines()]
        assert rows and all(field in row for row in rows)
    assert "طرابلس" in _run("export", "places", "--db", db).stdout  # ensure_ascii=False
    csv_out = _run("export", "statements", "--format", "csv", "--db", db).stdout.splitlines()
    assert csv_out[0].startswith("statement_id,article_id,speaker_id")
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
