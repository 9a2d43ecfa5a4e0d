"""``findings export qdc``: the site's themes as a REFI-QDA codebook (``.qdc``), one code per
theme in display order, that a QDA tool can import.

A theme imported from a code keeps that code's GUID, so importing the codebook (or a project
coded with it) again finds the same themes; any other theme gets a GUID made from its id,
the same on every export.
"""

from __future__ import annotations

import uuid
from typing import Any

from lxml import etree

from findings.qda.read import NS_CODEBOOK, codebook_schema

#: Namespace of the GUIDs made from theme ids (a fixed, random UUID).
THEME_NAMESPACE = uuid.UUID("6f1f7c52-3d0e-4c47-9b1e-5a0f7a3c9e21")


def theme_guid(theme: dict[str, Any]) -> str:
    origin = str(theme.get("origin") or "").strip().strip("{}").lower()
    return origin or str(uuid.uuid5(THEME_NAMESPACE, str(theme["id"])))


def render_codebook(themes: list[dict[str, Any]], study: dict[str, Any]) -> bytes:
    """The codebook as UTF-8 XML, checked against the codebook schema."""
    root = etree.Element(f"{{{NS_CODEBOOK}}}CodeBook", nsmap={None: NS_CODEBOOK})
    root.set("origin", f"findings: {study.get('title', 'a findings site')}")
    codes = etree.SubElement(root, f"{{{NS_CODEBOOK}}}Codes")
    for theme in sorted(themes, key=lambda t: int(t.get("number", 0))):
        code = etree.SubElement(codes, f"{{{NS_CODEBOOK}}}Code")
        code.set("guid", theme_guid(theme))
        code.set("name", str(theme.get("title") or theme["id"]))
        code.set("isCodable", "true")
        description = theme.get("description") or theme.get("summary")
        if description:
            etree.SubElement(code, f"{{{NS_CODEBOOK}}}Description").text = str(description)
    codebook_schema().assertValid(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
