"""``findings serve``: a preview on 127.0.0.1 that follows edits to the data."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import FIXTURES, ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.2)
    return False


def test_serve_rebuilds_when_a_quote_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "other-study", data)
    port = _free_port()
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "findings", "serve", "--data", str(data), "--port", str(port)],
        cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/quotes/gaps-finding/"
        assert _wait_for(url, "gaps-finding")
        quote = data / "quotes" / "handovers.yml"
        text = quote.read_text(encoding="utf-8")
        quote.write_text(text.replace("id: gaps-finding", "id: gaps-finding\n  context: "
                                      "Freshly edited context words."), encoding="utf-8")
        assert _wait_for(url, "Freshly edited context words.")
        assert _wait_for_log(log, "changed page(s)")  # the fast path, before the full build
        quote.write_text(text.replace("id: gaps-finding", "id: Bad Id"), encoding="utf-8")
        assert _wait_for_log(log, "keeping the last good site")
        assert "Freshly edited context words." in _fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "handovers.yml:29:7: error: [Bad Id] id: expected a lowercase slug" in log.read_text()


def _wait_for_log(log: Path, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text(encoding="utf-8"):
            return True
        time.sleep(0.2)
    return False
