"""Drafts: items marked ``draft: true``. The preview shows them; a build, the open data and
``findings release`` leave them out, so a published item must not lean on one."""

from __future__ import annotations

from collections.abc import Iterable

from findings.problems import Problem
from findings.schema import ITEM_KINDS
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
