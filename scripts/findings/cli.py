"""The ``findings`` command: ``check``, ``build`` and ``serve``; ``release``, ``new`` and
``schemas`` for maintainers (``maintain``); ``import`` and ``export`` (``qda``).

This module reads the command line; what the commands share (typed options, exit statuses,
checking the data) is in ``commands``. Exit status: 0 success, 1 content errors, 2 wrong usage
or a missing folder.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from findings.commands import (
    CONTENT_ERRORS,
    INTERRUPTED,
    OK,
    USAGE,
    CheckOptions,
    UsageError,
    check_data,
    data_root,
    project_for,
    site_dir_for,
)
from findings.problems import visible
from findings.project import ConfigError, Project
from findings.qda.arguments import add_commands
from findings.site_folder import SiteFolderError

if TYPE_CHECKING:
    from findings.engine_process import WaitingEngine

__all__ = ["CONTENT_ERRORS", "OK", "USAGE", "main", "make_parser"]


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="findings", description="Check a study's YAML and build its findings site.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate the data only; writes nothing")
    build = commands.add_parser("build", help="validate, then build the static site")
    serve = commands.add_parser("serve", help="preview the site, rebuilt and reloaded on change")
    release = commands.add_parser("release", help="validate, then record every published id "
                                  "in the data folder's published.yml")
    schemas = commands.add_parser("schemas", help="write editors' JSON Schemas that know "
                                  "this study's ids, speakers and audiences")
    schemas.add_argument("--data", default="themes_data", metavar="DIR",
                         help="the data folder; the schemas go into DIR/.schemas/ "
                         "(default: themes_data)")
    new = commands.add_parser("new", help="print a YAML skeleton for a new item")
    new.add_argument("kind", choices=("theme", "quote", "recommendation"), metavar="KIND",
                     help="theme, quote or recommendation")
    new.add_argument("--data", default="themes_data", metavar="DIR",
                     help="the data folder, for an unused id (default: themes_data)")
    for sub in (check, build, serve, release):
        sub.add_argument("--data", default="themes_data", metavar="DIR",
                         help="the data folder (default: themes_data)")
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
        sub.add_argument("--config", metavar="FILE",
                         help="the site config (default: ./mkdocs.yml, else the project's)")
        sub.add_argument("--deny-list", metavar="FILE",
                         help="names, programs and places to warn about in every quote, "
                         "one a line, kept outside the repository (default: $FINDINGS_DENY_LIST)")
    for sub in (check, release):
        sub.add_argument("--published-from", metavar="URL_OR_FILE",
                         help="the deployed site's data/findings.json: every id it publishes "
                         "must stay live or be retired in redirects.yml")
    build.add_argument("--site-dir", default="site", metavar="DIR",
                       help="where to write the site (default: site)")
    build.add_argument("--offline", action="store_true",
                       help="build the edition that works opened from the file system")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default "
                       "8000; 0: any free port)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default "
                       "127.0.0.1, this computer only; 0.0.0.0: every network it is on)")
    serve.add_argument("--open", action="store_true",
                       help="open the preview in the web browser once it is built")
    check.add_argument("--qdpx", metavar="FILE", help="the REFI-QDA project imported quotes "
                       "came from: re-read each excerpt and report one that no longer matches")
    add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return run_command(args)
    except (UsageError, SiteFolderError, ConfigError) as err:  # may quote an argument
        print(f"findings: error: {visible(str(err))}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:  # a build's scratch folder is removed on the way out
        print("findings: stopped (Ctrl+C)", file=sys.stderr)
        return INTERRUPTED


def run_command(args: argparse.Namespace) -> int:
    """Run the command the arguments name, each with its own typed options."""
    commands = {
        "check": run_check,
        "build": lambda a: with_engine(run_build, a),
        "serve": lambda a: with_engine(run_serve_command, a),
        "release": run_release_command,
        "new": run_new_command,
        "schemas": run_schemas_command,
        "import": run_import_command,
        "export": run_export_command,
    }
    return commands[args.command](args)


# Each command but ``check`` imports what it runs when it runs: ``check`` starts without the
# site's modules (renderer, engine, preview), the maintainers' and the importer's, a third of
# its time at 10,000 quotes (issue 10.8).

def with_engine(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """``run``, a command that may start the site engine, which may fail (exit 1)."""
    from findings.engine import EngineError
    try:
        return run(args)
    except EngineError as err:
        print(f"findings: error: the site engine failed: {err}", file=sys.stderr)
        return CONTENT_ERRORS


def run_serve_command(args: argparse.Namespace) -> int:
    from findings.serve import ServeOptions, run_serve
    return run_serve(ServeOptions(check_options(args), args.host, args.port, args.open))


def run_release_command(args: argparse.Namespace) -> int:
    from findings.maintain import run_release
    return run_release(check_options(args))


def run_new_command(args: argparse.Namespace) -> int:
    from findings.maintain import run_new
    return run_new(args.kind, args.data)


def run_schemas_command(args: argparse.Namespace) -> int:
    from findings.maintain import run_schemas
    return run_schemas(args.data)


def run_import_command(args: argparse.Namespace) -> int:
    from findings.qda.command import run_import
    return run_import(args)


def run_export_command(args: argparse.Namespace) -> int:
    from findings.qda.command import run_export
    return run_export(args)


def check_options(args: argparse.Namespace) -> CheckOptions:
    """The options of checking the data, from the command line."""
    return CheckOptions(args.data, args.strict, args.config, args.deny_list,
                        getattr(args, "published_from", None), args.command)


def run_check(args: argparse.Namespace) -> int:
    checked = check_data(check_options(args))
    ok = checked.ok
    if args.qdpx:
        from findings.qda.verify import check_against_project
        ok = check_against_project(checked.data, args.qdpx) and ok
    if ok:
        counts = ", ".join(f"{len(v)} {k}" for k, v in checked.data.items.items())
        warned = f"; {len(checked.problems)} warning(s)" if checked.problems else ""
        print(f"findings: {visible(args.data)} is valid ({counts}){warned}")
    return OK if ok else CONTENT_ERRORS


#: Said once per build without the site's address (mkdocs.yml's ``site_url``, which reads
#: ``FINDINGS_SITE_URL``): a build for a preview or the tests may not know it; a deploy must.
NO_SITE_URL = ("findings: warning: no site address (set FINDINGS_SITE_URL, or site_url in "
               "mkdocs.yml): permalinks and citations will lack absolute addresses")


def warn_without_site_url(project: Project) -> None:
    if not project.site_url:
        print(NO_SITE_URL, file=sys.stderr)


def run_build(args: argparse.Namespace) -> int:
    """Check and stage in a process of its own where it can be (``forked.apart``), so that
    the data's and the pages' memory is given back before the engine starts; then the engine
    builds the staged tree into the site folder."""
    from findings import forked
    from findings.engine_process import WaitingEngine
    project = project_for(args.config, offline=args.offline)
    site_dir = site_dir_for(args.site_dir, project, data_root(args.data))
    # Where the check runs apart, the engine's process loads meanwhile (engine_process).
    waiting = WaitingEngine() if forked.runs_apart() else None
    try:
        return _staged_and_built(args, project, site_dir, waiting)
    finally:
        if waiting is not None:
            waiting.stop()


def _staged_and_built(args: argparse.Namespace, project: Project, site_dir: Path,
                      waiting: WaitingEngine | None) -> int:
    from findings import forked
    from findings.removal import remove_in_two
    from findings.site import finish_site
    try:
        staged = forked.apart(functools.partial(_checked_and_staged, args, project, site_dir))
    except forked.ChildFailedError as err:  # killed, say: its work is lost, not the site
        print(f"findings: error: could not stage the site: {err}", file=sys.stderr)
        return CONTENT_ERRORS
    if isinstance(staged, str):
        raise UsageError(staged)
    if isinstance(staged, int):
        return staged
    try:
        result = finish_site(staged, site_dir, project, Path(args.data), waiting=waiting)
    except OSError as err:
        raise UsageError(_not_written(args, err)) from None
    finally:
        remove_in_two(staged)  # the staged pages and the site it replaced: 40,000 files
    print(f"findings: built {result.pages} pages into {visible(args.site_dir)}")
    return OK


def _checked_and_staged(args: argparse.Namespace, project: Project,
                        site_dir: Path) -> Path | int | str:
    """The staging folder of the checked data's site, or the exit status of a check that
    failed, or what went wrong in the words of a usage error."""
    from findings.forked import ChildFailedError
    from findings.planned import model_of
    from findings.site import stage_site
    checked = check_data(check_options(args))
    if not checked.ok:
        return CONTENT_ERRORS
    warn_without_site_url(project)
    findings = model_of(checked.data)
    del checked  # the checked YAML, positions and all, is not needed by the pages
    try:
        return stage_site(findings, project, site_dir)
    except OSError as err:
        return _not_written(args, err)
    except (UsageError, SiteFolderError, ConfigError) as err:
        return str(err)
    except ChildFailedError as err:  # the pages' second process: said here, not raised on
        print(f"findings: error: could not stage the site: {err}", file=sys.stderr)
        return CONTENT_ERRORS


def _not_written(args: argparse.Namespace, err: OSError) -> str:
    return f"could not write the site into '{visible(args.site_dir)}': {err.strerror or err}"
