"""Hand-written pages (``content/``) are checked like the data.

- A file or folder in ``content/`` that is a link leading outside it is an error: the build
  copies what a link leads to, so it would be published.
- In a Markdown page, a relative link must lead to a page or file the site will have: a
  hand-written one, or one the build generates (linked by its source, like
  ``themes/index.md``, as the engine expects); ``theme:ID``, ``quote:ID`` and
  ``recommendation:ID`` links must name an item, as in the data, and become its permalink at
  build (:func:`resolve_item_links`). A broken link is a warning: ``check --strict`` fails.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

from findings.data import CheckedData
from findings.feed import FEED_PATH
from findings.problems import Problem
from findings.references import missing
from findings.schema import ITEM_KINDS, ITEM_LINK, ITEM_LINK_RE, LINK_KINDS
from findings.whereabouts import Explain

#: ``[text](target`` and ``[label]: target``: the target, and where it starts.
_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: Files the build writes besides its pages (see ``site.generate_files``).
DATA_FILES = ("data/findings.json", "data/findings.schema.json", "data/CITATION.cff",
              "data/study.bib", "data/study.ris", "data/study.json",
              "assets/findings/recommendations.json", FEED_PATH,
              *(f"data/{kind.name}.csv" for kind in ITEM_KINDS))
#: The pages every site has, whatever its data (``pages.plan_pages`` always makes them): a link
#: to one, or to a file above, is good without planning the pages, which takes longer than the
#: rest of ``check`` at 10,000 quotes. Only a link to another page imports and runs the planning.
EVERY_SITE_HAS = ("", "study/", "themes/", "quotes/", "recommendations/", "evidence/",
                  "toolkit/", "toolkit/action-plan/", "whats-new/", "handout/", "data/",
                  "data/dictionary/", "accessibility/")
ALWAYS_GENERATED = frozenset({f"{url}index.md" for url in EVERY_SITE_HAS} | set(DATA_FILES))


@dataclass
class SiteFiles:
    """What a link may lead to: the hand-written files, the generated ones (known only when
    the data has no errors: ``complete``; worked out on first need), the items' ids."""

    pages: set[str]
    data: CheckedData
    ids: dict[str, set[str]]
    complete: bool

    @cached_property
    def explain(self) -> Explain:
        return self.data.explain_missing()

    @cached_property
    def files(self) -> set[str]:
        return self.pages | _generated(self.data)


def check_content(content_dir: Path, shown: str, data: CheckedData) -> list[Problem]:
    """Every problem of the hand-written pages under ``content_dir`` (``shown`` is how
    messages name it)."""
    if not content_dir.is_dir():
        return []
    problems: list[Problem] = []
    pages = list(_files(content_dir, shown, problems))
    site = SiteFiles({path for path, _ in pages}, data,
                     {kind.name: {item.id for item in data.items.get(kind.name, [])}
                      for kind in ITEM_KINDS}, not _has_errors(data))
    for relative, path in pages:
        if relative.endswith(".md"):
            problems += _check_page(path, f"{shown}/{relative}", relative, site)
    return problems


def _files(root: Path, shown: str, problems: list[Problem]) -> Iterator[tuple[str, Path]]:
    """Every file under ``root`` (relative path, path); a link leading outside is a problem."""
    real_root = os.path.realpath(root)
    for folder, folders, names in os.walk(root, followlinks=True):
        for name in [*folders, *names]:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            real = os.path.realpath(path)
            if path.is_symlink() and not real.startswith(real_root + os.sep):
                # Reported once, with overrides/'s, by project_links: only never read here.
                if name in folders:
                    folders.remove(name)
                continue
            if name in names:
                yield relative, path


def _generated(data: CheckedData) -> set[str]:
    """The files the build generates, when the data is good enough to know them."""
    if _has_errors(data):
        return set()
    from findings.pages import plan_redirects
    from findings.planned import model_of, pages_of
    findings = model_of(data)
    pages = {page.source_path for page in pages_of(findings)}
    return pages | {f"{r.url}index.html" for r in plan_redirects(findings)} | set(DATA_FILES)


def _has_errors(data: CheckedData) -> bool:
    return data.study is None or any(p.severity == "error" for p in data.problems)


def _check_page(path: Path, shown: str, relative: str, site: SiteFiles) -> list[Problem]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        what = "text that is not UTF-8" if isinstance(err, UnicodeDecodeError) else \
            "one it cannot read"
        return [Problem(shown, 1, 1, f"expected a UTF-8 page the build can read, found {what}")]
    problems = []
    for line, column, target in _links(text):
        message = _link_problem(target, relative, site)
        if message:
            problems.append(Problem(shown, line, column, message, severity="warning"))
    return problems


def _links(text: str) -> Iterator[tuple[int, int, str]]:
    """Line, column and target of every link outside code."""
    fenced = False
    for number, line in enumerate(text.split("\n"), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t")):
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        definition = _DEFINITION.match(visible)
        if definition:
            yield number, definition.start(1) + 1, definition.group(1)
        for found in _INLINE.finditer(visible):
            yield number, found.start(1) + 1, found.group(1)


def _link_problem(target: str, relative: str, site: SiteFiles) -> str | None:
    item = ITEM_LINK_RE.match(target)
    if item:
        kind, item_id = LINK_KINDS[item.group(1)], item.group(2)
        if item_id in site.ids[kind]:
            return None
        return (f"expected the id of an existing {item.group(1)}, found '{item_id}'"
                f"{missing(kind, item_id, site.ids[kind], site.explain)}")
    if _SCHEME.match(target) or target.startswith(("#", "//")):
        return None  # another site, an e-mail address, or a place in this page
    if target.startswith("/"):
        return (f"expected a relative link (the site may be published in a sub-folder), found "
                f"'{target}'")
    return _path_problem(target, relative, site)


def _path_problem(target: str, relative: str, site: SiteFiles) -> str | None:
    path = re.split(r"[#?]", target, maxsplit=1)[0]
    wanted = posixpath.normpath(posixpath.join(posixpath.dirname(relative), unquote(path)))
    if wanted in site.pages or wanted.startswith("assets/") or not site.complete \
            or wanted in ALWAYS_GENERATED or wanted in site.files:
        return None
    page = posixpath.join(wanted, "index.md") if wanted != "." else "index.md"
    if page in site.files:
        shown = posixpath.relpath(page, posixpath.dirname(relative) or ".")
        return f"expected a link to a page's file, found '{target}' (did you mean '{shown}'?)"
    return (f"expected a link to a page or file of the site, found '{target}', which leads "
            f"nowhere{_nearest(wanted, relative, site)}")


def _nearest(wanted: str, relative: str, site: SiteFiles) -> str:
    """`` (did you mean 'x'?)`` for the site file nearest a misspelt link, written relative to
    the linking page as the link was."""
    near = difflib.get_close_matches(wanted, sorted(site.pages | site.files), n=1, cutoff=0.8)
    if not near:
        return ""
    return f" (did you mean '{posixpath.relpath(near[0], posixpath.dirname(relative) or '.')}'?)"


def resolve_item_links(text: str, relative: str) -> str:
    """A hand-written page with its ``theme:ID`` (and quote, recommendation) links made into
    links to the items' pages, relative to the page's file ``relative``, as the engine
    expects."""
    folder = posixpath.dirname(relative) or "."

    def resolve(found: re.Match[str]) -> str:
        item = ITEM_LINK_RE.match(found.group(1))
        if not item:
            return found.group(0)
        page = f"{LINK_KINDS[item.group(1)]}/{item.group(2)}/index.md"
        link = posixpath.relpath(page, folder) + (item.group(3) or "")
        return found.group(0).replace(found.group(1), link, 1)

    lines, fenced = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        code = fenced or _FENCE.match(line) or line.startswith(("    ", "\t"))
        lines.append(line if code else
                     _outside_code(line, lambda part: _ITEM_TARGET.sub(resolve, part)))
    return "\n".join(lines)


def _outside_code(line: str, change: Callable[[str], str]) -> str:
    """``line`` with ``change`` applied to its text outside code spans (shown as written)."""
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        parts += [change(line[last:span.start()]), span.group()]
        last = span.end()
    return "".join([*parts, change(line[last:])])


_ITEM_TARGET = re.compile(rf"(?:\]\(\s*<?|^ {{0,3}}\[[^\]]+\]:\s*<?)({ITEM_LINK})", re.MULTILINE)
