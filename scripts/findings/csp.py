"""The Content Security Policy every built page carries in a ``<meta>`` tag.

Nothing from any other host; no plugins; no ``<base>``; inline script only by the sha256 of
each inline script of the page itself, hashed as the browser hashes it (the exact text
between the tags, line endings normalised by the HTML parser, UTF-8). A ``<meta>`` policy
cannot carry ``frame-ancestors``, ``report-uri`` or ``sandbox``: the README tells a host
which headers to add.

Style: the theme and our scripts set styles only through the CSSOM (``el.style.x = ...``,
``setProperty``), which a policy does not govern, and no page has a ``style`` attribute or a
``<style>`` element, so ``style-src 'self'`` holds without ``'unsafe-inline'``. Images:
Material's stylesheet draws its icons from ``data:`` SVG URLs, hence ``img-src 'self' data:``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

#: The whole inline script, as the HTML tokenizer ends it: at ``</script`` followed by
#: white space, ``/`` or ``>`` (case-insensitive).
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script[\t\n\f\r />]", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"""(?:^|[\s"'])src\s*=""", re.IGNORECASE)
_TYPE = re.compile(r"""(?:^|[\s"'])type\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
#: Script types a browser runs; any other (``application/json``) is a data block.
_RUN_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.IGNORECASE)
MARKER = 'http-equiv="Content-Security-Policy"'
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
_SHIM_PAGE = re.compile(r"document\.write\(`.*?<script>(.*?)<\\/script>", re.DOTALL)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run, as the browser sees it."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes, text = match.group(1), match.group(2)
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind and kind.group(1).lower() not in _RUN_TYPES):
            continue
        found.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd"))
    return found


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(html: str, extra_scripts: tuple[str, ...] = ()) -> str:
    """The policy of one page: ``extra_scripts`` are inline scripts that the page's own
    scripts write later (the offline edition's worker shim)."""
    hashes = sorted({script_hash(text) for text in [*inline_scripts(html), *extra_scripts]})
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *hashes]),
        "style-src 'self'",
        "img-src 'self' data:",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def add_policy(html: str, extra_scripts: tuple[str, ...] = ()) -> str:
    """The page with its policy first in ``<head>`` (after the charset, which must come
    within the first bytes); a page that has it there already, or has no head, is left
    alone (only that place counts: the marker's text elsewhere is just text)."""
    head = _HEAD.search(html)
    if head is None:
        return html
    at = head.end()
    charset = _CHARSET.match(html, at)
    if charset:
        at = charset.end()
    if html.startswith(f"<meta {MARKER}", at):
        return html
    tag = f'<meta {MARKER} content="{policy_for(html, extra_scripts)}">'
    return html[:at] + tag + html[at:]


def worker_shim_script(shim: str, html: str) -> str | None:
    """The inline script that the offline edition's worker shim (iframe-worker, vendored)
    writes into its frame for this page, which inherits the page's policy: the shim's
    template with its two helper functions' source and the page's search-worker address
    (from Material's ``__config``) put in, as the browser's template literal does.
    ``None`` when the shim or the address cannot be found (then search fails, visibly)."""
    template, config = _SHIM_PAGE.search(shim), _CONFIG.search(html)
    if template is None or config is None:
        return None
    worker = json.loads(config.group(1)).get("search")
    parts: dict[str, str | None] = {"e": worker if isinstance(worker, str) else None}
    for name in set(re.findall(r"\$\{(\w+)\}", template.group(1))) - {"e"}:
        parts[name] = _function_source(shim, name)
    if any(value is None for value in parts.values()):
        return None
    return re.sub(r"\$\{(\w+)\}", lambda m: str(parts[m.group(1)]), template.group(1))


def _function_source(code: str, name: str) -> str | None:
    """``function name(...){...}`` as written (braces balanced; the shim has no braces in
    strings inside these helpers)."""
    start = code.find(f"function {name}(")
    depth, opened = 0, code.find("{", start)
    if start < 0 or opened < 0:
        return None
    for at in range(opened, len(code)):
        depth += {"{": 1, "}": -1}.get(code[at], 0)
        if depth == 0:
            return code[start:at + 1]
    return None
