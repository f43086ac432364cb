"""Decoding story bytes to text and the one sanitizer for untrusted strings."""

from fictui.text.decode import Decoded, decode
from fictui.text.sanitize import display_name, display_path, has_unsafe, sanitize, sanitize_line

__all__ = [
    "Decoded",
    "decode",
    "display_name",
    "display_path",
    "has_unsafe",
    "sanitize",
    "sanitize_line",
]
