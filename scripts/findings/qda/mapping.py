"""Map a REFI-QDA project onto the data folder's themes and quotes, keeping what people wrote.

Which fields the import owns (rewritten from the project on every run) and which are a
person's (written once, as a placeholder to fill in, or never):

- theme: owns ``title`` (the code's name) and ``origin``; writes ``id``, ``number``,
  ``summary`` (a placeholder), ``description`` (the code's description, else a placeholder)
  and ``source`` once.
- quote: owns ``text``, ``source`` (document and position), ``participant`` (the case),
  ``origin``, ``checksum`` and, in ``themes``, the themes that came from codes (themes a person
  added by hand stay); writes ``id``, ``kind: participant`` and ``speaker`` (a placeholder)
  once; never writes ``consent``, ``context``, ``content_note`` or ``tags``.

A selection coded with several codes is one quote, in every theme its codes fall under;
overlapping selections are separate quotes (each its own excerpt), and the report names them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from findings.qda.existing import QUOTES_PREFIX, THEMES_FILE, Existing, Values, origin_of
from findings.qda.project import Code, QdaProject, Selection
from findings.qda.text import checksum, quote_text, slugify, unique_id
from findings.schema import QUOTE, THEME
from findings.types import PLACEHOLDER

SPEAKER_TODO = f"{PLACEHOLDER}: one of study.yml's speakers"
SUMMARY_TODO = f"{PLACEHOLDER}: the theme's finding in one sentence (at most 280 characters)"
DESCRIPTION_TODO = f"{PLACEHOLDER}: the theme explained"
QUOTE_OWNED = ("text", "source", "participant", "origin", "checksum")


@dataclass
class Report:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    left_out: int = 0


@dataclass
class Plan:
    """The import files as they should be (relative path → items), and what changed."""

    files: dict[str, list[Values]]
    report: Report
    positions: dict[str, tuple[str, int, int, tuple[str, ...]]]
    project: str


def choose_theme_codes(project: QdaProject, names: list[str]) -> list[Code] | str:
    """The codes that are themes: the top-level ones, or those ``names`` names (in codebook
    order); a message when a name is unknown or ambiguous."""
    if not names:
        return list(project.codes)
    codes = [code for code, _ in project.all_codes()]
    for name in names:
        count = sum(1 for code in codes if code.name == name)
        if count != 1:
            found = "no code" if count == 0 else f"{count} codes"
            return f"--theme-code '{name}': expected one code of that name, found {found}"
    return [code for code in codes if code.name in names]


def plan_import(project: QdaProject, existing: Existing, theme_codes: list[Code]) -> Plan:
    files = {path: list(items) for path, items in existing.files.items()
             if path == THEMES_FILE or not project.is_codebook}
    files.setdefault(THEMES_FILE, [])
    plan = Plan(files, Report(), {}, project.name)
    themes = _plan_themes(plan, existing, theme_codes)
    if project.is_codebook:
        return plan  # a codebook says nothing about excerpts: the quotes stay as they are
    theme_of = _theme_of_codes(project, {code.guid for code in theme_codes})
    _plan_quotes(plan, project, existing, themes, theme_of)
    _note_overlaps(plan, project, existing)
    return plan


def _theme_of_codes(project: QdaProject, theme_guids: set[str]) -> dict[str, str]:
    """Each code's theme code: the nearest of itself and its ancestors that is a theme."""
    theme_of: dict[str, str] = {}

    def walk(codes: tuple[Code, ...], current: str | None) -> None:
        for code in codes:
            here = code.guid if code.guid in theme_guids else current
            if here:
                theme_of[code.guid] = here
            walk(code.children, here)
    walk(project.codes, None)
    return theme_of


def _plan_themes(plan: Plan, existing: Existing, codes: list[Code]) -> dict[str, Values]:
    themes: dict[str, Values] = {}
    numbers = set(existing.numbers)
    for code in codes:
        found = existing.find("themes", code.guid)
        if found:
            item = found[1]
            if str(item.get("title", "")).strip() != code.name.strip():
                item["title"] = code.name
                plan.report.changed.append(f"theme {item.get('id')}: title")
        elif existing.elsewhere("themes", code.guid):
            item = {"id": existing.theme_ids[code.guid], "origin": code.guid,
                    "number": existing.theme_numbers.get(code.guid)}
        else:
            item = _new_theme(code, existing.taken["themes"], numbers)
            plan.files[THEMES_FILE].append(item)
            plan.report.added.append(f"theme {item['id']} (code '{code.name}')")
        themes[code.guid] = item
    wanted = {code.guid for code in codes}
    for item in plan.files[THEMES_FILE]:
        if origin_of(item) and origin_of(item) not in wanted:
            plan.report.gone.append(f"theme {item.get('id')}: its code is no longer a theme "
                                    "code in the project; kept")
    return themes


def _new_theme(code: Code, taken: set[str], numbers: set[int]) -> Values:
    theme_id = unique_id(slugify(code.name) or "theme", taken)
    number = max(numbers, default=0) + 1
    numbers.add(number)
    values = {"id": theme_id, "number": number, "title": code.name, "summary": SUMMARY_TODO,
              "description": code.description.strip() or DESCRIPTION_TODO,
              "source": f"qualitative coding: code '{_one_line(code.name)}'",
              "origin": code.guid}
    return _ordered(values, THEME.fields)


def _plan_quotes(plan: Plan, project: QdaProject, existing: Existing,
                 themes: dict[str, Values], theme_of: dict[str, str]) -> None:
    seen: set[str] = set()
    imported_themes = {str(t["id"]) for t in themes.values()} | set(existing.theme_ids.values())
    for selection in project.selections:
        guids = list(dict.fromkeys(theme_of[c] for c in selection.codes if c in theme_of))
        if not guids:
            plan.report.left_out += 1
            continue
        seen.add(selection.guid)
        theme_ids = [str(themes[g]["id"]) for g in
                     sorted(guids, key=lambda g: _number(themes[g]))]
        source = project.sources[selection.source].name
        plan.positions[selection.guid] = (source, selection.start, selection.end,
                                          tuple(_code_names(project, selection)))
        _plan_quote(plan, existing, selection, theme_ids=theme_ids, source=source,
                    imported_themes=imported_themes)
    _report_gone(plan, seen)


def _plan_quote(plan: Plan, existing: Existing, selection: Selection, *, theme_ids: list[str],
                source: str, imported_themes: set[str]) -> None:
    owned = {"text": quote_text(selection.excerpt),
             "source": f"{source}, characters {selection.start}-{selection.end}",
             "participant": selection.participant, "origin": selection.guid,
             "checksum": checksum(selection.excerpt)}
    found = existing.find("quotes", selection.guid)
    if found:
        _update_quote(plan, found, owned, theme_ids, imported_themes)
        return
    if existing.elsewhere("quotes", selection.guid):
        plan.report.notes.append(f"selection {selection.guid} was imported into "
                                 f"{existing.elsewhere('quotes', selection.guid)}, a file the "
                                 "import does not write: left as it is")
        return
    quote_id = unique_id(f"{theme_ids[0][:50]}-1", existing.taken["quotes"])
    values = {"id": quote_id, "kind": "participant", "speaker": SPEAKER_TODO,
              "themes": theme_ids, **owned}
    plan.files.setdefault(quote_file(theme_ids[0]), []).append(_ordered(values, QUOTE.fields))
    plan.report.added.append(f"quote {quote_id} ({owned['source']})")


def _update_quote(plan: Plan, found: tuple[str, Values], owned: Values, theme_ids: list[str],
                  imported_themes: set[str]) -> None:
    relative, item = found
    changed = [name for name in QUOTE_OWNED if _differs(item.get(name), owned[name])]
    for name in changed:
        item[name] = owned[name]
    old = [str(t).strip() for t in item.get("themes") or [] if isinstance(t, str)]
    kept = [t for t in old if t not in imported_themes and t not in theme_ids]
    new_themes = theme_ids + kept
    if new_themes != old:
        item["themes"] = new_themes
        changed.append("themes")
    if not item.get("participant"):
        item.pop("participant", None)
    if changed:
        what = ", ".join(changed)
        review = " (review it again: its text changed)" if "text" in changed else ""
        plan.report.changed.append(f"quote {item.get('id')}: {what}{review}")
    target = quote_file(theme_ids[0])
    if target != relative:
        plan.files[relative].remove(item)
        plan.files.setdefault(target, []).append(item)


def _report_gone(plan: Plan, seen: set[str]) -> None:
    for relative, items in sorted(plan.files.items()):
        if not relative.startswith(QUOTES_PREFIX):
            continue
        for item in items:
            if origin_of(item) and origin_of(item) not in seen:
                plan.report.gone.append(
                    f"quote {item.get('id')} ({relative}): its selection is no longer coded "
                    "under a theme; kept until a person retires or withdraws it")


def _note_overlaps(plan: Plan, project: QdaProject, existing: Existing) -> None:
    by_source: dict[str, list[Selection]] = {}
    for selection in project.selections:
        if selection.guid in plan.positions:
            by_source.setdefault(selection.source, []).append(selection)
    ids = {origin_of(i): str(i.get("id")) for items in plan.files.values() for i in items}
    for selections in by_source.values():
        selections.sort(key=lambda s: (s.start, s.end))
        for first, second in itertools.pairwise(selections):
            if second.start < first.end:
                plan.report.notes.append(
                    f"quotes {ids.get(first.guid)} and {ids.get(second.guid)} overlap in "
                    f"{project.sources[first.source].name}: both imported, review whether to "
                    "publish both")


def quote_file(theme_id: str) -> str:
    return f"{QUOTES_PREFIX}{theme_id}.yml"


def _code_names(project: QdaProject, selection: Selection) -> list[str]:
    names = {code.guid: code.name for code, _ in project.all_codes()}
    return [names[c] for c in dict.fromkeys(selection.codes)]


def _differs(old: Any, new: Any) -> bool:
    return (str(old).strip() if old is not None else "") != str(new).strip()


def _number(item: Values) -> int:
    text = str(item.get("number", "")).strip()
    return int(text) if text.isdigit() else 0


def _ordered(values: Values, fields: tuple[Any, ...]) -> Values:
    order = [f.name for f in fields]
    return {name: values[name] for name in order if values.get(name) not in (None, "")}


def _one_line(text: str) -> str:
    return " ".join(text.split())
