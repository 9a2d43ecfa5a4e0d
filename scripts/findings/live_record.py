"""The deployed site's own record of what it publishes: ``data/findings.json``.

``published.yml`` only guards what someone remembered to record with ``findings release``.
The site itself cannot forget: every id it serves is in its ``data/findings.json``. So
``findings check --published-from URL_OR_FILE`` (the pull-request workflow passes the live
site's address) also requires every id published there to stay live or be retired in
``redirects.yml``, and ``findings release --published-from`` records them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from pathlib import Path
from typing import Any

from findings.load import MAX_FILE_BYTES
from findings.problems import Problem
from findings.schema import PERMANENT_KINDS

#: Where each kind's items are in findings.json.
SECTIONS = {"themes": ("themes",), "quotes": ("quotes",),
            "recommendations": ("recommendations",),
            "toolkit-questions": ("toolkit", "questions"),
            "toolkit-discussions": ("toolkit", "discussions")}
TIMEOUT_SECONDS = 30


class LiveRecordError(Exception):
    """The record could not be read, or is not a site's findings.json: wrong usage (exit 2)."""


class NotPublishedError(LiveRecordError):
    """Nothing at that address (HTTP 404): the site may never have been deployed."""


def read_live_ids(source: str) -> dict[str, set[str]]:
    """The ids per kind that the site whose ``data/findings.json`` is at ``source`` (an
    http(s) address or a file) publishes."""
    data = _read(source)
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        hint = ("" if source.rstrip("/").endswith(".json") else
                f" (a page? the record is at '{source.rstrip('/')}/data/findings.json')")
        raise LiveRecordError(f"expected a site's data/findings.json at '{source}', found "
                              f"something that is not JSON{hint}") from None
    return {kind: _ids(record, path, source) for kind, path in SECTIONS.items()}


def _read(source: str) -> bytes:
    # urllib only for --published-from: without it, ``check`` starts without it (issue 10.8).
    import urllib.error
    import urllib.request
    try:
        if source.startswith(("https://", "http://")):
            with urllib.request.urlopen(source, timeout=TIMEOUT_SECONDS) as response:
                data: bytes = response.read(MAX_FILE_BYTES + 1)
        else:
            with Path(source).open("rb") as opened:
                data = opened.read(MAX_FILE_BYTES + 1)
    except urllib.error.HTTPError as err:
        if err.code == HTTPStatus.NOT_FOUND:
            raise NotPublishedError(source) from None
        raise LiveRecordError(f"could not read '{source}': HTTP {err.code} {err.reason}") \
            from None
    except (urllib.error.URLError, TimeoutError) as err:
        reason = getattr(err, "reason", err)
        raise LiveRecordError(f"could not read '{source}': {reason}") from None
    except OSError as err:
        raise LiveRecordError(f"could not read '{source}': {err.strerror or err}") from None
    if len(data) > MAX_FILE_BYTES:
        raise LiveRecordError(f"expected a findings.json of at most {MAX_FILE_BYTES:,} bytes "
                              f"at '{source}', found more")
    return data


def _ids(record: Any, path: tuple[str, ...], source: str) -> set[str]:
    section = record
    for key in path:
        section = section.get(key) if isinstance(section, dict) else None
    if not isinstance(section, list) or not all(
            isinstance(item, dict) and isinstance(item.get("id"), str) for item in section):
        raise LiveRecordError(f"expected a site's data/findings.json at '{source}', found no "
                              f"list of {'.'.join(path)} with ids")
    return {item["id"] for item in section}


def not_published(source: str, recorded: str | None = None) -> Problem:
    """Nothing to compare with: a warning before the first deployment; an error, on the
    record, once ``recorded`` (``published.yml``, shown) says a release was published, as
    then the address is wrong (a mistyped FINDINGS_SITE_URL, a renamed repository) and the
    guard would be off in silence."""
    if recorded is not None:
        return Problem(recorded, 1, 1, f"expected the deployed site's data/findings.json at "
                       f"'{source}', found nothing there (HTTP 404), though this file records "
                       "a published release: check the address (FINDINGS_SITE_URL, the "
                       "repository's name)")
    return Problem(source, 1, 1, "expected the deployed site's data/findings.json, found "
                   "nothing there (HTTP 404): before the site's first deployment there is "
                   "nothing to compare with; otherwise check the address", severity="warning")


def check_live(live: Mapping[str, set[str]], kept: Mapping[str, set[str]],
               incomplete: Iterable[str], source: str) -> list[Problem]:
    """Every id the live site publishes is still live, or retired in redirects.yml (``kept``:
    both, per kind); kinds in ``incomplete`` are not judged, as a file that could not be read
    would make its every id look missing."""
    problems: list[Problem] = []
    for kind in PERMANENT_KINDS:
        if kind.name in incomplete:
            continue
        for old in sorted(live.get(kind.name, set()) - kept.get(kind.name, set())):
            problems.append(Problem(
                source, 1, 1,
                f"expected {kind.singular} '{old}', published on the live site, to stay "
                f"published, found no {kind.singular} with that id: restore it, or add "
                f"`{kind.name}: {{{old}: NEW-ID}}` or `{kind.name}: {{{old}: withdrawn}}` "
                "to redirects.yml", old, kind.name))
    return problems
