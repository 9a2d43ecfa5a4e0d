"""The search index file written entry by entry reads back as the same index, byte for byte as
one ``json.dumps`` of it would be (issue 10.7: the whole index is never one string)."""

from __future__ import annotations

import json
from pathlib import Path

from findings.search_index_file import write_index


def test_the_index_written_entry_by_entry_is_the_one_dumped_whole(tmp_path: Path) -> None:
    config = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"]}
    docs = [{"location": "quotes/a/", "title": "“Quoted” — words", "text": "<p>x</p>"},
            {"location": "b/#s", "title": "B", "text": "tab\there, a \"quote\" and \\ too",
             "tags": [], "boost": 2.5, "when": Path("a")}]  # default=str, as the plugin's
    for entries in (docs, docs[:1], []):
        path = tmp_path / "search" / "search_index.json"
        write_index(path, config, iter(entries))
        whole = {"config": config, "docs": entries}
        assert path.read_bytes() == json.dumps(
            whole, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
        assert json.loads(path.read_text(encoding="utf-8"))["docs"][:1] == json.loads(
            json.dumps(entries[:1], default=str))
