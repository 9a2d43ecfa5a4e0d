"""The ``findings`` command: ``check``, ``build`` and ``serve``; ``release`` and ``new`` for
maintainers (``maintain``).

Exit status: 0 success, 1 content errors, 2 wrong usage or a missing folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from findings.data import CheckedData, read_data
from findings.disclosure import DenyListError, deny_list_path, read_deny_list
from findings.engine import EngineError
from findings.model import build_model
from findings.problems import Problem, count_errors, visible
from findings.project import ConfigError, Project, find_config, load_project
from findings.project_links import links_leaving
from findings.site_folder import SiteFolderError, check_site_dir

OK, CONTENT_ERRORS, USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong usage or a missing folder: exit status 2."""


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
                         help="names, programs and places to warn about in participant quotes, "
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
    from findings.qda.command import add_commands
    add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "build":
            return run_build(args)
        if args.command in ("release", "new", "import", "export", "schemas"):
            return run_maintainer(args)
        from findings.serve import run_serve
        return run_serve(args)
    except (UsageError, SiteFolderError, ConfigError) as err:  # may quote an argument
        print(f"findings: error: {visible(str(err))}", file=sys.stderr)
        return USAGE
    except EngineError as err:
        print(f"findings: error: the site engine failed: {err}", file=sys.stderr)
        return CONTENT_ERRORS


def run_maintainer(args: argparse.Namespace) -> int:
    """Commands that write the data folder: ``release``, ``new``, ``import``, ``export``."""
    if args.command in ("import", "export"):
        from findings.qda.command import run_export, run_import
        return run_import(args) if args.command == "import" else run_export(args)
    from findings.maintain import run_new, run_release, run_schemas
    if args.command == "schemas":
        return run_schemas(args)
    return run_release(args) if args.command == "release" else run_new(args)


def data_root(argument: str) -> Path:
    if not argument.strip():
        raise UsageError("--data: expected a folder name, found nothing")
    root = Path(argument)
    if not root.is_dir():
        raise UsageError(f"data folder '{argument}' not found")
    return root


def project_for(args: argparse.Namespace) -> Project:
    config = find_config(args.config)
    if config is None:
        shown = "mkdocs.yml" if args.config is None else args.config
        raise UsageError(f"site config '{shown}' not found")
    return load_project(config, offline=getattr(args, "offline", False))


def site_dir_for(args: argparse.Namespace, project: Project, root: Path) -> Path:
    """The ``--site-dir`` to build into, resolved, once the contract allows it (exit 2 if not)."""
    return check_site_dir(args.site_dir, {
        "the data folder": root,
        "the config's folder": project.root,
        "content/": project.content_dir,
        "overrides/": project.overrides_dir,
        "the current folder": Path.cwd(),
    })


NO_DENY_LIST = ("findings: notice: no deny-list in use (--deny-list or FINDINGS_DENY_LIST), so "
                "quotes were not checked for names of people, programs or places")


def check_data(args: argparse.Namespace, notice: bool = True) -> tuple[CheckedData, bool]:
    """Read and check the data, print every problem (in GitHub Actions, also as an annotation
    on standard output); say whether it may be built. ``notice``: print the notice that no
    deny-list is in use, if none is (the preview says it once, not at each rebuild)."""
    root = data_root(args.data)
    path = deny_list_path(args.deny_list)
    try:
        deny_terms = read_deny_list(path, root)
    except DenyListError as err:
        raise UsageError(str(err)) from None
    except OSError as err:
        raise UsageError(f"deny-list '{path}' cannot be read: {err.strerror}") from None
    data = read_data(root, args.data, deny_terms)
    data.problems += _published_from(args, data) + _content_problems(args, data)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in data.problems:
        print(problem.format(), file=sys.stderr)
        if annotate:
            print(problem.annotation())
    if notice and not deny_terms:
        print(NO_DENY_LIST)  # standard output: a notice, not a problem with the data
        if annotate:
            print(f"::notice::{NO_DENY_LIST.removeprefix('findings: notice: ')}")
    errors = count_errors(data.problems)
    warnings = len(data.problems) - errors
    ok = errors == 0 and not (args.strict and warnings)
    if not ok:
        print(f"findings: {errors} error(s), {warnings} warning(s) in {visible(args.data)}"
              f"{OUTCOME.get(args.command, '')}")
    return data, ok


#: What a command did not do because of the problems: ``check`` only ever checks.
OUTCOME = {"build": "; nothing built", "release": "; nothing recorded"}


def _published_from(args: argparse.Namespace, data: CheckedData) -> list[Problem]:
    """Problems against the live site's own record (``--published-from``), if given."""
    source = getattr(args, "published_from", None)
    if not source:
        return []
    from findings.live_record import (
        LiveRecordError,
        NotPublishedError,
        check_live,
        not_published,
        read_live_ids,
    )
    try:
        data.live_ids = read_live_ids(source)
    except NotPublishedError:
        return [not_published(source)]
    except LiveRecordError as err:
        raise UsageError(f"--published-from: {err}") from None
    return check_live(data, data.live_ids, source)


def _content_problems(args: argparse.Namespace, data: CheckedData) -> list[Problem]:
    """The hand-written pages' problems (``content_pages``), when there is a site config."""
    config = find_config(getattr(args, "config", None))
    if config is None:
        return []
    from findings.content_pages import check_content
    project = load_project(config)
    content_dir = project.content_dir
    shown = os.path.relpath(content_dir)
    return links_leaving(project) + check_content(
        content_dir, content_dir.as_posix() if shown.startswith("..") else shown, data)


def run_check(args: argparse.Namespace) -> int:
    data, ok = check_data(args)
    if getattr(args, "qdpx", None):
        from findings.qda.verify import check_against_project
        ok = check_against_project(data, args.qdpx) and ok
    if ok:
        counts = ", ".join(f"{len(v)} {k}" for k, v in data.items.items())
        warned = f"; {len(data.problems)} warning(s)" if data.problems else ""
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
    project = project_for(args)
    site_dir = site_dir_for(args, project, data_root(args.data))
    data, ok = check_data(args)
    if not ok:
        return CONTENT_ERRORS
    from findings.site import build_site
    warn_without_site_url(project)
    findings = build_model(data)
    del data  # the checked YAML, positions and all, is not needed by the engine
    try:
        result = build_site(findings, project, site_dir, Path(args.data))
    except OSError as err:
        raise UsageError(f"could not write the site into '{visible(args.site_dir)}': "
                         f"{err.strerror or err}") from None
    print(f"findings: built {result.pages} pages into {visible(args.site_dir)}")
    return OK
