"""The preview's quick rebuild re-reads only the data files that changed and renders again
only the pages a change touches, and its problems and pages are those of a full check and a
full render."""

from __future__ import annotations

import dataclasses
import gc
import shutil
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment

import findings.engine
import findings.search_glue
import findings.serve
import findings.site
from conftest import FIXTURES, ROOT, write_folder
from findings.by_object import ByObject
from findings.card_weight import card_weight
from findings.cli import check_options, make_parser
from findings.data import read_data
from findings.model import Findings, Quote, Remade, build_model
from findings.pages import Page, plan_pages
from findings.planned import model_of, pages_of
from findings.preview_pages import PagesPlan, PreviewPages
from findings.project import Project, load_project
from findings.read_cache import ReadCache
from findings.render import make_environment
from findings.serve import Preview
from findings.superseded import Superseded, giving_way
from findings.voice import abstract_section
from findings.write import StagedFile, listed_files, sync_docs

BROKEN_REF = "themes: [one, nowhere]"


#: A second quotes file, beside the fixture study's.
MORE_QUOTES = {"quotes/more.yml": """
    - id: q-two
      text: Other words.
      kind: finding
      speaker: Study authors
      themes: [one]
      source: "abstract: results"
"""}


def _problems(root: Path, cache: ReadCache | None = None) -> list[str]:
    return [p.format() for p in read_data(root, "data", cache=cache).problems]


def test_only_changed_files_are_read_again_and_problems_are_a_full_checks(
        tmp_path: Path) -> None:
    """A check with the cache reads a file again only when it changed; a file deleted or
    renamed drops out (its items and problems with it); the problems, cross-file ones
    included, are exactly those of a check without the cache, each time."""
    data = write_folder(tmp_path / "data", MORE_QUOTES)
    cache = ReadCache()
    assert _problems(data, cache) == _problems(data) == []
    files = cache.reads
    assert files >= 5
    _problems(data, cache)
    assert cache.reads == files, "unchanged files were read again"

    more = data / "quotes" / "more.yml"
    more.write_text(more.read_text(encoding="utf-8").replace("themes: [one]", BROKEN_REF),
                    encoding="utf-8")
    found = _problems(data, cache)
    assert cache.reads == files + 1, "only the changed file is read again"
    assert found == _problems(data)
    assert any("nowhere" in line for line in found), found

    # The recommendation cites q-one; once q-one's file is gone, that is a cross-file problem.
    (data / "quotes" / "q.yml").unlink()
    found = _problems(data, cache)
    assert cache.reads == files + 1
    assert str(data / "quotes" / "q.yml") not in cache.files()
    assert found == _problems(data)
    assert any("q-one" in line for line in found), found

    more.rename(data / "quotes" / "renamed.yml")
    found = _problems(data, cache)
    assert cache.reads == files + 2, "a renamed file is read under its new name"
    assert str(more) not in cache.files()
    assert found == _problems(data)
    assert all("more.yml" not in line for line in found), found


def test_disclosure_warnings_follow_each_save_as_a_full_checks(tmp_path: Path) -> None:
    """The disclosure guard scans again only the files a save changed: a phone number saved
    into one file is reported there, stays reported while another file is saved, and is gone
    once removed; a participant code typed into a recommendation is found after a save of
    the quote that holds the code. Each time, the problems are a check's without the cache."""
    data = write_folder(tmp_path / "data", {"quotes/more.yml": """
        - id: q-two
          text: Other words.
          kind: participant
          speaker: Participant
          participant: P07
          consent: consented
          themes: [one]
          source: interview
    """})
    cache = ReadCache()
    assert _problems(data, cache) == _problems(data)
    quote, more = data / "quotes" / "q.yml", data / "quotes" / "more.yml"
    original = quote.read_text(encoding="utf-8")
    quote.write_text(original.replace("Words of a finding.", "Call 555-123-4567."),
                     encoding="utf-8")
    found = _problems(data, cache)
    assert found == _problems(data)
    assert any(line.startswith("data/quotes/q.yml:2:9: warning: [q-one] text: expected no contact")
               for line in found), found
    more.write_text(more.read_text(encoding="utf-8").replace("Other words.", "Others."),
                    encoding="utf-8")
    found = _problems(data, cache)
    assert found == _problems(data) and any("555-123-4567" in line for line in found), found
    quote.write_text(original, encoding="utf-8")
    found = _problems(data, cache)
    assert found == _problems(data) and not any("555-123-4567" in line for line in found)

    rec = data / "recommendations" / "r.yml"
    rec.write_text(rec.read_text(encoding="utf-8").replace("A summary.", "Ask P08."),
                   encoding="utf-8")
    assert not any("P08" in line for line in _problems(data, cache))
    more.write_text(more.read_text(encoding="utf-8").replace("P07", "P08"), encoding="utf-8")
    found = _problems(data, cache)
    assert found == _problems(data) and any("[r-one] summary" in line and "P08" in line
                                             for line in found), found


def test_a_quotes_card_weight_follows_its_words() -> None:
    """Weights are kept between plans (a list is split at each): a quote's new words, or a
    content note added, weigh what they weigh, not what its id weighed before."""
    quote = Quote(id="q-one", text="Short.", kind="finding", speaker="Study authors",
                  themes=("one",), source="abstract: results")
    short = card_weight(quote)
    longer = dataclasses.replace(quote, text="Many more words than before. " * 40)
    noted = dataclasses.replace(quote, content_note="describes a loss")
    assert card_weight(longer) > short + 1000
    assert card_weight(noted) > short
    assert card_weight(dataclasses.replace(longer, text="Short.")) == short


def test_a_quotes_abstract_section_follows_its_words_and_the_abstract() -> None:
    """Sections are kept between plans too: a finding's words moved to another part of the
    abstract, or the abstract changed under them, give the part that now holds them."""
    quote = Quote(id="q-one", text="We found gaps.", kind="finding", speaker="Study authors",
                  themes=("one",), source="abstract")
    study = build_model(read_data(FIXTURES / "other-study", "other-study")).study
    study = dataclasses.replace(study, abstract=(("Results", "We found gaps."),
                                                 ("Conclusion", "Close them.")))
    assert abstract_section(quote, study) == "Results"
    assert abstract_section(dataclasses.replace(quote, text="Close them."), study) == "Conclusion"
    moved = dataclasses.replace(study, abstract=(("Results", "Other results."),
                                                 ("Conclusion", "We found gaps.")))
    assert abstract_section(quote, moved) == "Conclusion"


def test_a_model_after_a_save_is_the_last_one_but_for_the_changed_files_items(
        tmp_path: Path) -> None:
    """The preview's next model reuses the last one's objects for the items of the files
    that did not change (``Remade``): those are the same objects, and the changed file's
    items are made again from their new values, whatever their ids; the model is a model
    made from nothing, each time."""
    data = write_folder(tmp_path / "data", MORE_QUOTES)
    cache, remade = ReadCache(), Remade()
    first = build_model(read_data(data, "data", cache=cache), remade=remade)
    more = data / "quotes" / "more.yml"
    more.write_text(more.read_text(encoding="utf-8").replace("Other words.", "New words."),
                    encoding="utf-8")
    checked = read_data(data, "data", cache=cache)
    second = build_model(checked, remade=remade)
    assert second == build_model(checked)
    assert second.quote_by_id["q-two"].text == "New words."
    assert second.quote_by_id["q-one"] is first.quote_by_id["q-one"]
    assert second.themes[0] is first.themes[0]
    assert second.recommendations[0] is first.recommendations[0]


def test_a_plan_after_a_save_makes_the_entries_of_changed_quotes_and_study_again() -> None:
    """The quotes' page entries are kept by quote and study object (``ByObject``): a plan
    after the study's abstract changed, or a quote's words did, is a plan made from nothing,
    though the quotes' objects are the last plan's."""
    findings = build_model(read_data(FIXTURES / "other-study", "other-study"), drafts=True)
    kept: ByObject[Page] = ByObject()
    first = plan_pages(findings, kept)
    assert plan_pages(findings, kept) == first
    study = findings.study
    renamed = dataclasses.replace(findings, themes=list(findings.themes), study=dataclasses.replace(
        study, abstract=tuple((f"Part {n}", text) for n, (_, text) in enumerate(study.abstract))))
    again = plan_pages(renamed, kept)
    assert again == plan_pages(renamed)
    assert again != first, "the abstract's headings name the authors' quotes"
    quote = findings.quotes[0]
    reworded = _with_quote_text(renamed, quote.id, "Entirely new words for this quote.")
    assert plan_pages(reworded, kept) == plan_pages(reworded)


def test_the_check_and_the_preview_share_a_model_only_when_drafts_do_not_part_them(
        tmp_path: Path) -> None:
    """The model and plan the check of the hand-written pages makes are the preview's too
    when no item is a draft; with a draft, the check's model leaves it out and the preview's
    shows it; data read again after a save gets a model of its own."""
    data = write_folder(tmp_path / "data", {})
    checked = read_data(data, "data")
    assert model_of(checked) is model_of(checked, drafts=True)
    assert pages_of(model_of(checked)) is pages_of(model_of(checked, drafts=True))
    quote = data / "quotes" / "q.yml"
    quote.write_text(quote.read_text(encoding="utf-8") + """- id: q-draft
  text: Not yet published.
  kind: finding
  speaker: Study authors
  themes: [one]
  source: "abstract: results"
  draft: true
""", encoding="utf-8")
    again = read_data(data, "data")
    assert [q.id for q in model_of(again).quotes] == ["q-one"]
    assert [q.id for q in model_of(again, drafts=True).quotes] == ["q-one", "q-draft"]
    for drafts in (True, False, True):
        urls = {page.url for page in pages_of(model_of(again, drafts=drafts))}
        assert ("quotes/q-draft/" in urls) is drafts, drafts


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    folder = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return load_project(folder / "mkdocs.yml")


@dataclasses.dataclass(frozen=True)
class Staged:
    """The other study's model and its first full plan, made once for the module's tests: a
    full plan of every page is most of their time. The templates are compiled once too, as
    the preview itself does (one environment for all its plans)."""

    findings: Findings
    before: PagesPlan
    env: Environment
    #: Makes the full plans the quick ones are compared with (never staged, so each of its
    #: plans renders every page from nothing).
    reference: PreviewPages

    def preview(self) -> PreviewPages:
        """A preview whose last staged plan is ``before``."""
        pages = PreviewPages(env=self.env)
        pages.staged(self.before)
        return pages


@pytest.fixture(scope="module")
def staged(project: Project) -> Staged:
    findings = build_model(read_data(FIXTURES / "other-study", "other-study"), drafts=True)
    env = make_environment()
    reference = PreviewPages(env=env)
    return Staged(findings, reference.plan(findings, project, everything=True), env, reference)


def _texts(files: list[StagedFile]) -> dict[str, str]:
    return {f.path: f.text for f in files}


def _with_quote_text(findings: Findings, quote_id: str, text: str) -> Findings:
    quotes = [dataclasses.replace(q, text=text) if q.id == quote_id else q
              for q in findings.quotes]
    return dataclasses.replace(findings, themes=list(findings.themes), quotes=quotes)


def test_a_quick_rebuild_renders_every_page_a_full_one_changes(project: Project,
                                                               staged: Staged) -> None:
    """One quote's text changed: every page whose text a full render changes (the quote's
    page, its theme's pages, the quote bank page holding it, the recommendation citing it,
    the feed...) is in what the quick rebuild renders, with the same text; the pages it keeps
    are those whose text did not change, and are most. The open data (and the version the
    data page prints) is left to the full rebuild that follows, which makes every file as a
    full render does."""
    findings, before = staged.findings, staged.before
    quote = next(q for q in findings.quotes if findings.recommendations_citing(q.id))
    pages = staged.preview()

    changed = _with_quote_text(findings, quote.id, "Entirely new words for this quote.")
    quick = pages.plan(changed, project)
    made = staged.reference.plan(changed, project, everything=True)
    full, old = _texts(made.plan.files), _texts(before.plan.files)

    touched = {path for path, text in full.items() if old.get(path) != text}
    rendered = _texts(quick.plan.files)
    deferred = touched - set(rendered)
    assert "data/findings.json" in deferred and quick.version == before.version
    assert deferred <= quick.open_data | {"data/index.md"}, sorted(deferred)
    assert all(text.replace(before.version, made.version) == full[path]
               for path, text in rendered.items())
    assert set(rendered) | quick.kept == set(full)
    assert not quick.kept & (touched - deferred)
    expected = {f"quotes/{quote.id}/index.md", "quotes/index.md",
                *(f"themes/{t}/index.md" for t in quote.themes),
                *(f"recommendations/{r.id}/index.md"
                  for r in findings.recommendations_citing(quote.id))}
    assert expected <= set(rendered), sorted(expected - set(rendered))
    assert len(quick.kept) > len(rendered)
    other = next(q for q in findings.quotes if q.id != quote.id)
    assert f"quotes/{other.id}/index.md" in quick.kept

    pages.staged(quick)
    after = _texts(pages.plan(changed, project, everything=True).plan.files)
    assert after == full, sorted(path for path in full if after.get(path) != full[path])


def test_a_theme_page_is_rendered_again_only_for_the_quotes_it_shows(project: Project,
                                                                    staged: Staged) -> None:
    """A theme page shows its first quotes' cards and links to the rest: a save to a quote it
    does not show leaves it as it is (at 10,000 quotes, a theme's page is among the slowest
    to render); a save to one it shows renders it again. Either way the quick plan's pages
    are a full plan's."""
    findings = staged.findings
    theme = findings.themes[0]
    model = next(q for q in findings.quotes if q.themes == (theme.id,) and q.kind != "finding")
    extra = [dataclasses.replace(model, id=f"{model.id}-copy-{n}", text=f"Copy {n} of it.")
             for n in range(12)]
    many = dataclasses.replace(findings, themes=list(findings.themes),
                               quotes=[*findings.quotes, *extra])
    pages = PreviewPages(env=staged.env)
    before = pages.plan(many, project, everything=True)
    pages.staged(before)
    shown = _texts(before.plan.files)
    page = f"themes/{theme.id}/index.md"
    assert extra[-1].id not in shown[page] and extra[-1].id in shown["quotes/index.md"]
    for quote in (extra[-1], findings.quotes_for_theme(theme.id)[0]):
        changed = _with_quote_text(many, quote.id, "Entirely new words for this quote.")
        quick = pages.plan(changed, project)
        full = _texts(staged.reference.plan(changed, project, everything=True).plan.files)
        rendered = _texts(quick.plan.files)
        assert (page in rendered) is (quote.id in shown[page]), quote.id
        touched = {path for path, text in full.items() if shown.get(path) != text}
        assert touched - quick.open_data <= set(rendered), sorted(touched - set(rendered))


def test_the_macros_show_each_saves_model_not_the_first_ones(project: Project,
                                                             staged: Staged) -> None:
    """The templates are compiled once for the whole preview, and Jinja keeps the macros'
    module with the globals of its first render: after a save that renames the abstract's
    sections (the authors' quotes' labels), the cards the macros draw carry the new labels,
    as in a plan made with templates compiled anew."""
    findings, study = staged.findings, staged.findings.study
    renamed = dataclasses.replace(findings, themes=list(findings.themes), study=dataclasses.replace(
        study, abstract=tuple((f"Part {n}", text) for n, (_, text) in enumerate(study.abstract))))
    quick = _texts(staged.preview().plan(renamed, project).plan.files)
    anew = _texts(PreviewPages().plan(renamed, project, everything=True).plan.files)
    assert quick["quotes/index.md"] != _texts(staged.before.plan.files)["quotes/index.md"]
    cards = [path for path in anew if path.startswith(("quotes/", "themes/"))]
    assert {path: quick.get(path) for path in cards} == {path: anew[path] for path in cards}


def test_a_theme_renamed_renders_its_quotes_pages_again(project: Project, staged: Staged
                                                        ) -> None:
    """A read through a lookup (a quote card's theme, by id) counts: renaming a theme renders
    again the pages of its quotes, which name it."""
    findings, before = staged.findings, staged.before
    pages = staged.preview()
    theme = findings.themes[0]
    themes = [dataclasses.replace(t, title="A wholly new title") if t.id == theme.id else t
              for t in findings.themes]
    changed = dataclasses.replace(findings, themes=themes)
    quick = pages.plan(changed, project)
    full = _texts(staged.reference.plan(changed, project, everything=True).plan.files)
    old = _texts(before.plan.files)
    touched = {path for path, text in full.items() if old.get(path) != text}
    assert touched - quick.open_data <= {f.path for f in quick.plan.files}
    assert any(path.startswith("quotes/") and path != "quotes/index.md" for path in touched)


def test_a_save_after_a_quick_rebuild_is_compared_with_what_that_one_rendered(
        project: Project, staged: Staged) -> None:
    """The reads are kept by read, for all pages (``ReadIndex``), and brought up to date with
    each staged plan: a theme renamed, then named back, renders its quotes' pages again each
    time, as the full plans of both saves say, and a page kept through the first save is still
    compared at the second."""
    findings = staged.findings
    pages = staged.preview()
    theme = findings.themes[0]
    renamed = dataclasses.replace(findings, themes=[
        dataclasses.replace(t, title="A wholly new title") if t.id == theme.id else t
        for t in findings.themes])
    back = dataclasses.replace(findings, themes=list(findings.themes))
    shown = _texts(staged.before.plan.files)
    for model in (renamed, back):
        quick = pages.plan(model, project)
        full = _texts(staged.reference.plan(model, project, everything=True).plan.files)
        rendered = _texts(quick.plan.files)
        touched = {path for path, text in full.items() if shown.get(path) != text}
        assert any(path.startswith("quotes/") and path != "quotes/index.md" for path in touched)
        assert touched - quick.open_data <= set(rendered), sorted(touched - set(rendered))
        pages.staged(quick)
        shown = {**shown, **rendered}


@pytest.mark.engine
def test_a_quick_rebuild_hands_the_kept_engine_only_the_changed_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In process, the full build left out (the site folder starts empty): after a save, the
    engine session opened once is kept, and writes exactly the pages the save changed: the
    quote's page, its theme's page and the quote bank page listing it show the new words. The
    open data has them once the full rebuild that follows has run. A save that breaks the
    file, or puts a phone number in it, is reported at the file, line and column."""
    monkeypatch.setattr(findings.serve, "build_site",
                        lambda *args, **kwargs: findings.site.BuildResult(0, tmp_path))
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "other-study", data)
    project = tmp_path / "project"
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    work = tmp_path / "work"
    (work / "site").mkdir(parents=True)
    (work / "docs").mkdir()
    args = make_parser().parse_args(["serve", "--data", str(data),
                                     "--config", str(project / "mkdocs.yml")])
    preview = Preview(check_options(args), load_project(project / "mkdocs.yml"), data, work)
    preview.rebuild(fast=False)
    session = preview.quick.session
    assert session is not None
    changed: list[str] = []
    build = preview.quick.build

    def recording(*args: Any) -> list[str]:
        found = build(*args)
        changed.extend(found)
        return found
    monkeypatch.setattr(preview.quick, "build", recording)
    quote = data / "quotes" / "handovers.yml"
    text = quote.read_text(encoding="utf-8")
    old_words = "most lost information concerned prescriptions awaiting stock."
    for words in ("Freshly edited words of this finding.", "Edited again."):
        quote.write_text(text.replace(old_words, words), encoding="utf-8")
        preview.rebuild(fast=True)
        assert preview.quick.session is session
        for page in ("quotes/gaps-finding/", "themes/handover-gaps/", "quotes/"):
            assert words in (work / "site" / page / "index.html").read_text(encoding="utf-8")
        opened = (work / "docs" / "data" / "findings.json").read_text(encoding="utf-8")
        assert words in opened and old_words not in opened
    assert gc.isenabled()
    index = findings.search_glue.search_index(session.config)
    assert index is not None and index.entries == [], "the full rebuild indexes the pages"
    built = {p.relative_to(work / "site").as_posix() for p in (work / "site").rglob("*.html")}
    assert "quotes/gaps-finding/index.html" in built
    assert built == {path.removesuffix("index.md") + "index.html"
                     for path in changed if path.endswith(".md")}
    assert not any(path.startswith("data/") and path.endswith((".json", ".csv"))
                   for path in changed), "the open data is the full rebuild's to make"

    # (what the save changes, to what, where its problem is: the value's start, the problem)
    theme_ref = 'handover-gaps\n  source: "abstract: findings'
    for before, after, pointed, wanted in (
            (old_words, "Call 555-123-4567 about it.", '"Synthetic finding: most lost',
             "warning: [gaps-finding] text: expected no contact details, found the phone "
             "number '555-123-4567'"),
            (theme_ref, theme_ref.replace("handover-gaps", "nowhere"), theme_ref,
             "error: [gaps-finding] themes[0]: expected the id of an existing theme, found "
             "'nowhere'")):
        at = text.index(pointed)
        place = f"{quote}:{text[:at].count(chr(10)) + 1}:{at - text.rindex(chr(10), 0, at)}"
        quote.write_text(text.replace(before, after), encoding="utf-8")
        preview.rebuild(fast=True)
        assert any(line.startswith(f"{place}: {wanted}") for line in preview.state.problems), \
            (place, preview.state.problems)


def test_a_kept_listing_of_the_docs_folder_removes_what_no_page_needs(tmp_path: Path) -> None:
    """The quick rebuild does not walk docs/: the listing it keeps still leads to the stale
    files, leaves the pages it was told are unchanged, and stays true to the folder."""
    docs, nothing = tmp_path / "docs", tmp_path / "no-content"
    docs.mkdir()
    listed = listed_files(docs)
    sync_docs(docs, nothing, [StagedFile("a/index.md", "A"), StagedFile("b/index.md", "B")],
              listed=listed)
    assert listed == {"a/index.md", "b/index.md"}
    changed = sync_docs(docs, nothing, [StagedFile("c/index.md", "C")],
                        unchanged=frozenset({"a/index.md"}), listed=listed)
    assert sorted(changed) == ["b/index.md", "c/index.md"]
    assert (docs / "a" / "index.md").read_text(encoding="utf-8") == "A"
    assert listed == listed_files(docs) == {"a/index.md", "c/index.md"}


def test_a_full_rebuild_stopped_for_a_newer_save_keeps_the_listing_true(tmp_path: Path) -> None:
    """The full rebuild gives way to a save between two files it writes into docs/: it stops
    there (``Superseded``), and the kept listing still holds what docs/ holds, the file
    written before it stopped included."""
    docs, nothing = tmp_path / "docs", tmp_path / "no-content"
    docs.mkdir()
    listed = listed_files(docs)
    files = [StagedFile("a/index.md", "A"), StagedFile("b/index.md", "B")]
    with pytest.raises(Superseded), giving_way((docs / "a" / "index.md").exists):
        sync_docs(docs, nothing, files, listed=listed)
    assert listed == listed_files(docs) == {"a/index.md"}
    assert sorted(sync_docs(docs, nothing, files, listed=listed)) == ["b/index.md"]
    assert listed == listed_files(docs) == {"a/index.md", "b/index.md"}
