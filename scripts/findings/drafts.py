"""Drafts: items marked ``draft: true``. The preview shows them; a build, the open data and
``findings release`` leave them out, so a published item must not lean on one."""

from __future__ import annotations

from collections.abc import Iterable

from findings.discover import DataFiles, load_root_file
from findings.load import Mapping, Scalar, Sequence
from findings.problems import Problem
from findings.schema import ITEM_KINDS, PUBLISHED
from findings.validate import Item, Ref


def is_draft(item: Item) -> bool:
    return item.values.get("draft") is True


def without_drafts(items: dict[str, list[Item]]) -> dict[str, list[Item]]:
    """The items that are published: every one not marked ``draft: true``."""
    return {kind: [item for item in found if not is_draft(item)] for kind, found in items.items()}


def check_draft_refs(refs: Iterable[Ref], items: dict[str, list[Item]]) -> list[Problem]:
    """A published item (or the toolkit) that refers to a draft would lose that reference in
    the built site: an error at the reference, with both ways out."""
    drafts = {kind.name: {i.id for i in items.get(kind.name, []) if is_draft(i)}
              for kind in ITEM_KINDS}
    drafting = {(i.file, i.id) for found in items.values() for i in found if is_draft(i)}
    problems = []
    for ref in refs:
        if ref.value not in drafts.get(ref.target, ()) or (ref.file, ref.item_id) in drafting:
            continue
        singular = ref.target.removesuffix("s")
        problems.append(Problem(
            ref.file, ref.mark.line, ref.mark.column,
            f"expected a published {singular}, found '{ref.value}', a draft (draft: true), "
            f"which the built site leaves out: publish it, mark this item as a draft too, or "
            f"remove the reference", ref.item_id, ref.field))
    return problems


def check_published_drafts(items: dict[str, list[Item]], files: DataFiles) -> list[Problem]:
    """An id ``published.yml`` records cannot become a draft: the build would leave it out
    and break its permalink. An error at the item's ``draft`` field."""
    document, _ = load_root_file(files, PUBLISHED.folder)  # its problems: check_published's
    root = document.root if document is not None else None
    problems = []
    for kind in ITEM_KINDS:
        section = root.get(kind.name) if isinstance(root, Mapping) else None
        recorded = {node.rstrip() for node in section if isinstance(node, Scalar)} \
            if isinstance(section, Sequence) else set()
        for item in items.get(kind.name, []):
            if is_draft(item) and item.id in recorded:
                mark = item.node.key_marks.get("draft", item.mark)
                problems.append(Problem(
                    item.file, mark.line, mark.column,
                    f"expected {kind.singular} '{item.id}' to stay published (published.yml "
                    "records it), found draft: true, which would leave it out of the site and "
                    "break its permalink: remove draft: true", item.id, "draft"))
    return problems
