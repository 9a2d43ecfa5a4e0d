"""What each generated page's text was made from, so the preview renders again only the pages
a change touches.

A page's text is a function of its plan entry (``pages.Page``: address, title, template and
its own values, compared by value), of the study (its citations and rights come from it), of
the open data's version (for the templates that print it), and of what its template reads
from the model and the quotes' voices. Those reads are recorded as the page is rendered
(:class:`Recorded` wraps the two objects: each attribute, lookup and call, with the value it
gave); after a change, a page is kept as it is only if its plan entry is the same and every
read it made gives the same value on the new model. Anything else is rendered again.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, cast

from jinja2 import Environment, meta

from findings.model import Findings
from findings.pages import Page
from findings.render import PageContext, PageRenderer, SiteOptions

#: One step from an object to a value: ``("attr", name)``, ``("call", args, kwargs)``,
#: ``("item", key)``, ``("get", key)``, ``("in", key)`` or ``("all",)`` (the whole mapping).
Step = tuple[Any, ...]
#: One read: the object it started from (``findings`` or ``voice``), the steps, the value.
Read = tuple[str, tuple[Step, ...], Any]
#: What a lookup gave for a key a mapping does not have.
MISSING = object()


class ReadLog:
    """The reads of the page being rendered (none noted between pages)."""

    def __init__(self) -> None:
        self.reads: list[Read] | None = None

    def note(self, root: str, steps: tuple[Step, ...], value: Any) -> None:
        if self.reads is not None:
            self.reads.append((root, steps, value))


class Recorded:
    """An object the templates read, wrapped: each attribute (a method: each call; a mapping:
    each lookup) is noted in ``log`` with the value it gave."""

    def __init__(self, target: Any, root: str, log: ReadLog, steps: tuple[Step, ...] = ()):
        self._target, self._root, self._log, self._steps = target, root, log, steps

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        steps = (*self._steps, ("attr", name))
        if inspect.ismethod(value):
            return RecordedCall(value, self._root, self._log, steps)
        if isinstance(value, dict):
            return RecordedMapping(value, self._root, self._log, steps)
        self._log.note(self._root, steps, value)
        return value


class RecordedCall:
    """A method of a recorded object: each call noted with its arguments and its result."""

    def __init__(self, method: Callable[..., Any], root: str, log: ReadLog,
                 steps: tuple[Step, ...]) -> None:
        self._method, self._root, self._log, self._steps = method, root, log, steps

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        value = self._method(*args, **kwargs)
        self._log.note(self._root, (*self._steps, ("call", args, tuple(sorted(kwargs.items())))),
                       value)
        return value


class RecordedMapping:
    """A mapping of a recorded object: each key looked up noted with what it gave; anything
    that sees the whole mapping (its length, its keys) notes the whole mapping."""

    def __init__(self, target: dict[Any, Any], root: str, log: ReadLog,
                 steps: tuple[Step, ...]) -> None:
        self._target, self._root, self._log, self._steps = target, root, log, steps

    def _note(self, step: Step, value: Any) -> None:
        self._log.note(self._root, (*self._steps, step), value)

    def __getitem__(self, key: Any) -> Any:
        value = self._target.get(key, MISSING)
        self._note(("item", key), value)
        if value is MISSING:
            raise KeyError(key)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        value = self._target.get(key, MISSING)
        self._note(("get", key), value)
        return default if value is MISSING else value

    def __contains__(self, key: Any) -> bool:
        found = key in self._target
        self._note(("in", key), found)
        return found

    def _whole(self) -> dict[Any, Any]:
        self._note(("all",), self._target)
        return self._target

    def __len__(self) -> int:
        return len(self._whole())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._whole())

    def keys(self) -> Any:
        return self._whole().keys()

    def values(self) -> Any:
        return self._whole().values()

    def items(self) -> Any:
        return self._whole().items()


def replay(root: Any, steps: tuple[Step, ...]) -> Any:
    """The value ``steps`` lead to from ``root`` now (``MISSING`` for a key no longer there)."""
    value = root
    for step in steps:
        how = step[0]
        if how == "attr":
            value = getattr(value, step[1])
        elif how == "call":
            value = value(*step[1], **dict(step[2]))
        elif how in ("item", "get"):
            value = value.get(step[1], MISSING)
        elif how == "in":
            value = step[1] in value
        # "all": the mapping itself
    return value


class RecordingRenderer(PageRenderer):
    """A page renderer that notes what each page's template reads from the model and the
    voices (``render_recorded``), and tells whether those reads still give the same values
    (``same_reads``)."""

    def __init__(self, findings: Findings, options: SiteOptions, data_version: str,
                 env: Environment | None = None) -> None:
        super().__init__(findings, options, data_version)
        if env is not None:  # the templates compiled once, for every model after a save
            self.env = env
        self.log = ReadLog()
        self.roots = {"findings": findings, "voice": self.voices}
        self._model = Recorded(findings, "findings", self.log)
        stands_for(self.env, "cite", self.citations)
        stands_for(self.env, "voice", Recorded(self.voices, "voice", self.log))

    def context(self, page: Page) -> PageContext:
        return replace(super().context(page), findings=cast(Findings, self._model))

    def render_recorded(self, page: Page) -> tuple[str, list[Read]]:
        """The page's text, and the reads its template made."""
        self.log.reads = []
        try:
            text = self.render(page)
            return text, self.log.reads
        finally:
            self.log.reads = None

    def same_reads(self, reads: list[Read]) -> bool:
        """Whether every read gives the same value from this renderer's model."""
        return all(self.same_read(root, steps, value) for root, steps, value in reads)

    def same_read(self, root: str, steps: tuple[Step, ...], value: Any) -> bool:
        """Whether one read gives the same value from this renderer's model."""
        try:
            now = replay(self.roots[root], steps)
        except Exception:  # a lookup that no longer works: the page changed
            return False
        return now is value or now == value


class Current:
    """A template global that stands for this renderer's object (``stands_for``)."""

    def __init__(self, target: Any) -> None:
        self.target = target

    def __getattr__(self, name: str) -> Any:
        return getattr(self.target, name)


def stands_for(env: Environment, name: str, target: Any) -> None:
    """Make the global ``name`` of ``env`` stand for ``target`` from now on. Jinja keeps the
    module of a template imported without context (``_macros.html``), and with it a copy of
    the globals of the first render: a global set again for a later model would not reach
    the macros (they would show the first model's labels and citations, and fail on a quote
    added since). A ``Current`` set once, whose target changes, does."""
    current = env.globals.get(name)
    if isinstance(current, Current):
        current.target = target
    else:
        env.globals[name] = Current(target)


#: A read as a key: where it starts and its steps (its value is kept apart).
ReadKey = tuple[str, tuple[Step, ...]]


class ReadIndex:
    """The reads of every staged page, by read: each read made by any number of pages is
    kept once, with its value and the pages that made it, so that after a change each read is
    replayed once (``stale``), not once per page that made it (at 10,000 quotes, 75,000 reads
    of some 30,000 kinds). One value stands for all the pages that made a read: once a plan
    is staged, each of them was rendered on that plan's model or kept because its reads gave
    the same values on it; the value noted last is that model's. A read whose steps cannot be
    a key (an argument that is a list) is kept with its page alone."""

    def __init__(self) -> None:
        self._pages: dict[ReadKey, set[str]] = {}
        self._values: dict[ReadKey, Any] = {}
        #: Each page's keys, and its reads that cannot be keys.
        self._keys: dict[str, set[ReadKey]] = {}
        self._loose: dict[str, list[Read]] = {}

    def __contains__(self, url: str) -> bool:
        return url in self._keys

    def add(self, url: str, reads: list[Read]) -> None:
        """The page at ``url`` was rendered with ``reads`` (its reads before are dropped)."""
        self.drop(url)
        keys: set[ReadKey] = set()
        loose: list[Read] = []
        for root, steps, value in reads:
            key = (root, steps)
            try:
                pages = self._pages.setdefault(key, set())
            except TypeError:
                loose.append((root, steps, value))
                continue
            # The newest value: the model's now, which every page kept with this read gave too.
            self._values[key] = value
            pages.add(url)
            keys.add(key)
        self._keys[url] = keys
        if loose:
            self._loose[url] = loose

    def drop(self, url: str) -> None:
        """Forget the reads of the page at ``url`` (a page no longer planned)."""
        for key in self._keys.pop(url, ()):
            pages = self._pages[key]
            pages.discard(url)
            if not pages:
                del self._pages[key], self._values[key]
        self._loose.pop(url, None)

    def urls(self) -> set[str]:
        return set(self._keys)

    def stale(self, renderer: RecordingRenderer) -> set[str]:
        """The pages of which a read gives another value from ``renderer``'s model."""
        found: set[str] = set()
        for key, pages in self._pages.items():
            if not pages <= found and not renderer.same_read(*key, self._values[key]):
                found |= pages
        found |= {url for url, reads in self._loose.items() if not renderer.same_reads(reads)}
        return found


def template_names(env: Environment, name: str) -> set[str]:
    """The variables a template and the templates it imports, includes or extends use."""
    seen: set[str] = set()
    names: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        assert env.loader is not None
        source = env.loader.get_source(env, current)[0]
        tree = env.parse(source)
        names |= meta.find_undeclared_variables(tree)
        pending += [found for found in meta.find_referenced_templates(tree) if found]
    return names
