"""Fuzzing ``findings check`` with Hypothesis: whatever the data folder holds, the command ends
with exit 0 or 1, never a traceback, and every line it prints on standard error is a problem
in the contract's form, ``FILE:LINE:COLUMN: error|warning: ...``, about a real file of the
folder at a real position in it, on one line (control characters shown escaped).

The command runs in this process (``findings.cli.main``) for speed. A bounded run is part of
the suite (150 examples); ``make fuzz`` runs the long profile (``HYPOTHESIS_PROFILE=long``,
10,200 examples). Hypothesis keeps
no example database (``database=None``): a failure prints its minimal example instead.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import fuzz_strategies as fs
from conftest import OWN_ENV
from findings.cli import main

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
# The suite's run is the same every time (derandomize) and does not shrink a failing example
# (that can take minutes); `make fuzz` explores afresh and shrinks what it finds.
settings.register_profile("suite", max_examples=50, deadline=None, database=None,
                          suppress_health_check=_QUIET, print_blob=True,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate], derandomize=True)
settings.register_profile("long", max_examples=3_400, deadline=None, database=None,
                          suppress_health_check=_QUIET, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (error|warning): .+$")
SUMMARY = re.compile(r"^findings: \S.*$")

pytestmark = pytest.mark.slow


@dataclass
class Checked:
    code: int
    out: str
    err: str


def run_check(root: Path) -> Checked:
    """``findings check --data ROOT`` in this process, its output captured as the real streams
    would write it (standard output strict UTF-8, standard error with backslash escapes)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace",
                           newline="")
    environ = {k: v for k, v in os.environ.items() if k not in OWN_ENV}
    with (mock.patch.dict(os.environ, environ, clear=True), contextlib.redirect_stdout(out),
          contextlib.redirect_stderr(err)):
        code = main(["check", "--data", str(root)])
    return Checked(code, _text(out), _text(err))


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8")


def is_position_in(data: bytes, row: int, column: int) -> bool:
    """Whether a file has that line, and that column in it (or just past its end), its lines
    split at line feeds or, as some editors do, at any of CR LF, CR and LF; a BOM is not a
    character of the first line."""
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    for lines in (text.split("\n"), re.split(r"\r\n|\r|\n", text)):
        if 1 <= row <= len(lines) and 1 <= column <= len(lines[row - 1]) + 1:
            return True
    return False


def wrong_lines(root: Path, err: str) -> list[str]:
    """Every line of standard error that is not a problem about a real place of the folder."""
    wrong = []
    prefix = str(root) + "/"
    for line in err.split("\n")[:-1] if err else []:
        if unprintable(line):
            wrong.append(f"control characters not escaped: {line!r}")
        match = PROBLEM.match(escaped(line))
        if not match or not match["file"].startswith(prefix):
            wrong.append(f"not a problem line: {line!r}")
            continue
        path, row, column = Path(match["file"]), int(match["line"]), int(match["column"])
        if path.is_file():
            if not is_position_in(path.read_bytes(), row, column):
                wrong.append(f"no such position in the file: {line!r}")
        elif (row, column) != (1, 1):
            wrong.append(f"a position in a file that is not there: {line!r}")
    return wrong


def escaped(line: str) -> str:
    return "".join(f"\\u{ord(c):04x}" if c in unprintable(line) else c for c in line)


def unprintable(line: str) -> list[str]:
    """Characters that break a line or a terminal: controls (tab aside), line separators."""
    return [c for c in line if c != "\t" and unicodedata.category(c) in ("Cc", "Zl", "Zp")]


def assert_checked_cleanly(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        root = Path(folder) / "data"
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        checked = run_check(root)
        assert checked.code in (0, 1), checked
        assert wrong_lines(root, checked.err) == []
        errors = [line for line in checked.err.splitlines() if ": error: " in line]
        assert (checked.code == 1) == bool(errors), checked
        assert all(SUMMARY.match(line) for line in checked.out.splitlines()), checked.out


def with_file(name: str, content: bytes) -> dict[str, bytes]:
    files = {n: t.encode() for n, t in fs.BASE.items()}
    return {**files, name: content}


#: Failures the fuzzer found, kept as explicit examples (each its smallest form).
FOUND = {
    "a control character in a key, echoed raw": ("study.yml", '{"\\0": a, "\\0": b}\n'),
    "a line break in a key, a second line": ("quotes/q.yml", '{"\\n": a, "\\n": b}\n'),
    "an unprintable key": ("study.yml", '{abstract: {}, "\\x0b": one}\n'),
    "an integer past 4,300 digits": ("study.yml", fs.BASE["study.yml"].replace("2024", "4" * 4301)),
    "the end of a file with no last line break": ("study.yml", "["),
}


@given(st.sampled_from(fs.PATHS), fs.yaml_text())
@example(*FOUND["a control character in a key, echoed raw"])
@example(*FOUND["a line break in a key, a second line"])
@example(*FOUND["an unprintable key"])
@example(*FOUND["an integer past 4,300 digits"])
@example(*FOUND["the end of a file with no last line break"])
def test_any_yaml_document_anywhere_in_a_folder(name: str, text: str) -> None:
    assert_checked_cleanly(with_file(name, text.encode("utf-8", "surrogatepass")))


@given(fs.data_folders())
def test_any_data_folder(files: dict[str, bytes]) -> None:
    assert_checked_cleanly(files)


@given(st.sampled_from(fs.PATHS), st.binary(max_size=200) | fs.deep_yaml.map(str.encode))
def test_random_bytes_and_deep_nesting(name: str, content: bytes) -> None:
    assert_checked_cleanly(with_file(name, content))


def test_the_oracle_sees_a_bad_line(tmp_path: Path) -> None:
    """The checks above fail for what they are meant to catch (else they would pass anything)."""
    real = tmp_path / "study.yml"
    real.write_text("a: b\n", encoding="utf-8")
    assert wrong_lines(tmp_path, f"{real}:1:5: error: fine\n") == []
    assert wrong_lines(tmp_path, f"{real}:2:1: error: after the last line break\n") == []
    assert len(wrong_lines(tmp_path, f"{real}:3:1: error: past the end\n")) == 1
    assert len(wrong_lines(tmp_path, f"{real}:1:6: error: past the line\n")) == 1
    assert len(wrong_lines(tmp_path, f"{real}:1:1: error: two\nlines\n")) == 1
    assert len(wrong_lines(tmp_path, f"{real}:1:1: error: a \x1b[31m colour\n")) == 1
    assert len(wrong_lines(tmp_path, "Traceback (most recent call last):\n")) == 1
    assert wrong_lines(tmp_path, f"{tmp_path}/themes:1:1: error: none\n") == []
