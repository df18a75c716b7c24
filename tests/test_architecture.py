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


MARSAD = sorted((ROOT / "marsad").rglob("*.py"))


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _marsad_imports(path: Path) -> set[str]:
    """The marsad modules `path` imports (a `from marsad.x import y` names marsad.x, or marsad.x.y when
    that is a module)."""
    known = {_module(p) for p in MARSAD}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("marsad")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("marsad"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names} & known
    return {name for name in found if name in known}


@pytest.mark.parametrize("path", MARSAD, ids=lambda p: str(p.relative_to(ROOT)))
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

    code = ("import sys, marsad, marsad.store, marsad.views, marsad.store.facets, marsad.export, components.data, "
            "components.map_view, components.timeline_chart, components.actor_view, components.article_view; "
            "print(sorted(m for m in sys.modules if m.startswith('camel_tools')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_marsad_has_no_import_circles() -> None:
    """Module by module, imports form no cycle (a package's __init__ may import its own modules)."""
    graph = {_module(p): {m for m in _marsad_imports(p) if m != _module(p)} for p in MARSAD}
    for package in [m for m in graph if (ROOT / m.replace(".", "/") / "__init__.py").exists()]:
        graph[package] = {m for m in graph[package] if not m.startswith(package + ".")}
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                raise AssertionError(" -> ".join([*path, module, target]))
            if target not in state:
                visit(target, [*path, module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_the_domain_never_imports_the_benchmarks() -> None:
    for path in MARSAD:
        if _module(path).startswith(("marsad.bench", "marsad.__main__")):
            continue
        assert not {m for m in _marsad_imports(path) if m.startswith("marsad.bench")}, path


def test_the_pipeline_stages_have_their_folders() -> None:
    for folder in ("text", "extract", "store", "bench"):
        assert (ROOT / "marsad" / folder / "__init__.py").exists(), folder
    assert not (ROOT / "marsad" / "store.py").exists() and not (ROOT / "marsad" / "text.py").exists()


@pytest.mark.parametrize("path", sorted([*(ROOT / "components").glob("*.py"), *(ROOT / "pages").glob("*.py")]),
                         ids=lambda p: p.name)
def test_dashboard_csv_downloads_go_through_the_spreadsheet_safe_writer(path: Path) -> None:
    """Every CSV the dashboard offers is made by marsad.export.csv_bytes (formula cells neutralised, BOM)."""
    assert ".to_csv(" not in path.read_text(encoding="utf-8")
