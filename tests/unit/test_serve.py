"""``findings serve``: a preview on 127.0.0.1 that follows edits to the data."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, write_folder
from findings.cli import main
from findings.serve import snapshot


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
    server = _serve(tmp_path, "--data", str(data), "--port", str(port))
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
        server.terminate()  # SIGTERM: the preview stops as on Ctrl+C, cleaning up after itself
        server.wait(timeout=10)
    assert "handovers.yml:29:7: error: [Bad Id] id: expected a lowercase slug" in log.read_text()
    assert server.returncode == 0
    assert not list((tmp_path / "tmp").iterdir())


def _serve(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    """``findings serve`` in a process of its own, its scratch folders in ``tmp_path/tmp``."""
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
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


@pytest.mark.parametrize("looks", [0, 1])
def test_a_file_vanishing_while_the_preview_looks_does_not_stop_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, looks: int) -> None:
    """An editor's temporary file, or `git checkout`, removes a file between the listing and
    the look at it (simulated: the file's ``stat`` fails after ``looks`` looks)."""
    (tmp_path / "kept.yml").write_text("kept")
    (tmp_path / "gone.yml").write_text("gone")
    real_stat, seen = Path.stat, []

    def vanishing(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self.name == "gone.yml":
            seen.append(self)
            if len(seen) > looks:
                raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", vanishing)
    assert str(tmp_path / "kept.yml") in snapshot([tmp_path])


def _wait_for_log(log: Path, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text(encoding="utf-8"):
            return True
        time.sleep(0.2)
    return False
