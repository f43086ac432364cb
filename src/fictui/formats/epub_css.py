"""Recovering italics, bold and centring from an EPUB's CSS (calibre's generated classes)."""

from __future__ import annotations

import re

from fictui.formats.htmlblocks import ClassStyles, is_centered_declarations, style_of_declarations
from fictui.model import Style

MAX_CSS_CHARS = 2 * 1024 * 1024
"""Stylesheets beyond this size are only read this far."""

_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
_RULE_RE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_LAST_CLASS_RE = re.compile(r"\.([A-Za-z_][\w-]*)(?:[^\s.>+~]*)$")


def read_css(text: str, into: ClassStyles | None = None) -> ClassStyles:
    """Collect the styles a stylesheet gives to class names.

    Only rules whose selector ends in a class (``.calibre7``, ``span.italic``,
    ``.userstuff .calibre3``) count; the class at the end is the one styled.
    Nested blocks (``@media``) are read as if they were at the top.

    Args:
        text: The stylesheet.
        into: Add to these styles rather than starting afresh.

    Returns:
        The class styles.
    """
    result = into if into is not None else ClassStyles()
    text = _COMMENT_RE.sub(" ", text[:MAX_CSS_CHARS])
    for selectors, body in _RULE_RE.findall(text):
        style = style_of_declarations(body)
        centered = is_centered_declarations(body)
        normal = "font-style" in body and style & Style.ITALIC == 0
        if not (style or centered or normal):
            continue
        for selector in selectors.split(","):
            match = _LAST_CLASS_RE.search(selector.strip())
            if match is None or ":" in match.group(0):
                continue
            name = match.group(1)
            if normal:
                # A later "font-style: normal" undoes an earlier italic.
                result.styles[name] = result.styles.get(name, Style.PLAIN) & ~Style.ITALIC
            if style:
                result.styles[name] = result.styles.get(name, Style.PLAIN) | style
            if centered:
                result.centered.add(name)
    return result
