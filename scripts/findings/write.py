"""Write a staging tree for the engine, and swap a finished site into place.

Nothing is ever written into ``content/`` or the output folder while building: the staging
tree lives beside the output, and the finished site replaces the old one only at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Characters that JSON leaves as they are but YAML reads as line breaks (U+0085, U+2028,
#: U+2029): escaped, so JSON written for a YAML reader (the engine's config, front matter)
#: always parses.
YAML_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


@dataclass(frozen=True)
class StagedFile:
    path: str
    text: str


@contextmanager
def staging_area(site_dir: Path) -> Iterator[Path]:
    """A scratch folder beside ``site_dir`` (same file system), removed afterwards."""
    parent = site_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_docs(docs: Path, content_dir: Path, files: list[StagedFile]) -> None:
    """A docs folder: a copy of the hand-written pages, then the generated files."""
    if content_dir.is_dir():
        shutil.copytree(content_dir, docs)
    for staged in files:
        target = docs / staged.path
        if target.exists():
            raise FileExistsError(f"content/ already has {staged.path}, a generated page")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(staged.text, encoding="utf-8")


def sync_docs(docs: Path, content_dir: Path, files: list[StagedFile]) -> int:
    """Bring a docs folder up to date, touching only files whose text changed (so the engine
    can tell which pages to rebuild); returns how many changed."""
    wanted = {f.path: f.text for f in files}
    if content_dir.is_dir():
        for page in content_dir.rglob("*"):
            if page.is_file():
                wanted.setdefault(page.relative_to(content_dir).as_posix(),
                                  page.read_text(encoding="utf-8"))
    changed = 0
    for relative, text in wanted.items():
        target = docs / relative
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed += 1
    for stale in [p for p in docs.rglob("*") if p.is_file()]:
        if stale.relative_to(docs).as_posix() not in wanted:
            stale.unlink()
            changed += 1
    return changed


def write_config(path: Path, settings: dict[str, Any]) -> None:
    """The engine's config, as JSON (which every YAML reader accepts)."""
    text = json.dumps(settings, indent=2, ensure_ascii=False).translate(YAML_LINE_BREAKS)
    path.write_text(text + "\n", encoding="utf-8")


def replace_tree(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, as close to atomically as folders allow."""
    if not target.exists():
        new.rename(target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
