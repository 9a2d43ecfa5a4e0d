"""``findings serve`` in Chromium: the reload script it adds runs under the site's Content
Security Policy, reloads the page after a save, and the problem list comes and goes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser

from conftest import ROOT, write_folder

WAIT_MS = 60_000  # only catches a hang


def test_the_open_page_reloads_itself_and_shows_problems(browser: Browser,
                                                         tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data", {})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (tmp_path / "tmp").mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "findings", "serve", "--data", str(data), "--port", str(port)],
        cwd=ROOT, env={**os.environ, "TMPDIR": str(tmp_path / "tmp")},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    theme = data / "themes" / "one.yml"
    text = theme.read_text(encoding="utf-8")
    try:
        for _ in range(WAIT_MS // 500):
            try:
                page.goto(f"http://127.0.0.1:{port}/themes/one/")
                break
            except Exception:  # not serving yet
                page.wait_for_timeout(500)
        page.wait_for_selector("text=Theme one", timeout=WAIT_MS)
        theme.write_text(text.replace("title: Theme one", "title: Theme renamed"),
                         encoding="utf-8")
        page.wait_for_selector("h1:has-text('Theme renamed')", timeout=WAIT_MS)
        theme.write_text(text.replace("number: 1", "number: first"), encoding="utf-8")
        problems = page.wait_for_selector(".findings-preview-problems", timeout=WAIT_MS)
        assert problems is not None
        assert f"{data}/themes/one.yml:2:9: error: [one] number:" in problems.inner_text()
        assert page.locator("h1:has-text('Theme renamed')").count() == 1  # the last good page
        theme.write_text(text, encoding="utf-8")
        page.wait_for_selector(".findings-preview-problems", state="detached", timeout=WAIT_MS)
    finally:
        page.close()
        server.terminate()
        server.wait(timeout=10)
    assert errors == []  # no Content Security Policy violation, no failed script
