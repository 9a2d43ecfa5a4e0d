"""Values worked out from objects, kept while the very same objects are asked for again.

After a save the preview's model reuses the objects of the items that did not change
(``model.Remade``): what was worked out from those objects alone is the same, and is found by
their identity at once, not made again (at 10,000 quotes, each quote's page entry, 10,000
times after every save). Each use keeps only what the last one asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

V = TypeVar("V")


class ByObject(Generic[V]):
    """``make()``'s value for the objects ``key`` holds, kept from the last use (``done``) if
    it was asked for the same objects (``is``, every one)."""

    def __init__(self) -> None:
        #: id(first object) -> (the objects, the value): the objects are kept, so no id is
        #: reused by another object meanwhile.
        self._kept: dict[int, tuple[tuple[object, ...], V]] = {}
        self._next: dict[int, tuple[tuple[object, ...], V]] = {}

    def get(self, key: tuple[object, ...], make: Callable[[], V]) -> V:
        kept = self._kept.get(id(key[0]))
        if kept is not None and len(kept[0]) == len(key) \
                and all(old is new for old, new in zip(kept[0], key, strict=True)):
            value = kept[1]
        else:
            value = make()
        self._next[id(key[0])] = (key, value)
        return value

    def done(self) -> None:
        """A use is over: keep only what it asked for."""
        self._kept, self._next = self._next, {}
