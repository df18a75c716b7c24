"""Where Marsad's files are: the curated data (lexicons, basemap, models) and the default store.

In a checkout the data is the repository's `data/` folder; an installed package (`pip install .`)
carries the same files as `marsad/data/` (pyproject maps the folder into the wheel).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
REPOSITORY = PACKAGE.parent


def data_dir() -> Path:
    """The folder of lexicons (CSV), the basemap and the trained models."""
    installed = PACKAGE / "data"
    return installed if installed.is_dir() else REPOSITORY / "data"


def in_checkout() -> bool:
    """Running from the repository (app.py beside the package), not from an installed wheel."""
    return (REPOSITORY / "app.py").is_file() and (REPOSITORY / "data").is_dir()


def default_store_file() -> Path:
    """The SQLite file used when no --db or $MARSAD_DB is given: data/marsad.sqlite in a checkout,
    else marsad.sqlite in the current folder (never inside an installed package)."""
    return REPOSITORY / "data" / "marsad.sqlite" if in_checkout() else Path.cwd() / "marsad.sqlite"


DATA_DIR = data_dir()
