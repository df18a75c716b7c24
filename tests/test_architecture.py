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


def test_the_dashboard_reads_the_store_without_importing_camel_tools():
    """camel-tools takes about a second to import; only processing articles needs it."""
    import subprocess
    import sys

    code = ("import sys, marsad, marsad.store, marsad.views, marsad.facets, marsad.export, components.data, "
            "components.map_view, components.timeline_chart, components.actor_view, components.article_view; "
            "print(sorted(m for m in sys.modules if m.startswith('camel_tools')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
