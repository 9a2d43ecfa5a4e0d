"""Long lists are split into pages that work without JavaScript, and the menu stays small."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import html_pages, run_findings, write_folder

QUOTES = 130


def _quotes() -> str:
    return "".join(
        f"- id: q-{n}\n  text: Synthetic words number {n} about the first theme.\n"
        f"  kind: finding\n  speaker: Study authors\n  themes: [one]\n  source: synthetic\n"
        for n in range(QUOTES))


def test_long_lists_are_paginated_and_pages_stay_small(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data", {"quotes/q.yml": _quotes(),
                                            "recommendations/r.yml": None})
    site = tmp_path / "site"
    run = run_findings("build", "--data", str(data), "--site-dir", str(site))
    assert run.code == 0, run.err
    theme = BeautifulSoup((site / "themes/one/index.html").read_text("utf-8"), "html.parser")
    assert len(theme.select("article.fnd-quote")) == 6
    more = theme.select_one("a:-soup-contains('All linked excerpts for this theme')")
    assert more is not None and more["href"] == "quotes/"
    for base in ("quotes/", "themes/one/quotes/"):
        counts = [len(BeautifulSoup((site / base / sub / "index.html").read_text("utf-8"),
                                    "html.parser").select("article.fnd-quote"))
                  for sub in ("", "page/2", "page/3", "page/4", "page/5")]
        assert counts == [30, 30, 30, 30, 10], base
        pager = BeautifulSoup((site / base / "page/2/index.html").read_text("utf-8"),
                              "html.parser").select_one("nav.fnd-pagination")
        current = pager.select_one("[aria-current=page]") if pager else None
        assert current is not None and current.get_text() == "Page 2"
    nav = theme.select_one("nav.md-nav--primary")
    assert nav is not None and len(nav.select("a")) < 25
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in html_pages(site)}
    assert max(sizes.values()) < 150_000, max(sizes.items(), key=lambda kv: kv[1])


def test_a_study_with_only_themes_builds(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data", {"quotes/q.yml": None, "recommendations/r.yml": None})
    run = run_findings("build", "--data", str(data), "--site-dir", str(tmp_path / "site"))
    assert run.code == 0, run.err
    bank = (tmp_path / "site" / "quotes" / "index.html").read_text("utf-8")
    assert "There are no quotes yet." in bank
