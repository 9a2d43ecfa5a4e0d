"""``findings serve``: a preview on 127.0.0.1 that follows edits to the data."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

import findings.engine
import findings.serve
import findings.site
from conftest import FIXTURES, MINIMAL, ROOT, write_folder
from findings.cli import check_options, main, make_parser
from findings.commands import NO_DENY_LIST
from findings.preview_http import STRICT_MARK, dressed
from findings.project import load_project
from findings.serve import Preview, follow
from findings.write import STAGING_MARKER


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


@pytest.mark.end_to_end
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
        assert _wait_for_log(log, "changed page(s)")  # one line for the save, once rebuilt
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
        # The fixture's one warning stays listed: CI's check --strict fails on it.
        assert _wait_until(lambda: _problems(_fetch(url)) == [
            line for line in page if ": warning: " in line])
        missing = _get(f"{base}/no-such-page/")
        assert missing[0] == 404
        assert not [line for line in _problems(missing[1]) if ": error: " in line]
        assert "<h1>Page not found</h1>" in missing[1]  # the site's own 404 page
    finally:
        server.terminate()  # SIGTERM: the preview stops as on Ctrl+C, cleaning up after itself
        server.wait(timeout=10)
    assert "handovers.yml:29:7: error: [Bad Id] id: expected a lowercase slug" in log.read_text()
    assert server.returncode == 0
    assert not list((tmp_path / "tmp").iterdir())


@pytest.mark.end_to_end
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


@pytest.mark.end_to_end
def test_a_hangup_during_the_first_build_leaves_no_scratch_folder(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data", {})
    server = _serve(tmp_path, "--data", str(data), "--port", "0")
    try:
        deadline = time.monotonic() + 60
        while not list((tmp_path / "tmp").iterdir()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list((tmp_path / "tmp").iterdir()), "the preview never started"
        (work,) = list((tmp_path / "tmp").iterdir())
        while not (work / STAGING_MARKER).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (work / STAGING_MARKER).exists(), "a killed preview's folder would stay"
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


def test_an_address_not_of_this_computer_blames_the_host(
        scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(["--data", str(FIXTURES / "other-study"), "--host", "192.0.2.1",
                    "--port", "0"], capsys, scratch)  # TEST-NET-1: never this computer's
    assert err.startswith("findings: error: --host 192.0.2.1: cannot listen on 192.0.2.1:0 "), err
    assert "--port" not in err.split(": it is not")[0]


def test_every_address_is_shown_as_addresses_to_browse_to() -> None:
    shown = findings.serve.addresses("0.0.0.0", 8000)
    assert shown[0] == "http://127.0.0.1:8000/"
    assert not any("0.0.0.0" in a or "//127." in a for a in shown[1:]), shown
    assert findings.serve.addresses("::1", 8000) == ["http://[::1]:8000/"]


def test_only_killed_previews_scratch_folders_are_removed_at_start(scratch: Path) -> None:
    dead = _dead_pid()
    stale = _marked(scratch / "findings-serve-dead", dead)
    kept = [_marked(scratch / "findings-serve-alive", os.getppid()),
            _marked(scratch / "findings-serve-unmarked", None),
            _marked(scratch / "someone-elses-dead", dead)]
    assert findings.serve.remove_stale_previews() == [stale]
    assert not stale.exists()
    assert all(folder.is_dir() for folder in kept)


def _marked(folder: Path, pid: int | None) -> Path:
    (folder / "site").mkdir(parents=True)
    if pid is not None:
        owner = {"pid": pid, "host": socket.gethostname()}
        (folder / STAGING_MARKER).write_text(json.dumps(owner), encoding="utf-8")
    return folder


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def _wait_for_log(log: Path, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text(encoding="utf-8"):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.engine
def test_one_save_is_one_rebuild_line_counting_what_it_changed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """In process, without a server or the engine (what is counted is the docs the engine
    would be given): each rebuild says one line, a save's names only the pages that save
    changed (a hand-written page's item link is not "changed" again each time), and the
    notice that no deny-list is in use is given once per preview, not at each rebuild."""
    monkeypatch.setattr(findings.site, "build_with_engine", lambda *args, **kwargs: None)
    monkeypatch.setattr(findings.serve, "build_site",
                        lambda *args, **kwargs: findings.site.BuildResult(40, tmp_path))
    data = write_folder(tmp_path / "data", {})
    preview = _preview_in_process(tmp_path, "See [one](theme:one).", data)
    with _cwd(tmp_path):
        preview.rebuild(fast=False)
        quote = data / "quotes" / "q.yml"
        quote.write_text(quote.read_text(encoding="utf-8").replace(
            "Words of a finding.", "Other words of a finding."), encoding="utf-8")
        preview.rebuild(fast=True)
        preview.rebuild(fast=True)  # a batch that changed nothing (a second event of one save)
    out = capsys.readouterr().out.splitlines()
    assert sum(NO_DENY_LIST in line for line in out) == 1, out
    rebuilt = [line for line in out if line.startswith("findings: rebuilt")]
    assert len(rebuilt) == 2, out
    assert "linked/" not in rebuilt[1] and "quotes/q-one/" in rebuilt[1], rebuilt
    # The changed pages' own time, apart from the full build's that follows.
    assert re.match(r"findings: rebuilt \d+ changed page\(s\) \(shown in \d+\.\d s\), then all "
                    r"\d+ pages in \d+\.\d s", rebuilt[1]), rebuilt
    assert out[-1] == "findings: checked: no page changed", out
    assert not preview.state.problems


@pytest.mark.engine
def test_warnings_show_on_the_page_marked_as_failing_ci_and_a_fix_is_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """In process, without the engine: started on broken data there is no last good site to
    keep; once fixed, the terminal says so, and a warning (which fails CI's check --strict)
    stays listed on every page, marked so, over the up-to-date site."""
    monkeypatch.setattr(findings.serve, "build_site",
                        lambda *args, **kwargs: findings.site.BuildResult(40, tmp_path))
    quote = MINIMAL["quotes/q.yml"]
    data = write_folder(tmp_path / "data", {"quotes/q.yml": quote.replace("[one]", "[two]")})
    preview = _preview_in_process(tmp_path, "See [it](theme:nope).", data)
    work = tmp_path / "work"
    with _cwd(tmp_path):
        preview.rebuild(fast=False)
        assert "findings: keeping the last good site" not in capsys.readouterr().out
        write_folder(data, {})
        preview.rebuild(fast=True)
        out = capsys.readouterr().out.splitlines()
        (warning,) = preview.state.problems
        assert warning.startswith("project/content/linked.md:3:10: warning: "), warning
        assert out[-1].startswith("findings: problems fixed; 1 warning(s) left"), out
        page = BeautifulSoup(dressed("<html><head></head><body><p>Site</p></body></html>",
                                     preview.state), "html.parser")
        heading = page.find(id="findings-preview-title")
        assert heading is not None and "CI will fail: 1 warning(s)" in heading.get_text()
        assert _problems(str(page)) == [f"{warning} {STRICT_MARK}"]
        (work / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
        write_folder(data, {"quotes/q.yml": quote.replace("[one]", "[two]")})
        preview.rebuild(fast=True)
        assert capsys.readouterr().out.splitlines()[-1] == "findings: keeping the last good site"


@pytest.mark.engine
def test_a_save_during_the_full_rebuild_is_shown_without_waiting_for_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """In process, with the engine (the first build left out: the site folder starts empty):
    a second save made while the whole site is rebuilt after the first is not kept waiting.
    The engine stops between pages; the first save's page is served, and the site the full
    rebuild was making is not (no open data yet); the second save then takes the quick path
    (the kept engine renders only its pages) and the whole site is built after it."""
    data = write_folder(tmp_path / "data", {})
    preview = _preview_in_process(tmp_path, "See [one](theme:one).", data)
    quote, site = data / "quotes" / "q.yml", tmp_path / "work" / "site"
    text = quote.read_text(encoding="utf-8")
    saved: list[str] = []
    engine, quick = findings.engine.build_with_engine, preview.quick.build
    build = findings.site.build_site

    def second_save_meanwhile(*args: object, **kwargs: object) -> None:
        if saved == ["First"]:
            quote.write_text(text.replace("Words of a finding.", "Second words."),
                             encoding="utf-8")
            saved.append("Second")
        engine(*args, **kwargs)  # type: ignore[arg-type]

    quick_builds: list[list[str]] = []

    def recording(*args: Any) -> list[str]:
        quick_builds.append(quick(*args))
        return quick_builds[-1]
    monkeypatch.setattr(findings.site, "build_with_engine", second_save_meanwhile)
    monkeypatch.setattr(findings.serve, "build_site", lambda *args, **kwargs: (
        build(*args, **kwargs) if saved else findings.site.BuildResult(0, site)))
    monkeypatch.setattr(preview.quick, "build", recording)
    opened = site / "data" / "findings.json"
    with _cwd(tmp_path):
        preview.rebuild(fast=False)
        session = preview.quick.session
        quote.write_text(text.replace("Words of a finding.", "First words."), encoding="utf-8")
        saved.append("First")
        preview.rebuild(fast=True, waiting=lambda: saved[-1] == "Second")
        page = (site / "quotes" / "q-one" / "index.html").read_text(encoding="utf-8")
        assert "First words." in page
        assert not opened.exists(), "the full rebuild ran to its end, though a save waited"
        assert re.match(r"findings: rebuilt \d+ changed page\(s\) \(shown in \d+\.\d s\): .*"
                        "a newer save came before all pages were: they are rebuilt after it$",
                        capsys.readouterr().out.splitlines()[-1])
        preview.rebuild(fast=True, waiting=lambda: False)
    assert len(quick_builds) == 2 and "quotes/q-one/index.md" in quick_builds[1], quick_builds
    assert preview.quick.session is session, "the second save opened the engine again"
    assert "Second words." in (site / "quotes" / "q-one" / "index.html").read_text(
        encoding="utf-8")
    assert "Second words." in opened.read_text(encoding="utf-8")
    assert re.match(r"findings: rebuilt \d+ changed page\(s\) \(shown in .*, then all",
                    capsys.readouterr().out.splitlines()[-1])


def _preview_in_process(tmp_path: Path, linked: str, data: Path) -> Preview:
    """A preview of ``data`` in this process, its project in ``tmp_path/project`` (the repo's
    overrides and config, one hand-written page ``linked.md`` saying ``linked``) and its
    scratch folder in ``tmp_path/work``."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "content").mkdir()
    (project / "content" / "linked.md").write_text(f"# Linked\n\n{linked}\n",
                                                   encoding="utf-8")
    args = make_parser().parse_args(["serve", "--data", str(data),
                                     "--config", str(project / "mkdocs.yml")])
    work = tmp_path / "work"
    (work / "site").mkdir(parents=True)
    (work / "docs").mkdir()
    return Preview(check_options(args), load_project(project / "mkdocs.yml"), data, work)


@contextlib.contextmanager
def _cwd(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


class _Arriving(queue.Queue[set[str]]):
    """Batches that arrive one by one while the preview waits: none is there to take at once
    (``empty``), each comes to a ``get`` that waits; then a wait that finds nothing, and the
    test stops the preview at the next."""

    def __init__(self, batches: list[set[str]]) -> None:
        super().__init__()
        self.batches, self.quiet = batches, False

    def empty(self) -> bool:
        return True

    def get(self, block: bool = True, timeout: float | None = None) -> set[str]:
        if self.batches and block:
            return self.batches.pop(0)
        if self.quiet:
            raise _StopError
        self.quiet = True
        raise queue.Empty


class _StopError(Exception):
    pass


def test_the_batches_of_one_save_make_one_rebuild(tmp_path: Path) -> None:
    """An editor's save can reach the watcher as several batches a moment apart (a backup,
    the file, a rename): the preview waits for them to settle and rebuilds once."""
    rebuilds: list[bool] = []

    class Counting:
        project = load_project(ROOT / "mkdocs.yml")

        def rebuild(self, fast: bool, waiting: Callable[[], bool]) -> None:
            rebuilds.append(fast)

    data = str(tmp_path / "q.yml")
    with pytest.raises(_StopError):
        follow(Counting(), _Arriving([{data + "~"}, {data}, {data}]))  # type: ignore[arg-type]
    assert rebuilds == [True]


def test_the_help_says_the_deny_list_covers_every_quote(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The disclosure guard reads every quote's published fields, not only participants'."""
    with pytest.raises(SystemExit):
        make_parser().parse_args(["serve", "--help"])
    assert "in every quote" in " ".join(capsys.readouterr().out.split())


def test_a_browser_dropping_a_connection_prints_no_traceback(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A tab closed mid-request is no problem of the maintainer's: nothing about it lands in
    the preview's messages. Any other failure of a request is still printed."""
    from http.server import BaseHTTPRequestHandler

    class Dropping(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/dropped":
                raise BrokenPipeError(32, "Broken pipe")
            raise ValueError("a real fault")

    server = findings.serve.PreviewServer(("127.0.0.1", 0), Dropping)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        for path in ("/dropped", "/fault"):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{path}", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    err = capsys.readouterr().err
    assert "BrokenPipeError" not in err
    assert "ValueError: a real fault" in err


def test_a_preview_started_under_nohup_outlives_the_terminal() -> None:
    """``nohup findings serve`` starts with SIGHUP ignored: the preview keeps it ignored, so
    closing the terminal leaves it running; SIGTERM still stops it, cleaning up."""
    from findings.serve import _stopped_by_signals
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with _stopped_by_signals():
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            assert callable(signal.getsignal(signal.SIGTERM))
            with pytest.raises(KeyboardInterrupt):
                signal.raise_signal(signal.SIGTERM)
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, before)
