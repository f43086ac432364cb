"""EPUB samples for the hostile corpus: a small EPUB builder, a zip bomb, broken archives."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from functools import cache

from tests.hostile.payloads import MARKUP, PROSE

SampleData = tuple[bytes, str, str | None, bool]
"""A sample's bytes, what it is, a phrase it must read as (or None) and whether it must fail."""


_CONTAINER = (
    "<?xml version='1.0'?><container version='1.0' "
    "xmlns='urn:oasis:names:tc:opendocument:xmlns:container'><rootfiles>"
    "<rootfile full-path='{}' media-type='application/oebps-package+xml'/></rootfiles></container>"
)


def opf(title: str, items: list[str], doctype: str = "") -> str:
    """An OPF package naming ``items`` as its spine, with ``title`` in every metadata field."""
    manifest = "".join(
        f"<item id='c{i}' href='{href}' media-type='application/xhtml+xml'/>"
        for i, href in enumerate(items)
    )
    spine = "".join(f"<itemref idref='c{i}'/>" for i in range(len(items)))
    return (
        f"<?xml version='1.0'?>{doctype}<package xmlns='http://www.idpf.org/2007/opf' "
        "version='3.0' unique-identifier='id'><metadata xmlns:dc='http://purl.org/dc/elements/1.1/'>"
        f"<dc:identifier id='id'>x</dc:identifier><dc:title>{title}</dc:title>"
        f"<dc:creator>{title}</dc:creator><dc:subject>{title}</dc:subject>"
        f"<dc:description>{title}</dc:description></metadata><manifest>{manifest}</manifest>"
        f"<spine>{spine}</spine></package>"
    )


def xhtml(title: str, body: str, doctype: str = "") -> str:
    """One XHTML chapter document."""
    return (
        f"<?xml version='1.0' encoding='utf-8'?>{doctype}<html xmlns='http://www.w3.org/1999/xhtml'>"
        f"<head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    )


def epub(files: dict[str, str | bytes], opf_path: str = "OEBPS/content.opf") -> bytes:
    """An EPUB archive of ``files`` (name to content) with the mimetype and container."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        # ZipInfo entries carry a fixed date, so the bytes (and fuzz seeds) never vary.
        container = zipfile.ZipInfo("META-INF/container.xml")
        archive.writestr(container, _CONTAINER.format(opf_path), zipfile.ZIP_DEFLATED)
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


@cache
def zip_bomb(gib: int = 1) -> bytes:
    """An EPUB whose one chapter inflates to ``gib`` GiB of spaces from about a megabyte.

    Built by repeating one fully flushed deflate block, so it takes well under a
    second instead of compressing a gigabyte.
    """
    chunk = b" " * (1 << 20)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = squeeze.compress(chunk) + squeeze.flush(zlib.Z_FULL_FLUSH)
    count = gib * 1024
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    deflated = block * count + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    entries = [
        ("mimetype", b"application/epub+zip", 0, zlib.crc32(b"application/epub+zip"), 20),
        ("META-INF/container.xml", _CONTAINER.format("c.opf").encode(), 0, None, 0),
        ("c.opf", opf("Bomb", ["bomb.xhtml"]).encode(), 0, None, 0),
        ("bomb.xhtml", deflated, 8, crc, count * len(chunk)),
    ]
    out = io.BytesIO()
    central = io.BytesIO()
    for name, data, method, crc32, size in entries:
        crc32 = zlib.crc32(data) if crc32 is None else crc32
        size = size or len(data)
        offset = out.tell()
        fields = (20, 0, method, 0, 0, crc32, len(data), size, len(name), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name.encode() + data)
        central.write(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, offset)
            + name.encode()
        )
    start = out.tell()
    out.write(central.getvalue())
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 4, 4, len(central.getvalue()), start, 0)
    return out.getvalue() + end


def epub_samples() -> dict[bytes, SampleData]:
    c1 = "\u009b6n \u009d0;PWNED\u009c"  # C1 controls are legal XML 1.0 characters
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    xxe = (
        "<!DOCTYPE p [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>"
        "<!ENTITY a 'aaaaaaaaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
        "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]>"
    )
    return {
        b"c1-metadata.epub": (
            epub(
                {
                    "OEBPS/content.opf": opf(f"{c1} {MARKUP}", ["one.xhtml", "two.xhtml"]),
                    "OEBPS/one.xhtml": xhtml(c1 + MARKUP, body + f"<p>{c1}</p>"),
                    "OEBPS/two.xhtml": xhtml("Two", f"<p><i>{MARKUP}</i></p>" + body),
                }
            ),
            "C1 controls and markup in EPUB metadata and XHTML",
            PROSE[0][:18],
            False,
        ),
        b"entity-escapes.epub": (
            epub(
                {
                    "OEBPS/content.opf": opf("&#x1b;]0;PWNED&#x7;", ["one.xhtml"]),
                    "OEBPS/one.xhtml": xhtml("&#27;]52;c;aGk=&#7;", body + "<p>&#x1b;[2J</p>"),
                }
            ),
            "escape character references (not well-formed XML)",
            None,
            False,
        ),
        b"xxe.epub": (
            epub(
                {
                    "OEBPS/content.opf": opf("&xxe;&c;", ["one.xhtml"], xxe),
                    "OEBPS/one.xhtml": xhtml("&xxe;", f"<p>&xxe;</p><p>&c;</p>{body}", xxe),
                }
            ),
            "external and exponential XML entities",
            None,
            False,
        ),
        b"traversal.epub": (
            epub(
                {
                    "OEBPS/content.opf": opf(
                        "Traversal", ["../../../../etc/passwd", "/etc/passwd", "one.xhtml"]
                    ),
                    "OEBPS/one.xhtml": xhtml("One", body),
                    "../../escape.xhtml": xhtml("Escape", "<p>PWNED</p>"),
                    "/etc/passwd": "PWNED",
                }
            ),
            "traversal names",
            None,
            False,
        ),
        b"missing-opf.epub": (
            epub({"OEBPS/one.xhtml": xhtml("One", body)}, opf_path="OEBPS/nowhere.opf"),
            "container names a missing OPF",
            None,
            False,
        ),
        b"no-container.epub": (
            epub({"OEBPS/one.xhtml": xhtml("One", body)}).replace(
                b"META-INF/container.xml", b"META-INF/xontainer.xml"
            ),
            "no container.xml",
            None,
            False,
        ),
        b"random.epub": (random.Random(11).randbytes(30_000), "random bytes", None, True),
        b"truncated.epub": (
            epub({"OEBPS/content.opf": opf("Cut", ["one.xhtml"]), "OEBPS/one.xhtml": body})[:300],
            "truncated archive",
            None,
            True,
        ),
        b"zip-bomb.epub": (zip_bomb(), "zip bomb (1 GiB inflated)", None, False),
    }
