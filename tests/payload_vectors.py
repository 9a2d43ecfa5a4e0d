"""The script-injection vectors that the payload data folder (``tests/fixtures/payloads``)
carries in every field, and what a vector does when it runs.

Every vector that runs sets ``window.__pwned``, sets ``document.title`` to ``PWNED`` or opens a
dialog (``alert``), so a browser test sees it. ``tests/unit/test_payload_fixture.py`` checks
that every plain-text field of every kind holds every ``PLAIN`` vector, and every Markdown
field every ``PLAIN`` and ``MARKDOWN`` vector (a field with a length limit, across its items).
Control characters are errors in any field, so they are tested in the unit tests, not here.
"""

from __future__ import annotations

#: What a vector leaves behind when it runs.
FLAG = "window.__pwned"
TITLE = "PWNED"

#: Markup, script and template syntax: in a plain-text field all of it must show as text.
PLAIN: dict[str, str] = {
    "script": "<script>window.__pwned=1</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "svg-onload": "<svg onload=window.__pwned=1>",
    "break-double": '"><img src=x onerror=window.__pwned=1>',
    "break-single": "'><svg/onload=alert(1)>",
    "break-attribute": "\" autofocus onfocus=\"window.__pwned=1\" x=' onmouseover='alert(1)",
    "close-script": "</script><script>document.title='PWNED'</script>",
    "close-raw-text": "</title></textarea></style></noscript><script>window.__pwned=1</script>",
    "comment": "<!--<script>window.__pwned=1</script>-->",
    "jinja": "{{ 7*7 }} {% if true %}jinja-ran{% endif %} {# hidden #}",
    "template": "${7*7} {{constructor.constructor('window.__pwned=1')()}}",
    "entities": "&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp;lt; &#60;b&#62;",
    "markdown-link": "[plain-link](javascript:alert(1)) <javascript:alert(1)>",
    "front-matter": "\n---\ntitle: front-matter-broken\nhooks: [x]\n---\n# heading?",
    "line-separators": "js\u2028separator\u2029paragraph",
}

#: Links, link definitions, autolinks and HTML blocks: in a Markdown field none may run.
MARKDOWN: dict[str, str] = {
    "js-plain": "[js-plain](javascript:alert(1))",
    "js-case": "[js-case](JaVaScRiPt:alert(1))",
    "js-decimal": "[js-decimal](javascript&#58;alert(1))",
    "js-named": "[js-named](javascript&colon;alert(1))",
    "js-hex": "[js-hex](javascript&#x3a;alert(1))",
    "js-padded": "[js-padded](javascript&#0000058;alert(1))",
    "js-padded-hex": "[js-padded-hex](javascript&#X0003A;alert(1))",
    "js-letter": "[js-letter](&#106;avascript:alert(1))",
    "js-tab": "[js-tab](java\tscript:alert(1))",
    "js-tab-entity": "[js-tab-entity](java&#9;script:alert(1))",
    "js-tab-named": "[js-tab-named](java&Tab;script:alert(1))",
    "js-newline-entity": "[js-newline-entity](java&#10;script:alert(1))",
    "js-angle": "[js-angle](<javascript:alert(1)>)",
    "js-title": '[js-title](javascript:alert(1) "a title")',
    "js-image": "![js-image](javascript:alert(1))",
    "image-breakout": '![image-breakout](<x" onerror="alert(1)>)',
    "title-breakout": '[title-breakout](https://example.org "a\\" onmouseover=\\"alert(1)")',
    "reference": "[ref-plain][evil-plain] [ref-decimal][evil-decimal] [ref-named][evil-named] "
                 "[ref-hex][evil-hex] [evil-vb] [ref-data][evil-data]\n\n"
                 "[evil-plain]: javascript:alert(1)\n"
                 "[evil-decimal]: javascript&#58;alert(1)\n"
                 "[evil-named]: javascript&colon;alert(1)\n"
                 "[evil-hex]: javascript&#x3a;alert(1)\n"
                 "[evil-vb]: vbscript:msgbox(1)\n"
                 "[evil-data]: data:text/html,<script>alert(1)</script>\n",
    "autolink": "<javascript:alert(1)> <vbscript:msgbox(1)> "
                "<data:text/html,%3Cscript%3Ealert(1)%3C/script%3E> "
                "<https://example.org/\"onmouseover=\"alert(1)>",
    "data": "[data-html](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
            "[data-svg](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E)",
    "vbscript": "[vbscript](vbscript:msgbox(1)) [vbscript-decimal](vbscript&#58;msgbox(1))",
    "html-block": "<div onclick=window.__pwned=1>raw block</div>\n\n"
                  "<details open ontoggle=window.__pwned=1><summary>s</summary></details>\n\n"
                  "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
    "html-inline": "an <a href=\"javascript:alert(1)\">html-link</a>, a "
                   "<form action=javascript:alert(1)><button>html-button</button></form> and "
                   "<object data=\"javascript:alert(1)\"></object>",
    "mutation": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "attribute-list": "# heading {: onclick=\"alert(1)\" }\n\n"
                      "[attr-link](https://example.org){: onmouseover=\"alert(1)\" }",
    "safe-link": "[a safe link](https://example.org/safe) and [a mail](mailto:a@example.org)",
}


def plain_payload() -> str:
    """Every plain vector, one after another."""
    return " ".join(PLAIN.values())


def markdown_payload() -> str:
    """Every vector, each Markdown one as its own paragraph."""
    return "\n\n".join([plain_payload(), *MARKDOWN.values()])
