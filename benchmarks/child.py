"""Run one command in a fresh process; print its wall time, CPU time and peak memory as JSON.

Peak memory is ``ru_maxrss`` of ``getrusage(RUSAGE_CHILDREN)``: this wrapper has exactly one
child, so it is that command's peak resident set (KiB on Linux), untouched by earlier runs.
CPU time is its user + system time (``ru_utime + ru_stime``), which other work on a shared
machine lengthens far less than the wall time.

    python -m benchmarks.child -- .venv/bin/findings build --data DIR --site-dir OUT
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence

TAIL = 2000


def run(command: Sequence[str]) -> dict[str, object]:
    started = time.perf_counter()
    done = subprocess.run(list(command), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "max_rss_kib": usage.ru_maxrss,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "returncode": done.returncode,
        "stdout": done.stdout[-TAIL * 10:],
        "stderr": done.stderr[-TAIL:],
    }


def main(argv: Sequence[str]) -> int:
    command = list(argv[1:] if argv and argv[0] == "--" else argv)
    if not command:
        print("usage: python -m benchmarks.child -- COMMAND [ARG...]", file=sys.stderr)
        return 2
    print(json.dumps(run(command)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
