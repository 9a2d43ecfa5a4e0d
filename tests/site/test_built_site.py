"""The built site, read as files: every page there, links right, nothing from elsewhere."""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, STUDY, html_pages, run_findings, run_findings_process
from findings import voice
from findings.data import read_data
from findings.model import Findings, build_model


def model(data: Path) -> Findings:
    return build_model(read_data(data, str(data)))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_item_has_its_permalink_page(built_sites: dict[str, Path]) -> None:
    site, findings = built_sites["study"], model(STUDY)
    expected = ["index.html", "study/index.html", "themes/index.html", "quotes/index.html",
                "recommendations/index.html", "about/index.html"]
    expected += [f"themes/{t.id}/index.html" for t in findings.themes]
    expected += [f"quotes/{q.id}/index.html" for q in findings.quotes]
    expected += [f"recommendations/{r.id}/index.html" for r in findings.recommendations]
    missing = [p for p in expected if not (site / p).is_file()]
    assert missing == []


def test_navigation_lists_sections_and_themes_never_quotes(built_sites: dict[str, Path]) -> None:
    findings = model(STUDY)
    page = soup(built_sites["study"] / "quotes" / findings.quotes[0].id / "index.html")
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    labels = [a.get_text(" ", strip=True) for a in nav.select("a.md-nav__link")]
    assert "Quote bank" in labels and "Recommendations" in labels
    for theme in findings.themes:
        assert f"Theme {theme.number}: {theme.title}" in labels
    hrefs = [str(a["href"]) for a in nav.select("a[href]")]
    assert not any(re.search(r"quotes/[a-z0-9-]+/$", h) for h in hrefs), hrefs


def test_theme_page_lists_its_quotes_and_recommendations(built_sites: dict[str, Path]) -> None:
    findings = model(STUDY)
    for theme in findings.themes:
        page = soup(built_sites["study"] / "themes" / theme.id / "index.html")
        article = page.select_one("article.md-content__inner")
        assert article is not None
        hrefs = {a["href"] for a in article.select("a[href]")}
        for quote in findings.quotes_for_theme(theme.id):
            assert f"../../quotes/{quote.id}/" in hrefs
        for rec in findings.recommendations_for_theme(theme.id):
            assert f"../../recommendations/{rec.id}/" in hrefs
        assert page.h1 is not None and page.h1.get_text() == theme.title


def test_quote_page_has_a_citation_with_its_permalink(built_sites: dict[str, Path]) -> None:
    for quote in model(STUDY).quotes:
        page = soup(built_sites["study"] / "quotes" / quote.id / "index.html")
        for style in ("ama", "apa"):
            citation = page.select_one(f"#cite-{quote.id}-{style} [data-fnd-cite]")
            assert citation is not None
            assert citation.get_text().endswith(f"/quotes/{quote.id}/")
            assert findings_title_words(citation.get_text())
        kind = page.select_one(".fnd-quote__kind")
        assert kind is not None
        authors = {voice.FINDING, voice.CONCLUSION, voice.AUTHORS}
        assert kind.get_text() in ({voice.PARTICIPANT} if quote.kind == "participant" else authors)


def findings_title_words(text: str) -> bool:
    """The citation names the study (citations set its title in sentence case)."""
    return "keeping the lights on" in text.lower()


def test_recommendations_say_whether_stated_or_derived(built_sites: dict[str, Path]) -> None:
    for rec in model(STUDY).recommendations:
        page = soup(built_sites["study"] / "recommendations" / rec.id / "index.html")
        badge = page.select_one(".fnd-basis__label")
        assert badge is not None
        assert badge.get_text() == {
            "authors": "The study's authors recommend this",
            "participants": "Residents in the study called for this (as the study reports)",
            "editors": "Derived from the findings by the site's editors"}[rec.owner]
        assert page.select_one(".fnd-basis__why") is not None


def test_retired_ids_lead_on_and_withdrawn_ones_explain(built_sites: dict[str, Path]) -> None:
    site = built_sites["other"]
    stub = soup(site / "quotes" / "old-quote-id" / "index.html")
    refresh = stub.select_one('meta[http-equiv="refresh"]')
    assert refresh is not None and refresh["content"] == "0; url=../handover-notes-lost/"
    withdrawn = soup(site / "quotes" / "retired-withdrawn-quote" / "index.html")
    assert withdrawn.h1 is not None and "withdrawn" in withdrawn.h1.get_text()
    assert (site / "themes" / "old-theme" / "index.html").is_file()


LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
           "video": "src", "embed": "src", "object": "data"}


@pytest.mark.parametrize("name", ["study", "other", "payloads"])
def test_no_page_loads_anything_from_another_host(built_sites: dict[str, Path], name: str
                                                  ) -> None:
    outside = []
    for path in html_pages(built_sites[name]):
        page = soup(path)
        for tag, attr in LOADING.items():
            outside += [el[attr] for el in page.find_all(tag)
                        if urlsplit(str(el.get(attr, ""))).netloc]
        outside += [el["href"] for el in page.find_all("link", href=True)
                    if el.get("rel") != ["canonical"] and urlsplit(str(el["href"])).netloc]
    for css in built_sites[name].rglob("*.css"):
        outside += re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]+\)|@import", css.read_text())
    assert outside == []


@pytest.mark.end_to_end
def test_two_builds_of_the_same_input_are_identical(built_sites: dict[str, Path],
                                                    tmp_path: Path) -> None:
    """The second build is the real command in its own process: the same bytes as the build
    made in the test process."""
    again = tmp_path / "again"
    run = run_findings_process("build", "--data", str(STUDY), "--site-dir", str(again))
    assert run.code == 0, run.err
    comparison = filecmp.dircmp(built_sites["study"], again)
    differing = _differences(comparison)
    assert differing == []


def _differences(cmp: filecmp.dircmp[str]) -> list[str]:
    found = [*cmp.left_only, *cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
    found += mismatch + errors
    for sub in cmp.subdirs.values():
        found += _differences(sub)
    return found


THIS_STUDY = ["PROMISE", "pediatric", "UIM", "IAMSE", "Underrepresented", "Kas-Osoka",
              "belonging", "microaggression"]


def test_another_study_gets_a_site_with_no_word_of_this_one(built_sites: dict[str, Path]) -> None:
    site = built_sites["other"]
    texts = [p for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml")
             and "assets" not in p.parts]
    texts.append(site / "search" / "search_index.json")
    found = {(p.name, w) for p in texts for w in THIS_STUDY
             if re.search(rf"\b{w}\b", p.read_text(encoding="utf-8"), re.IGNORECASE)}
    assert found == set()
    assert "Night-shift handovers" in (site / "index.html").read_text(encoding="utf-8")


def test_synthetic_data_says_so_on_every_page(built_sites: dict[str, Path]) -> None:
    for path in html_pages(built_sites["other"]):
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue  # a redirect stub, shown for no time at all
        notice = soup(path).select_one(".fnd-synthetic")
        assert notice is not None, path
        assert "Synthetic data" in notice.get_text()
    # and a study that does not say it is synthetic shows no notice: tests/site/test_real_study.py


def test_quote_text_is_indexed_once(built_sites: dict[str, Path]) -> None:
    index = json.loads((built_sites["other"] / "search" / "search_index.json").read_text())
    for quote in model(FIXTURES / "other-study").quotes:
        holding = [doc["location"] for doc in index["docs"] if quote.text in doc["text"]]
        assert holding == [f"quotes/{quote.id}/"]


def test_a_guides_own_intro_is_searchable_and_the_shared_meeting_text_is_not(
        built_sites: dict[str, Path]) -> None:
    """The agenda, ground rules and notes are the same on every guide (left out of search);
    the guide's intro is its own words, found by search on its page."""
    index = json.loads((built_sites["other"] / "search" / "search_index.json").read_text())
    guides = [guide for guide in model(FIXTURES / "other-study").discussions if guide.intro]
    assert guides
    for guide in guides:
        first_words = " ".join(guide.intro.split()[:4])
        holding = {doc["location"].split("#")[0] for doc in index["docs"]
                   if first_words in " ".join(doc["text"].split())}
        assert holding == {f"toolkit/discussion/{guide.id}/"}, guide.id
    assert not [doc["location"] for doc in index["docs"] if "Ground rules" in doc["text"]
                or "stays here" in doc["text"]]


PAYLOAD_ATTRS = re.compile(r"^on[a-z]+$")


def test_payloads_never_become_markup(built_sites: dict[str, Path]) -> None:
    for path in html_pages(built_sites["payloads"]):
        page = soup(path)
        handlers = [(el.name, a) for el in page.find_all(True) for a in el.attrs
                    if PAYLOAD_ATTRS.match(a)]
        assert handlers == [], path
        scripts = [s for s in page.find_all("script") if "__pwned" in (s.string or "")]
        assert scripts == [], path
        assert page.select('a[href^="javascript:"], a[href^="data:"], svg[onload]') == []
        assert page.find("div", onclick=True) is None
    home = soup(built_sites["payloads"] / "index.html").get_text()
    assert "<script>window.__pwned=1</script>" in home
    assert "{{ 7*7 }}" in home and "49" not in home


def test_a_data_folder_is_required(tmp_path: Path) -> None:
    run = run_findings("build", "--data", str(FIXTURES / "nope"), "--site-dir", str(tmp_path))
    assert run.code == 2 and "not found" in run.err


def test_internal_participant_codes_are_never_published(built_sites: dict[str, Path]) -> None:
    for name, code in (("payloads", "markParticipantCode"), ("other", "P03")):
        leaks = [p for p in built_sites[name].rglob("*") if p.is_file()
                 and "assets" not in p.parts and code.encode() in p.read_bytes()]
        assert leaks == [], name


ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_is_valid_atom(built_sites: dict[str, Path]) -> None:
    import xml.etree.ElementTree as ET

    feed = ET.parse(built_sites["other"] / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Version 1.1", "Version 1.0"]
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        updated = entry.findtext(f"{ATOM}updated") or ""
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", updated)
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)


def test_item_pages_say_when_they_were_added_and_changed(built_sites: dict[str, Path]) -> None:
    page = soup(built_sites["other"] / "recommendations" / "standard-handover-checklist"
                / "index.html")
    history = page.select_one(".fnd-history")
    assert history is not None
    text = " ".join(history.get_text().split())
    assert text == "Added in version 1.0 (2024-03-01); last changed in version 1.1 (2024-06-01)."
    news = soup(built_sites["other"] / "whats-new" / "index.html")
    assert [h.get_text(" ", strip=True) for h in news.select("article h2")] == [
        "Version 1.1 (2024-06-01)", "Version 1.0 (2024-03-01)"]


def test_withdrawn_quote_shows_a_notice_not_the_text(built_sites: dict[str, Path]) -> None:
    page = soup(built_sites["other"] / "quotes" / "retired-withdrawn-quote" / "index.html")
    assert page.select_one(".fnd-quote") is None
    assert "has been withdrawn, so it is no longer published" in page.get_text()


def test_the_scripts_cards_say_whose_words_as_the_pages_do(built_sites: dict[str, Path]) -> None:
    """The quote bank's and handout's scripts clone the <template> of a quote's label, as
    findings.json gives it: each quote's label there is the one its page shows, and each
    page has a template saying it."""
    site = built_sites["study"]
    data = json.loads((site / "data" / "findings.json").read_text("utf-8"))
    for page_path in ("quotes/index.html", "handout/index.html"):
        page = soup(site / page_path)
        templates = {}
        for template in page.select("template[data-fnd-card]"):
            label = BeautifulSoup(template.decode_contents(), "html.parser").select_one(
                ".fnd-quote__kind")
            assert label is not None and label.get_text() == template["data-fnd-label"]
            templates[(template["data-fnd-card"], label.get_text())] = template
        for quote in data["quotes"]:
            kind = soup(site / "quotes" / quote["id"] / "index.html").select_one(
                ".fnd-quote__kind")
            assert kind is not None and quote["label"] == kind.get_text(), quote["id"]
            assert (quote["kind"], quote["label"]) in templates, (page_path, quote["id"])


def test_every_page_footer_names_the_studys_authors_and_the_sites_editors(
        built_sites: dict[str, Path]) -> None:
    """A footer says whose work the site is (the study its authors', the site its editors')
    and that no licence is stated: two pages of different kinds stand for all (one template)."""
    site = built_sites["other"]
    for page in (site / "index.html", site / "toolkit" / "index.html"):
        credit = soup(page).select_one("footer .fnd-site-credit")
        assert credit is not None, page
        text = credit.get_text()
        assert text.startswith("The study: Fairweather-Example et al. (2024). This site, its "
                               "summaries, derived recommendations and toolkit: the site's "
                               "editors."), text


def test_a_quotes_search_entry_says_whose_words(built_sites: dict[str, Path]) -> None:
    """A search result for a quote names its label (title) and who said it (text)."""
    index = json.loads((built_sites["other"] / "search" / "search_index.json").read_text("utf-8"))
    [entry] = [d for d in index["docs"] if d["location"] == "quotes/alone-with-the-door/"]
    assert entry["title"].startswith("Participant's words: \u201cWhen someone is shouting")
    assert "Pharmacist" in entry["text"]
