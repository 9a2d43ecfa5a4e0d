"""The theme's templates compiled once per process (``compiled_templates``): the preview's
engine session, opened after each full rebuild, finds them compiled, and a template edited
since, or an environment set up otherwise, is compiled anew."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader

from findings.compiled_templates import InMemory


def _env(folder: Path, cache: InMemory, **options: Any) -> Environment:
    env = Environment(loader=FileSystemLoader(folder), **options)
    env.bytecode_cache = cache
    return env


def test_a_template_is_compiled_once_until_it_or_the_environment_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.html"
    page.write_text("{% if x %}\n<p>{{ x }}</p>\n{% endif %}", encoding="utf-8")
    cache = InMemory()
    assert _env(tmp_path, cache).get_template("page.html").render(x="one") == "\n<p>one</p>\n"

    again = _env(tmp_path, cache)
    compiled: list[str | None] = []
    compile_ = again.compile

    def counted(source: str, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return compile_(source, name, *args, **kwargs)
    monkeypatch.setattr(again, "compile", counted)
    assert again.get_template("page.html").render(x="two") == "\n<p>two</p>\n"
    assert compiled == [], "a template compiled already was compiled again"

    trimmed = _env(tmp_path, cache, trim_blocks=True)
    assert trimmed.get_template("page.html").render(x="three") == "<p>three</p>\n"

    page.write_text("<b>{{ x }}</b>", encoding="utf-8")
    assert _env(tmp_path, cache).get_template("page.html").render(x="four") == "<b>four</b>"
