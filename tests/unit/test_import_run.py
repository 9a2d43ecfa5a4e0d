"""``findings import`` end to end on the realistic project (three sources, twenty coded
selections): what it writes, what a person must review, re-imports, ``check --qdpx`` and
``export qdc``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from lxml import etree

from conftest import FIXTURES, run_findings, write_folder
from findings.cli import main
from findings.qda.read import codebook_schema
from qda_files import (
    REALISTIC_CODES,
    guid,
    project_xml,
    realistic_sources,
    write_qdpx,
    write_realistic,
)

Capture = pytest.CaptureFixture[str]
NO_ITEMS = {"themes/one.yml": None, "quotes/q.yml": None, "recommendations/r.yml": None}


def run(capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def imported(tmp_path: Path, capsys: Capture) -> tuple[Path, Path]:
    data = write_folder(tmp_path / "data", NO_ITEMS)
    project = write_realistic(tmp_path / "study.qdpx")
    code, out, err = run(capsys, "import", str(project), "--data", str(data))
    assert code == 0, err
    assert "findings: 24 added, 0 changed, 0 gone" in out  # 4 themes, 20 quotes
    return data, project


def items(data: Path, pattern: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for path in sorted(data.glob(pattern)):
        found += yaml.safe_load(path.read_text(encoding="utf-8"))
    return found


def quotes(data: Path) -> dict[str, dict[str, object]]:
    return {str(q["origin"]): q for q in items(data, "quotes/*.yml")}


def test_first_import_maps_codes_to_themes_and_selections_to_quotes(
        imported: tuple[Path, Path]) -> None:
    data, _ = imported
    themes = items(data, "themes/*.yml")
    assert [(t["id"], t["number"], t["title"]) for t in themes] == [
        ("belonging", 1, "Belonging"), ("minority-tax", 2, "Minority tax"),
        ("mentorship", 3, "Mentorship"), ("recommendations", 4, "Recommendations")]
    assert themes[0]["description"] == "Whether residents feel they are part of their program."
    by_origin = quotes(data)
    assert len(by_origin) == 20
    two_codings = by_origin[guid("sel:1e")]  # Translation (minority tax) and Belonging
    assert two_codings["themes"] == ["belonging", "minority-tax"]
    nested = by_origin[guid("sel:1c")]  # Role models, under Mentorship
    assert nested["themes"] == ["mentorship"]
    assert nested["participant"] == "P01" and nested["kind"] == "participant"
    assert "consent" not in nested and str(nested["speaker"]).startswith("TODO")
    assert nested["source"] == "interview-01.txt, characters 135-204"
    emoji = by_origin[guid("sel:2a")]
    assert emoji["text"] == "was mispronounced for a year 😔 and I stopped correcting it."
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", str(emoji["checksum"]))
    # overlapping selections are two quotes
    assert by_origin[guid("sel:1g")]["text"] == "the translator for the whole floor"


def test_check_names_every_field_left_for_a_person(imported: tuple[Path, Path]) -> None:
    data, _ = imported
    done = run_findings("check", "--data", str(data))
    assert done.code == 1
    errors = [line for line in done.err.splitlines() if ": error: " in line]
    assert sum("consent: expected" in e for e in errors) == 20
    assert sum("speaker: expected real content, found a placeholder" in e for e in errors) == 20
    assert sum("summary: expected real content" in e for e in errors) == 4
    assert sum("description: expected real content" in e for e in errors) == 2
    assert len(errors) == 46


def fill_review_fields(data: Path) -> None:
    """What a reviewer does: a speaker and consent per quote, a summary per theme."""
    for path in data.glob("**/imported*.yml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("speaker: 'TODO: one of study.yml''s speakers'",
                            "speaker: Participant\n  consent: consented")
        text = re.sub(r"summary: 'TODO.*'", "summary: A finding in one sentence.", text)
        text = text.replace("description: 'TODO: the theme explained'",
                            "description: Explained by a person.")
        path.write_text(text, encoding="utf-8")


@pytest.mark.engine
def test_after_review_it_checks_builds_and_publishes_no_origin(
        imported: tuple[Path, Path], tmp_path: Path) -> None:
    data, _ = imported
    fill_review_fields(data)
    done = run_findings("build", "--data", str(data), "--site-dir", str(tmp_path / "site"))
    assert done.code == 0, done.err
    published = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                          for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert "was mispronounced for a year" in published
    for origin, quote in quotes(data).items():
        assert origin not in published
        assert str(quote["checksum"]).removeprefix("sha256:") not in published
    assert "P01" not in published  # participant codes stay internal


def test_second_identical_run_changes_nothing(imported: tuple[Path, Path],
                                              capsys: Capture) -> None:
    data, project = imported
    before = snapshot(data)
    code, out, _ = run(capsys, "import", str(project), "--data", str(data))
    assert code == 0
    assert "0 added, 0 changed, 0 gone; no file changed" in out
    assert snapshot(data) == before


def test_reimport_keeps_ids_and_person_fields(imported: tuple[Path, Path], tmp_path: Path,
                                              capsys: Capture) -> None:
    data, _ = imported
    fill_review_fields(data)
    path = data / "quotes" / "imported-belonging.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  consent: consented\n", "  consent: consented\n  context: Asked about week one.\n"
        "  tags: [first-weeks]\n", 1), encoding="utf-8")
    ids = {o: q["id"] for o, q in quotes(data).items()}
    order = [q["id"] for q in items(data, "quotes/imported-belonging.yml")]
    edited = quotes(data)[guid("sel:1a")]
    assert edited["context"] == "Asked about week one."
    # the newer export: a transcript edit, a new selection, one selection gone, a renamed code
    sources = realistic_sources()
    sources[0].text = sources[0].text.replace("Honestly, I felt", "Honestly... I felt")
    sources[0].selections = []  # 1b-1g gone, 1a shortened, 1h new
    for key, phrase, codes in (("1a", "I felt like a guest in my own program", ["Isolation"]),
                               ("1h", "Interviewer: And the workload?", ["Committees"])):
        sources[0].select(key, phrase, *codes)
    newer = write_realistic(tmp_path / "newer.qdpx", sources)
    code, out, err = run(capsys, "import", str(newer), "--data", str(data))
    assert code == 0, err
    after = quotes(data)
    assert {o: q["id"] for o, q in after.items() if o in ids} == ids  # ids kept
    kept = after[guid("sel:1a")]
    assert kept["text"] == "I felt like a guest in my own program"
    assert kept["source"] == "interview-01.txt, characters 61-98"  # two characters more before it
    assert (kept["context"], kept["tags"], kept["consent"], kept["speaker"]) == (
        "Asked about week one.", ["first-weeks"], "consented", "Participant")
    assert f"changed: quote {ids[guid('sel:1a')]}: text, source, checksum" in out
    assert "added: quote minority-tax-5 (interview-01.txt, characters" in out
    assert f"gone: quote {ids[guid('sel:1b')]}" in out
    assert guid("sel:1b") in after  # never deleted
    # gone quotes stay where they were: the diff shows only what changed
    assert [q["id"] for q in items(data, "quotes/imported-belonging.yml")] == order


def test_data_folder_untouched_when_the_file_is_bad(imported: tuple[Path, Path],
                                                    capsys: Capture, tmp_path: Path) -> None:
    data, _ = imported
    before = snapshot(data)
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"PK\x03\x04 broken")
    code, _, err = run(capsys, "import", str(bad), "--data", str(data))
    assert code == 1 and "error:" in err
    assert snapshot(data) == before


def test_theme_code_option_picks_the_themes(tmp_path: Path, capsys: Capture) -> None:
    data = write_folder(tmp_path / "data", NO_ITEMS)
    project = write_realistic(tmp_path / "study.qdpx")
    code, out, _ = run(capsys, "import", str(project), "--data", str(data),
                       "--theme-code", "Isolation", "--theme-code", "Mentorship")
    assert code == 0
    assert [t["id"] for t in items(data, "themes/*.yml")] == ["isolation", "mentorship"]
    assert "left out: 12 coded selection(s) under no theme code" in out
    code, _, err = run(capsys, "import", str(project), "--data", str(data),
                       "--theme-code", "Nothing")
    assert code == 2 and "--theme-code 'Nothing': expected one code" in err


def test_check_qdpx_reports_a_quote_that_no_longer_matches(
        imported: tuple[Path, Path], capsys: Capture) -> None:
    data, project = imported
    fill_review_fields(data)
    assert run(capsys, "check", "--data", str(data), "--qdpx", str(project))[0] == 0
    path = data / "quotes" / "imported-belonging.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "text: Nobody asked where I was from.", "text: Nobody ever asked where I was from."),
        encoding="utf-8")
    code, _, err = run(capsys, "check", "--data", str(data), "--qdpx", str(project))
    assert code == 1
    assert re.search(r"imported-belonging\.yml:\d+:\d+: error: \[belonging-2\] text: expected "
                     r"the excerpt verbatim, found a text that differs from its source", err)


def test_export_qdc_is_a_valid_codebook_and_reimports_with_ids_kept(
        imported: tuple[Path, Path], tmp_path: Path, capsys: Capture) -> None:
    data, _ = imported
    fill_review_fields(data)
    out_file = tmp_path / "themes.qdc"
    code, _, err = run(capsys, "export", "qdc", "--data", str(data), "--output", str(out_file))
    assert code == 0, err
    root = etree.parse(str(out_file)).getroot()
    assert codebook_schema().validate(root), codebook_schema().error_log
    assert [c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")] == [
        "Belonging", "Minority tax", "Mentorship", "Recommendations"]
    before = snapshot(data)
    themes = items(data, "themes/*.yml")
    code, out, _ = run(capsys, "import", str(out_file), "--data", str(data))
    assert code == 0 and "0 added, 0 changed, 0 gone" in out
    assert items(data, "themes/*.yml") == themes  # the same ids, numbers and fields
    after = snapshot(data)
    assert {k: v for k, v in after.items() if k.startswith("quotes/")} == {
        k: v for k, v in before.items() if k.startswith("quotes/")}


def test_a_codebook_alone_makes_themes(tmp_path: Path, capsys: Capture) -> None:
    data = write_folder(tmp_path / "data", {})
    code, out, _ = run(capsys, "import", str(FIXTURES / "refi-qda" / "codebook.qdc"),
                       "--data", str(data))
    assert code == 0
    themes = items(data, "themes/imported.yml")
    assert [(t["id"], t["number"]) for t in themes] == [("belonging", 2), ("workload", 3)]
    assert themes[0]["origin"] == "7b3e2c10-5d4a-4b8e-9f21-0a1b2c3d4e51"
    assert "2 added" in out


def test_import_reports_overlaps_and_runs_the_disclosure_guard(tmp_path: Path,
                                                               capsys: Capture) -> None:
    data = write_folder(tmp_path / "data", NO_ITEMS)
    sources = realistic_sources()
    sources[2].text += "P03: Write to me at jo.doe@example.org if you want.\n"
    sources[2].select("3h", "Write to me at jo.doe@example.org", "Belonging")
    code, out, err = run(capsys, "import", str(write_realistic(tmp_path / "p.qdpx", sources)),
                         "--data", str(data))
    assert code == 0
    assert re.search(r"note: quotes belonging-\d+ and minority-tax-\d+ overlap in "
                     r"interview-01\.txt", out)
    assert re.search(r"imported-belonging\.yml:\d+:\d+: warning: \[belonging-\d+\] text: "
                     r"expected no contact details, found the e-mail address", err), err


def test_recoded_quotes_move_files_and_a_renamed_code_renames_its_theme(
        imported: tuple[Path, Path], tmp_path: Path, capsys: Capture) -> None:
    data, _ = imported
    fill_review_fields(data)
    ids = {o: q["id"] for o, q in quotes(data).items()}
    sources = realistic_sources()
    for selection in sources[2].selections:
        if selection.codes == ["Recommendations"]:
            selection.codes = ["Community"]  # 3b and 3c now illustrate belonging
    newer = tmp_path / "newer.qdpx"
    xml = project_xml(REALISTIC_CODES, sources, "Belonging study").replace(
        'name="Mentorship"', 'name="Mentoring"')
    write_qdpx(newer, xml, sources)
    code, out, err = run(capsys, "import", str(newer), "--data", str(data))
    assert code == 0, err
    assert "changed: theme mentorship: title" in out
    themes = {t["id"]: t for t in items(data, "themes/*.yml")}
    assert themes["mentorship"]["title"] == "Mentoring"
    assert themes["mentorship"]["summary"] == "A finding in one sentence."  # a person's
    assert not (data / "quotes" / "imported-recommendations.yml").exists()  # all moved out
    moved = quotes(data)[guid("sel:3b")]
    assert moved["id"] == ids[guid("sel:3b")] and moved["themes"] == ["belonging"]
    assert moved["consent"] == "consented"
    assert run_findings("check", "--data", str(data)).code == 0


def test_check_qdpx_reports_a_source_changed_since_import(
        imported: tuple[Path, Path], tmp_path: Path, capsys: Capture) -> None:
    data, _ = imported
    fill_review_fields(data)
    sources = realistic_sources()
    sources[1].text = sources[1].text.replace("Sometimes I wondered", "Sometimes I wondrd")
    newer = write_realistic(tmp_path / "newer.qdpx", sources)
    code, _, err = run(capsys, "check", "--data", str(data), "--qdpx", str(newer))
    assert code == 1
    assert re.search(r"error: \[belonging-\d+\] checksum: expected the excerpt recorded at "
                     r"import, found that its source changed", err)


def test_a_codebook_only_project(tmp_path: Path, capsys: Capture) -> None:
    data = write_folder(tmp_path / "data", NO_ITEMS)
    project = tmp_path / "codes.qde"
    project.write_text(project_xml(REALISTIC_CODES, []), encoding="utf-8")
    code, out, _ = run(capsys, "import", str(project), "--data", str(data))
    assert code == 0 and "4 added, 0 changed, 0 gone" in out
    assert not (data / "quotes").exists()


def test_a_broken_data_file_stops_the_import(tmp_path: Path, capsys: Capture) -> None:
    data = write_folder(tmp_path / "data", {"quotes/q.yml": "- id: [unclosed\n"})
    before = snapshot(data)
    code, _, err = run(capsys, "import", str(write_realistic(tmp_path / "p.qdpx")),
                       "--data", str(data))
    assert code == 1 and "quotes/q.yml:" in err and "nothing written" in err
    assert snapshot(data) == before


def test_import_uses_the_deny_list_from_the_environment(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data", NO_ITEMS)
    deny = tmp_path / "deny.txt"
    deny.write_text("affinity group\n", encoding="utf-8")
    done = run_findings("import", str(write_realistic(tmp_path / "p.qdpx")), "--data",
                        str(data), env={"FINDINGS_DENY_LIST": str(deny)})
    assert done.code == 0, done.err
    assert re.search(r"warning: \[belonging-\d+\] text: .*affinity group", done.err), done.err


def test_names_in_the_project_cannot_forge_a_line_of_the_report(tmp_path: Path,
                                                                  capsys: Capture) -> None:
    """A code or document name holding a line break (``&#10;`` in the XML) is shown escaped:
    it can neither add a line to the report nor a GitHub workflow command (``::error``)."""
    data = write_folder(tmp_path / "data", {})
    text = (FIXTURES / "refi-qda" / "inline.qde").read_text(encoding="utf-8")
    text = text.replace('name="Theme A"', 'name="Theme A&#10;::error file=x::forged&#13;"')
    text = text.replace('name="note"', 'name="note&#10;added: quote fake"')
    qde = tmp_path / "evil.qde"
    qde.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(qde), "--data", str(data))
    assert code == 0
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "added", "added", "findings", "findings"]
    assert "(code 'Theme A\\n::error file=x::forged\\r')" in out
    assert "(note\\nadded: quote fake, characters 6-24)" in out


@pytest.mark.parametrize("link", ["quotes", "quotes/imported-theme-a.yml"])
def test_import_never_writes_through_a_link_out_of_the_data_folder(
        tmp_path: Path, capsys: Capture, link: str) -> None:
    """A kind folder or an import file that is a link leading elsewhere is an error: the
    import used to write its quotes into the folder the link led to, replacing a file there."""
    data = write_folder(tmp_path / "data", {"quotes/q.yml": None,
                                            "recommendations/r.yml": None})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "imported-theme-a.yml").write_text("someone else's file")
    if link == "quotes":
        (data / "quotes").symlink_to(elsewhere)
    else:
        (data / "quotes").mkdir()
        (data / link).symlink_to(elsewhere / "imported-theme-a.yml")
    code, _, err = run(capsys, "import", str(FIXTURES / "refi-qda" / "inline.qde"),
                         "--data", str(data))
    assert code == 1
    assert f"{data / link}:1:1: error: expected a " in err
    assert "found a link that leads outside it: not read" in err
    assert [p.name for p in elsewhere.iterdir()] == ["imported-theme-a.yml"]
    assert (elsewhere / "imported-theme-a.yml").read_text() == "someone else's file"
    assert not (data / "themes" / "imported.yml").exists()


@pytest.mark.parametrize("output", ["{tmp}", "{tmp}/missing/themes.qdc"])
def test_export_to_a_place_it_cannot_write_is_one_line(tmp_path: Path, capsys: Capture,
                                                       output: str) -> None:
    data = write_folder(tmp_path / "data", {})
    target = output.format(tmp=tmp_path)
    code, out, err = run(capsys, "export", "qdc", "--data", str(data), "--output", target)
    assert code == 2
    assert out == ""
    assert err.startswith(f"findings: error: --output '{target}' cannot be written: ")
    assert len(err.splitlines()) == 1
