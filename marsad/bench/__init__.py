"""Benchmarks: `python -m marsad bench pipeline|app` (outside the domain's import graph: nothing in
marsad imports this package; it imports the domain)."""

from __future__ import annotations


def run(what: str, limit: int = 2000, workers: int | None = None, sizes: str = "10000,100000",
        url: str | None = None, pages: bool = True) -> dict:
    if what == "pipeline":
        from marsad.bench.pipeline import bench_pipeline

        return bench_pipeline(limit, workers)
    from marsad.bench.app import bench_app

    chosen = [int(s) for s in sizes.split(",") if s.strip()]
    return bench_app(chosen, url=url, pages=pages)
