"""``findings serve``: build into a scratch folder, serve it, rebuild on change (``watchfiles``).

An edit to the data or a page first rebuilds only the pages it changed (fast: open pages
reload), then the whole site, so menus, the search index and the open data catch up. The fast
rebuild reads again only the data files that changed (``read_cache``; the disclosure guard
scans only those again), renders again only the pages whose inputs changed
(``preview_pages``), and hands only those to an engine session kept loaded between rebuilds
(``site.QuickBuilds``); the checks across files run in full, on one model and page plan made
for the check and the pages alike (``planned``). A save made during the full rebuild does
not wait for it: the full rebuild stops between pages (``superseded``), that save takes the
quick path, and the whole site is rebuilt after it; the scratch folder a build leaves is
deleted in the background. An edit to the theme
or the config rebuilds the whole site. One save is one rebuild (its batches of events are
let settle) and one line in the terminal, naming the pages that save changed. Open pages
reload themselves after each rebuild. A change with content or template errors lists them in
the terminal and on every page
(``preview_http``) and keeps serving the last good site. Drafts (``draft: true``) are shown
here only. The address is taken before any work, and the scratch folder is removed however
the preview stops (Ctrl+C, SIGTERM, SIGHUP).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import queue
import signal
import socket
import sys
import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import FrameType

from watchfiles import Change, DefaultFilter, watch

from findings.commands import OK, CheckOptions, UsageError, check_data, data_root, project_for
from findings.engine import EngineError
from findings.load import paused_collector
from findings.model import Findings
from findings.planned import model_of
from findings.preview_errors import describe_failure
from findings.preview_http import PreviewHandler, PreviewState, handler_for
from findings.preview_pages import PreviewPages
from findings.project import Project
from findings.read_cache import ReadCache
from findings.site import BuildResult, QuickBuilds, build_site
from findings.superseded import Superseded, giving_way
from findings.superseded import check as give_way_to_a_newer_save
from findings.write import STAGING_MARKER, owner, owner_gone, remove_scratch

#: How many changed pages the terminal names before it only counts the rest.
NAMED_PAGES = 8


@dataclass(frozen=True)
class ServeOptions:
    """``findings serve``'s options: how to check the data, and where and how to serve."""

    check: CheckOptions
    host: str = "127.0.0.1"
    port: int = 8000
    open: bool = False


class Preview:
    """The served site in ``work/site``, and the docs it was built from in ``work/docs``."""

    def __init__(self, options: CheckOptions, project: Project, root: Path, work: Path):
        self.options, self.project, self.root, self.work = options, project, root, work
        self.state = PreviewState(work / "site")
        self.checks = 0  # how many times the data was checked: notices are given at the first
        # Kept between rebuilds: each data file's reading, each page's inputs, the engine.
        self.cache = ReadCache()
        self.pages = PreviewPages()
        self.quick = QuickBuilds(project, work)
        #: Whether the site is behind its docs: a full rebuild gave way to a newer save.
        self.full_due = False

    def rebuild(self, fast: bool, waiting: Callable[[], bool] = lambda: False) -> None:
        """Rebuild and publish the outcome: no problems, or the lines that say what is wrong.
        ``waiting``: whether a newer save is waiting, for which the full rebuild after a quick
        one stops (``findings.superseded``): that save is shown at once, not after the
        minute or more the whole site takes at 10,000 quotes."""
        self.state.publish(self._rebuilt(fast, waiting))

    def _rebuilt(self, fast: bool, waiting: Callable[[], bool]) -> list[str]:
        """The lines to show: the errors that stopped the rebuild and the warnings, or only
        the warnings (which fail CI's ``check --strict``: the page shows them too)."""
        started = time.perf_counter()
        had_errors = any(": error:" in line for line in self.state.problems)
        with paused_collector() if fast else contextlib.nullcontext():
            findings, problems = self._checked()
        if findings is None:
            self._keeping()
            return problems
        warnings, failed, shown = problems, [], ""
        try:
            changed = self._quick(findings) if fast else []
            if fast and not changed and not had_errors and not self.full_due:
                _say("checked: no page changed")
                return warnings
            if fast:
                self.state.publish(warnings)  # open pages reload now; again after the full build
                # The changed pages are served from here on: said apart from the full build's
                # time, which would read as if those few pages had taken it all.
                shown = f" (shown in {_since(started)})"
            else:
                self.quick.close()  # the theme or config may have changed: the engine reloads
            built = self._full_unless(findings, waiting) if fast else self._full(findings)
            if built is None:
                _say(f"rebuilt {count_pages(changed)} changed page(s){shown}"
                     f"{changed_pages(changed)}; a newer save came before all pages were: "
                     "they are rebuilt after it")
            else:
                result, full_changes = built
                what = f"{count_pages(changed)} changed page(s){shown}, then all" if fast \
                    else "all"
                _say(f"rebuilt {what} {result.pages} pages in {_since(started)}"
                     f"{changed_pages(changed if fast else full_changes)}")
        except EngineError as err:
            failed = [f"findings: error: the site engine failed: {err}"]
        except Exception as err:  # a half-edited page or template must not stop the preview
            failed = describe_failure(err, self.project.root)
        for line in failed:
            print(line, file=sys.stderr, flush=True)
        if failed:
            self.pages.forget()
            self.quick.close()
            self._keeping()
        elif had_errors:
            left = (f"; {len(warnings)} warning(s) left, which fail CI's "
                    "`findings check --strict`" if warnings else "")
            _say(f"problems fixed{left}")
        return failed + warnings

    def _quick(self, findings: Findings) -> list[str]:
        """Render again only the pages the change touched and hand only those to the engine;
        returns the changed docs. Python's cycle collector waits meanwhile: the study's
        hundreds of thousands of objects made one pass of it a third of a quick rebuild's
        time; the full rebuild that follows runs with it."""
        with paused_collector():
            planned = self.pages.plan(findings, self.project)
            changed = self.quick.build(planned.plan, planned.kept)
        self.pages.staged(planned)
        return changed

    def _full_unless(self, findings: Findings,
                     waiting: Callable[[], bool]) -> tuple[BuildResult, list[str]] | None:
        """``_full``, unless a newer save is waiting before it is done (``None``): that save
        is shown first, and the whole site rebuilt after it (``full_due``)."""
        try:
            with giving_way(waiting):
                built = self._full(findings)
        except Superseded:
            self.full_due = True
            return None
        return built

    def _full(self, findings: Findings) -> tuple[BuildResult, list[str]]:
        """Every page rendered and built again (menus and the search index catch up); the docs
        are brought up to date as a build writes them (item links resolved), so that the next
        save's comparison counts only what that save changed. Then the engine session is
        opened for the next quick rebuild."""
        planned = self.pages.plan(findings, self.project, everything=True)
        give_way_to_a_newer_save()
        changed = self.quick.sync(planned.plan)
        self.pages.staged(planned)
        give_way_to_a_newer_save()
        result = build_site(findings, self.project, self.work / "site", self.root,
                            quiet=True, plan=planned.plan, own_process=False,
                            remove_later=True)
        self.full_due = False
        if self.quick.session is None:
            with giving_way(lambda: False):  # the next save needs the session: opened anyway
                self.quick.warm(planned.plan)
        return result, changed

    def _keeping(self) -> None:
        """Say what the browser shows while the site cannot be rebuilt."""
        _say("keeping the last good site" if self.state.has_site else
             "no site to show yet: every page lists the problems until they are fixed")

    def _checked(self) -> tuple[Findings | None, list[str]]:
        try:
            checked = check_data(self.options, notice=self.checks == 0, cache=self.cache)
        except UsageError as err:  # the data folder or deny-list gone for a moment (checkout)
            print(f"findings: error: {err}", file=sys.stderr, flush=True)
            return None, [f"findings: error: {err}"]
        self.checks += 1
        lines = [problem.format() for problem in checked.problems]
        if not checked.ok:
            return None, lines
        return model_of(checked.data, drafts=True), lines


def count_pages(changed: list[str]) -> int:
    """The changed docs that are pages; the others (open data, the feed) are data files."""
    return sum(1 for path in changed if path.endswith((".md", ".html")))


def changed_pages(changed: list[str]) -> str:
    """``: quotes/a/, themes/b/ and 3 more (and 2 data files)``: the addresses of the changed
    pages, and how many other files changed."""
    shown = sorted(path for path in changed if path.endswith((".md", ".html")))
    others = len(changed) - len(shown)
    named = [_address(path) for path in shown[:NAMED_PAGES]]
    more = len(shown) - len(named)
    text = (": " + ", ".join(named) + (f" and {more} more" if more else "")) if named else ""
    return text + (f" (and {others} data file(s))" if others else "")


def _address(doc: str) -> str:
    if doc.endswith("index.md"):
        return doc.removesuffix("index.md") or "/"
    return doc.removesuffix(".md") + "/" if doc.endswith(".md") else doc


def run_serve(options: ServeOptions) -> int:
    project = project_for(options.check.config)
    root = data_root(options.check.data)
    server = _bind(options.host, options.port)
    try:
        with _stopped_by_signals():
            remove_stale_previews()
            work = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
            try:
                (work / STAGING_MARKER).write_text(json.dumps(owner()), encoding="utf-8")
                _preview(options, project, root, work, server)
            finally:
                remove_scratch(work)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return OK


SCRATCH_PREFIX = "findings-serve-"


def remove_stale_previews() -> list[Path]:
    """Remove the scratch folders of previews that were killed (SIGKILL, a crash): named as
    ours, marked as ours (``STAGING_MARKER``), and owned by a process of this machine that is
    gone. Any other folder, a running preview's included, is left alone."""
    removed = []
    for folder in sorted(Path(tempfile.gettempdir()).glob(SCRATCH_PREFIX + "*")):
        if not folder.is_symlink() and folder.is_dir() and owner_gone(folder):
            remove_scratch(folder)
            removed.append(folder)
    return removed


class PreviewServer(ThreadingHTTPServer):
    """Stops without waiting for the pages' pending reload requests. A browser that drops a
    connection (a tab closed or reloaded mid-request) is no problem of the maintainer's: the
    standard server would print a traceback for it into the preview's own messages."""

    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class PreviewServer6(PreviewServer):
    """The same, on an IPv6 address (``--host ::1``)."""

    address_family = socket.AF_INET6


def _bind(host: str, port: int) -> ThreadingHTTPServer:
    """The preview's server, bound before any work: a bad or busy address is wrong usage, one
    line."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: expected a port number up to 65535 (0: any free port)")
    try:
        server = PreviewServer6 if ":" in host else PreviewServer
        return server((host, port), PreviewHandler)
    except socket.gaierror as err:  # the host name, not the port
        raise UsageError(f"--host {host}: no such address on this machine ({err.strerror}); "
                         "check the --host address (default 127.0.0.1)") from None
    except OSError as err:
        reason = err.strerror or str(err)
        if err.errno == errno.EADDRNOTAVAIL:  # the address is not this computer's
            raise UsageError(f"--host {host}: cannot listen on {host}:{port} ({reason}): it "
                             "is not an address of this computer; check the --host address "
                             "(default 127.0.0.1; 0.0.0.0: every network)") from None
        raise UsageError(f"--port {port}: cannot listen on {host}:{port} ({reason}); "
                         "stop what uses it or choose another port (or --host)") from None


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the preview as Ctrl+C does, so that it cleans up after itself;
    a signal the preview was started ignoring stays ignored (``nohup`` ignores SIGHUP, so that
    closing the terminal leaves the preview running)."""
    def stop(number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
              and signal.getsignal(getattr(signal, name)) is not signal.SIG_IGN]
    before = {number: signal.signal(number, stop) for number in wanted}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _preview(options: ServeOptions, project: Project, root: Path, work: Path,
             server: ThreadingHTTPServer) -> None:
    (work / "site").mkdir()
    (work / "docs").mkdir()
    preview = Preview(options.check, project, root, work)
    stop = threading.Event()
    changes = _watch_in_background(preview, stop)  # before the first build: edits in it count
    preview.rebuild(fast=False)
    server.RequestHandlerClass = handler_for(preview.state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address, *others = addresses(options.host, server.server_port)
    _say(f"serving on {address} (Ctrl+C to stop)")
    for other in others:
        _say(f"also on {other} (from another device on the same network)")
    if options.open and not webbrowser.open(address):
        _say(f"--open: no web browser could be started here; open {address} yourself")
    try:
        follow(preview, changes)
    finally:
        stop.set()
        server.shutdown()


#: ``--host`` values that mean every address of this computer: not addresses to browse to.
EVERY_ADDRESS = ("0.0.0.0", "::", "")


def addresses(host: str, port: int) -> list[str]:
    """The addresses to browse to: this computer's first, then, when the preview listens on
    every address, this computer's addresses on its networks."""
    shown = [f"http://{_shown_host(_local(host))}:{port}/"]
    if host in EVERY_ADDRESS:
        shown += [f"http://{_shown_host(other)}:{port}/" for other in network_addresses()]
    return shown


def _local(host: str) -> str:
    """The address to browse to on this computer: ``--host 0.0.0.0`` listens on every
    address, of which 127.0.0.1 (``::1``) always works."""
    if host in EVERY_ADDRESS:
        return "::1" if host == "::" else "127.0.0.1"
    return host


def network_addresses() -> list[str]:
    """This computer's addresses on its networks, as another device would use them: the
    addresses its name resolves to, and the one it would send from (a UDP socket's
    ``connect`` sends nothing), loopback left out."""
    found: set[str] = set()
    with contextlib.suppress(OSError):
        found |= {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None,
                                                                 socket.AF_INET)}
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, nothing is sent
        found.add(str(probe.getsockname()[0]))
    return sorted(a for a in found if not a.startswith("127.") and a != "0.0.0.0")


def _shown_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _watch_in_background(preview: Preview, stop: threading.Event) -> queue.Queue[set[str]]:
    """Watch the data, pages, theme and config in a thread; each batch of changed paths goes
    on the queue returned (the main thread stays free to be stopped by a signal)."""
    project = preview.project
    paths = [path.resolve() for path in (preview.root, project.content_dir,
                                         project.overrides_dir, project.config_file)]
    paths = [path for path in paths if path.exists()]
    found: queue.Queue[set[str]] = queue.Queue()

    def run() -> None:
        for batch in watch(*paths, watch_filter=SourceFilter(paths), stop_event=stop,
                           raise_interrupt=False):
            found.put({path for _, path in batch})
    threading.Thread(target=run, daemon=True).start()
    return found


class SourceFilter(DefaultFilter):
    """What ``watchfiles`` ignores by default (editors' swap files, caches), and any path
    with a part starting with a dot below the folder watched, which is never data."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__()
        self.roots = roots

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        for root in self.roots:
            if Path(path).is_relative_to(root):
                return not any(part.startswith(".")
                               for part in Path(path).relative_to(root).parts)
        return True


def follow(preview: Preview, changes: queue.Queue[set[str]]) -> None:
    """Rebuild after each batch of changes; a change to the theme or config needs a full
    build."""
    project = preview.project
    theme = (str(project.overrides_dir.resolve()) + os.sep, str(project.config_file.resolve()))
    while True:
        try:
            batch = changes.get(timeout=1.0)
        except queue.Empty:
            continue
        batch |= _settled(changes)
        preview.rebuild(fast=not any(path.startswith(theme) for path in batch),
                        waiting=lambda: not changes.empty())


#: How long the watched files must stay unchanged before a rebuild: one save can arrive as
#: several batches (an editor writes a backup, the file, then renames), and is one rebuild.
#: ``watchfiles`` itself yields a batch once no event came for 50 ms (its ``step``), so an
#: editor's writes of one save, a few milliseconds apart, are one batch already; this wait
#: is on every save's way to the page (issue 15: edit to preview within 2 s).
SETTLE_SECONDS = 0.1


def _settled(changes: queue.Queue[set[str]]) -> set[str]:
    """Every path that changed until none has for ``SETTLE_SECONDS``."""
    more: set[str] = set()
    while True:
        try:
            more |= changes.get(timeout=SETTLE_SECONDS)
        except queue.Empty:
            return more


def _say(message: str) -> None:
    print(f"findings: {message}", flush=True)


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"
