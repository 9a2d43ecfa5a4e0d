"""The preview's full rebuild gives way to a newer save.

After a save the preview shows the pages it changed at once (the quick rebuild), then builds
the whole site again, which at 10,000 quotes takes a minute or more. A save made meanwhile
must not wait for that: the full rebuild asks, between pages (``check``), whether a save is
waiting, and stops if one is (``Superseded``). The preview then shows that save's pages and
builds the whole site after them. Outside ``giving_way`` (``findings build``, the quick
rebuild) ``check`` does nothing.

The state is kept here, not in the engine glue: the engine loads the glue's hooks as a module
of its own (``findings.engine``), which imports this one like everyone else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: What the full rebuild under way asks, innermost last: is a newer save waiting?
_WAITING: list[Callable[[], bool]] = []


class Superseded(BaseException):
    """A newer save is waiting: this full rebuild is dropped. A ``BaseException``, as
    ``KeyboardInterrupt`` is, so that the engine's handlers of a page's errors (``except
    Exception``), which would report it as that page's error, let it through."""


@contextmanager
def giving_way(waiting: Callable[[], bool]) -> Iterator[None]:
    """Meanwhile, ``check`` stops the work as soon as ``waiting()`` is true."""
    _WAITING.append(waiting)
    try:
        yield
    finally:
        _WAITING.pop()


def check() -> None:
    """Raise ``Superseded`` if a newer save is waiting (only inside ``giving_way``)."""
    if _WAITING and _WAITING[-1]():
        raise Superseded
