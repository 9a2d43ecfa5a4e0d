"""What reading each data file found, kept between the preview's checks.

``findings serve`` checks the whole data folder after every save; most files did not change.
A :class:`ReadCache` keeps each file's reading (its loaded and checked items, its problems)
under the file's path, the way it is shown, and its signature (size, modification time, inode
and change time, taken before the file is read): a file whose signature is the same is not
read again, one whose signature changed is. The cross-file checks always run again, on the
kept readings and the new ones, so the problems are those of a full ``check``. A file no
longer found (deleted, renamed) drops out at the end of the check that missed it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: What tells a file's versions apart without reading it.
Signature = tuple[int, int, int, int]


def signature(path: Path) -> Signature | None:
    """The file's size, modification and change times (ns) and inode; ``None`` if it cannot
    be looked at (then it is read, and its reading is not kept)."""
    try:
        found = path.stat()
    except (OSError, ValueError):
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)


class ReadCache:
    """Each file's reading, kept while the file stays the same."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str, str], tuple[Signature, Any]] = {}
        self._seen: set[tuple[str, str, str]] = set()
        #: How many files were read (not found kept) since the cache was made: for tests.
        self.reads = 0
        #: What a check across files worked out from the readings, kept in the check's own
        #: form under its name (the disclosure guard's findings per file): it tells for
        #: itself which readings are the same objects as last time.
        self.derived: dict[str, Any] = {}

    def begin(self) -> None:
        """A check starts: the files it does not ask for are dropped at its end."""
        self._seen = set()

    def end(self) -> None:
        """A check is done: forget the files it did not ask for (gone, renamed, moved)."""
        self._kept = {key: kept for key, kept in self._kept.items() if key in self._seen}

    def read(self, what: str, path: Path, shown: str, reading: Callable[[], T]) -> T:
        """``reading()``'s result for the file ``path`` (shown as ``shown``), read as ``what``
        (the folder it was found in, say): kept from the last time if the file is the same."""
        key = (what, str(path), shown)
        self._seen.add(key)
        before = signature(path)  # before reading: a save while reading is seen next time
        kept = self._kept.get(key)
        if before is not None and kept is not None and kept[0] == before:
            return kept[1]  # type: ignore[no-any-return]
        self.reads += 1
        result = reading()
        if before is None:
            self._kept.pop(key, None)
        else:
            self._kept[key] = (before, result)
        return result

    def files(self) -> set[str]:
        """The paths whose reading is kept."""
        return {path for _, path, _ in self._kept}
