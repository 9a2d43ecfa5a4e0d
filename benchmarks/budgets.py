"""The issue's budgets, each MET, MISSED or n/a (not measured in this run), with its figure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

KIB = 1024
MIB = 1024 * 1024
BUILD_OVER_MKDOCS = 1.15
SCALING_10K_OVER_1K = 11
PEAK_MIB_10K = 500
CHECK_S_10K = 2.0
PREVIEW_S_1K = 2.0
PAGE_BYTES_10K = 150_000  # "150 KB": decimal kilobytes
COLD_LOAD_BYTES = 450 * KIB
INDEX_OVER_RAW = 1.25
LIGHTHOUSE_MIN = 95
LIGHTHOUSE_A11Y = 100
LIGHTHOUSE_PAGES = ("home", "theme", "quote", "quote bank", "recommendations", "toolkit")
# Issue 15 (ahead of the engine) and issue 10.7 (memory follows the engine).
AHEAD_OF_MKDOCS = 0.6
BUILD_S_10K = 45.0
PREVIEW_S_10K = 2.0
PEAK_OVER_MKDOCS = 1.05

Results = dict[int, dict[str, Any]]


@dataclass(frozen=True)
class Budget:
    name: str
    status: str  # MET, MISSED or n/a
    figure: str

    def line(self) -> str:
        return f"{self.status:6}  {self.name}: {self.figure}"


def _judge(name: str, value: float | None, limit: float, shown: str,
           lower_is_better: bool = True) -> Budget:
    if value is None:
        return Budget(name, "n/a", shown or "not measured")
    ok = value <= limit if lower_is_better else value >= limit
    return Budget(name, "MET" if ok else "MISSED", shown)


def _get(results: Results, size: int, *keys: str) -> Any:
    value: Any = results.get(size)
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def build_vs_mkdocs(results: Results) -> list[Budget]:
    budgets = []
    for size in (1000, 10000):
        ratio = _get(results, size, "ratio_build_mkdocs")
        build, plain = _get(results, size, "build", "median_s"), _get(results, size, "mkdocs",
                                                                        "median_s")
        shown = f"{ratio:.2f}× ({build:.2f} s vs {plain:.2f} s)" if ratio else ""
        budgets.append(_judge(f"build ≤ {BUILD_OVER_MKDOCS}× plain MkDocs at {size:,}", ratio,
                              BUILD_OVER_MKDOCS, shown))
    return budgets


def scaling(results: Results) -> list[Budget]:
    small, large = _get(results, 1000, "build", "median_s"), _get(results, 10000, "build",
                                                                   "median_s")
    ratio = large / small if small and large else None
    shown = f"{ratio:.1f}× ({large:.2f} s vs {small:.2f} s)" if ratio else ""
    return [_judge(f"10,000 build ≤ {SCALING_10K_OVER_1K}× the 1,000 build", ratio,
                   SCALING_10K_OVER_1K, shown)]


def large_study(results: Results) -> list[Budget]:
    peak = _get(results, 10000, "build", "peak_mib")
    preview = _get(results, 1000, "preview", "median_s")
    largest = (_get(results, 10000, "sizes", "largest_pages") or [{}])[0]
    page_bytes: int | None = largest.get("bytes")
    over = _get(results, 10000, "sizes", "pages_over_150kb")
    return [
        _judge(f"peak memory of the 10,000 build ≤ {PEAK_MIB_10K} MiB", peak, PEAK_MIB_10K,
               f"{peak:.0f} MiB" if peak else ""),
        *check_per_shape(results),
        _judge(f"edit→preview at 1,000 ≤ {PREVIEW_S_1K:g} s", preview, PREVIEW_S_1K,
               f"{preview:.2f} s" if preview else ""),
        _judge("no page's HTML over 150 KB at 10,000", page_bytes, PAGE_BYTES_10K,
               f"largest {page_bytes / 1000:.0f} KB ({largest['path']}), {over} pages over"
               if page_bytes is not None else ""),
    ]


def check_per_shape(results: Results) -> list[Budget]:
    """``findings check`` at 10,000 quotes within CHECK_S_10K on every data shape (issue 10.8),
    judged on CPU time (user + system: the machine is shared), the wall time shown too."""
    shapes: dict[str, Any] = _get(results, 10000, "check_shapes") or {"themed": None}
    budgets = []
    for shape, summary in shapes.items():
        cpu = (summary or {}).get("median_cpu_s")
        wall = (summary or {}).get("median_s")
        budgets.append(_judge(
            f"findings check at 10,000 ({shape} shape) ≤ {CHECK_S_10K:g} s of CPU", cpu,
            CHECK_S_10K, f"{cpu:.2f} s CPU ({wall:.2f} s wall)" if cpu and wall else ""))
    return budgets


def per_size(results: Results) -> list[Budget]:
    budgets: list[Budget] = []
    for size in sorted(results):
        budgets += [_cold_load(results, size), _index(results, size)]
        for key, mode in (("lighthouse", "uncompressed"), ("lighthouse_gzip", "gzipped")):
            budgets += [_lighthouse(results, size, key, mode, category="performance",
                                    limit=LIGHTHOUSE_MIN),
                        _lighthouse(results, size, key, mode, category="accessibility",
                                    limit=LIGHTHOUSE_A11Y)]
    return budgets


def _cold_load(results: Results, size: int) -> Budget:
    loads = {k: v for k, v in (_get(results, size, "cold_loads") or {}).items() if v}
    name = f"cold load of every measured page ≤ 450 KiB at {size:,}"
    if not loads:
        return Budget(name, "n/a", "not measured")
    worst = max(loads, key=lambda k: loads[k]["bytes"])
    over = sorted(k for k, v in loads.items() if v["bytes"] > COLD_LOAD_BYTES)
    shown = f"largest {worst} {loads[worst]['bytes'] / KIB:.0f} KiB; over: {', '.join(over)}" \
        if over else f"largest {worst} {loads[worst]['bytes'] / KIB:.0f} KiB"
    return _judge(name, loads[worst]["bytes"], COLD_LOAD_BYTES, shown)


def _index(results: Results, size: int) -> Budget:
    ratio = _get(results, size, "index_ratio")
    index = _get(results, size, "sizes", "search_index_bytes")
    raw = _get(results, size, "generation", "raw_text_bytes")
    shown = f"{ratio:.2f}× ({index / KIB:.0f} KiB vs {raw / KIB:.0f} KiB)" if ratio else ""
    return _judge(f"search index ≤ {INDEX_OVER_RAW}× raw text at {size:,}", ratio,
                  INDEX_OVER_RAW, shown)


def _lighthouse(results: Results, size: int, key: str, mode: str, *, category: str,
                limit: int) -> Budget:
    shown_limit = f"≥ {limit}" if limit < 100 else f"= {limit}"
    name = f"Lighthouse {category} {shown_limit} ({mode}; {', '.join(LIGHTHOUSE_PAGES)}) " \
           f"at {size:,}"
    scores = _get(results, size, key) or {}
    measured = {p: scores[p][category] for p in LIGHTHOUSE_PAGES
                if scores.get(p) and scores[p].get(category) is not None}
    if not measured:
        errors = {s["error"] for s in scores.values() if s and s.get("error")}
        return Budget(name, "n/a", "; ".join(sorted(errors)) or "not measured")
    missing = [p for p in LIGHTHOUSE_PAGES if p not in measured]
    shown = ", ".join(f"{p} {v:.0f}" for p, v in measured.items())
    shown += f"; n/a: {', '.join(missing)}" if missing else ""
    return _judge(name, min(measured.values()), limit, shown, lower_is_better=False)


def ahead_of_engine(results: Results) -> list[Budget]:
    """Issue 15's targets, and issue 10.7's peak memory against plain MkDocs."""
    budgets = []
    for size in (1000, 10000):
        ratio = _get(results, size, "ratio_build_mkdocs")
        budgets.append(_judge(f"build ≤ {AHEAD_OF_MKDOCS}× plain MkDocs at {size:,}", ratio,
                              AHEAD_OF_MKDOCS, f"{ratio:.2f}×" if ratio else ""))
    build = _get(results, 10000, "build", "median_s")
    preview = _get(results, 10000, "preview", "median_s")
    peak, plain = _get(results, 10000, "build", "peak_mib"), _get(results, 10000, "mkdocs",
                                                                   "peak_mib")
    over = peak / plain if peak and plain else None
    return [
        *budgets,
        _judge(f"10,000 build ≤ {BUILD_S_10K:g} s", build, BUILD_S_10K,
               f"{build:.2f} s" if build else ""),
        _judge(f"edit→preview at 10,000 ≤ {PREVIEW_S_10K:g} s", preview, PREVIEW_S_10K,
               f"{preview:.2f} s" if preview else ""),
        _judge(f"peak memory of the 10,000 build ≤ {PEAK_OVER_MKDOCS}× plain MkDocs'", over,
               PEAK_OVER_MKDOCS, f"{over:.2f}× ({peak:.0f} MiB vs {plain:.0f} MiB)"
               if over else ""),
    ]


SECTIONS: tuple[Callable[[Results], list[Budget]], ...] = (
    build_vs_mkdocs, scaling, large_study, ahead_of_engine, per_size)


def evaluate(results: Results) -> list[Budget]:
    return [budget for section in SECTIONS for budget in section(results)]


def as_json(budgets: list[Budget]) -> list[dict[str, str]]:
    return [asdict(b) for b in budgets]
