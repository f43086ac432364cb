"""Story formats: read any supported file into a sanitized Story."""

from fictui.formats.read import HEAD_BYTES, MAX_FILE_BYTES, parse_bytes, read_story

__all__ = ["HEAD_BYTES", "MAX_FILE_BYTES", "parse_bytes", "read_story"]
