"""The site engine's glue: the only module that imports MkDocs.

It receives a finished staging tree (docs folder plus a config that inherits the project's
``mkdocs.yml``) and builds it. Swapping MkDocs for ProperDocs or Zensical means changing this
module only.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path


class EngineError(Exception):
    """The engine could not build the staged tree."""


def build_with_engine(config_file: Path, quiet: bool = False) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _log_to_stderr(logging.ERROR if quiet else logging.WARNING)
    try:
        config = load_config(str(config_file))
        build(config)
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
