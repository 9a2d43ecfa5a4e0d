"""The model and the page plan of the checked data, made once for the check and the build.

Checking the hand-written pages needs the pages the build will generate (a link must lead to
one), so the check builds the model and plans the pages; ``build`` and the preview then need
the same model and plan. Each is kept for the last data (or model) it was made from, the
very object, and made again for any other: at 10,000 quotes, each costs a second.
"""

from __future__ import annotations

from findings.by_object import ByObject
from findings.data import CheckedData
from findings.drafts import is_draft
from findings.model import Findings, Remade, build_model
from findings.pages import Page, plan_pages


class _Kept:
    """The last model made (from which data, drafts in or not), and the last plan (from
    which model)."""

    model: tuple[CheckedData, bool, Findings] | None = None
    pages: tuple[Findings, list[Page]] | None = None
    #: The items' model objects, reused by the next model for the items that did not change.
    remade = Remade()
    #: The quotes' page entries, reused by the next plan for the quotes that did not change.
    quote_pages: ByObject[Page] = ByObject()


_KEPT = _Kept()


def model_of(data: CheckedData, drafts: bool = False) -> Findings:
    """``build_model(data, drafts)``, kept for the last data: data without drafts has one
    model, drafts shown (the preview) or not (the check)."""
    drafts = drafts and any(is_draft(item) for items in data.items.values() for item in items)
    kept = _KEPT.model
    if kept is None or kept[0] is not data or kept[1] != drafts:
        kept = _KEPT.model = (data, drafts, build_model(data, drafts, _KEPT.remade))
    return kept[2]


def pages_of(findings: Findings) -> list[Page]:
    """``plan_pages(findings)``, kept for the last model (which no one changes once made)."""
    kept = _KEPT.pages
    if kept is None or kept[0] is not findings:
        kept = _KEPT.pages = (findings, plan_pages(findings, _KEPT.quote_pages))
    return kept[1]
