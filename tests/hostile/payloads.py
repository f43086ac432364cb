"""The payloads of the hostile corpus: escape sequences, console markup and plain prose."""

from __future__ import annotations

MARKERS = ("PWNED", "aGk=", "evil.example")
"""Strings that sit inside every payload; seeing one inside an escape sequence is a failure."""

SECRET = "root:x:0:0"
"""A line of /etc/passwd: an external XML entity that worked would print it."""

ESCAPES: dict[str, str] = {
    "osc52-clipboard": "\x1b]52;c;aGk=\x07",
    "osc0-title": "\x1b]0;PWNED\x07",
    "osc2-title-st": "\x1b]2;PWNED\x1b\\",
    "osc8-link": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "osc50-font": "\x1b]50;?PWNED\x07",
    "decrqss": "\x1bP$qm\x1b\\",
    "dcs": "\x1bPPWNED\x1b\\",
    "apc": "\x1b_PWNED\x1b\\",
    "pm": "\x1b^PWNED\x1b\\",
    "sos": "\x1bXPWNED\x1b\\",
    "csi-6n": "\x1b[6n",
    "clear": "\x1b[2J",
    "reset": "\x1bc",
    "c1-csi": "\x9b6n",
    "c1-osc": "\x9d0;PWNED\x9c",
    "rlo": "\u202eDENWP",
}
"""Escape payloads by name, as they would reach a terminal if printed raw."""

ALL_ESCAPES = "".join(ESCAPES.values())
"""Every payload in one string."""

UNTERMINATED = "\x1b]0;PWNED evil.example"
"""An OSC with no terminator: a terminal would swallow everything after it."""

MARKUP = "[bold]b[/] [/ [b [@click=app.quit]quit[/] [link=https://evil.example]l[/link] \\[x]"
"""Console markup a reader must show literally, never interpret."""

PROSE = (
    "The lantern was lit before the ferry left, and Ada counted the gulls.",
    "Nobody on the quay admitted to owning the green umbrella.",
    "By noon the fog had eaten the lighthouse and most of the harbour.",
)
"""Plain sentences every readable sample carries, so tests can find them."""


def story_text(*extra: str) -> str:
    """Three plain paragraphs with ``extra`` paragraphs between the second and third."""
    return "\n\n".join([*PROSE[:2], *extra, PROSE[2]]) + "\n"
