"""The synthetic data is valid, marked synthetic, deterministic and sized as asked.

`make test` collects it (pytest's testpaths). Nothing here measures or asserts a time.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks import synth
from findings.data import read_data
from findings.problems import count_errors


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_folder_passes_the_checks_and_says_it_is_synthetic(tmp_path: Path) -> None:
    manifest = synth.write_folder(tmp_path / "data", 120)
    data = read_data(tmp_path / "data", "data")
    assert [p.format() for p in data.problems] == []
    assert data.study is not None and data.study["synthetic"] is True
    assert len(data.items["quotes"]) == 120 == manifest.quotes
    assert len(data.items["themes"]) == 8
    assert len(data.items["recommendations"]) == synth.recommendation_count(120) == 6


def test_texts_have_realistic_lengths_and_some_optional_fields(tmp_path: Path) -> None:
    synth.write_folder(tmp_path, 400)
    quotes = read_data(tmp_path, "data").items["quotes"]
    lengths = [len(q.values["text"]) for q in quotes]
    assert min(lengths) >= synth.TEXT_MIN and max(lengths) <= synth.TEXT_MAX
    for field in ("context", "content_note", "tags"):
        assert 0 < sum(field in q.values for q in quotes) < len(quotes)
    assert {q.values["kind"] for q in quotes} == {"participant", "finding"}


def test_the_same_size_and_seed_give_the_same_files(tmp_path: Path) -> None:
    synth.write_folder(tmp_path / "a", 50)
    synth.write_folder(tmp_path / "b", 50)
    synth.write_folder(tmp_path / "c", 50, seed=1)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_recommendations_are_capped(tmp_path: Path) -> None:
    assert synth.recommendation_count(10_000) == synth.recommendation_count(50_000) == 200


def test_an_edit_changes_one_quote_and_stays_valid(tmp_path: Path) -> None:
    manifest = synth.write_folder(tmp_path, 60)
    quote = manifest.sample_quote
    synth.edit_quote_text(tmp_path, manifest.quote_files[quote], quote, "An edited text " * 8)
    data = read_data(tmp_path, "data")
    assert count_errors(data.problems) == 0
    edited = [q for q in data.items["quotes"] if q.values["text"].startswith("An edited text")]
    assert [q.id for q in edited] == [quote]


def test_the_bulk_shape_has_long_files_more_themes_and_mostly_participants(
        tmp_path: Path) -> None:
    manifest = synth.write_folder(tmp_path, 600, shape=synth.BULK)
    data = read_data(tmp_path, "data")
    assert [p.format() for p in data.problems if p.severity == "error"] == []
    assert len(data.items["themes"]) == 12 == len(manifest.themes)
    assert len(data.items["recommendations"]) == 40 == manifest.recommendations
    quote_files = sorted(p.name for p in (tmp_path / "quotes").rglob("*.yml"))
    assert quote_files == ["part-001.yml", "part-002.yml"]  # 500 + 100, in one folder
    participants = [q for q in data.items["quotes"] if q.values["kind"] == "participant"]
    assert len(participants) > 0.9 * 600
    assert all(q.values.get("consent") and q.values.get("participant") for q in participants)
