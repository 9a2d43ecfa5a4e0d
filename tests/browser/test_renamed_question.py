"""A self-assessment question renamed in redirects.yml keeps the answer a reader saved under
its old id (issue 12.2: question ids are permanent, since answers are saved under them)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from browser.conftest import QuietServer, Served, _Quiet, open_page
from conftest import run_findings, write_folder

QUESTION = """
    id: {id}
    type: question
    text: Do we do the thing?
    theme: one
    recommendations: [r-one]
    source: editors
"""


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("renamed")
    data = write_folder(root / "data", {
        "toolkit/t.yml": QUESTION.format(id="ask-new"),
        "redirects.yml": "toolkit-questions:\n  ask-old: ask-new\n"})
    run = run_findings("build", "--data", str(data), "--site-dir", str(root / "site"))
    assert run.code == 0, run.err
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Served(root / "site", f"http://127.0.0.1:{server.server_port}/")
    server.shutdown()
    server.server_close()


def test_an_answer_saved_under_the_old_question_id_is_kept(browser: Browser,
                                                           renamed_site: Served) -> None:
    page = open_page(browser, renamed_site)
    page.goto(renamed_site.url("toolkit/self-assessment/"))
    page.evaluate("""() => localStorage.setItem(
        "findings:" + location.pathname + ":self-assessment", JSON.stringify({"ask-old": "no"}))""")
    page.reload()
    question = page.get_by_role("group", name="Do we do the thing?")
    expect(question.get_by_role("radio", name="No", exact=True)).to_be_checked()
    assert renamed_site.outside == []
