"""One edit->preview cycle: ``findings serve``, change a quote's text, wait until it is served.

The data folder is copied first, so the benchmark's own folder is never edited. Each edit is
made while serve is idle; the clock starts when the edited file is saved and stops when the
quote's page first shows the new text (polled every 50 ms, within a bounded time).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import synth
from benchmarks.measure import ENV
from benchmarks.paths import CONFIG, FINDINGS, ROOT

POLL_S = 0.05
#: Before each edit, serve must be idle: it may still be busy (its first snapshot of the files
#: after it starts serving; the full rebuild that follows a quick one). Idle means using less
#: than IDLE_CPU of a core over IDLE_WINDOW_S (its file polling stays well below that).
IDLE_WINDOW_S = 1.0
IDLE_CPU = 0.5


@dataclass
class Cycle:
    seconds: list[float] = field(default_factory=list)
    startup_s: float | None = None
    error: str = ""

    def summary(self) -> dict[str, Any]:
        ok = self.seconds and not self.error
        return {"median_s": statistics.median(self.seconds) if ok else None,
                "runs_s": self.seconds, "startup_s": self.startup_s, "error": self.error}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout_s: float) -> float | None:
    """Seconds until ``url`` serves a page containing ``text``; ``None`` on timeout."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - started
        time.sleep(POLL_S)
    return None


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from ``/proc``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pid: int, timeout_s: float) -> bool:
    """Wait until the process is idle (see IDLE_CPU); False if it never is within the time."""
    started = time.perf_counter()
    last_cpu, last_wall = cpu_seconds(pid), time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        time.sleep(IDLE_WINDOW_S)
        cpu, wall = cpu_seconds(pid), time.perf_counter()
        if (cpu - last_cpu) / (wall - last_wall) < IDLE_CPU:
            return True
        last_cpu, last_wall = cpu, wall
    return False


def edit_preview(data: Path, scratch: Path, manifest: synth.Manifest, runs: int,
                 timeout_s: float) -> Cycle:
    folder = scratch / "serve-data"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(data, folder)
    port = free_port()
    log = (scratch / "serve.log").open("w")
    process = subprocess.Popen(
        [str(FINDINGS), "serve", "--data", str(folder), "--port", str(port),
         "--config", str(CONFIG)], cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    try:
        session = _Session(folder, f"http://127.0.0.1:{port}/", process, scratch / "serve.log")
        return _cycles(session, manifest, runs, timeout_s)
    finally:
        _stop(process)
        log.close()


@dataclass
class _Session:
    """A running ``findings serve``: the data folder it watches, its address, its process."""

    folder: Path
    url: str
    process: subprocess.Popen[bytes]
    log: Path


#: What serve prints when the full rebuild after a save has ended (or given way to a newer
#: save, which is rebuilt after it).
REBUILT = (", then all ", "they are rebuilt after it")


def wait_rebuilt(log: Path, saves: int, timeout_s: float) -> bool:
    """Wait until serve has said, ``saves`` times, that a save's full rebuild has ended: the
    CPU check alone (``wait_idle``) is fooled on a loaded machine, where serve gets a fraction
    of a core, and while the rebuild's end is bound by the disk."""
    end = time.perf_counter() + timeout_s
    while time.perf_counter() < end:
        said = log.read_text(encoding="utf-8", errors="replace")
        if sum(said.count(line) for line in REBUILT) >= saves:
            return True
        time.sleep(0.5)
    return False


def _cycles(session: _Session, manifest: synth.Manifest, runs: int, timeout_s: float) -> Cycle:
    cycle = Cycle()
    cycle.startup_s = wait_for(session.url, "</html>", timeout_s)
    if cycle.startup_s is None:
        cycle.error = f"findings serve did not serve within {timeout_s:.0f} s"
        return cycle
    quote = manifest.sample_quote
    for i in range(runs):
        if not wait_rebuilt(session.log, i, timeout_s) \
                or not wait_idle(session.process.pid, timeout_s):
            cycle.error = f"findings serve was still busy after {timeout_s:.0f} s"
            return cycle
        marker = f"Benchmark edit number {i + 1} of quote {quote}"
        text = f"{marker}: the text was changed by the edit to preview benchmark."
        started = time.perf_counter()
        synth.edit_quote_text(session.folder, manifest.quote_files[quote], quote, text)
        if wait_for(f"{session.url}quotes/{quote}/", marker, timeout_s) is None:
            process = session.process
            alive = "running" if process.poll() is None else f"exited {process.returncode}"
            cycle.error = f"edit {i + 1} not served within {timeout_s:.0f} s (serve {alive})"
            return cycle
        cycle.seconds.append(time.perf_counter() - started)
    return cycle


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl+C, as a person would (serve then removes its scratch folder); kill if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
