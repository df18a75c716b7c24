"""House rules: imports flow pages -> components -> marsad; marsad never imports streamlit; pages run no SQL."""

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "marsad").glob("*.py")), ids=lambda p: p.name)
def test_marsad_has_no_ui_imports(path: Path) -> None:
    assert not _imports(path) & {"streamlit", "folium", "plotly", "streamlit_folium", "components", "pages"}


@pytest.mark.parametrize("path", sorted((ROOT / "components").glob("*.py")), ids=lambda p: p.name)
def test_components_do_not_import_pages(path: Path) -> None:
    assert "pages" not in _imports(path)


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_are_thin_and_run_no_sql(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert not _imports(path) & {"sqlalchemy", "sqlite3"}
    assert "marsad.store" not in source
    assert len(source.splitlines()) <= 45
