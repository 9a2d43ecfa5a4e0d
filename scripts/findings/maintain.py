"""Maintainers' commands: ``findings release`` records what is published, ``findings new``
prints a skeleton to start an item from, ``findings schemas`` writes the editors' schemas for
one study."""

from __future__ import annotations

import argparse
import dataclasses

from findings.cli import CONTENT_ERRORS, OK, UsageError, check_data, data_root
from findings.data import read_data
from findings.drafts import without_drafts
from findings.guards import release_record, write_record
from findings.jsonschema import STUDY_SCHEMAS, study_schemas, write_schemas
from findings.new import KINDS, render_skeleton


def run_release(args: argparse.Namespace) -> int:
    """Validate (as ``check`` does), then write ``published.yml``: a recorded id can only be
    retired through redirects.yml from then on. Drafts are not published: not recorded."""
    data, ok = check_data(args)
    if not ok or data.files is None:
        return CONTENT_ERRORS
    published = dataclasses.replace(data, items=without_drafts(data.items))
    record = release_record(published, data.files)
    path = write_record(data.files, record)
    counts = ", ".join(f"{len(ids)} {kind}" for kind, ids in record.items())
    print(f"findings: recorded {counts} in {data.files.shown(path)}")
    return OK


def run_new(args: argparse.Namespace) -> int:
    """Print a skeleton with an id unused by any live, retired or recorded item."""
    kind = KINDS[args.kind]
    data = read_data(data_root(args.data), args.data)
    taken = set(release_record(data, data.files).get(kind.name, [])) if data.files else set()
    print(render_skeleton(kind, data, taken), end="")
    return OK


def run_schemas(args: argparse.Namespace) -> int:
    """Write this study's schemas into ``DIR/.schemas/`` (not data: a dot-folder), whatever
    problems the data has: an editor helps most while they are being fixed."""
    root = data_root(args.data)
    folder = root / STUDY_SCHEMAS
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UsageError(f"'{folder}' is not a folder of its own: move it away first")
    data = read_data(root, args.data)
    schemas = study_schemas(data)
    write_schemas(folder, schemas)
    print(f"findings: wrote {len(schemas)} schemas into "
          f"{data.files.shown(root / STUDY_SCHEMAS) if data.files else STUDY_SCHEMAS}")
    return OK
