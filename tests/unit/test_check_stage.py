"""The check stage runs one way: each check takes what it needs and returns its problems, so
its result does not depend on what was checked before it; the checked data is made once."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from findings.data import read_data
from findings.discover import discover_files
from findings.guards import check_published

Make = Callable[[Mapping[str, str | None]], Path]
RECORD = "quotes: [gone, q-one]\n"


def test_the_published_guard_judges_only_what_it_is_given(data_folder: Make) -> None:
    folder = data_folder({"published.yml": RECORD})
    files = discover_files(folder, "data")
    missing = check_published(files, {"quotes": {"q-one"}})
    assert [(p.line, p.item_id, p.field) for p in missing] == [(1, "gone", "quotes[0]")]
    # A kind whose files could not all be read is said so, not inferred from other problems.
    assert check_published(files, {"quotes": {"q-one"}}, incomplete={"quotes"}) == []
    assert check_published(files, {"quotes": {"q-one", "gone"}}) == []


def test_the_checked_data_is_made_once_and_not_changed_after(data_folder: Make) -> None:
    data = read_data(data_folder({"published.yml": RECORD}), "data")
    assert [p.item_id for p in data.problems] == ["gone"]
    assert data.incomplete == frozenset()
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.problems = ()  # type: ignore[misc]
    unreadable = read_data(data_folder({"published.yml": RECORD, "quotes/q.yml": "- id: [\n"}),
                           "data")
    assert "quotes" in unreadable.incomplete
    assert all(p.item_id != "gone" for p in unreadable.problems)
