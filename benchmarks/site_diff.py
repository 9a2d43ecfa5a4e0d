"""Compare two built sites file by file (issue 15.4: a change meant to keep the output).

    .venv/bin/python -m benchmarks.site_diff OLD_SITE NEW_SITE

Prints each file only one side has and each file whose bytes differ (with its first differing
line), the build's own dates aside (the sitemap's ``lastmod``, the feed's ``updated``, gzip's
time stamp); exit status 1 if anything else differs. Build both with the same
``SOURCE_DATE_EPOCH`` and they should not differ at all.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Sequence
from pathlib import Path

#: The build's own dates, masked before comparing.
DATES = (re.compile(rb"<lastmod>[^<]*</lastmod>"), re.compile(rb"<updated>[^<]*</updated>"))


def files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def comparable(name: str, data: bytes) -> bytes:
    """The file's bytes, unzipped if gzipped, with the build's dates masked."""
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    for date in DATES:
        data = date.sub(b"<date/>", data)
    return data


def first_difference(old: bytes, new: bytes) -> str:
    old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
    pairs = zip(old_lines, new_lines, strict=False)
    index = next((i for i, (a, b) in enumerate(pairs) if a != b),
                 min(len(old_lines), len(new_lines)))
    shown = [lines[index][:200] if index < len(lines) else b"" for lines in (old_lines, new_lines)]
    return f"line {index + 1}\n  old: {shown[0]!r}\n  new: {shown[1]!r}"


def compare(old_site: Path, new_site: Path) -> list[str]:
    """What differs between the two sites, one line (or block) per file."""
    old, new = files(old_site), files(new_site)
    found = [f"only in old: {name}" for name in sorted(old.keys() - new.keys())]
    found += [f"only in new: {name}" for name in sorted(new.keys() - old.keys())]
    for name in sorted(old.keys() & new.keys()):
        before, after = old[name].read_bytes(), new[name].read_bytes()
        if before != after:
            before, after = comparable(name, before), comparable(name, after)
            if before != after:
                found.append(f"differs: {name} {first_difference(before, after)}")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 2:
        print("usage: python -m benchmarks.site_diff OLD_SITE NEW_SITE", file=sys.stderr)
        return 2
    old_site, new_site = map(Path, args)
    found = compare(old_site, new_site)
    print("\n".join(found))
    print(f"{len(files(old_site))} files in {old_site}, {len(files(new_site))} in {new_site}: "
          f"{len(found)} differ")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
