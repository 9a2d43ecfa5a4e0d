"""The engine's own process started before its staged tree is ready.

``findings build`` checks the data and stages the pages on one core for its first seconds; a
Python process that loads the site engine (its modules: a second of start-up) can do so on
the other one meanwhile. ``WaitingEngine`` starts ``python -m findings.engine --wait``, which
loads the engine and waits for one line on its standard input: the staged config to build
(and the build's date, ``SOURCE_DATE_EPOCH``, which the builder sets only once the data is
read), or nothing (the end of its input), which ends it without a build.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

#: The engine's argument that makes it wait for its tree (``waited_arguments``).
WAIT = "--wait"


class WaitingEngine:
    """The engine's process, loading while the tree is staged: ``run`` hands it the tree
    and waits for its end; ``stop`` ends it unused (the check failed, say)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "findings.engine", WAIT], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def run(self, config_file: Path, quiet: bool) -> tuple[int, str, str]:
        """Build ``config_file``; the process's exit status, standard output and error."""
        request = json.dumps([str(config_file), quiet, os.environ.get("SOURCE_DATE_EPOCH")])
        out, err = self.process.communicate(request + "\n")
        return self.process.returncode, out, err

    def stop(self) -> None:
        """End the process if it was never given a tree (its input closed: it builds
        nothing); nothing to do once it has built."""
        if self.process.returncode is None:
            self.process.communicate("")


def waited_arguments() -> list[str] | None:
    """In the waiting process, the engine loaded: the build's arguments as the command line
    would give them (``CONFIG [--quiet]``), its date put in the environment; ``None`` if
    its input ended with no tree."""
    line = sys.stdin.readline()
    if not line.strip():
        return None
    config, quiet, date = json.loads(line)
    if date is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(date)
    return [str(config)] + ["--quiet"] * bool(quiet)
