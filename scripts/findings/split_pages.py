"""The engine's page loop shared between two processes, with the same result as one.

By the time the engine renders pages through its theme (its ``_build_page``, once a page, in
order), every page has been read, the menu made and the theme loaded: a forked child
(``findings.forked``) can render every other page while this process renders the rest. Each
writes its pages' files; what a page's rendering leaves behind for the end of the build is
only the search index's entries (Material's search plugin adds them page by page), so the
child sends its pages' entries back and they are put in page order, as one process would have
made them. ``SplitPages`` stands in for the engine's function and knows nothing of the engine
beyond that function's arguments; the engine glue (``findings.engine``) decides when a build
may be split (no plugin but the search plugin, which this knows; not ``strict``, which counts
warnings in one process) and puts it in place for that build only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from findings import forked

#: The engine's ``_build_page(page, config, doc_files, nav, env, dirty, excluded)``.
BuildPage = Callable[..., None]


class SplitPages:
    """Called as the engine's ``_build_page``: at the first page, forks a child that builds
    the odd-numbered pages; builds the even-numbered ones itself; at the last page, waits for
    the child and puts the search entries in page order (``entries``: gives the list that
    grows as pages are built, or ``None``; asked at the first page, once the engine has made
    its index)."""

    def __init__(self, build_page: BuildPage, entries: Callable[[], list[Any] | None]) -> None:
        self.build_page, self.entries_of = build_page, entries
        self.entries: list[Any] | None = None
        #: The loop's arguments but the page's own (``excluded``): the same for every page.
        self.shared: tuple[Any, ...] = ()
        self.order: dict[int, int] = {}
        self.by_page: dict[int, list[Any]] = {}
        self.first = 0
        self.child: forked.Child | None = None

    def __call__(self, page: Any, *shared: Any, excluded: bool = False) -> None:
        if not self.order:
            self._fork(shared)
        number = self.order[id(page)]
        if number % 2 == 0:
            self.by_page[number] = self._build(page, excluded)
        if number == len(self.order) - 1:
            self._merge()

    def _fork(self, shared: tuple[Any, ...]) -> None:
        doc_files: Sequence[Any] = shared[1]
        self.shared = shared
        self.order = {id(file.page): n for n, file in enumerate(doc_files)}
        self.entries = self.entries_of()
        self.first = len(self.entries) if self.entries is not None else 0

        def odd_pages() -> dict[int, list[Any]]:
            return {n: self._build(file.page, file.inclusion.is_excluded())
                    for n, file in enumerate(doc_files) if n % 2}
        self.child = forked.start(odd_pages)

    def _build(self, page: Any, excluded: bool) -> list[Any]:
        """Build one page; the search entries it added."""
        before = len(self.entries) if self.entries is not None else 0
        self.build_page(page, *self.shared, excluded=excluded)
        return self.entries[before:] if self.entries is not None else []

    def _merge(self) -> None:
        assert self.child is not None
        child, self.child = self.child, None
        self.by_page.update(child.join())
        if self.entries is not None:
            self.entries[self.first:] = [entry for n in sorted(self.by_page)
                                         for entry in self.by_page[n]]
        self.by_page.clear()

    def stop(self) -> None:
        """The build failed here: the child's pages are moot, and it must not go on writing
        into a site folder that is being removed."""
        if self.child is not None:
            child, self.child = self.child, None
            child.stop()
