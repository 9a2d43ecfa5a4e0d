"""The build's generated pages rendered and written into the docs folder on both cores.

``findings build`` renders its pages in two processes (a forked child takes every other page,
``findings.forked``); each writes the pages it rendered itself, so that a page's text is never
sent from one process to the other, nor written by one core while the other waits. What comes
back from the child is each page's path and search sections (``write.StagedFile`` without its
text), in the pages' order. A file the child cannot write is its answer, not its failure: the
parent raises it as its own, as one process writing every page would have.
"""

from __future__ import annotations

from pathlib import Path

from findings import forked
from findings.pages import Page
from findings.render import PageRenderer
from findings.write import StagedFile, write_generated


def write_pages(renderer: PageRenderer, pages: list[Page], docs: Path) -> list[StagedFile]:
    """Render and write ``pages`` into ``docs`` (which holds the hand-written pages already);
    the files written, their texts left out."""
    written = []
    for page in pages:
        staged = renderer.staged(page)
        write_generated(docs, [staged])
        written.append(StagedFile(staged.path, "", staged.search))
    return written


def write_pages_in_two(renderer: PageRenderer, pages: list[Page],
                       docs: Path) -> list[StagedFile]:
    """What ``write_pages`` does and gives, on both cores: a forked child renders and writes
    every other page. What every page uses (the templates, the citations, the voices) is made
    first, once. Only where a fork is ``forked.safe``: elsewhere, in this process alone."""
    if not forked.safe():
        return write_pages(renderer, pages, docs)
    renderer.prepare({page.template for page in pages})
    child = forked.start(lambda: _written_or_refused(renderer, pages[1::2], docs))
    try:
        mine = write_pages(renderer, pages[::2], docs)
    except BaseException:
        child.stop()
        raise
    theirs = child.join()
    if isinstance(theirs, OSError):
        raise theirs
    return [(theirs if n % 2 else mine)[n // 2] for n in range(len(pages))]


def _written_or_refused(renderer: PageRenderer, pages: list[Page],
                        docs: Path) -> list[StagedFile] | OSError:
    """The child's work: ``write_pages``, or the error that stopped it writing a file."""
    try:
        return write_pages(renderer, pages, docs)
    except OSError as err:
        return err
