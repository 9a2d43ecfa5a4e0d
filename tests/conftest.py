"""Shared helpers: the project's paths, running the ``findings`` command, data folders."""

from __future__ import annotations

import contextlib
import fcntl
import io
import logging
import os
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from unittest import mock

import pytest

from findings import engine, site
from findings.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
REAL_DATA = ROOT / "themes_data"  # only checked and built (tests/site/test_real_study.py)
#: A made-up study of the real one's shape: tests that need a whole study use it.
STUDY = FIXTURES / "synthetic-study"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden pages from the current output")
    parser.addoption("--without-engine", action="store_true",
                     help="fail any test that runs the site engine (MkDocs) unmarked "
                          "`engine` (`make fast`, which leaves those tests out)")


#: The files that take longest (``--durations``, summed a file), run first. ``make test`` hands
#: each worker whole files (``--dist loadfile``) in collection order (``--no-loadscope-reorder``:
#: pytest-xdist would otherwise order them by their number of tests, which put the long
#: one-test browser sweeps last, one worker idle while the other ran them); the short files
#: last let both workers finish together. A file missing here only runs later. Measured with
#: the browser tests in the headless shell: each file here took 7 s or more.
LONGEST_FIRST = ("tests/browser/test_sweep.py", "tests/unit/test_serve.py",
                 "tests/browser/test_payloads.py", "tests/browser/test_layout.py",
                 "tests/unit/test_write.py", "tests/unit/test_engine_glue.py",
                 "tests/unit/test_fuzz.py", "tests/site/test_built_site.py",
                 "tests/site/test_csp_meta.py", "tests/unit/test_preview_incremental.py",
                 "tests/site/test_real_study.py", "tests/browser/test_readers.py",
                 "tests/browser/test_offline.py", "tests/browser/test_preview_reload.py",
                 "tests/site/test_valid_html.py", "tests/site/test_long_lists.py",
                 "tests/unit/test_site_dir.py", "tests/site/test_links.py",
                 "tests/browser/test_keyboard.py", "tests/site/test_open_data.py",
                 "tests/unit/test_project_links.py",
                 "tests/browser/test_search.py", "tests/browser/test_csp.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files with a test that needs a fork (``fork_safe``) first: a worker that has run
    a browser test holds its threads (the browser's, the sites' servers) to the end, and a
    process with other threads never forks (``forked.safe``). Then the longest first."""
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    forking = {_file(item) for item in items if "fork_safe" in getattr(item, "fixturenames", ())}
    items.sort(key=lambda item: (_file(item) not in forking, rank.get(_file(item), len(rank))))


def _file(item: pytest.Item) -> str:
    return item.nodeid.split("::")[0]


#: What a test that runs the engine without saying so is told under ``--without-engine``.
UNMARKED_ENGINE = ("this test runs the site engine (MkDocs): mark it @pytest.mark.engine, "
                   "so that `make fast` leaves it out")


def pytest_configure(config: pytest.Config) -> None:
    """Under ``--without-engine`` every way into the engine fails the test that takes it, so
    the quick loop (`make fast`) stays the stages' own tests as the suite grows."""
    if not config.getoption("--without-engine"):
        return
    import mkdocs.config

    def refused(*args: Any, **kwargs: Any) -> NoReturn:
        raise AssertionError(UNMARKED_ENGINE)

    # Every way in here (a build, the preview's kept session) first loads the engine's config;
    # a build in the engine's own process is started by build_with_engine.
    mkdocs.config.load_config = refused
    engine.build_with_engine = refused


@dataclass
class Run:
    code: int
    out: str
    err: str


#: Variables that change what the command prints: tests set them only on purpose (``env``).
OWN_ENV = ("GITHUB_ACTIONS", "FINDINGS_DENY_LIST", "FINDINGS_SITE_URL")


def run_findings(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Run:
    """Run the command as a maintainer would (not in GitHub Actions, no deny-list), in this
    process: ``findings.cli.main`` with the same arguments, folder, environment and streams,
    and an uncaught exception shown as the interpreter would (exit status 1, a traceback).
    Starting Python for each run cost most of the unit tests' time; ``run_findings_process``
    keeps the true end-to-end runs (marked ``end_to_end``)."""
    out, err = _text_stream(), _text_stream()
    with _environment(env), contextlib.chdir(cwd), _engine_log_unbound(), _engine_here(), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse's usage errors
            code = stop.code if isinstance(stop.code, int) else 1
        except Exception:
            traceback.print_exc()
            code = 1
    return Run(code, _read(out), _read(err))


def run_findings_process(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
                         ) -> Run:
    """The real command in its own Python process (``python -m findings``), end to end."""
    environ = {k: v for k, v in os.environ.items() if k not in OWN_ENV} | (env or {})
    done = subprocess.run([sys.executable, "-m", "findings", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=300, check=False)
    return Run(done.returncode, done.stdout, done.stderr)


def _text_stream() -> io.TextIOWrapper:
    """A text stream with a ``buffer``, as the command may write bytes (``export``)."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")


def _read(stream: io.TextIOWrapper) -> str:
    stream.flush()
    raw = stream.buffer.getvalue()  # type: ignore[attr-defined]
    return str(raw.decode("utf-8")).replace("\r\n", "\n")


@contextlib.contextmanager
def _environment(env: dict[str, str] | None) -> Iterator[None]:
    """The process's environment without ``OWN_ENV``, plus ``env``; restored afterwards."""
    with mock.patch.dict(os.environ, env or {}):
        for name in OWN_ENV:
            if env is None or name not in env:
                os.environ.pop(name, None)
        yield


@contextlib.contextmanager
def _engine_here() -> Iterator[None]:
    """The engine in this process too: a build starts it in a process of its own (for its
    memory, which ``make bench`` measures), which would cost every in-process run a Python
    start-up. ``run_findings_process`` and tests/unit/test_engine_glue.py keep that path."""
    def here(*args: Any, **kwargs: Any) -> None:
        engine.build_with_engine(*args, **{**kwargs, "own_process": False})
    with mock.patch.object(site, "build_with_engine", here):
        yield


@contextlib.contextmanager
def _engine_log_unbound() -> Iterator[None]:
    """The engine logs to the ``sys.stderr`` of its first run: drop that handler before and
    after each run, so each run's messages reach its own standard error."""
    def drop() -> None:
        logger = logging.getLogger("mkdocs")
        for handler in [h for h in logger.handlers if getattr(h, "findings", False)]:
            logger.removeHandler(handler)
    drop()
    try:
        yield
    finally:
        drop()


#: A second theme for ``MINIMAL`` (as ``{"themes/two.yml": THEME_TWO}``), for tests that need two.
THEME_TWO = """
    id: two
    number: 2
    title: Theme two
    summary: The second finding.
    description: About the second theme.
    source: "abstract: results"
"""

MINIMAL = {
    "study.yml": """
        title: A minimal study
        authors:
          - name: Ada Example
        venue: Test Venue
        year: 2024
        abstract:
          Methods: We did things.
        speakers: [Study authors, Participant]
        license: CC-BY-4.0
        audiences: [Program directors]
    """,
    "themes/one.yml": """
        id: one
        number: 1
        title: Theme one
        summary: The first finding.
        description: About the first theme.
        source: "abstract: results"
    """,
    "quotes/q.yml": """
        - id: q-one
          text: Words of a finding.
          kind: finding
          speaker: Study authors
          themes: [one]
          source: "abstract: results"
    """,
    "recommendations/r.yml": """
        id: r-one
        title: Do the thing
        summary: A summary.
        actions: [Step one]
        level: program
        audiences: [Program directors]
        basis: stated
        themes: [one]
        quotes: [q-one]
        effort: low
        timeframe: immediate
        source: "abstract: conclusion"
    """,
}


def write_folder(root: Path, files: Mapping[str, str | None]) -> Path:
    """A data folder from ``MINIMAL``, changed by ``files`` (``None`` deletes a file)."""
    merged: dict[str, str | None] = {**MINIMAL, **files}
    for name, text in merged.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def data_folder(tmp_path: Path) -> Callable[[dict[str, str | None]], Path]:
    def make(files: Mapping[str, str | None]) -> Path:
        return write_folder(tmp_path / "data", files)
    return make


@pytest.fixture
def fork_safe() -> None:
    """For a test of what the command does where it can fork: this process can
    (``forked.safe``). Its file runs before any browser test in the worker (see
    ``pytest_collection_modifyitems``); a thread left by another test fails it here, named."""
    import threading

    from findings import forked
    others = [thread.name for thread in threading.enumerate()
              if thread is not threading.main_thread()]
    assert forked.safe(), f"this test needs a process that can fork; other threads: {others}"


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch, fork_safe: None) -> list[object]:
    """The work of every child ``findings.forked`` starts, in order; each still forks."""
    from findings import forked
    started: list[object] = []
    start = forked.start

    def counted(work: Any) -> forked.Child:
        started.append(work)
        return start(work)

    monkeypatch.setattr(forked, "start", counted)
    return started


SITES = {"study": STUDY, "other": FIXTURES / "other-study", "payloads": FIXTURES / "payloads"}


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The synthetic study, another study and the payload study, each built once per run:
    with ``pytest -n`` (xdist) the workers share one set, built by whichever needs it first."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    out = shared / "sites"
    with _locked(shared / "sites.lock"):
        if not (out / "built").is_file():
            for name, data in SITES.items():
                run = run_findings("build", "--data", str(data), "--site-dir", str(out / name))
                assert run.code == 0, run.err
            (out / "built").touch()
    return {name: out / name for name in SITES}


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def html_pages(site: Path) -> list[Path]:
    """Every page a reader can open (redirect stubs included), in a stable order."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


HOSTILE_OUTPUT = FIXTURES / "hostile-output"


@pytest.fixture(scope="session")
def hostile_output_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of ``fixtures/hostile-output`` (text aimed at the CSV, BibTeX, RIS and feed
    writers and at the browser's scripts), built once, only for the tests that ask for it."""
    site = tmp_path_factory.mktemp("hostile-output") / "site"
    run = run_findings("build", "--data", str(HOSTILE_OUTPUT), "--site-dir", str(site))
    assert run.code == 0, run.err
    return site
