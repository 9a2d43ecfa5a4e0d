"""The site engine's glue: the only module that imports MkDocs.

It receives a finished staging tree (docs folder plus a config that inherits the project's
``mkdocs.yml``) and builds it. Swapping MkDocs for ProperDocs or Zensical means changing this
module only.

Titles reach the engine as HTML (the generator escapes them, since themes print them
unescaped). This module is also registered as an MkDocs hooks file so that, where Material
escapes a title again (``title | e`` in attributes), it is not escaped twice: titles and the
site name become ``Markup``, which Jinja's ``e`` filter leaves alone.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from markupsafe import Markup


class EngineError(Exception):
    """The engine could not build the staged tree."""


def build_with_engine(config_file: Path, quiet: bool = False, dirty: bool = False) -> None:
    """Build the staged tree; ``dirty`` rebuilds only pages whose source is newer than their
    output (the preview's fast path: other pages' menus and the search index catch up with
    the next full build)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _log_to_stderr(logging.ERROR if quiet else logging.WARNING)
    try:
        config = load_config(str(config_file), hooks=[str(Path(__file__).resolve())])
        build(config, dirty=dirty)
    except MkDocsException as err:
        raise EngineError(str(err)) from err


def _log_to_stderr(level: int) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "findings", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s (site engine): %(message)s"))
        handler.findings = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)


# MkDocs hooks (this file is passed to the engine as `hooks`).

def on_config(config: Any) -> Any:
    config["site_name"] = Markup(config["site_name"])
    return config


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    for item in [page, *_walk(nav.items)]:
        if isinstance(item.title, str) and not isinstance(item.title, Markup):
            item.title = Markup(item.title)
    return context


def on_post_build(config: Any) -> None:
    """Write the search index as UTF-8 rather than \\u escapes (a third to a sixth of the
    bytes for any text beyond ASCII, such as curly quotes)."""
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                         encoding="utf-8")


def _walk(items: list[Any]) -> list[Any]:
    found = []
    for item in items:
        found.append(item)
        found += _walk(getattr(item, "children", None) or [])
    return found
