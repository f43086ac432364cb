"""Turning a story file's bytes into text: BOMs, UTF-8, UTF-16, Windows-1252 and detection."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from fictui.errors import StoryError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x7fELF", "a program"),
    (b"RIFF", "a media file"),
    (b"OggS", "a media file"),
    (b"ID3", "an audio file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
)

# Windows-1252 puts punctuation where Latin-1 has C1 controls; these bytes are
# the tell-tale of a file saved by an old Windows editor.
_CP1252_PUNCT_RE = re.compile(rb"[\x80\x82-\x8c\x8e\x91-\x9c\x9e\x9f]")
_UTF8_MULTIBYTE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


@dataclass(slots=True)
class Decoded:
    """Text decoded from a file, with how it was decoded."""

    text: str
    """The decoded text, with line endings still as in the file."""
    encoding: str
    """The encoding used ('utf-8', 'windows-1252', 'utf-8+windows-1252', ...)."""
    problems: list[str] = field(default_factory=list)
    """What was odd about the bytes, for the story's problem list."""


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return _decode_cp1252(bytes(chunk)), error.end


codecs.register_error("fictui-cp1252", _cp1252_fallback)


def _decode_cp1252(data: bytes) -> str:
    # The five bytes Windows-1252 leaves undefined fall back to Latin-1, which
    # makes them C1 controls that the sanitizer shows as placeholders.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return "".join(
            bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
            for b in data
        )


def binary_reason(data: bytes) -> str | None:
    """Why the bytes are not a text file, or None when they may be text."""
    head = data[:16]
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return f"this is {what}, not a story"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> Decoded:
    """Decode a story file's bytes.

    A BOM wins; else strict UTF-8; else UTF-16 without a BOM when the NUL
    pattern says so; else UTF-8 mixed with Windows-1252, decoded piece by piece;
    else Windows-1252 when its punctuation bytes appear; else a detector.

    Args:
        data: The file's bytes.

    Returns:
        The text and the encoding used.

    Raises:
        StoryError: The bytes are a binary file (an image, an archive, NUL bytes).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError:
                text = data[len(bom) :].decode(encoding, "replace")
                return Decoded(text, encoding, [f"invalid {encoding} bytes replaced"])
    reason = binary_reason(data)
    if reason:
        raise StoryError(reason)
    if b"\x00" in data:
        encoding_guess = _utf16_without_bom(data[:8192])
        if encoding_guess:
            try:
                return Decoded(data.decode(encoding_guess), encoding_guess)
            except UnicodeDecodeError:
                pass
        raise StoryError("binary data (NUL bytes), not a text file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE_RE.search(data):
        text = data.decode("utf-8", "fictui-cp1252")
        return Decoded(
            text,
            "utf-8+windows-1252",
            ["mixed UTF-8 and Windows-1252; decoded piece by piece"],
        )
    if _CP1252_PUNCT_RE.search(data):
        return Decoded(_decode_cp1252(data), "windows-1252", ["decoded as windows-1252"])
    return _detect(data)


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # imported late: only odd files need it

    best = from_bytes(data[:65536]).best()
    if best is not None and best.encoding:
        try:
            name = codecs.lookup(best.encoding).name
            return Decoded(data.decode(name), name, [f"decoded as {name} (detected)"])
        except (LookupError, UnicodeDecodeError):
            pass
    return Decoded(_decode_cp1252(data), "windows-1252", ["decoded as windows-1252 (guess)"])
