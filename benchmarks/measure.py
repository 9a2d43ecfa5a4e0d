"""Timed runs of the generator and of MkDocs, each in a fresh process, and sizes of a built site."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.paths import CONFIG, FINDINGS, MKDOCS, PYTHON, ROOT

#: The same build date for every engine run, so no run pays for finding one. Every command runs
#: as an installed tool does, with its compiled bytecode: a shell that sets
#: PYTHONDONTWRITEBYTECODE would have each run compile its modules from source again (about 4 %
#: of a check at 10,000 quotes), for findings and plain MkDocs alike.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Timed:
    """One run of a command: wall time, peak RSS of the process, and how it ended."""

    seconds: float
    max_rss_kib: int
    returncode: int
    stdout: str = ""
    stderr: str = ""
    #: user + system CPU time of the command (``child``)
    cpu_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass
class Series:
    """Several runs of one command; a failed run makes the series failed."""

    runs: list[Timed] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(r.ok for r in self.runs)

    @property
    def median_s(self) -> float | None:
        return statistics.median(r.seconds for r in self.runs) if self.ok else None

    @property
    def median_cpu_s(self) -> float | None:
        return statistics.median(r.cpu_seconds for r in self.runs) if self.ok else None

    @property
    def peak_mib(self) -> float | None:
        return max(r.max_rss_kib for r in self.runs) / 1024 if self.ok else None

    @property
    def error(self) -> str:
        failed = [r for r in self.runs if not r.ok]
        return _last_lines(failed[0].stderr or failed[0].stdout) if failed else ""

    def summary(self) -> dict[str, Any]:
        return {"median_s": self.median_s, "median_cpu_s": self.median_cpu_s,
                "peak_mib": self.peak_mib, "runs_s": [r.seconds for r in self.runs],
                "error": self.error}


def _last_lines(text: str, lines: int = 3) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


def timed(command: Sequence[str | Path], cwd: Path = ROOT) -> Timed:
    """Run ``command`` under :mod:`benchmarks.child` (a fresh process per run)."""
    wrapper = [str(PYTHON), "-m", "benchmarks.child", "--", *map(str, command)]
    done = subprocess.run(wrapper, cwd=cwd, env={**ENV, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return Timed(0.0, 0, done.returncode, done.stdout, done.stderr)
    return Timed(**json.loads(done.stdout))


def series(command: Sequence[str | Path], runs: int, cwd: Path = ROOT) -> Series:
    result = Series()
    for _ in range(runs):
        result.runs.append(timed(command, cwd))
        if not result.runs[-1].ok:
            break
    return result


def interleaved(commands: Mapping[str, Sequence[str | Path]], runs: int) -> dict[str, Series]:
    """Runs of several commands taken in turn (A B A B ...), so that other work on the machine
    weighs on each alike: their ratio is steadier than that of back-to-back series."""
    results = {name: Series() for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            if not results[name].runs or results[name].ok:
                results[name].runs.append(timed(command))
    return results


def check(data: Path, runs: int) -> Series:
    return series([FINDINGS, "check", "--data", data, "--config", CONFIG], runs)


def build_command(data: Path, site_dir: Path) -> list[str | Path]:
    return [FINDINGS, "build", "--data", data, "--site-dir", site_dir, "--config", CONFIG]


def mkdocs_command(staged: Path) -> list[str | Path]:
    """Plain MkDocs on findings' staged tree: the engine's own floor for the same pages."""
    return [MKDOCS, "build", "--quiet", "--config-file", staged / "mkdocs.yml"]


def build_and_mkdocs(data: Path, site_dir: Path, staged: Path, runs: int) -> dict[str, Series]:
    """``findings build`` and plain ``mkdocs build``, interleaved (their ratio is a budget)."""
    commands = {"build": build_command(data, site_dir)}
    if (staged / "mkdocs.yml").is_file():
        commands["mkdocs"] = mkdocs_command(staged)
    return interleaved(commands, runs)


@dataclass
class Generation:
    """Our Python stage (load+validate, model, render), and the staging tree it wrote."""

    series: Series
    stages: list[dict[str, Any]]

    def median(self, key: str) -> float | None:
        values = [s[key] for s in self.stages if key in s]
        return statistics.median(values) if values and self.series.ok else None

    def summary(self) -> dict[str, Any]:
        keys = ("generate_s", "load_validate_s", "model_s", "render_s")
        first = self.stages[0] if self.stages else {}
        return {**{k: self.median(k) for k in keys},
                "process_s": self.series.median_s, "peak_mib": self.series.peak_mib,
                "files": first.get("files"), "generated_bytes": first.get("generated_bytes"),
                "raw_text_bytes": first.get("raw_text_bytes"), "error": self.series.error}


def generation(data: Path, staged: Path, runs: int) -> Generation:
    """``runs`` fresh processes timing the stages; the first also writes the staging tree."""
    result = Generation(Series(), [])
    for i in range(runs):
        extra: list[str | Path] = ["--stage", staged] if i == 0 else []
        run = timed([PYTHON, "-m", "benchmarks.stage", "--data", data, *extra])
        result.series.runs.append(run)
        if not run.ok:
            break
        result.stages.append(json.loads(run.stdout))
    return result


# --- sizes of a built site -----------------------------------------------------------------

def html_pages(site_dir: Path) -> set[str]:
    """Relative paths of every built ``*.html`` file."""
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")}


def site_sizes(site_dir: Path) -> dict[str, Any]:
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    pages = sorted(((p.stat().st_size, p.relative_to(site_dir).as_posix())
                    for p in files if p.suffix == ".html"), reverse=True)
    index = site_dir / "search" / "search_index.json"
    return {
        "files": len(files),
        "site_bytes": sum(p.stat().st_size for p in files),
        "html_pages": len(pages),
        "largest_pages": [{"path": path, "bytes": size} for size, path in pages[:5]],
        "pages_over_150kb": sum(1 for size, _ in pages if size > 150_000),
        "search_index_bytes": index.stat().st_size if index.is_file() else None,
        "search_index": search_index_shape(index) if index.is_file() else {},
    }


def search_index_shape(index: Path) -> dict[str, Any]:
    """What the index holds: entries, and bytes by section of the site and by field."""
    docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
    by_section: dict[str, int] = {}
    by_field: dict[str, int] = {}
    for doc in docs:
        section = doc.get("location", "").split("#")[0].split("/")[0] or "(home)"
        size = len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        by_section[section] = by_section.get(section, 0) + size
        for key, value in doc.items():
            by_field[key] = by_field.get(key, 0) + len(json.dumps(value, ensure_ascii=False)
                                                       .encode("utf-8"))
    return {"entries": len(docs), "bytes_by_section": by_section, "bytes_by_field": by_field}
