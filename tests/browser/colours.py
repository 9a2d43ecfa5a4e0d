"""WCAG contrast between two computed CSS colours ("rgb(...)" or "rgba(...)"), as the browser
reports them: a see-through colour is laid on the one behind it first."""

from __future__ import annotations

import re

WHITE = "rgb(255, 255, 255)"


def _rgba(css: str) -> tuple[float, float, float, float]:
    r, g, b, *alpha = (float(n) for n in re.findall(r"[\d.]+", css))
    return r, g, b, alpha[0] if alpha else 1.0


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str = WHITE) -> float:
    """The contrast ratio (1 to 21) of ``foreground`` over an opaque ``background``."""
    fr, fg, fb, a = _rgba(foreground)
    br, bg, bb, _ = _rgba(background)
    laid = (fr * a + br * (1 - a), fg * a + bg * (1 - a), fb * a + bb * (1 - a))
    lighter, darker = sorted([_luminance(laid), _luminance((br, bg, bb))], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
