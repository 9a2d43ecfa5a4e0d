"""Hand-written pages are checked too (issue 12.7): a broken link in ``content/`` fails
``check --strict``; ``theme:ID``-style links are checked there and become permalinks at build;
a link (symlink) in ``content/`` that leads outside it is refused, since it would be
published."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run_findings, write_folder
from findings import planned as plan_kept
from findings.content_pages import EVERY_SITE_HAS, resolve_item_links
from findings.data import read_data
from findings.model import Findings, build_model
from findings.pages import Page, plan_pages


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A site project (the real config and overrides) with its own content/ and data."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "overrides").symlink_to(ROOT / "overrides")
    for name, text in pages.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    write_folder(root / "data", {})
    return root


def check(root: Path, *options: str) -> tuple[int, list[str]]:
    run = run_findings("check", "--data", "data", "--config", "mkdocs.yml", *options, cwd=root)
    return run.code, [line for line in run.err.splitlines() if line.startswith("content/")]


GOOD = ("# Help\n\nSee [the themes](themes/index.md), [theme one](theme:one), "
        "[a quote](quote:q-one#top), [about](about.md), [the data](data/findings.json),\n"
        "[the site](https://example.org/), [mail](mailto:a@example.org), [here](#help).\n\n"
        "```\n[not a link](nowhere.md)\n```\n\nAnd `[code](gone.md)` too.\n\n"
        "[ref]: recommendation:r-one\n")


def test_good_links_in_hand_written_pages_pass(tmp_path: Path) -> None:
    root = project(tmp_path, {"help.md": GOOD, "about.md": "# About\n"})
    assert check(root, "--strict") == (0, [])


def test_broken_links_in_hand_written_pages_fail_strict_at_their_place(tmp_path: Path) -> None:
    page = ("# Help\n\nRead [about](abuot.md) and [theme](theme:onne).\n"
            "See [themes](themes/) and [top](/themes/index.md).\n\n[gone]: quote:q-gone\n")
    root = project(tmp_path, {"guide/help.md": page, "about.md": "# About\n"})
    code, found = check(root, "--strict")
    assert code == 1
    assert found == [
        "content/guide/help.md:3:14: warning: expected a link to a page or file of the site, "
        "found 'abuot.md', which leads nowhere",
        "content/guide/help.md:3:36: warning: expected the id of an existing theme, found "
        "'onne' (did you mean 'one'?)",
        "content/guide/help.md:4:14: warning: expected a link to a page or file of the site, "
        "found 'themes/', which leads nowhere",
        "content/guide/help.md:4:33: warning: expected a relative link (the site may be "
        "published in a sub-folder), found '/themes/index.md'",
        "content/guide/help.md:6:9: warning: expected the id of an existing quote, found "
        "'q-gone' (did you mean 'q-one'?)",
    ]
    assert check(root)[0] == 0, "warnings: only --strict fails"


def test_a_directory_or_misspelt_link_gets_the_page_file_to_use(tmp_path: Path) -> None:
    root = project(tmp_path, {"help.md": "[themes](themes/)\n[all](themes/indx.md)\n",
                              "guide/how.md": "[about](../abuot.md)\n",
                              "about.md": "# About\n"})
    assert sorted(check(root, "--strict")[1]) == [
        "content/guide/how.md:1:9: warning: expected a link to a page or file of the site, "
        "found '../abuot.md', which leads nowhere (did you mean '../about.md'?)",
        "content/help.md:1:10: warning: expected a link to a page's file, found 'themes/' "
        "(did you mean 'themes/index.md'?)",
        "content/help.md:2:7: warning: expected a link to a page or file of the site, found "
        "'themes/indx.md', which leads nowhere (did you mean 'themes/index.md'?)"]


def test_pages_every_site_has_are_planned_for_the_smallest_study(tmp_path: Path) -> None:
    """A link to one of them is good without planning the pages: each must be planned for
    any study, even one with no toolkit, recommendation list filters or redirects."""
    folder = write_folder(tmp_path / "data", {})
    planned = {page.url for page in plan_pages(build_model(read_data(folder, "data")))}
    assert set(EVERY_SITE_HAS) <= planned


def test_pages_are_planned_only_for_a_link_to_a_page_not_every_site_has(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Planning the pages is most of ``check``'s time at 10,000 quotes (issue 10.8): a link
    to a page every site has, like the study page, is known good without it."""
    planned: list[Findings] = []

    def plan(findings: Findings, *kept: Any) -> list[Page]:
        planned.append(findings)
        return plan_pages(findings, *kept)
    monkeypatch.setattr(plan_kept, "plan_pages", plan)  # where the check plans them
    root = project(tmp_path, {"about.md": "[s](study/index.md) [d](data/findings.json)\n"})
    assert (check(root, "--strict"), planned) == ((0, []), [])
    (root / "content" / "more.md").write_text("[t](themes/one/index.md)\n", encoding="utf-8")
    assert (check(root, "--strict"), len(planned)) == ((0, []), 1)


def test_a_link_in_content_leading_outside_it_is_refused_and_nothing_is_built(
        tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private notes", encoding="utf-8")
    root = project(tmp_path, {"about.md": "# About\n"})
    (root / "content" / "notes.txt").symlink_to(secret)
    (root / "content" / "elsewhere").symlink_to(tmp_path)
    code, found = check(root)
    assert code == 1
    assert found == [
        f"content/{name}:1:1: error: expected a file or folder inside content/, found a link "
        "that leads outside it: never published, remove the link or copy what it leads to "
        "into the folder" for name in ("elsewhere", "notes.txt")]
    run = run_findings("build", "--data", "data", "--config", "mkdocs.yml", "--site-dir",
                       str(tmp_path / "site"), cwd=root)
    assert run.code == 1
    assert not (tmp_path / "site").exists()


def test_a_link_inside_content_is_fine(tmp_path: Path) -> None:
    root = project(tmp_path, {"about.md": "# About\n"})
    (root / "content" / "same.md").symlink_to("about.md")
    assert check(root, "--strict") == (0, [])


@pytest.mark.parametrize(("page", "text", "resolved"), [
    ("help.md", "[one](theme:one)", "[one](themes/one/index.md)"),
    ("guide/help.md", "[q](quote:q-one#top)", "[q](../quotes/q-one/index.md#top)"),
    ("help.md", "[r]: <recommendation:r-one>", "[r]: <recommendations/r-one/index.md>"),
    ("help.md", "[x](https://a.org/theme:one)", "[x](https://a.org/theme:one)"),
    ("help.md", "Write `[one](theme:one)`: [one](theme:one)",
     "Write `[one](theme:one)`: [one](themes/one/index.md)"),
    ("help.md", "```\n[one](theme:one)\n```\n    [one](theme:one)",
     "```\n[one](theme:one)\n```\n    [one](theme:one)"),
])
def test_item_links_become_links_to_the_items_pages(page: str, text: str,
                                                   resolved: str) -> None:
    assert resolve_item_links(text, page) == resolved


@pytest.mark.engine
def test_an_item_link_in_a_page_leads_to_the_item_in_the_built_site(tmp_path: Path) -> None:
    """... and the page's own title and description, raw text in its front matter, show as
    that text: escaped once by the engine glue, as the generated pages' are (issue 10.3)."""
    root = project(tmp_path, {"help.md": "---\ntitle: 'Q&A <b>bold</b> \"quoted\"'\n"
                              "description: '<i>desc</i> & more'\n---\n\n"
                              "# Help\n\nSee [theme one](theme:one).\n"})
    site = tmp_path / "site"
    run = run_findings("build", "--data", "data", "--config", "mkdocs.yml", "--site-dir",
                       str(site), cwd=root)
    assert run.code == 0, run.err
    page = (site / "help" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../themes/one/">theme one</a>' in page
    assert "theme:one" not in page
    assert "<b>" not in page and "<i>desc" not in page and "&amp;lt;" not in page
    assert "<title>Q&amp;A &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot; - " in page
    assert '<meta name="description" content="&lt;i&gt;desc&lt;/i&gt; &amp; more">' in page
