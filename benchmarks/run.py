"""``make bench``: build synthetic studies of several sizes, measure, judge the budgets, report.

    .venv/bin/python -m benchmarks.run                      # 100, 1,000 and 10,000 quotes
    .venv/bin/python -m benchmarks.run --sizes 100 --runs 1  # a quick try

Each size gets its own folder under ``benchmarks/work/n<SIZE>/`` (data, staging tree, sites);
the results go to ``benchmarks/results/latest.md`` and ``latest.json`` and are printed.
Optional tools (ProperDocs, Zensical, Lighthouse) that are missing are reported, not fatal.
"""

from __future__ import annotations

import argparse
import datetime
import fcntl
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks import browser, budgets, engines, lighthouse, measure, preview, report, synth
from benchmarks.paths import (
    CHROMIUM,
    LIGHTHOUSE,
    MKDOCS,
    PROPERDOCS,
    RESULTS,
    ROOT,
    WORK,
    ZENSICAL,
)

DEFAULT_SIZES = (100, 1000, 10000)
LARGE = 1000  # sizes above this get --runs-large runs
NA = "n/a"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES),
                        metavar="N", help="numbers of quotes (default: 100 1000 10000)")
    parser.add_argument("--runs", type=int, default=3,
                        help="timed runs per measure, for sizes up to 1,000 (default 3)")
    parser.add_argument("--runs-large", type=int, default=2,
                        help="timed runs per measure above 1,000 quotes (default 2)")
    parser.add_argument("--seed", type=int, default=synth.SEED, help="synthetic data seed")
    parser.add_argument("--shape", choices=sorted(synth.SHAPES), default=synth.THEMED.name,
                        help="data shape: themed (N/20 recommendations, at most 200), "
                        "recs40 (the same, 40 recommendations) or bulk (issue 10.8)")
    parser.add_argument("--preview-timeout", type=float, default=300,
                        help="seconds to wait for serve to start or show an edit (default 300)")
    parser.add_argument("--results", type=Path, default=RESULTS, metavar="DIR",
                        help="where to write latest.md and latest.json (default: "
                        "benchmarks/results)")
    for part in ("engines", "browser", "lighthouse", "preview"):
        parser.add_argument(f"--no-{part}", action="store_true", help=f"skip the {part} part")
    return parser.parse_args(argv)


def runs_for(size: int, args: argparse.Namespace) -> int:
    runs: int = args.runs if size <= LARGE else min(args.runs, args.runs_large)
    return max(1, runs)


def measured_pages(manifest: synth.Manifest) -> dict[str, str]:
    return {"home": "", "theme": f"themes/{manifest.themes[0]}/",
            "quote": f"quotes/{manifest.sample_quote}/", "quote bank": "quotes/",
            "recommendations": "recommendations/", "toolkit": "toolkit/"}


def bench_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """Every measure for one size of study (and the load average: other work skews times)."""
    result = _bench_size(size, args)
    result["load_average_after"] = os.getloadavg()
    return result


def _bench_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    suffix = "" if args.shape == synth.THEMED.name else f"-{args.shape}"
    folder, runs = WORK / f"n{size}{suffix}", runs_for(size, args)
    data, staged, site = folder / "data", folder / "staged", folder / "site"
    log(f"{size:,} quotes: writing synthetic data to {data.relative_to(ROOT)}")
    manifest = synth.write_folder(data, size, args.seed, synth.SHAPES[args.shape])
    result: dict[str, Any] = {"quotes": size, "themes": len(manifest.themes),
                              "recommendations": manifest.recommendations,
                              "toolkit": manifest.toolkit, "runs": runs, "errors": []}
    result["load_average_before"] = os.getloadavg()
    _core(result, data, staged, site, runs)
    _check_shapes(result, data, args.shape, runs)
    if not (site / "index.html").is_file():
        result["errors"].append("findings build made no site: later measures skipped")
        return result
    reference = measure.html_pages(site)
    if not args.no_engines:
        log(f"{size:,}: ProperDocs and Zensical")
        result["engines"] = {e.engine: e.summary() for e in (
            engines.properdocs(staged, reference, runs), engines.zensical(staged, reference, runs))}
    pages = measured_pages(manifest)
    if not args.no_browser:
        log(f"{size:,}: cold loads in Chromium")
        result["cold_loads"] = _cold_loads(site, pages, result)
    if not args.no_lighthouse:
        for mode, key in LIGHTHOUSE_MODES.items():
            log(f"{size:,}: Lighthouse, served {mode}")
            result[key] = _lighthouse(site, folder, pages, runs, gzip=mode == "gzipped")
    if not args.no_preview:
        log(f"{size:,}: edit→preview with findings serve")
        result["preview"] = preview.edit_preview(data, folder, manifest, runs,
                                                 args.preview_timeout).summary()
    return result


def _check_shapes(result: dict[str, Any], data: Path, shape: str, runs: int) -> None:
    """``findings check`` on the study of each data shape (``synth.SHAPES``) at this size: the
    run's own data, and each other shape written next to it (``<shape>-data``)."""
    size = result["quotes"]
    result["check_shapes"] = {}
    for name in synth.SHAPES:
        folder = data if name == shape else data.parent / f"{name}-data"
        if folder != data:
            synth.write_folder(folder, size, shape=synth.SHAPES[name])
        log(f"{size:,}: findings check ×{runs} on the {name} shape ({folder.relative_to(ROOT)})")
        result["check_shapes"][name] = measure.check(folder, runs).summary()
    for name, summary in result["check_shapes"].items():
        if summary.get("error"):
            result["errors"].append(f"check ({name} shape): {summary['error']}")


def _core(result: dict[str, Any], data: Path, staged: Path, site: Path, runs: int) -> None:
    size = result["quotes"]
    log(f"{size:,}: generation (our Python stage) ×{runs}, staging the docs once")
    result["generation"] = measure.generation(data, staged, runs).summary()
    log(f"{size:,}: findings build and plain mkdocs build, in turn ×{runs}")
    for key, runs_of in measure.build_and_mkdocs(data, site, staged, runs).items():
        result[key] = runs_of.summary()
    build, plain = result["build"]["median_s"], (result.get("mkdocs") or {}).get("median_s")
    result["ratio_build_mkdocs"] = build / plain if build and plain else None
    if (site / "index.html").is_file():
        result["sizes"] = measure.site_sizes(site)
        raw = result["generation"].get("raw_text_bytes")
        index = result["sizes"]["search_index_bytes"]
        result["index_ratio"] = index / raw if index and raw else None
    for key in ("generation", "build", "mkdocs"):
        if (result.get(key) or {}).get("error"):
            result["errors"].append(f"{key}: {result[key]['error']}")


def _cold_loads(site: Path, pages: dict[str, str], result: dict[str, Any]) -> dict[str, Any]:
    try:
        loads = browser.cold_loads(site, pages)
    except Exception as err:  # a browser that cannot start is reported, not fatal
        result["errors"].append(f"cold loads: {err}")
        return {}
    return {name: load.summary() if load else None for name, load in loads.items()}


#: How the site is served to Lighthouse -> the result's key: as files are, and gzipped as
#: GitHub Pages serves them (what readers get).
LIGHTHOUSE_MODES = {"uncompressed": "lighthouse", "gzipped": "lighthouse_gzip"}


def _lighthouse(site: Path, folder: Path, pages: dict[str, str], runs: int,
                gzip: bool = False) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    with browser.serve(site, gzip=gzip) as server:
        for name in report.LIGHTHOUSE_PAGES:
            if not (site / pages[name] / "index.html").is_file():
                scores[name] = None
                continue
            mode = "-gzip" if gzip else ""
            out = folder / f"lighthouse{mode}-{name.replace(' ', '-')}.json"
            scores[name] = lighthouse.median_score(server.url + pages[name], out, runs).summary()
    return scores


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def _version(command: Sequence[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return NA
    lines = (done.stdout.strip() or done.stderr.strip()).splitlines()
    return lines[-1] if lines else NA



def metadata(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "git_head": _git("rev-parse", "--short", "HEAD"),
        "git_dirty_files": len(_git("status", "--porcelain").splitlines()),
        "python": platform.python_version(),
        "cpus": len(os.sched_getaffinity(0)),
        "runs": f"{args.runs} (≤ 1,000 quotes), {min(args.runs, args.runs_large)} (above)",
        "seed": args.seed,
        "shape": args.shape,
        "mkdocs": _version([str(MKDOCS), "--version"]),
        "properdocs": _version([str(PROPERDOCS), "--version"]) if PROPERDOCS.exists() else NA,
        "zensical": _version([str(ZENSICAL), "--version"]) if ZENSICAL.exists() else NA,
        "lighthouse": _version([str(LIGHTHOUSE), "--version"]) if LIGHTHOUSE.exists() else NA,
        "chromium": _version([str(CHROMIUM), "--version"]),
    }


@contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """One benchmark at a time: runs share benchmarks/work/ and would skew each other's times."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            log(f"another benchmark is running ({handle.read().strip() or 'pid unknown'}): waiting")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with exclusive(WORK / "bench.lock"):
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    meta = metadata(args)
    results: dict[int, dict[str, Any]] = {}
    for size in sorted(set(args.sizes)):
        results[size] = bench_size(size, args)
        judged = budgets.evaluate(results)
        report.write(args.results, results, judged, meta)  # after each size: partials survive
    judged = budgets.evaluate(results)
    md, js = report.write(args.results, results, judged, meta)
    print(report.table(results))
    print()
    print("\n".join(b.line() for b in judged))
    print(f"\nwritten: {md}, {js}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
