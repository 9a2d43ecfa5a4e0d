"""Why a preview rebuild failed, as lines in the content contract's form
``FILE:LINE:COLUMN: error: ...``: a Jinja template error names the template's file and line
(Jinja gives no column: 1), anything else is one line of its own."""

from __future__ import annotations

import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from findings.problems import visible


def describe_failure(err: BaseException, root: Path) -> list[str]:
    """The lines to show for a rebuild that raised ``err``; paths under ``root`` (the
    project's folder) are shown relative to it."""
    if isinstance(err, TemplateError):
        where = template_location(err)
        message = visible(err.message or type(err).__name__)
        if where is not None:
            file, line = where
            return [f"{_shown(file, root)}:{line}:1: error: template: {message}"]
        return [f"findings: error: template: {message}"]
    return [visible(f"findings: error: could not rebuild ({type(err).__name__}: {err})")]


def template_location(err: TemplateError) -> tuple[str, int] | None:
    """The template file and line of a Jinja error: where a syntax error was found, else the
    innermost template line of the traceback (Jinja puts the template's lines there)."""
    if isinstance(err, TemplateSyntaxError) and err.filename:
        return err.filename, err.lineno
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith(".html") and frame.lineno:
            return frame.filename, frame.lineno
    return None


def _shown(file: str, root: Path) -> str:
    path = Path(file)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
