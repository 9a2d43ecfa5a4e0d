"""Maintainers' commands: ``findings release`` records what is published, ``findings new``
prints a skeleton to start an item from, ``findings schemas`` writes the editors' schemas for
one study."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import yaml

from findings.commands import (
    CONTENT_ERRORS,
    OK,
    CheckOptions,
    UsageError,
    check_data,
    data_root,
)
from findings.data import CheckedData, Redirects, read_data
from findings.discover import DataFiles, load_root_file, root_file
from findings.drafts import without_drafts
from findings.guards import recorded
from findings.jsonschema import STUDY_SCHEMAS, study_schemas, write_schemas
from findings.new import KINDS, render_skeleton
from findings.schema import PERMANENT_KINDS, PUBLISHED
from findings.validate import Item

RECORD_HEADER = """\
# Every id this site has published, per kind: written by `findings release`; do not edit.
# `findings check` fails when one of these is neither a live id nor retired in redirects.yml.
"""


def run_release(options: CheckOptions) -> int:
    """Validate (as ``check`` does), then write ``published.yml``: a recorded id can only be
    retired through redirects.yml from then on. Drafts are not published: not recorded."""
    checked = check_data(options)
    if not checked.ok:
        return CONTENT_ERRORS
    data = checked.data
    record = release_record(data.files, without_drafts(data.items), data.redirects,
                            checked.live_ids)
    path = write_record(data.files, record)
    counts = ", ".join(f"{len(ids)} {kind}" for kind, ids in record.items())
    print(f"findings: recorded {counts} in {data.files.shown(path)}")
    return OK


def run_new(kind_name: str, data_argument: str) -> int:
    """Print a skeleton with an id unused by any live, retired or recorded item."""
    kind = KINDS[kind_name]
    data = read_data(data_root(data_argument), data_argument)
    taken = set(_taken(data).get(kind.name, []))
    print(render_skeleton(kind, data, taken), end="")
    return OK


def _taken(data: CheckedData) -> dict[str, list[str]]:
    return release_record(data.files, data.items, data.redirects, {})


def run_schemas(data_argument: str) -> int:
    """Write this study's schemas into ``DIR/.schemas/`` (not data: a dot-folder), whatever
    problems the data has: an editor helps most while they are being fixed."""
    root = data_root(data_argument)
    folder = root / STUDY_SCHEMAS
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UsageError(f"'{folder}' is not a folder of its own: move it away first")
    data = read_data(root, data_argument)
    schemas = study_schemas(data)
    write_schemas(folder, schemas)
    print(f"findings: wrote {len(schemas)} schemas into {data.files.shown(folder)}")
    return OK


def release_record(files: DataFiles, items: Mapping[str, list[Item]], redirects: Redirects,
                   live_ids: Mapping[str, set[str]]) -> dict[str, list[str]]:
    """What ``findings release`` records: the ids recorded before, every live id (of the
    data, and of the deployed site, ``live_ids``), and every retired id (its permalink is
    published too), per kind, sorted."""
    document, _ = load_root_file(files, PUBLISHED.folder)
    record = {}
    for kind in PERMANENT_KINDS:
        ids = {node.rstrip() for _, node in recorded(document, kind)} if document else set()
        ids |= {item.id for item in items.get(kind.name, [])} | live_ids.get(kind.name, set())
        ids |= set(redirects.get(kind.name, {}))
        if ids:
            record[kind.name] = sorted(ids)
    return record


def write_record(files: DataFiles, record: dict[str, list[str]]) -> Path:
    """Write the record in place of the old one, all at once; return its path."""
    path = root_file(files, PUBLISHED.folder, []) or files.root / f"{PUBLISHED.folder}.yml"
    text = RECORD_HEADER + yaml.safe_dump(record, sort_keys=False, default_flow_style=False)
    # A new file of its own (O_EXCL), never one that is there already: a link put in its
    # place would have the record written wherever it leads.
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".new", dir=path.parent)
    with os.fdopen(descriptor, "w", encoding="utf-8") as temporary:
        temporary.write(text)
    Path(name).chmod(0o644)  # mkstemp's 0600 would hide the record from the rest of a team
    Path(name).replace(path)
    return path
