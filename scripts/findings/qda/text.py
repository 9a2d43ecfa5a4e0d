"""Texts the import makes: a quote's text and checksum from an excerpt, and ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from findings.schema import RESERVED_IDS


def quote_text(excerpt: str) -> str:
    """The quote's ``text`` for an excerpt: line endings as LF, surrounding space trimmed."""
    return excerpt.replace("\r\n", "\n").replace("\r", "\n").strip()


def checksum(excerpt: str) -> str:
    return "sha256:" + hashlib.sha256(excerpt.encode("utf-8")).hexdigest()


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:56].strip("-")


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or with the next free number: never a taken, retired or reserved id."""
    base = re.sub(r"-[0-9]+$", "", wanted) if wanted.endswith("-1") else wanted
    candidate, number = wanted, 1
    while candidate in taken or candidate in RESERVED_IDS:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate
