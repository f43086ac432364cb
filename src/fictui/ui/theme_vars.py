"""The app's own theme variables and their fallback values (every bundled theme sets them)."""

from __future__ import annotations

THEME_VARIABLE_DEFAULTS: dict[str, str] = {
    "fictui-body": "#d7d2c8",
    "fictui-heading": "#f0e6d2",
    "fictui-realm": "#b9c7e4",
    "fictui-realm-gutter": "#5d7fb8",
    "fictui-note": "#9fb48a",
    "fictui-search": "#4a3f1c",
    "fictui-search-current": "#8a6a12",
    "fictui-ornament": "#7d7768",
    "fictui-mark": "#c678dd",
    "fictui-new": "#e0a458",
}
"""Variable name to colour: reading text, headings, the italic realm and its gutter bar,
inline notes, search hits (all and current), the scene-break ornament, the passage-note
mark and the list's new/updated marker."""
