"""A theme's page says its sentence once when a finding restates it (``wording.restates``)."""

from __future__ import annotations

import pytest

from findings.wording import restates


@pytest.mark.parametrize(("text", "expected"), [
    ("Staff felt alone", True),  # 3 of 4 words: 6/7
    ("Night staff felt alone", True),
    ("Night staff often felt alone", True),  # 4 of 5 words: 8/9
    ("Night staff often felt very alone", True),  # exactly 0.8: 2 * 4 / (4 + 6)
    ("Night staff often felt very much alone", False),  # 8/11: ruled out by length alone
    ("alone felt staff night", False),  # the same words in another order
])
def test_a_finding_restates_the_sentence_give_or_take_a_few_words(text: str,
                                                                  expected: bool) -> None:
    assert restates("Night staff felt alone", text) is expected
