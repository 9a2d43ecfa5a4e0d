"""Engine portability: build findings' staged pages with ProperDocs and with Zensical.

Each engine lives in its own venv (made by ``make bench``). A missing engine, a failed build
or a different set of pages is reported, never fatal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from benchmarks import measure
from benchmarks.paths import PROPERDOCS, ZENSICAL, install_log

EXAMPLES = 5


@dataclass
class EngineResult:
    engine: str
    status: str  # "ok", "not installed", "failed", "pages differ"
    median_s: float | None = None
    pages: int | None = None
    only_ours: list[str] = field(default_factory=list)
    only_theirs: list[str] = field(default_factory=list)
    detail: str = ""

    @property
    def pages_match(self) -> bool | None:
        if self.pages is None:
            return None
        return not self.only_ours and not self.only_theirs

    def summary(self) -> dict[str, Any]:
        return {"status": self.status, "median_s": self.median_s, "pages": self.pages,
                "pages_match": self.pages_match, "only_ours": self.only_ours[:EXAMPLES],
                "only_ours_count": len(self.only_ours), "only_theirs": self.only_theirs[:EXAMPLES],
                "only_theirs_count": len(self.only_theirs), "detail": self.detail}


def not_installed(name: str) -> str:
    """Why an engine is missing, from the log its install step left."""
    log = install_log(name)
    if not log.is_file():
        return "not installed (run `make bench`, which installs it)"
    errors = [line for line in log.read_text(errors="replace").splitlines() if "ERROR" in line]
    return "install failed: " + (" | ".join(errors[-2:]) or f"see {log}")


def _write_config(staged: Path, name: str, settings: dict[str, Any]) -> Path:
    path = staged / f"{name}.yml"
    path.write_text(json.dumps(settings, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def properdocs(staged: Path, reference: set[str], runs: int) -> EngineResult:
    """ProperDocs reads MkDocs configs, ``INHERIT`` included: the staged config as it is."""
    if not PROPERDOCS.is_file():
        return EngineResult("properdocs", "not installed", detail=not_installed("properdocs"))
    settings = yaml.safe_load((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    site = staged / "site-properdocs"
    config = _write_config(staged, "properdocs", {**settings, "site_dir": site.name})
    return _compare("properdocs", measure.series(
        [PROPERDOCS, "build", "--quiet", "--config-file", config], runs), site, reference)


def zensical(staged: Path, reference: set[str], runs: int) -> EngineResult:
    """Zensical reads the staged config (``INHERIT`` included), from a clean cache each run.

    It is first tried on the config exactly as findings writes it; if that fails, once more
    with ``docs_dir`` relative to the config (Zensical 0.0.73 panics on an absolute one, which
    findings wrote before commit 11c93b8).
    """
    if not ZENSICAL.is_file():
        return EngineResult("zensical", "not installed", detail=not_installed("zensical"))
    settings = yaml.safe_load((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    site = staged / "site-zensical"
    as_staged = _write_config(staged, "zensical", {**settings, "site_dir": site.name})
    first = measure.series([ZENSICAL, "build", "--clean", "--config-file", as_staged], 1, staged)
    if first.ok:
        return _compare("zensical", measure.series(
            [ZENSICAL, "build", "--clean", "--config-file", as_staged], runs, staged),
            site, reference)
    relative = _write_config(staged, "zensical-relative",
                             {**settings, "docs_dir": "docs", "site_dir": site.name})
    result = _compare("zensical", measure.series(
        [ZENSICAL, "build", "--clean", "--config-file", relative], runs, staged), site, reference)
    if result.status == "ok":
        result.status = "ok, docs_dir made relative"
    failure = first.error.split(" | ")[-1]
    result.detail = f"the staged config (absolute docs_dir) fails: {failure}. {result.detail}"
    return result


def _compare(engine: str, runs: measure.Series, site: Path, reference: set[str]) -> EngineResult:
    if not runs.ok:
        return EngineResult(engine, "failed", detail=runs.error)
    if not site.is_dir():
        return EngineResult(engine, "failed", runs.median_s, detail=f"no site at {site}")
    theirs = measure.html_pages(site)
    result = EngineResult(engine, "ok", runs.median_s, len(theirs),
                          sorted(reference - theirs), sorted(theirs - reference))
    if not result.pages_match:
        result.status = "pages differ"
    warnings = [line for line in runs.runs[-1].stderr.splitlines() if "WARNING" in line.upper()]
    result.detail = " | ".join(warnings[:3])
    return result
