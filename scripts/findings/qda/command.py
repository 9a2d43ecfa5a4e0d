"""``findings import FILE`` and ``findings export qdc``: the command-line side of ``qda``
(their arguments are in ``qda.arguments``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from findings.commands import CONTENT_ERRORS, OK, USAGE
from findings.data import read_data
from findings.disclosure import DenyListError, deny_list_path, read_deny_list
from findings.problems import Problem, visible
from findings.qda.existing import read_existing
from findings.qda.export import render_codebook
from findings.qda.mapping import Plan, choose_theme_codes, plan_import
from findings.qda.project import load_project
from findings.qda.write import render_files, write_files


def print_problems(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    print(f"findings: {len(problems)} error(s); nothing written", file=sys.stderr)
    return CONTENT_ERRORS


def run_import(args: argparse.Namespace) -> int:
    root, path = Path(args.data), Path(args.file)
    if not root.is_dir():
        return _usage(f"data folder '{args.data}' not found")
    if not path.is_file():
        return _usage(f"file '{args.file}' not found")
    project = load_project(args.file)
    if isinstance(project, list):
        return print_problems(project)
    codes = choose_theme_codes(project, args.theme_code)
    if isinstance(codes, str):
        return _usage(codes)
    existing = read_existing(root, args.data)
    if isinstance(existing, list):
        return print_problems(existing)
    plan = plan_import(project, existing, codes)
    written = write_files(root, render_files(plan, path.name))
    _print_report(plan, written, args.data)
    _print_disclosure(root, args.data, plan)
    return OK


def _usage(message: str) -> int:
    print(f"findings: error: {visible(message)}", file=sys.stderr)
    return USAGE


def _print_report(plan: Plan, written: list[str], data: str) -> None:
    report = plan.report
    for title, lines in (("added", report.added), ("changed", report.changed),
                         ("gone", report.gone), ("note", report.notes)):
        for line in lines:  # names come from the project file: one line each, escaped
            print(f"{title}: {visible(line)}")
    if report.left_out:
        print(f"left out: {report.left_out} coded selection(s) under no theme code")
    summary = (f"{len(report.added)} added, {len(report.changed)} changed, "
               f"{len(report.gone)} gone")
    files = f"wrote {', '.join(written)}" if written else "no file changed"
    print(f"findings: {summary}; {files} in {data}")
    if written:
        print(f"findings: review the TODOs and consent, then run `findings check --data {data}`")


def _print_disclosure(root: Path, argument: str, plan: Plan) -> None:
    """The disclosure guard over the imported quotes (its warnings only), with the deny-list
    of ``$FINDINGS_DENY_LIST`` when one is set."""
    try:
        deny_terms = read_deny_list(deny_list_path(None), root)
    except DenyListError as err:
        print(f"findings: warning: {err}: imported quotes checked without it", file=sys.stderr)
        deny_terms = ()
    data = read_data(root, argument, deny_terms)
    origins = {o for o in plan.positions}
    imported = {i.id for i in data.items.get("quotes", [])
                if str(i.values.get("origin", "")).lower() in origins}
    for problem in data.problems:
        if problem.severity == "warning" and problem.item_id in imported:
            print(problem.format(), file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    root = Path(args.data)
    if not root.is_dir():
        return _usage(f"data folder '{args.data}' not found")
    data = read_data(root, args.data)
    themes = data.items.get("themes", [])
    if not themes:
        return print_problems([p for p in data.problems if p.severity == "error"] or
                              [Problem(args.data, 1, 1, "expected at least one theme, found "
                                       "none")])
    text = render_codebook([t.values for t in themes], data.study or {})
    if args.output:
        try:
            Path(args.output).write_bytes(text)
        except OSError as err:
            return _usage(f"--output '{args.output}' cannot be written: {err.strerror}")
        print(f"findings: wrote {len(themes)} theme(s) as codes to {args.output}")
    else:
        sys.stdout.buffer.write(text)
    return OK
