"""Opening an EPUB's zip safely: size and ratio limits, unsafe names, encryption and DRM."""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from fictui.errors import StoryError

MAX_MEMBER_BYTES = 64 * 1024 * 1024
"""A member larger than this (uncompressed) is refused."""

MAX_TEXT_RATIO = 100
"""A text member compressed more than this many times over is refused (a zip bomb)."""

MAX_TOTAL_BYTES = 512 * 1024 * 1024
"""The most fictui reads out of one book, all members together."""

MAX_MEMBERS = 50_000
"""A book with more files than this is refused (its directory alone is a burden)."""

RATIO_FLOOR = 64 * 1024
"""Members smaller than this are too small to matter for the ratio check."""

TEXT_SUFFIXES = (
    ".xhtml",
    ".html",
    ".htm",
    ".xml",
    ".opf",
    ".ncx",
    ".css",
    ".txt",
    ".svg",
)
"""Member names holding text (the only ones whose compression ratio is checked)."""

# IDPF and Adobe font obfuscation is not DRM: the text itself stays readable.
_FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")


def is_safe_name(name: str) -> bool:
    """True for a member name that stays inside the archive (no '..', no absolute path)."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        return False
    if len(name) > 1 and name[1] == ":":
        return False
    return ".." not in name.split("/")


def resolve(base: str, href: str) -> str:
    """Resolve a link from the file ``base`` inside the book to a member name."""
    href = unquote(href.split("#", 1)[0].strip())
    if not href:
        return base
    joined = posixpath.join(posixpath.dirname(base), href)
    return posixpath.normpath(joined).lstrip("/")


class Book:
    """A zip archive opened for reading one book's members, within safe limits."""

    def __init__(self, data: bytes) -> None:
        """Open the archive and check its directory before reading anything.

        Raises:
            StoryError: Not a zip, encrypted, or a member is too large or too compressed.
        """
        if data[:2] != b"PK":
            raise StoryError("not an EPUB (not a zip archive)")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except Exception:  # noqa: BLE001 - any failure here means "not a usable zip"
            raise StoryError("not an EPUB (damaged or not a zip archive)") from None
        if len(infos) > MAX_MEMBERS:
            raise StoryError(f"not a book fictui will read ({len(infos):,} files inside)")
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._folded: dict[str, str] = {}
        self._read_total = 0
        for info in infos:
            if not is_safe_name(info.filename) or info.is_dir():
                continue
            check_member(info)
            self._members[info.filename] = info
            self._folded.setdefault(info.filename.casefold(), info.filename)
        if "META-INF/encryption.xml" in self._members:
            self._check_encryption()

    @property
    def names(self) -> list[str]:
        """The safe member names, in archive order."""
        return list(self._members)

    def find(self, name: str) -> str | None:
        """The member called ``name`` (exactly, else ignoring case), or None."""
        if name in self._members:
            return name
        return self._folded.get(name.casefold())

    def read(self, name: str) -> bytes:
        """Read one member's bytes.

        Raises:
            StoryError: The member is missing, damaged or the book is too large in total.
        """
        found = self.find(name)
        if found is None:
            raise StoryError(f"the book has no file {name!r}")
        info = self._members[found]
        # Only text is ever read, so the ratio check applies whatever the name says.
        check_member(info, text=True)
        self._read_total += info.file_size
        if self._read_total > MAX_TOTAL_BYTES:
            raise StoryError("the book is too large to read (over 512 MiB uncompressed)")
        try:
            with self._zip.open(info) as handle:
                # Never trust the directory alone: stop reading past the size it declared.
                data = handle.read(info.file_size + 1)
        except Exception as err:  # noqa: BLE001
            # A damaged member fails in many ways inside zipfile and the decompressors
            # (BadZipFile, zlib.error, ValueError, struct.error, LZMAError...): all mean
            # the same thing to the reader.
            raise StoryError(f"cannot read {found!r} from the book (damaged)") from err
        if len(data) > info.file_size:
            raise StoryError(f"{found!r} is larger than the book's directory says")
        return data

    def _check_encryption(self) -> None:
        root = parse_xml(self.read("META-INF/encryption.xml"), "META-INF/encryption.xml")
        methods = [
            node.get("Algorithm", "")
            for node in root.iter()
            if node.tag.endswith("EncryptionMethod")
        ]
        if not methods or any(not method.startswith(_FONT_OBFUSCATION) for method in methods):
            raise StoryError("the book is encrypted (DRM); fictui cannot read it")


def check_member(info: zipfile.ZipInfo, *, text: bool = False) -> None:
    """Refuse a member that is encrypted, too large, or compressed like a bomb.

    Args:
        info: The member's directory entry.
        text: Treat it as text whatever its name (it is about to be read).

    Raises:
        StoryError: With the reason.
    """
    if info.flag_bits & 0x1:
        raise StoryError("the book is encrypted (password or DRM); fictui cannot read it")
    if info.file_size > MAX_MEMBER_BYTES:
        mib = info.file_size // (1024 * 1024)
        raise StoryError(f"a file inside the book is too large ({mib} MiB uncompressed)")
    is_text = text or info.filename.lower().endswith(TEXT_SUFFIXES)
    if info.file_size > RATIO_FLOOR and is_text:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_TEXT_RATIO:
            raise StoryError(
                f"a file inside the book is compressed {ratio:.0f}:1, which looks like a zip bomb"
            )


def parse_xml(data: bytes, name: str) -> Element:
    """Parse a book's XML file safely: no entities, no external DTDs, no network.

    Raises:
        StoryError: The XML is malformed or declares entities.
    """
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise StoryError(f"{name} declares XML entities; refused for safety") from None
    except (ParseError, ValueError):
        raise StoryError(f"{name} is not well-formed XML") from None
