"""The results as a Markdown table (printed, and written with the details to results/)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.budgets import KIB, MIB, Budget, as_json
from benchmarks.synth import SHAPES

PAGES = ("home", "theme", "quote", "quote bank", "recommendations", "toolkit")
LIGHTHOUSE_PAGES = PAGES
NA = "n/a"

Row = tuple[str, Callable[[dict[str, Any]], str]]


def seconds(value: float | None) -> str:
    return NA if value is None else f"{value:.2f} s"


def _series(key: str) -> Callable[[dict[str, Any]], str]:
    def cell(r: dict[str, Any]) -> str:
        entry = r.get(key) or {}
        return seconds(entry.get("median_s")) if not entry.get("error") else "failed"
    return cell


def _check(shape: str) -> Callable[[dict[str, Any]], str]:
    def cell(r: dict[str, Any]) -> str:
        entry = (r.get("check_shapes") or {}).get(shape) or {}
        if entry.get("error"):
            return "failed"
        cpu, wall = entry.get("median_cpu_s"), entry.get("median_s")
        return f"{seconds(cpu)} ({seconds(wall)})" if cpu is not None else NA
    return cell


def _generation(r: dict[str, Any]) -> str:
    g = r.get("generation") or {}
    if g.get("generate_s") is None:
        return "failed" if g.get("error") else NA
    return (f"{g['generate_s']:.2f} s ({g['load_validate_s']:.2f} / {g['model_s']:.2f} / "
            f"{g['render_s']:.2f})")


def _peak(key: str) -> Callable[[dict[str, Any]], str]:
    def cell(r: dict[str, Any]) -> str:
        peak = (r.get(key) or {}).get("peak_mib")
        return NA if peak is None else f"{peak:.0f} MiB"
    return cell


def _ratio(r: dict[str, Any]) -> str:
    ratio = r.get("ratio_build_mkdocs")
    return NA if ratio is None else f"{ratio:.2f}×"


def _engine(name: str) -> Callable[[dict[str, Any]], str]:
    def cell(r: dict[str, Any]) -> str:
        e = (r.get("engines") or {}).get(name)
        if not e:
            return NA
        if e["median_s"] is None:
            return str(e["status"])
        pages = "same pages" if e["pages_match"] else \
            f"pages differ (-{e['only_ours_count']} +{e['only_theirs_count']})"
        note = "; relative docs_dir" if "relative" in e["status"] else ""
        return f"{e['median_s']:.2f} s, {pages}{note}"
    return cell


def _site(r: dict[str, Any]) -> str:
    s = r.get("sizes") or {}
    if "site_bytes" not in s:
        return NA
    return f"{s['site_bytes'] / MIB:.1f} MiB ({s['files']:,} files)"


def _index(r: dict[str, Any]) -> str:
    s, ratio = r.get("sizes") or {}, r.get("index_ratio")
    raw = (r.get("generation") or {}).get("raw_text_bytes")
    if not s.get("search_index_bytes") or ratio is None or raw is None:
        return NA
    return f"{s['search_index_bytes'] / KIB:,.0f} KiB ({ratio:.2f}× raw {raw / KIB:,.0f} KiB)"


def _largest(r: dict[str, Any]) -> str:
    pages = (r.get("sizes") or {}).get("largest_pages") or []
    return NA if not pages else f"{pages[0]['bytes'] / 1000:,.0f} KB ({pages[0]['path']})"


def _cold(name: str) -> Callable[[dict[str, Any]], str]:
    def cell(r: dict[str, Any]) -> str:
        load = (r.get("cold_loads") or {}).get(name)
        if not load:
            return NA
        return f"{load['bytes'] / KIB:,.0f} KiB, {load['requests']} req" + \
            (" (error)" if load.get("error") else "")
    return cell


def _preview(r: dict[str, Any]) -> str:
    p = r.get("preview") or {}
    return "failed" if p.get("error") else seconds(p.get("median_s"))


def _lighthouse(key: str) -> Callable[[dict[str, Any]], str]:
    """Performance / accessibility per page, in LIGHTHOUSE_PAGES' order."""
    def cell(r: dict[str, Any]) -> str:
        scores = r.get(key) or {}
        if not scores:
            return NA
        return " · ".join(_scores(scores.get(p)) for p in LIGHTHOUSE_PAGES)
    return cell


def _scores(s: dict[str, Any] | None) -> str:
    if not s or s.get("performance") is None:
        return NA
    a11y = s.get("accessibility")
    return f"{s['performance']:.0f}/{NA if a11y is None else f'{a11y:.0f}'}"


def _load(r: dict[str, Any]) -> str:
    before, after = r.get("load_average_before"), r.get("load_average_after")
    return NA if not before or not after else f"{before[0]:.1f} → {after[0]:.1f}"


ROWS: tuple[Row, ...] = (
    ("quotes / recommendations / toolkit items",
     lambda r: f"{r['quotes']:,} / {r['recommendations']} / {r['toolkit']}"),
    ("HTML pages built", lambda r: f"{(r.get('sizes') or {}).get('html_pages', NA):,}"),
    *((f"`findings check` ({shape} shape), CPU (wall)", _check(shape)) for shape in SHAPES),
    ("generation: load+validate / model / render", _generation),
    ("`findings build`", _series("build")),
    ("`findings build` peak memory", _peak("build")),
    ("plain `mkdocs build` (same pages)", _series("mkdocs")),
    ("plain `mkdocs build` peak memory", _peak("mkdocs")),
    ("build ÷ plain MkDocs", _ratio),
    ("ProperDocs build", _engine("properdocs")),
    ("Zensical build", _engine("zensical")),
    ("site size", _site),
    ("search index (÷ raw text)", _index),
    ("largest page", _largest),
    *((f"cold load: {p}", _cold(p)) for p in PAGES),
    ("edit→preview", _preview),
    ("Lighthouse perf/a11y, uncompressed: " + " · ".join(LIGHTHOUSE_PAGES),
     _lighthouse("lighthouse")),
    ("Lighthouse perf/a11y, gzipped as GitHub Pages serves: " + " · ".join(LIGHTHOUSE_PAGES),
     _lighthouse("lighthouse_gzip")),
    ("load average (1 min) before → after", _load),
)


def table(results: dict[int, dict[str, Any]]) -> str:
    sizes = sorted(results)
    lines = ["| measure | " + " | ".join(f"{n:,} quotes" for n in sizes) + " |",
             "| --- |" + " --- |" * len(sizes)]
    for label, cell in ROWS:
        lines.append(f"| {label} | " + " | ".join(_safe(cell, results[n]) for n in sizes) + " |")
    return "\n".join(lines)


def _safe(cell: Callable[[dict[str, Any]], str], result: dict[str, Any]) -> str:
    try:
        return cell(result)
    except (KeyError, TypeError, ValueError):
        return NA


def details(results: dict[int, dict[str, Any]]) -> str:
    """What lies behind the figures: top requests, index contents, largest pages, errors."""
    out: list[str] = []
    for size in sorted(results):
        r = results[size]
        out.append(f"\n### {size:,} quotes\n")
        out += _top_requests(r)
        out += _index_contents(r)
        pages = (r.get("sizes") or {}).get("largest_pages") or []
        out.append("- largest pages: " + ", ".join(f"{p['path']} {p['bytes'] / 1000:,.0f} KB"
                                                 for p in pages))
        out += _engine_notes(r)
        out += _lighthouse_notes(r)
        out += [f"- error: {e}" for e in r.get("errors", [])]
    return "\n".join(out)


def _top_requests(r: dict[str, Any]) -> list[str]:
    out = []
    for name, load in (r.get("cold_loads") or {}).items():
        if load:
            top = ", ".join(f"{t['path']} {t['bytes'] / KIB:,.0f}" for t in load["top"])
            out.append(f"- cold load {name} (`{load['path'] or '/'}`), KiB: {top}")
    return out


def _index_contents(r: dict[str, Any]) -> list[str]:
    shape = (r.get("sizes") or {}).get("search_index") or {}
    if not shape:
        return []
    sections = sorted(shape["bytes_by_section"].items(), key=lambda kv: -kv[1])[:6]
    fields = shape["bytes_by_field"].items()
    return [f"- search index: {shape['entries']:,} entries; KiB by section: "
            + ", ".join(f"{k} {v / KIB:,.0f}" for k, v in sections)
            + "; by field: " + ", ".join(f"{k} {v / KIB:,.0f}" for k, v in fields)]


def _engine_notes(r: dict[str, Any]) -> list[str]:
    out = []
    for name, e in (r.get("engines") or {}).items():
        note = f"- {name}: {e['status']}"
        if e.get("only_ours"):
            note += f"; only in ours: {', '.join(e['only_ours'])}"
        if e.get("only_theirs"):
            note += f"; only in theirs: {', '.join(e['only_theirs'])}"
        if e.get("detail"):
            note += f"; {e['detail']}"
        out.append(note)
    return out


def _lighthouse_notes(r: dict[str, Any]) -> list[str]:
    out = []
    for key, mode in (("lighthouse", "uncompressed"), ("lighthouse_gzip", "gzipped")):
        for name, s in (r.get(key) or {}).items():
            if s and s.get("performance") is None:
                out.append(f"- Lighthouse {name} ({mode}): n/a ({s['error']})")
            elif s:
                audits = "; ".join(f"{k} {v}" for k, v in s["audits"].items())
                runs = "/".join(f"{v:.0f}" for v in s.get("runs") or [])
                failed = f"; {s['error']}" if s.get("error") else ""
                a11y = s.get("accessibility")
                missed = ", ".join(s.get("accessibility_failed") or [])
                out.append(f"- Lighthouse {name} ({mode}): performance {s['performance']:.0f} "
                           f"(runs {runs}{failed}; {audits}); accessibility "
                           f"{NA if a11y is None else f'{a11y:.0f}'}"
                           + (f" (failed: {missed})" if missed else ""))
    return out


def markdown(results: dict[int, dict[str, Any]], budgets: list[Budget],
             meta: dict[str, Any]) -> str:
    head = ["# Benchmark results", "",
            "Made by `make bench` (benchmarks/run.py). Times are medians of "
            f"{meta['runs']}; bytes are as served, uncompressed (cold loads); Lighthouse runs "
            "against the site served as files are and gzipped as GitHub Pages serves it; "
            "KiB = 1024 bytes, KB = 1000.",
            "", "```", json.dumps(meta, indent=1, ensure_ascii=False), "```", ""]
    budget_lines = ["## Budgets", "", "```", *(b.line() for b in budgets), "```"]
    return "\n".join([*head, table(results), "", *budget_lines, "", "## Details",
                      details(results), ""])


def write(folder: Path, results: dict[int, dict[str, Any]], budgets: list[Budget],
          meta: dict[str, Any]) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    md, js = folder / "latest.md", folder / "latest.json"
    md.write_text(markdown(results, budgets, meta), encoding="utf-8")
    js.write_text(json.dumps({"meta": meta, "sizes": {str(k): v for k, v in results.items()},
                              "budgets": as_json(budgets)}, indent=1, ensure_ascii=False),
                  encoding="utf-8")
    return md, js
