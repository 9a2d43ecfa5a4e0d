"""The engine glue's fast scans of a page give what the slow patterns they replace give
(``findings.page_scan``: the ids a page holds, the page without the search plugin's
``data-search-*`` attributes)."""

from __future__ import annotations

import html

import pytest

from findings.page_scan import (
    ANCHORS,
    SEARCH_ATTRIBUTES,
    anchor_ids,
    without_search_attributes,
)

PAGES = [
    "",
    'id="first"',  # at the very start: no white space before it
    '<h2 id="a">A</h2><p class="x" id="b&amp;c">t</p><div data-id="not-this">',
    '<section\n\tid="after-a-tab">said id="in-text" and\u2003id="after-em-space"</section>',
    '<a id="x" name="y">link</a> <a href="#y" name="z">n</a> <p id="w">',
    '<p data-search-exclude="1">x</p><div\tdata-search-boost="2" class="a">y</div>',
    '<p data-search-exclude="1"data-search-x="2" data-search-y="" data-search-z="3">',
    '<p>data-search-exclude="not an attribute but removed alike"</p> data-search-',
    "<p \u2003data-search-exclude=\"1\">unicode space before</p>",
]


@pytest.mark.parametrize("page", PAGES)
def test_the_fast_scans_agree_with_the_patterns(page: str) -> None:
    assert anchor_ids(page) == {html.unescape(ids or names)
                                for ids, names in ANCHORS.findall(page)}
    assert without_search_attributes(page) == SEARCH_ATTRIBUTES.sub("", page)


def test_what_the_scans_find() -> None:
    assert anchor_ids(PAGES[2]) == {"a", "b&c"}
    assert anchor_ids(PAGES[3]) == {"after-a-tab", "in-text", "after-em-space"}
    assert without_search_attributes(PAGES[5]) == '<p>x</p><div class="a">y</div>'
    assert without_search_attributes("<p>plain</p>") == "<p>plain</p>"
