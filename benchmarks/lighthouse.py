"""Lighthouse performance and accessibility scores (mobile, Lighthouse's default), run on
Debian's Chromium (``CHROME_PATH``; no browser is ever downloaded).

Lighthouse comes from ``benchmarks/node_modules`` (``make bench`` installs it from the pinned
``package-lock.json``); if it is missing or a run fails, the score is ``None`` with the reason.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.paths import CHROMIUM, LIGHTHOUSE, install_log

TIMEOUT_S = 240
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
AUDITS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
          "cumulative-layout-shift", "speed-index", "total-byte-weight", "dom-size",
          "unused-css-rules", "unused-javascript", "interactive")


@dataclass
class Score:
    url: str
    performance: float | None = None
    accessibility: float | None = None
    #: The accessibility audits that failed, by id (empty at a score of 100).
    failed: list[str] = field(default_factory=list)
    audits: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    runs: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"url": self.url, "performance": self.performance,
                "accessibility": self.accessibility, "accessibility_failed": self.failed,
                "runs": self.runs, "audits": self.audits, "error": self.error}


def median_score(url: str, report: Path, runs: int) -> Score:
    """The run with the median score (scores vary from run to run); every score is kept.

    A run without a score (the page never painted, say) is kept in ``error``; the median is
    of the runs that scored.
    """
    scores = [score(url, report.with_name(f"{report.stem}-{i + 1}{report.suffix}"))
              for i in range(max(1, runs))]
    scored = sorted((s for s in scores if s.performance is not None),
                    key=lambda s: s.performance or 0)
    if not scored:
        return scores[-1]
    middle = scored[(len(scored) - 1) // 2]
    middle.runs = [s.performance or 0 for s in scored]
    failed = [s.error for s in scores if s.performance is None]
    if failed:
        middle.error = f"{len(failed)} of {len(scores)} runs had no score: {failed[0]}"
    return middle


def available() -> str:
    """Empty if Lighthouse can run here, else why not."""
    if LIGHTHOUSE.exists():
        return ""
    log = install_log("lighthouse")
    if log.is_file():
        lines = [ln for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
        return "npm install failed: " + " | ".join(lines[-2:])
    return "not installed (run `make bench`, which installs it)"


def score(url: str, report: Path) -> Score:
    result = Score(url)
    reason = available()
    if reason:
        result.error = reason
        return result
    command = [str(LIGHTHOUSE), url, "--only-categories=performance,accessibility", "--output=json",
               f"--output-path={report}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"]
    try:
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
                              capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        result.error = f"timed out after {TIMEOUT_S} s"
        return result
    if done.returncode != 0 or not report.is_file():
        lines = [ln for ln in (done.stderr or done.stdout).splitlines() if ln.strip()]
        result.error = f"exit {done.returncode}: " + " | ".join(lines[-2:])
        return result
    return _parse(result, json.loads(report.read_text(encoding="utf-8")))


def _parse(result: Score, lhr: dict[str, Any]) -> Score:
    value = lhr.get("categories", {}).get("performance", {}).get("score")
    audits = lhr.get("audits", {})
    if value is None:
        messages = [a["errorMessage"] for a in audits.values() if a.get("errorMessage")]
        runtime = lhr.get("runtimeError", {}).get("message")
        result.error = str(runtime or (messages[0] if messages else "no performance score"))
        return result
    result.performance = round(value * 100)
    a11y = lhr.get("categories", {}).get("accessibility", {})
    if a11y.get("score") is not None:
        result.accessibility = round(a11y["score"] * 100)
        result.failed = sorted(ref["id"] for ref in a11y.get("auditRefs", [])
                               if audits.get(ref["id"], {}).get("score") == 0)
    result.audits = {name: audits[name].get("displayValue") or audits[name].get("numericValue")
                     for name in AUDITS if name in audits}
    return result
