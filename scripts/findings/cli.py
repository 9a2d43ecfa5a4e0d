"""The ``findings`` command: ``check``, ``build`` and ``serve``.

Exit status: 0 success, 1 content errors, 2 wrong usage or a missing folder.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from findings.data import CheckedData, read_data
from findings.engine import EngineError
from findings.model import build_model
from findings.problems import count_errors
from findings.project import Project, find_config, load_project

OK, CONTENT_ERRORS, USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong usage or a missing folder: exit status 2."""


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="findings", description="Check a study's YAML and build its findings site.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate the data only; writes nothing")
    build = commands.add_parser("build", help="validate, then build the static site")
    serve = commands.add_parser("serve", help="preview on 127.0.0.1, rebuilt on change")
    for sub in (check, build, serve):
        sub.add_argument("--data", default="themes_data", metavar="DIR",
                         help="the data folder (default: themes_data)")
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
        sub.add_argument("--config", metavar="FILE",
                         help="the site config (default: ./mkdocs.yml, else the project's)")
    build.add_argument("--site-dir", default="site", metavar="DIR",
                       help="where to write the site (default: site)")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "build":
            return run_build(args)
        from findings.serve import run_serve
        return run_serve(args)
    except UsageError as err:
        print(f"findings: error: {err}", file=sys.stderr)
        return USAGE
    except EngineError as err:
        print(f"findings: error: the site engine failed: {err}", file=sys.stderr)
        return CONTENT_ERRORS


def data_root(argument: str) -> Path:
    root = Path(argument)
    if not root.is_dir():
        raise UsageError(f"data folder '{argument}' not found")
    return root


def project_for(args: argparse.Namespace) -> Project:
    config = find_config(args.config)
    if config is None:
        raise UsageError(f"site config '{args.config or 'mkdocs.yml'}' not found")
    return load_project(config)


def check_data(args: argparse.Namespace) -> tuple[CheckedData, bool]:
    """Read and check the data, print every problem; say whether it may be built."""
    data = read_data(data_root(args.data), args.data)
    for problem in data.problems:
        print(problem.format(), file=sys.stderr)
    errors = count_errors(data.problems)
    warnings = len(data.problems) - errors
    ok = errors == 0 and not (args.strict and warnings)
    if not ok:
        print(f"findings: {errors} error(s), {warnings} warning(s) in {args.data}; nothing built")
    return data, ok


def run_check(args: argparse.Namespace) -> int:
    data, ok = check_data(args)
    if ok:
        counts = ", ".join(f"{len(v)} {k}" for k, v in data.items.items())
        print(f"findings: {args.data} is valid ({counts})")
    return OK if ok else CONTENT_ERRORS


def run_build(args: argparse.Namespace) -> int:
    project = project_for(args)
    site_dir = Path(args.site_dir)
    if site_dir.exists() and not site_dir.is_dir():
        raise UsageError(f"--site-dir '{args.site_dir}' is a file, not a folder")
    data, ok = check_data(args)
    if not ok:
        return CONTENT_ERRORS
    from findings.site import build_site
    result = build_site(build_model(data), project, site_dir, Path(args.data))
    print(f"findings: built {result.pages} pages into {args.site_dir}")
    return OK
