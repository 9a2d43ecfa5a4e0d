"""Our Python stage alone, in a fresh process: load+validate, model, render (no engine).

Prints one JSON object: the seconds of each stage, the number of generated files and the raw
text of the study in UTF-8 bytes. With ``--stage DIR`` it then also writes findings' own staging
tree (docs folder + generated config) to DIR, by running ``build_site`` with the engine call
replaced: so ``mkdocs build -f DIR/mkdocs.yml`` builds exactly what ``findings build`` builds.

    .venv/bin/python -m benchmarks.stage --data benchmarks/work/n1000/data --stage DIR
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any
from unittest.mock import patch

from benchmarks.paths import CONFIG
from findings import site
from findings.data import read_data
from findings.model import Findings, build_model
from findings.problems import count_errors
from findings.project import load_project


class _StagedError(Exception):
    """Stops ``build_site`` once its staging tree is copied out (before it builds)."""


def raw_text_bytes(model: Findings) -> int:
    """UTF-8 bytes of the text a reader searches: quotes, themes, recommendations, abstract."""
    parts: list[str] = []
    for quote in model.quotes:
        parts += [quote.text, quote.context]
    for theme in model.themes:
        parts += [theme.summary, theme.description]
    for rec in model.recommendations:
        parts += [rec.title, rec.summary, *rec.actions]
    for heading, body in model.study.abstract:
        parts += [heading, body]
    return sum(len(p.encode("utf-8")) for p in parts)


def generate(data_root: Path) -> tuple[Findings, dict[str, Any]]:
    """Time the stages of ``findings build`` before the engine."""
    project = load_project(CONFIG)
    started = time.perf_counter()
    data = read_data(data_root, str(data_root))
    loaded = time.perf_counter()
    if count_errors(data.problems):
        raise SystemExit(f"{data_root}: content errors; run findings check")
    model = build_model(data)
    modelled = time.perf_counter()
    files = site.generate_files(model, project)
    rendered = time.perf_counter()
    return model, {
        "load_validate_s": loaded - started,
        "model_s": modelled - loaded,
        "render_s": rendered - modelled,
        "generate_s": rendered - started,
        "files": len(files),
        "generated_bytes": sum(len(f.text.encode("utf-8")) for f in files),
        "raw_text_bytes": raw_text_bytes(model),
    }


def stage(model: Findings, data_root: Path, out: Path) -> float:
    """Copy findings' staging tree to ``out``: ``out/docs`` and ``out/mkdocs.yml``.

    Paths in the config keep the generator's form (relative to the config, or absolute).
    """
    def copy_out(config_file: Path, quiet: bool = False, **_: object) -> None:
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(config_file.parent / "docs", out / "docs")
        settings = json.loads(config_file.read_text(encoding="utf-8"))
        relative = not Path(settings.get("docs_dir", "docs")).is_absolute()
        settings.update(docs_dir="docs" if relative else str(out / "docs"),
                        site_dir="site-mkdocs" if relative else str(out / "site-mkdocs"))
        (out / "mkdocs.yml").write_text(json.dumps(settings, indent=2, ensure_ascii=False),
                                        encoding="utf-8")
        raise _StagedError

    started = time.perf_counter()
    with patch.object(site, "build_with_engine", copy_out), suppress(_StagedError):
        site.build_site(model, load_project(CONFIG), out.parent / "site-unused", data_root)
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stage", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="the data folder")
    parser.add_argument("--stage", type=Path, help="also write the staging tree here")
    args = parser.parse_args(argv)
    model, result = generate(args.data)
    if args.stage:
        result["stage_s"] = stage(model, args.data, args.stage.resolve())
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
