"""The raw-output invariant: fictui writes only escape sequences it chose, none from a file.

:func:`scan` splits a byte stream into escape sequences and control characters and
returns every one that is not allowed. Two policies exist: ``"plain"`` (a pipe:
no escape at all), ``"sgr"`` (`fictui cat` on a terminal: only SGR colour codes) and
``"app"`` (the Textual app: the exact sequences Textual writes, listed below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.css.constants import VALID_POINTER

from tests.hostile.make_corpus import MARKERS

ESC = "\x1b"

_CSI_RE = re.compile(r"\x1b\[([\x30-\x3f]*)([\x20-\x2f]*)([\x40-\x7e])")
_STRING_OPENERS = {"]": "OSC", "P": "DCS", "_": "APC", "^": "PM", "X": "SOS"}

_SGR_PARAMS_RE = re.compile(r"[0-9;:]*")
"""SGR parameters: colours and attributes, nothing else."""

APP_CSI_MODES = {
    "?1049",  # alternate screen
    "?25",  # cursor visibility
    "?1000",  # mouse: clicks
    "?1003",  # mouse: any motion
    "?1006",  # mouse: SGR encoding
    "?1015",  # mouse: urxvt encoding
    "?1016",  # mouse: SGR pixel encoding
    "?2004",  # bracketed paste
    "?1004",  # focus events
    "?7",  # autowrap
    "?2026",  # synchronized output
    "?2048",  # in-band resize notifications
}
"""Private modes Textual sets and resets with CSI ... h / l (linux_driver.py)."""

APP_CSI_EXACT = {
    "\x1b[?2026$p",  # asks whether synchronized output is supported
    "\x1b[?2048$p",  # asks whether in-band resize is supported
    "\x1b[>25u",  # kitty keyboard protocol: push flags 1|8|16
    "\x1b[<u",  # kitty keyboard protocol: pop flags
}
"""CSI sequences Textual writes as whole, exact strings (its two queries included)."""

APP_STRINGS_EXACT = {f"\x1b]22;{shape}\x07" for shape in VALID_POINTER}
"""The only control strings Textual writes: the kitty pointer shape (OSC 22), per shape."""

_POSITION_RE = re.compile(r"[0-9]+;[0-9]+")
"""Textual moves the cursor with CSI row;column H and nothing else."""

_ALLOWED_C0 = {"\r", "\n", "\t", "\b"}


@dataclass(frozen=True)
class Finding:
    """A sequence or character the policy does not allow."""

    offset: int
    """Where it starts, in code points from the start of the decoded stream."""
    kind: str
    """What it is: 'OSC', 'CSI', 'C1', 'C0', 'invalid UTF-8', ..."""
    text: str
    """The sequence itself (repr it before printing)."""

    @property
    def carries_payload(self) -> bool:
        """True when a corpus payload marker sits inside the sequence."""
        return any(marker in self.text for marker in MARKERS)


def _csi_allowed(seq: str, params: str, inter: str, final: str, policy: str) -> bool:
    if final == "m" and not inter:
        return _SGR_PARAMS_RE.fullmatch(params) is not None
    if policy != "app":
        return False
    if seq in APP_CSI_EXACT:
        return True
    if final in "hl" and not inter:
        return all(mode in APP_CSI_MODES for mode in _modes(params))
    if final == "H" and not inter:
        return _POSITION_RE.fullmatch(params) is not None
    return False


def _modes(params: str) -> list[str]:
    if params.startswith("?"):
        return ["?" + part for part in params[1:].split(";")]
    return [params]


def _string_end(text: str, start: int) -> int:
    """Index after the BEL or ST ending a control string, or len(text) if none."""
    for index in range(start, len(text)):
        char = text[index]
        if char == "\x07":
            return index + 1
        if char == ESC and text[index + 1 : index + 2] == "\\":
            return index + 2
        if char == "\x9c":
            return index + 1
    return len(text)


def scan(raw: bytes, policy: str = "app") -> list[Finding]:
    """Every escape sequence or control character in ``raw`` the policy forbids.

    Args:
        raw: Every byte fictui wrote.
        policy: "plain", "sgr" or "app" (see the module docstring).

    Returns:
        The findings, in stream order; empty when the output is clean.
    """
    text = raw.decode("utf-8", "surrogateescape")
    findings: list[Finding] = []
    index = 0
    while index < len(text):
        char = text[index]
        code = ord(char)
        if char == ESC:
            nxt = text[index + 1 : index + 2]
            csi = _CSI_RE.match(text, index)
            if csi:
                seq = csi.group(0)
                params, inter, final = csi.group(1), csi.group(2), csi.group(3)
                if policy == "plain" or not _csi_allowed(seq, params, inter, final, policy):
                    findings.append(Finding(index, "CSI", seq))
                index = csi.end()
                continue
            if nxt in _STRING_OPENERS:
                end = _string_end(text, index + 2)
                seq = text[index:end]
                if policy != "app" or seq not in APP_STRINGS_EXACT:
                    findings.append(Finding(index, _STRING_OPENERS[nxt], seq))
                index = end
                continue
            # A two-character escape (ESC 7, ESC c, ESC =, ESC ( B ...): Textual writes none.
            length = 3 if nxt and nxt in "()*+#%" else 2
            findings.append(Finding(index, "ESC", text[index : index + length]))
            index += length
            continue
        if 0x80 <= code <= 0x9F:
            findings.append(Finding(index, "C1", text[index : index + 16]))
        elif 0xDC80 <= code <= 0xDCFF:
            byte = code - 0xDC00
            kind = "C1 byte" if 0x80 <= byte <= 0x9F else "invalid UTF-8"
            findings.append(Finding(index, kind, text[index : index + 16]))
        elif (code < 0x20 or code == 0x7F) and char not in _ALLOWED_C0:
            findings.append(Finding(index, "C0", char))
        index += 1
    return findings


def describe(findings: list[Finding], limit: int = 8) -> str:
    """A short report of findings for an assertion message."""
    lines = [f"{f.kind} at {f.offset}: {f.text[:60]!r}" for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"... and {len(findings) - limit} more")
    return "\n".join(lines)


def visible(raw: bytes) -> str:
    """The output with every escape sequence removed: what a reader would see, roughly."""
    text = raw.decode("utf-8", "replace")
    text = _CSI_RE.sub("", text)
    return re.sub(r"\x1b[\]P_^X].*?(\x07|\x1b\\|$)", "", text, flags=re.S)
