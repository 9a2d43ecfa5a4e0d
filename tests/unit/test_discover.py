"""Only what lies inside the data folder is read; what cannot be read is a contract error."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from findings.cli import main
from findings.data import read_data

Make = Callable[[Mapping[str, str | None]], Path]
SECRET = "ghp_SECRETTOKEN0123456789"


def _check(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", "--data", str(folder)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert SECRET not in out + err
    return code, err.splitlines()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A credentials file outside the data folder, shaped like a quote file."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "q.yml").write_text(f"- id: leaked\n  text: {SECRET}\n  kind: finding\n"
                                   "  speaker: Study authors\n  themes: [one]\n  source: x\n")
    return outside


@pytest.mark.parametrize("link", ["quotes/leak.yml", "quotes/sub", "quotes", "study.yml"])
def test_a_link_leading_outside_the_data_folder_is_refused_unread(
        link: str, data_folder: Make, secret: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = data_folder({"quotes/q.yml": None} if link == "quotes" else {})
    target = secret / "q.yml" if link.endswith(".yml") else secret
    if link == "study.yml":
        (folder / "study.yml").unlink()
    (folder / link).symlink_to(target)
    code, lines = _check(folder, capsys)
    assert code == 1
    what = "file" if link.endswith(".yml") else "folder"
    assert f"{folder}/{link}:1:1: error: expected a {what} inside the data folder, found a " \
        "link that leads outside it: not read" in lines


def test_the_leaked_text_is_not_published(data_folder: Make, secret: Path) -> None:
    folder = data_folder({})
    (folder / "quotes" / "leak.yml").symlink_to(secret / "q.yml")
    data = read_data(folder, str(folder))
    assert "leaked" not in {item.id for item in data.items["quotes"]}


def test_links_inside_the_data_folder_are_followed_once(
        data_folder: Make, capsys: pytest.CaptureFixture[str]) -> None:
    folder = data_folder({"quotes/q.yml": None, "shared/q.yml": """
        - id: q-one
          text: Words of a finding.
          kind: finding
          speaker: Study authors
          themes: [one]
          source: "abstract: results"
    """})
    (folder / "quotes").mkdir()
    (folder / "quotes" / "q.yml").symlink_to(folder / "shared" / "q.yml")
    (folder / "quotes" / "loop").symlink_to(folder / "quotes")
    assert _check(folder, capsys)[0] == 0


def test_dot_files_and_dot_folders_are_not_data(
        data_folder: Make, capsys: pytest.CaptureFixture[str]) -> None:
    folder = data_folder({"quotes/.q.yml.swp.yml": "[unclosed\n",
                          "themes/.git/HEAD.yml": "not: [data\n",
                          ".hidden/themes/x.yml": "{oops\n"})
    (folder / "quotes" / ".#q.yml").symlink_to("root@host.1234:1700000000")  # an Emacs lock
    assert _check(folder, capsys)[0] == 0


def test_a_named_pipe_is_refused_without_waiting_on_it(
        data_folder: Make, capsys: pytest.CaptureFixture[str]) -> None:
    folder = data_folder({})
    os.mkfifo(folder / "quotes" / "pipe.yml")
    code, lines = _check(folder, capsys)
    assert code == 1
    assert f"{folder}/quotes/pipe.yml:1:1: error: expected a file, found a named pipe" in lines


def _refuse(monkeypatch: pytest.MonkeyPatch, name: str, path: Path) -> None:
    """Make ``os.NAME`` fail with PermissionError for ``path`` only. Tests run as root, who may
    read anything, so an unreadable file or folder is simulated in-process."""
    real = getattr(os, name)

    def refused(target: object, *args: object, **kwargs: object) -> object:
        if os.fspath(target) == str(path):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(path))
        return real(target, *args, **kwargs)

    monkeypatch.setattr(os, name, refused)


def test_an_unreadable_file_is_a_contract_error(
        data_folder: Make, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = data_folder({})
    _refuse(monkeypatch, "open", folder / "quotes" / "q.yml")
    code, lines = _check(folder, capsys)
    assert code == 1
    assert f"{folder}/quotes/q.yml:1:1: error: expected a file the build can read, found one " \
        "it may not open (permission denied)" in lines


def test_an_unreadable_folder_is_a_contract_error_not_a_silent_skip(
        data_folder: Make, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = data_folder({"quotes/more/extra.yml": None})
    (folder / "quotes" / "more").mkdir()
    _refuse(monkeypatch, "scandir", folder / "quotes" / "more")
    code, lines = _check(folder, capsys)
    assert code == 1
    assert f"{folder}/quotes/more:1:1: error: expected a folder the build can read, found one " \
        "it cannot list (permission denied)" in lines


def test_a_file_removed_while_being_read_is_a_contract_error(
        data_folder: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    """As when `git checkout` or an editor removes a file between listing and reading."""
    import findings.data
    import findings.discover
    folder = data_folder({})
    discover = findings.discover.discover_files

    def discover_then_remove(root: Path, argument: str) -> object:
        found = discover(root, argument)
        (folder / "quotes" / "q.yml").unlink()
        return found

    monkeypatch.setattr(findings.data, "discover_files", discover_then_remove)
    data = read_data(folder, "data")
    assert "data/quotes/q.yml:1:1: error: expected a file the build can read, found none " \
        "(removed or renamed while being read)" in [p.format() for p in data.problems]


@pytest.mark.parametrize("name", ["published.yml", "study.yml", "redirects.yaml"])
def test_a_folder_named_as_a_data_file_is_a_contract_error(
        name: str, data_folder: Make, capsys: pytest.CaptureFixture[str]) -> None:
    folder = data_folder({"study.yml": None} if name == "study.yml" else {})
    (folder / name).mkdir()
    (folder / name / "inside.txt").write_text("kept")
    stem = name.split(".", maxsplit=1)[0]
    for command in ("check", "release"):
        code = main([command, "--data", str(folder)])
        err = capsys.readouterr().err
        assert code == 1
        assert f"{folder}/{name}:1:1: error: expected the {stem} file, found a folder of that " \
            "name" in err.splitlines()
    assert (folder / name / "inside.txt").read_text() == "kept"
