"""Each record is declared once (``records``): a field added there reaches the checks, the
pages, the editors' JSON Schema, the data dictionary and ``findings.json``, with no other edit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from conftest import MINIMAL, ROOT, write_folder
from findings.records import Quote, make

#: The one edit: a field added to the quote's declaration, after ``content_note``.
ANCHOR = ("    content_note: str = spec(Text(), \"shown before the text, e.g. 'describes "
          "racism'\")\n")
ADDED = '    mood: str = spec(Text(), "how the words were said, e.g. \'laughing\'")\n'

#: Run against the edited copy of the package: what each stage makes of the new field.
PROBE = textwrap.dedent("""
    import dataclasses, json, sys
    from pathlib import Path
    from findings.data import read_data
    from findings.dictionary import render_dictionary
    from findings.jsonschema import all_schemas
    from findings.model import build_model
    from findings.opendata import open_data_files
    from findings.pages import plan_pages
    from findings.render import PageRenderer, SiteOptions

    good, bad = Path(sys.argv[1]), Path(sys.argv[2])
    data = read_data(good, "good")
    findings = build_model(data)
    page = next(p for p in plan_pages(findings) if p.url == "quotes/q-one/")
    shown = PageRenderer(findings, SiteOptions()).render(dataclasses.replace(page, template="mood"))
    files = open_data_files(findings, "")
    print(json.dumps({
        "problems": [p.format() for p in data.problems],
        "bad": [p.format() for p in read_data(bad, "bad").problems],
        "page": shown,
        "schema": json.loads(all_schemas()["quotes.schema.json"]),
        "dictionary": render_dictionary(),
        "findings": json.loads(files["data/findings.json"]),
        "public_schema": json.loads(files["data/findings.schema.json"]),
        "csv": files["data/quotes.csv"],
    }))
""")


def _quote(extra: str) -> str:
    return MINIMAL["quotes/q.yml"].rstrip() + f"\n          {extra}\n"


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The package copied with the one edit (and a test template that prints the field), run
    in its own process over a folder that uses the field and one that misuses it."""
    tmp = tmp_path_factory.mktemp("declaration")
    package = tmp / "package" / "findings"
    shutil.copytree(ROOT / "scripts" / "findings", package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    records = package / "records.py"
    source = records.read_text(encoding="utf-8")
    assert source.count(ANCHOR) == 1, "the quote's content_note line moved: update ANCHOR"
    records.write_text(source.replace(ANCHOR, ANCHOR + ADDED), encoding="utf-8")
    (package / "templates" / "mood.html").write_text("<p>{{ quote.mood }}</p>\n",
                                                     encoding="utf-8")
    good = write_folder(tmp / "good", {"quotes/q.yml": _quote("mood: laughing")})
    bad = write_folder(tmp / "bad", {"quotes/q.yml": _quote("mood: [laughing, crying]")})
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(good), str(bad)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_a_field_added_to_one_declaration_reaches_every_stage(probed: dict[str, Any]) -> None:
    # The checks: accepted as text, refused as a list, at its line.
    assert probed["problems"] == []
    assert any("q-one] mood: expected text, found a list" in p for p in probed["bad"])
    # The pages: the template gets it with the quote.
    assert "<p>laughing</p>" in probed["page"]
    # The editors' JSON Schema and the data dictionary.
    mood = probed["schema"]["$defs"]["quote"]["properties"]["mood"]
    # text, or the numbers and booleans check reads as text (an editor parses them as such)
    assert mood["type"] == ["string", "number", "boolean"]
    assert mood["description"].startswith("how the words")
    assert "| `mood` | plain text | no | how the words were said" in probed["dictionary"]
    # The open data: findings.json, its published schema and the CSV.
    assert probed["findings"]["quotes"][0]["mood"] == "laughing"
    assert "mood" in probed["public_schema"]["properties"]["quotes"]["items"]["properties"]
    assert '"mood"' in probed["csv"].splitlines()[0] and '"laughing"' in probed["csv"]


def test_a_value_no_field_declares_is_refused_never_dropped() -> None:
    values = {"id": "q", "text": "Words", "kind": "finding", "speaker": "Study authors",
              "themes": ["t"], "source": "s"}
    assert make(Quote, values).themes == ("t",)
    with pytest.raises(ValueError, match="Quote declares no field mood"):
        make(Quote, {**values, "mood": "laughing"})


def test_fields_never_published_stay_out_of_the_model() -> None:
    quote = make(Quote, {"id": "q", "text": "Words", "kind": "participant", "speaker": "P",
                         "themes": ["t"], "source": "s", "consent": "consented",
                         "participant": "P07", "origin": "0c31c7a6-9cf9-4a4c-9c1b-1d1f3f5e6a7b"})
    assert (quote.participant, quote.origin, quote.consent) == ("", "", "consented")
