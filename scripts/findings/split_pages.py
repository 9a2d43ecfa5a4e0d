"""The engine's page loops shared between two processes, with the same result as one.

By the time the engine renders pages through its theme (its ``_build_page``, once a page, in
order), the menu is made and the theme loaded: a forked child (``findings.forked``) can render
every other page while this process renders the rest. Each writes its pages' files; what a
page's rendering leaves behind for the end of the build is only the search index's entries
(Material's search plugin adds them page by page), so the child sends its pages' entries back
and they are put in page order, as one process would have made them.

Reading the pages (the engine's ``_populate_page``, every page before the first is rendered) is
shared too: a page the menu lists is read here at once (every page shows its title), any other
only by the process that renders it, just before its first page is rendered. What the end of
the build needs of a page read by the child, the check of links to anchors, is sent back with
its entries: the ids it holds and the links it makes (by the path of the page they lead to).

``SplitPages`` stands in for the engine's two functions and knows nothing of the engine beyond
their arguments and those pages' attributes; the engine glue (``findings.engine``) decides when
a build may be split (no plugin but the search plugin, which this knows; not ``strict``, which
counts warnings in one process), says which pages the menu lists, and puts it in place for that
build only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from findings import forked

#: The engine's ``_build_page(page, config, doc_files, nav, env, dirty, excluded)``.
BuildPage = Callable[..., None]
#: The engine's ``_populate_page(page, config, files, dirty)``.
ReadPage = Callable[..., None]
#: What a page read by the child leaves for the end of the build: the ids it holds, and its
#: links to anchors by the path of the page they lead to (``None``: it has none).
Anchors = tuple[Any, dict[str, Any] | None]


class SplitPages:
    """Called as the engine's ``_build_page``: at the first page, forks a child that reads
    and builds the odd-numbered pages; reads and builds the even-numbered ones itself; at the
    last page, waits for the child, puts the search entries in page order (``entries``: gives
    the list that grows as pages are built, or ``None``; asked at the first page, once the
    engine has made its index) and gives the pages the child read their anchors. ``read``
    is called as the engine's ``_populate_page`` (``read_page``), reading at once only the
    pages the menu lists (``listed``); without ``read_page``, the engine reads every page."""

    def __init__(self, build_page: BuildPage, entries: Callable[[], list[Any] | None],
                 read_page: ReadPage | None = None,
                 listed: Callable[[Any], bool] = lambda page: True) -> None:
        self.build_page, self.entries_of = build_page, entries
        self.read_page, self.listed = read_page, listed
        #: The pages whose reading waits for the process that renders them, by ``id``: the
        #: engine's arguments for each.
        self.unread: dict[int, tuple[Any, tuple[Any, ...]]] = {}
        self.all_files: Sequence[Any] = ()
        self.entries: list[Any] | None = None
        #: The loop's arguments but the page's own (``excluded``): the same for every page.
        self.shared: tuple[Any, ...] = ()
        self.order: dict[int, int] = {}
        self.by_page: dict[int, list[Any]] = {}
        self.first = 0
        self.child: forked.Child | None = None

    def read(self, page: Any, *args: Any) -> None:
        """Called as the engine's ``_populate_page``: a page the menu lists (``listed``) is
        read now, any other when its process is about to render pages."""
        if self.read_page is None or self.listed(page):
            if self.read_page is not None:
                self.read_page(page, *args)
            return
        self.unread[id(page)] = (page, args)
        self.all_files = args[1]  # the engine's ``files``: every file of the build

    def __call__(self, page: Any, *shared: Any, excluded: bool = False) -> None:
        if not self.order:
            self._fork(shared)
            self._read_share(0)
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

        def odd_pages() -> dict[int, tuple[list[Any], Anchors | None]]:
            read = self._read_share(1)
            return {n: (self._build(file.page, file.inclusion.is_excluded()),
                        _anchors(file.page) if n in read else None)
                    for n, file in enumerate(doc_files) if n % 2}
        self.child = forked.start(odd_pages)

    def _read_share(self, parity: int) -> set[int]:
        """Read the unread pages among this process's share (by their numbers' ``parity``);
        their numbers. The others' are forgotten: their process reads them."""
        unread, self.unread = self.unread, {}
        read = set()
        for key, (page, args) in unread.items():
            number = self.order.get(key)
            if number is not None and number % 2 == parity:
                assert self.read_page is not None
                self.read_page(page, *args)
                read.add(number)
        return read

    def _build(self, page: Any, excluded: bool) -> list[Any]:
        """Build one page; the search entries it added."""
        before = len(self.entries) if self.entries is not None else 0
        self.build_page(page, *self.shared, excluded=excluded)
        return self.entries[before:] if self.entries is not None else []

    def _merge(self) -> None:
        assert self.child is not None
        child, self.child = self.child, None
        pages = {id(file.page): file.page for file in self.shared[1]}
        numbered = {n: key for key, n in self.order.items()}
        files: dict[str, Any] | None = None
        for number, (entries, anchors) in child.join().items():
            self.by_page[number] = entries
            if anchors is not None:
                files = files or {file.src_uri: file for file in self.all_files}
                _set_anchors(pages[numbered[number]], anchors, files)
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


def _anchors(page: Any) -> Anchors:
    """What the end of the build needs of a page read in the child (``Anchors``)."""
    links = page.links_to_anchors
    return (page.present_anchor_ids,
            None if links is None else {to.src_uri: found for to, found in links.items()})


def _set_anchors(page: Any, anchors: Anchors, files: dict[str, Any]) -> None:
    """A page read in the child, as the end of the build sees it here: its ids and links
    (``files``: the build's files by path)."""
    ids, links = anchors
    page.present_anchor_ids = ids
    if links is not None:
        page.links_to_anchors = {files[uri]: found for uri, found in links.items()}
