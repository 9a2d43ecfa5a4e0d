"""Reading REFI-QDA files (``findings.qda.read`` and ``project``): positions as the standard
counts them, and every kind of bad file refused with its place named, nothing written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, write_folder
from findings.cli import main
from findings.qda import read
from findings.qda.project import QdaProject, load_project
from qda_files import (
    Code,
    Source,
    guid,
    project_xml,
    realistic_sources,
    write_qdpx,
    write_realistic,
)

REFI = FIXTURES / "refi-qda"


def project_of(path: Path) -> QdaProject:
    found = load_project(str(path))
    assert isinstance(found, QdaProject), [p.format() for p in found]
    return found


def excerpts(path: Path) -> dict[str, str]:
    return {s.guid: s.excerpt for s in project_of(path).selections}


def test_positions_count_code_points_crlf_as_two_and_emoji_as_one(tmp_path: Path) -> None:
    sources = realistic_sources()
    found = excerpts(write_realistic(tmp_path / "p.qdpx", sources))
    for source in sources:
        for selection in source.selections:
            assert found[guid("sel:" + selection.key)] == source.text[selection.start:
                                                                      selection.end]
    # after two CR LF line endings, a non-ASCII letter, dashes and an emoji: exact words
    assert found[guid("sel:1b")] == "Nobody asked where I was from."
    assert sources[0].text.count("\r\n") >= 2 and sources[0].selections[1].start == 98
    assert found[guid("sel:2b")].startswith("We had a group chat")
    emoji_at = sources[1].text.index("😔")
    assert sources[1].selections[1].start > emoji_at  # 2b comes after the emoji
    # UTF-16 would count the emoji as two: the standard's count is one code point
    assert len("😔".encode("utf-16-le")) // 2 == 2 and len("😔") == 1


def test_inline_and_internal_sources_and_cases(tmp_path: Path) -> None:
    project = project_of(write_realistic(tmp_path / "p.qdpx"))
    by_key = {s.guid: s for s in project.selections}
    assert by_key[guid("sel:3a")].excerpt.startswith("Pay people")  # inline source
    assert by_key[guid("sel:3a")].participant == "P03"
    assert by_key[guid("sel:1a")].participant == "P01"  # internal:// source


def test_a_bare_qde_and_a_qdc_codebook(tmp_path: Path) -> None:
    project = project_of(REFI / "inline.qde")
    assert [s.excerpt for s in project.selections] == ["naïve café 🙂 words"]
    codebook = project_of(REFI / "codebook.qdc")
    assert [c.name for c in codebook.codes] == ["Belonging", "Workload"]
    assert [c.name for c in codebook.codes[0].children] == ["Isolation"]
    assert codebook.selections == []


def run_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str], file: Path) -> str:
    data = write_folder(tmp_path / "data", {})
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    code = main(["import", str(file), "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".data-import-*"))
    return err


def simple(tmp_path: Path, text: str = "Hello there, world.", start: int = 0, end: int = 5,
           code: str = "A") -> tuple[str, list[Source]]:
    source = Source("s.txt", text)
    source.select("x", text[start:end] or "H", code)
    source.selections[0].start, source.selections[0].end = start, end
    return project_xml([Code("A")], [source]), [source]


def test_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "p.qdpx"
    bad.write_text("hello")
    err = run_bad(tmp_path, capsys, bad)
    assert f"{bad}:1:1: error: expected a .qdpx file (a zip archive)" in err


def test_no_project_qde(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "p.qdpx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("Sources/s.txt", "text")
    assert "expected project.qde in the archive, found none" in run_bad(tmp_path, capsys, bad)


def test_schema_violation_names_element_and_line(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    xml, sources = simple(tmp_path)
    xml = xml.replace('isCodable="true"', 'isCodable="maybe"')
    err = run_bad(tmp_path, capsys, write_qdpx(tmp_path / "p.qdpx", xml, sources))
    line = next(i for i, text in enumerate(xml.splitlines(), 1) if "maybe" in text)
    assert f"p.qdpx/project.qde:{line}:" in err
    assert "isCodable" in err and "schema" in err


def test_selection_beyond_the_end_of_its_source(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    xml, sources = simple(tmp_path, start=3, end=40)
    err = run_bad(tmp_path, capsys, write_qdpx(tmp_path / "p.qdpx", xml, sources))
    assert "endPosition: expected a position within the source's 19 characters, found 40" in err


def test_missing_source_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xml, _ = simple(tmp_path)
    err = run_bad(tmp_path, capsys, write_qdpx(tmp_path / "p.qdpx", xml, []))
    assert "plainTextPath: expected Sources/s.txt in the archive, found none" in err


def test_undefined_code_guid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xml, sources = simple(tmp_path)
    xml = xml.replace(f'targetGUID="{guid("code:A")}"', f'targetGUID="{guid("nothing")}"')
    err = run_bad(tmp_path, capsys, write_qdpx(tmp_path / "p.qdpx", xml, sources))
    assert f"CodeRef.targetGUID: expected a code the codebook defines, found " \
           f"'{guid('nothing')}'" in err


def test_member_that_leaves_the_archive(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    xml, sources = simple(tmp_path)
    bad = write_qdpx(tmp_path / "p.qdpx", xml, sources, {"../evil.txt": b"x"})
    err = run_bad(tmp_path, capsys, bad)
    assert "expected file names that stay inside the archive, found '../evil.txt'" in err
    xml = xml.replace("internal://s.txt", "internal://../../etc/passwd")
    err = run_bad(tmp_path, capsys, write_qdpx(tmp_path / "q.qdpx", xml, sources))
    assert "expected a source inside the archive" in err


def test_archive_past_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    xml, sources = simple(tmp_path)
    monkeypatch.setattr(read, "MAX_EXPANDED", 100)
    err = run_bad(tmp_path, capsys, write_qdpx(tmp_path / "p.qdpx", xml, sources))
    assert re.search(r"expands to at most 100 bytes, found \d+ bytes", err)  # as declared
    # sizes in the headers can lie: reading stops at the limit all the same
    monkeypatch.setattr(read, "_check_members", lambda archive, shown: None)
    err = run_bad(tmp_path, capsys, write_qdpx(tmp_path / "q.qdpx", xml, sources))
    assert "expected an archive that expands to at most 100 bytes, found more" in err


def test_entities_and_doctypes_refused(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    xml, sources = simple(tmp_path)
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n')
    xml = bomb + xml.split("\n", 1)[1].replace('name="Test project"', 'name="&b;"')
    err = run_bad(tmp_path, capsys, write_qdpx(tmp_path / "p.qdpx", xml, sources))
    assert "expected XML without a document type or entities" in err
    external = xml.replace('<!ENTITY a "aaaaaaaaaa">', '<!ENTITY a SYSTEM "file:///etc/passwd">')
    err = run_bad(tmp_path, capsys, write_qdpx(tmp_path / "q.qdpx", external, sources))
    assert "expected XML without a document type or entities" in err


def test_a_bare_qde_reads_sources_only_below_its_own_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "secret.txt").write_text("not for import", encoding="utf-8")
    folder = tmp_path / "export"
    folder.mkdir()
    xml, _ = simple(tmp_path)
    project = folder / "p.qde"
    project.write_text(xml.replace("internal://s.txt", "../secret.txt"), encoding="utf-8")
    err = run_bad(tmp_path, capsys, project)
    assert "plainTextPath: expected a source path relative to the project file, found " \
           "'../secret.txt'" in err


@pytest.mark.parametrize("link", ["transcript.txt", "notes/transcript.txt"])
def test_a_bare_qde_never_follows_a_link_out_of_its_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], link: str) -> None:
    """A folder received with a project (an unpacked tarball, a clone) may hold a link named
    like a transcript that leads to the importer's own files: never read."""
    (tmp_path / "secret.txt").write_text("ssh-ed25519 AAAA not for import", encoding="utf-8")
    folder = tmp_path / "export"
    (folder / "notes").mkdir(parents=True)
    first, _, rest = link.partition("/")
    if rest:
        (folder / first).rmdir()
        (folder / first).symlink_to(tmp_path)
        link = f"{first}/secret.txt"
    else:
        (folder / link).symlink_to(tmp_path / "secret.txt")
    xml, _ = simple(tmp_path)
    project = folder / "p.qde"
    project.write_text(xml.replace("internal://s.txt", link), encoding="utf-8")
    err = run_bad(tmp_path, capsys, project)
    assert f"plainTextPath: expected a source file inside the project file's folder, found " \
           f"'{link}', a link that leads outside it" in err
    assert "ssh-ed25519" not in err


def test_a_source_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xml, sources = simple(tmp_path)
    bad = write_qdpx(tmp_path / "p.qdpx", xml, [], {"Sources/s.txt": b"caf\xe9 latin-1"})
    err = run_bad(tmp_path, capsys, bad)
    assert "plainTextPath: expected UTF-8 plain text in 'internal://s.txt', found a bad byte " \
           "at offset 3" in err
    assert sources


def test_a_pipe_given_as_the_project_is_refused_not_waited_on(tmp_path: Path) -> None:
    """``check --qdpx`` (and ``import``) read a named pipe or ``/dev/zero`` to its end: forever,
    or until memory ran out. Hang guard only: the refusal takes well under a second."""
    data = write_folder(tmp_path / "data", {})
    pipe = tmp_path / "project.qde"
    os.mkfifo(pipe)
    done = subprocess.run([sys.executable, "-m", "findings", "check", "--data", str(data),
                           "--qdpx", str(pipe)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 1
    assert f"{pipe}:1:1: error: expected a file, found a pipe, socket or device" in done.stderr
