"""``findings serve``: a preview on 127.0.0.1 that follows edits to the data."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, MINIMAL, ROOT, write_folder
from findings.cli import main


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


def test_the_preview_reloads_after_a_save_and_lists_problems_on_the_page(
        tmp_path: Path) -> None:
    """A save rebuilds the changed page (named in the terminal) and answers the pages' reload
    request; a content error lists FILE:LINE:COLUMN on the page over the last good site, and
    goes away when fixed. A missing address gets the site's own 404 page."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "other-study", data)
    port = _free_port()
    log = tmp_path / "serve.log"
    server = _serve(tmp_path, "--data", str(data), "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    try:
        url = f"{base}/quotes/gaps-finding/"
        assert _wait_for(url, "gaps-finding")
        quote = data / "quotes" / "handovers.yml"
        text = quote.read_text(encoding="utf-8")
        reloaded = _reload_request(base, _version(_fetch(url)))
        quote.write_text(text.replace("id: gaps-finding", "id: gaps-finding\n  context: "
                                      "Freshly edited context words."), encoding="utf-8")
        reloaded.join(timeout=60)
        assert reloaded.answer, "the page was never told to reload"
        assert _wait_for(url, "Freshly edited context words.")
        assert _wait_for_log(log, "changed page(s)")  # the fast path, before the full build
        assert "quotes/gaps-finding/" in log.read_text(encoding="utf-8")

        reloaded = _reload_request(base, _version(_fetch(url)))
        quote.write_text(text.replace("id: gaps-finding", "id: Bad Id"), encoding="utf-8")
        reloaded.join(timeout=60)
        assert reloaded.answer, "the page was never told to reload"
        assert _wait_until(lambda: bool(_problems(_fetch(url))))
        page = _problems(_fetch(url))
        assert any(line.startswith(f"{data}/quotes/handovers.yml:29:7: error: [Bad Id] id: "
                                   "expected a lowercase slug") for line in page), page
        heading = BeautifulSoup(_fetch(url), "html.parser").find(id="findings-preview-title")
        assert heading is not None
        warnings = sum(": warning: " in line for line in page)
        # as the terminal says
        assert heading.get_text().endswith(f": 2 error(s), {warnings} warning(s)")
        assert "Freshly edited context words." in _fetch(url)  # the last good site, underneath

        quote.write_text(text, encoding="utf-8")
        assert _wait_for(url, "gaps-finding")
        assert _wait_until(lambda: not _problems(_fetch(url)))
        missing = _get(f"{base}/no-such-page/")
        assert missing[0] == 404
        assert "findings-preview-problems" not in missing[1]
        assert "<h1>Page not found</h1>" in missing[1]  # the site's own 404 page
    finally:
        server.terminate()  # SIGTERM: the preview stops as on Ctrl+C, cleaning up after itself
        server.wait(timeout=10)
    assert "handovers.yml:29:7: error: [Bad Id] id: expected a lowercase slug" in log.read_text()
    assert server.returncode == 0
    assert not list((tmp_path / "tmp").iterdir())


def test_problems_show_on_the_page_from_the_start_until_fixed_data_then_template(
        tmp_path: Path) -> None:
    """Started on broken data, every page lists the problems (no folder listing); once fixed,
    the site is served, drafts included, and ``--open`` opened it in the browser. A broken
    override then lists the template's file and line over the last good site, until fixed."""
    project = tmp_path / "project"
    for name in ("overrides", "content"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    broken = {"quotes/q.yml": MINIMAL["quotes/q.yml"].replace("themes: [one]", "themes: [two]")}
    data = write_folder(tmp_path / "data", {**broken, "quotes/draft.yml": DRAFT_QUOTE})
    port = _free_port()
    server = _serve(tmp_path, "--data", str(data), "--port", str(port), "--host", "127.0.0.2",
                    "--open", "--config", str(project / "mkdocs.yml"),
                    env={"BROWSER": "echo browser-opened %s"})
    base = f"http://127.0.0.2:{port}"
    main = project / "overrides" / "main.html"
    good = main.read_text(encoding="utf-8")
    line = good.count("\n", 0, good.index("{% block scripts %}")) + 2
    try:
        assert _wait_until(lambda: bool(_problems(_fetch(f"{base}/"))))
        lines = _problems(_fetch(f"{base}/themes/"))
        assert f"{data}/quotes/q.yml:5:12: error: [q-one] themes[0]: expected the id of an " \
            "existing theme, found 'two'" in lines
        write_folder(data, {})
        assert _wait_until(lambda: not _problems(_fetch(f"{base}/")))
        assert "A draft quote not yet published." in _fetch(f"{base}/quotes/draft-q/")

        url = f"{base}/themes/one/"
        assert _wait_for(url, "Theme one")
        main.write_text(good.replace("{{ super() }}\n  <script", "{% if %}\n  <script"),
                        encoding="utf-8")
        assert _wait_until(lambda: bool(_problems(_fetch(url))))
        shown = _problems(_fetch(url))
        assert len(shown) == 1 and shown[0].startswith(f"overrides/main.html:{line}:1: error: "
                                                        "template: "), shown
        assert "Theme one" in _fetch(url)  # the last good site, underneath
        main.write_text(good, encoding="utf-8")
        assert _wait_until(lambda: not _problems(_fetch(url)))
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert f"browser-opened {base}/" in (tmp_path / "serve.log").read_text(encoding="utf-8")


DRAFT_QUOTE = """
    id: draft-q
    text: A draft quote not yet published.
    kind: finding
    speaker: Study authors
    themes: [one]
    source: "abstract: results"
    draft: true
"""


class _Waiting(threading.Thread):
    """A page's reload request: the preview answers it once the site changed."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.answer = url, ""

    def run(self) -> None:
        deadline = time.monotonic() + 60
        while not self.answer and time.monotonic() < deadline:
            seen = self.url.rpartition("=")[2]
            answer = _fetch(self.url).strip()
            if answer and answer != seen:
                self.answer = answer


def _reload_request(base: str, version: str) -> _Waiting:
    waiting = _Waiting(f"{base}/__findings_preview__/wait?version={version}")
    waiting.start()
    return waiting


def _version(page: str) -> str:
    """The site version the page was served with (its reload script's ``data-version``)."""
    script = BeautifulSoup(page, "html.parser").find(
        "script", src="/__findings_preview__/reload.js")
    assert script is not None, "the preview's reload script is missing"
    return str(script["data-version"])


def _problems(page: str) -> list[str]:
    """The problems a page shows, one line each."""
    section = BeautifulSoup(page, "html.parser").find(class_="findings-preview-problems")
    return [] if section is None else [li.get_text() for li in section.find_all("li")]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _wait_until(condition: Callable[[], bool], seconds: float = 60) -> bool:
    """A bound that only catches a hang: the checks themselves never depend on speed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _serve(tmp_path: Path, *args: str, env: dict[str, str] | None = None
           ) -> subprocess.Popen[str]:
    """``findings serve`` in a process of its own, its scratch folders in ``tmp_path/tmp``."""
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), **(env or {})}
    log = (tmp_path / "serve.log").open("w")
    return subprocess.Popen([sys.executable, "-m", "findings", "serve", *args], cwd=ROOT,
                            env=env, stdout=log, stderr=subprocess.STDOUT, text=True)


def test_a_hangup_during_the_first_build_leaves_no_scratch_folder(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data", {})
    server = _serve(tmp_path, "--data", str(data), "--port", "0")
    try:
        deadline = time.monotonic() + 60
        while not list((tmp_path / "tmp").iterdir()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list((tmp_path / "tmp").iterdir()), "the preview never started"
        server.send_signal(signal.SIGHUP)
        server.wait(timeout=60)
    finally:
        server.kill()
        server.wait()
    assert not list((tmp_path / "tmp").iterdir())


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where an in-process preview would put its scratch folder."""
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    return tmp_path / "tmp"


def _refused(args: list[str], capsys: pytest.CaptureFixture[str], scratch: Path) -> str:
    code = main(["serve", *args])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert not list(scratch.iterdir())
    return err


@pytest.mark.parametrize("port", ["99999", "-1"])
def test_a_port_out_of_range_is_one_usage_line_before_any_work(
        port: str, scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(["--data", str(FIXTURES / "other-study"), "--port", port], capsys, scratch)
    assert err.startswith(f"findings: error: --port {port}: expected a port number up to 65535")


def test_a_busy_port_is_one_usage_line_before_any_work(
        scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        err = _refused(["--data", str(FIXTURES / "other-study"), "--port", str(port)], capsys,
                       scratch)
    assert err.startswith(f"findings: error: --port {port}: cannot listen on 127.0.0.1:{port}")


def _wait_for_log(log: Path, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text(encoding="utf-8"):
            return True
        time.sleep(0.2)
    return False
