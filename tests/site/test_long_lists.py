"""Long lists are split into pages that work without JavaScript, and the menu stays small."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import THEME_TWO, html_pages, run_findings, write_folder
from findings.card_weight import card_weight
from findings.citation import excerpt
from findings.data import read_data
from findings.model import build_model

QUOTES = 130
#: Long quotes (about 20 KB of words each, with a content note), of a second theme: listed
#: after the first theme's in the bank, so a page by count alone would hold ten short cards
#: and all six long ones, over 150 KB (and the theme's page all six).
LONG = 6


def _quotes() -> str:
    return "".join(
        f"- id: q-{n}\n  text: Synthetic words number {n} about the first theme.\n"
        f"  kind: finding\n  speaker: Study authors\n  themes: [one]\n  source: synthetic\n"
        for n in range(QUOTES))


def _long_quotes() -> str:
    return "".join(
        f"- id: long-{n}\n  text: {'The authors said this at length & again. ' * 470}\n"
        f"  kind: finding\n  speaker: Study authors\n  themes: [two]\n"
        f"  source: synthetic\n  content_note: Long\n"
        for n in range(LONG))


def _cards(page: Path) -> list[str]:
    """The ids of the quotes whose cards a page lists."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return [str(b["data-handout"]).removeprefix("quote:")
            for b in soup.select(".fnd-quote-pages article [data-handout]")]


def _bank_pages(site: Path) -> list[Path]:
    return [site / "quotes/index.html",
            *sorted((site / "quotes/page").glob("*/index.html"), key=lambda p: int(p.parent.name))]


def test_long_lists_are_paginated_and_pages_stay_small(tmp_path: Path) -> None:
    """Pages of thirty cards, fewer where the quotes are long: no page over 150 KB whatever
    the quotes' lengths, no card lost, and a page's templates carry no list of quotes (at
    10,000 quotes one was 45 KB of every page of the bank)."""
    data = write_folder(tmp_path / "data", {"quotes/q.yml": _quotes(),
                                            "quotes/long.yml": _long_quotes(),
                                            "themes/two.yml": THEME_TWO,
                                            "recommendations/r.yml": None})
    site = tmp_path / "site"
    run = run_findings("build", "--data", str(data), "--site-dir", str(site))
    assert run.code == 0, run.err
    bank = [_cards(page) for page in _bank_pages(site)]
    assert [len(ids) for ids in bank[:4]] == [30, 30, 30, 30] and len(bank) > 6
    assert sorted(i for ids in bank for i in ids) == sorted([f"q-{n}" for n in range(QUOTES)] +
                                           [f"long-{n}" for n in range(LONG)])
    quotes = {q.id: q for q in build_model(read_data(data, "data")).quotes}
    for page in [*_bank_pages(site), site / "themes/two/index.html"]:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert all(not t.get("data-fnd-ids") and "q-1" not in str(t)
                   for t in soup.select("template")), page
        for card in soup.select("article.fnd-quote"):
            quote = quotes[str(card.select("[data-handout]")[0]["data-handout"])[6:]]
            assert len(str(card).encode("utf-8")) <= card_weight(quote), quote.id
            # The copy buttons quote the generator's excerpt (site.js has no rule of its own).
            box = card.select_one("[data-quote-id]")
            assert box is not None and box.get("data-quote-excerpt", quote.text) == excerpt(
                quote.text), quote.id
    published = json.loads((site / "data/findings.json").read_text("utf-8"))["quotes"]
    assert {q["id"]: q.get("excerpt", q["text"]) for q in published} == {
        q.id: excerpt(q.text) for q in quotes.values()}
    theme = BeautifulSoup((site / "themes/one/index.html").read_text("utf-8"), "html.parser")
    assert len(theme.select("article.fnd-quote")) == 6
    more = theme.select_one("a:-soup-contains('All linked excerpts for this theme')")
    assert more is not None and more["href"] == "quotes/"
    for base in ("themes/one/quotes/",):
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
