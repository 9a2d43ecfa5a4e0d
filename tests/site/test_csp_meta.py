"""Every HTML file of every built site carries the Content Security Policy, first in its head,
listing the hash of each inline script it runs (hashed here independently of the build), and
nothing that would let other script in."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from findings.csp import add_policy

RUNNABLE = {None, "", "text/javascript", "module"}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (d.split() for d in policy.split(";"))}


@pytest.mark.parametrize("name", ["study", "other", "payloads"])
def test_every_html_file_has_the_policy_first(built_sites: dict[str, Path], name: str) -> None:
    files = sorted(built_sites[name].rglob("*.html"))
    problems = []
    for path in files:
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        metas = head.find_all("meta") if head else []
        first = [m for m in metas if not m.has_attr("charset")][:1]
        if not first or first[0].get("http-equiv") != "Content-Security-Policy":
            problems.append(f"{path.relative_to(built_sites[name])}: no policy first in head")
            continue
        policy = directives(str(first[0]["content"]))
        scripts = [s.string or "" for s in BeautifulSoup(path.read_text("utf-8"), "html.parser")
                   .find_all("script", src=False) if s.get("type") in RUNNABLE]
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"] and "'unsafe-inline'" not in str(policy)
        assert set(policy["script-src"]) == {"'self'", *map(sha256, scripts)}, path
    assert len(files) > 10
    assert problems == []


def test_policy_hashes_what_the_browser_hashes() -> None:
    page = ('<!doctype html><html><head>\n<meta charset="utf-8"><title>t</title>'
            '<script>a()\r\n</script><script type="application/json">{"x":1}</script>'
            '<script src="x.js"></script></head><body><p>http-equiv="Content-Security-Policy"'
            "</p><SCRIPT>b()</SCRIPT ></body></html>")
    done = add_policy(page)
    head = BeautifulSoup(done, "html.parser").head
    assert head is not None
    meta = head.find_all("meta")[1]
    policy = directives(str(meta["content"]))
    assert policy["script-src"] == ["'self'", *sorted([sha256("a()\n"), sha256("b()")])]
    assert add_policy(done) == done
