"""Installable as a package: `pip install .` into a fresh virtual environment gives a `marsad` command
that finds its lexicons, basemap and model as package data, processes the seeds and exports events.

The new environment sees this one's packages through a .pth file (no download), and the wheel is built
without build isolation from a copy of the sources (nothing written into the checkout).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_pip_install_gives_a_working_marsad_command(tmp_path: Path) -> None:
    pytest.importorskip("setuptools")
    pytest.importorskip("wheel")
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("marsad", "data"):
        shutil.copytree(ROOT / folder, source / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.sqlite*", "*.npz.*"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = Path(subprocess.run([str(venv / "bin" / "python"), "-c",
                                   "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", str(source)], check=True, cwd=tmp_path, timeout=300)
    work = tmp_path / "elsewhere"  # not the checkout: the installed package must find its own data
    work.mkdir()
    db = f"sqlite:///{work / 'm.sqlite'}"
    done = subprocess.run([str(venv / "bin" / "marsad"), "process", str(ROOT / "seeds"), "--db", db],
                          capture_output=True, text=True, cwd=work, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "stored 2, skipped 0 (duplicate), failed 0"
    events = subprocess.run([str(venv / "bin" / "marsad"), "export", "events", "--db", db],
                            capture_output=True, text=True, cwd=work, timeout=120, check=True).stdout
    assert len(events.splitlines()) >= 12 and "evacuation" in events  # the seeds: 14 incidents
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import marsad.paths as p; print(p.data_dir())"],
                           capture_output=True, text=True, cwd=work, check=True).stdout.strip()
    assert where.startswith(str(purelib)), "lexicons come from the installed package"
