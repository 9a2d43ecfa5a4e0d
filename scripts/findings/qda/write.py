"""Write the import's files for review in a pull request: one file of themes, one file of
quotes per theme, in a stable order, each item under a comment saying where it came from and
what is left for a person to review.

Files are first written to a folder beside the data folder, then each is moved into place,
only once all of them are written: on any error before that the data folder is untouched. A
file whose text would not change is not rewritten, so a second identical import changes
nothing.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from findings.load import Scalar
from findings.qda.existing import THEMES_FILE, Values, origin_of
from findings.qda.mapping import SPEAKER_TODO, Plan
from findings.types import PLACEHOLDER

HEADER = """\
# Imported by `findings import` from the REFI-QDA project {project} ({file}).
# The import rewrites this file on every run, keeping every field a person owns (see
# README.md, "Import from qualitative analysis software"); comments added here are not kept.
"""
THEMES_HEADER = """\
# Themes: one per theme code. The import owns `title` and `origin`; fill in each TODO.
"""
QUOTES_HEADER = """\
# Quotes of theme {theme}.
# The import owns text, source, participant, origin, checksum and the themes that come from
# codes; a person reviews each quote: speaker, then consent.
"""


SOURCE_RE = re.compile(r"^(.*), characters ([0-9]+)-([0-9]+)$")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """A plain scalar a person wrote (``3``, ``yes``) is written back plain, so it reads the
    same; multi-line text as a literal block."""
    if isinstance(value, Scalar) and value.plain and "\n" not in value:
        tag = dumper.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        return dumper.represent_scalar(tag, str(value))
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    """A list of short texts (``themes``, ``tags``) on one line; anything else as a block."""
    flow = all(isinstance(v, str) and "\n" not in v for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(Scalar, _represent_text)


def render_files(plan: Plan, file_name: str) -> dict[str, str | None]:
    """The text of every import file, by path relative to the data folder; ``None`` for an
    import file whose every item has moved to another (its theme changed)."""
    head = HEADER.format(project=_one_line(repr(plan.project)), file=_one_line(file_name))
    themes = {str(t.get("id")): t for t in plan.files.get(THEMES_FILE, [])}
    texts: dict[str, str | None] = {}
    for relative, items in plan.files.items():
        if relative == THEMES_FILE:
            body = THEMES_HEADER + "".join(_item(i, _theme_note(i)) for i in items)
        else:
            theme_id = relative.removeprefix("quotes/imported-").removesuffix(".yml")
            title = themes.get(theme_id, {}).get("title", theme_id)
            body = QUOTES_HEADER.format(theme=_one_line(f"'{title}' ({theme_id})")) + "".join(
                _item(i, _quote_note(i, plan)) for i in _sorted_quotes(items, plan))
        texts[relative] = head + body if items else None
    return texts


def _sorted_quotes(items: list[Values], plan: Plan) -> list[Values]:
    """Imported quotes in source order (a gone one where its last known position puts it, so
    that it does not move in the diff), then the others as they were."""
    placed = [(key, i) for i in items if (key := _place(i, plan)) is not None]
    placed.sort(key=lambda pair: pair[0])
    return [i for _, i in placed] + [i for i in items if _place(i, plan) is None]


def _place(item: Values, plan: Plan) -> tuple[str, int, int, str] | None:
    origin = origin_of(item)
    if origin in plan.positions:
        source, start, end, _ = plan.positions[origin]
        return source, start, end, origin
    found = SOURCE_RE.match(str(item.get("source", ""))) if origin else None
    return (found[1], int(found[2]), int(found[3]), origin) if found else None


def _item(values: Values, note: str) -> str:
    text = yaml.dump([values], Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)
    return f"\n# {_one_line(note)}\n{text}"


def _theme_note(item: Values) -> str:
    review = [name for name in ("summary", "description") if _is_todo(item.get(name))]
    left = f"; to review: {', '.join(review)}" if review else ""
    return (f"from code {item.get('origin')}{left}" if item.get("origin")
            else "not imported: written by a person")


def _quote_note(item: Values, plan: Plan) -> str:
    review = [n for n in ("speaker",) if _is_todo(item.get(n)) or item.get(n) == SPEAKER_TODO]
    if not item.get("consent") and item.get("kind") == "participant":
        review.append("consent")
    left = f"; to review: {', '.join(review)}" if review else ""
    position = plan.positions.get(origin_of(item))
    if position is None:
        where = ("no longer in the project: retire or withdraw it" if item.get("origin")
                 else "not imported: written by a person")
        return where + left
    source, start, end, codes = position
    coded = ", ".join(f"'{name}'" for name in codes)
    return f"{source}, characters {start}-{end}, coded {coded}{left}"


def _is_todo(value: object) -> bool:
    return isinstance(value, str) and (value.strip() == PLACEHOLDER
                                       or value.startswith(PLACEHOLDER + ":"))


def _one_line(text: str) -> str:
    """Safe inside a YAML comment: no line breaks or other control characters."""
    return "".join(c if c.isprintable() else " " for c in text)


def write_files(root: Path, texts: dict[str, str | None]) -> list[str]:
    """Write the files whose text changed, all at once, and remove the import files left
    empty; return their relative paths."""
    emptied = [rel for rel, text in texts.items() if text is None and (root / rel).is_file()]
    changed = {rel: text for rel, text in texts.items()
               if text is not None and _current(root / rel) != text}
    if not changed and not emptied:
        return []
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-import-", dir=root.resolve().parent))
    try:
        for relative, text in changed.items():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).write_text(text, encoding="utf-8")
        for relative in changed:
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).replace(root / relative)
        for relative in emptied:  # its items were all written to other files just now
            (root / relative).unlink()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted([*changed, *emptied])


def _current(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
