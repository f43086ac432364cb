"""An EPUB's package: container.xml, the OPF's metadata, manifest and spine, and its navigation."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from fictui.errors import StoryError
from fictui.formats.epub_zip import Book, parse_xml, resolve

_CONTAINER = "META-INF/container.xml"


@dataclass(slots=True)
class Package:
    """What the OPF says about a book."""

    opf: str
    """The OPF's member name (links in it are relative to it)."""
    metadata: dict[str, list[str]] = field(default_factory=dict)
    """Dublin Core values by element name ('title', 'creator', 'subject', ...)."""
    meta: dict[str, str] = field(default_factory=dict)
    """`<meta name=... content=...>` and EPUB 3 `<meta property=...>` values."""
    dates: dict[str, str] = field(default_factory=dict)
    """dc:date values by event ('publication', 'modification', '' when unnamed)."""
    manifest: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Manifest id -> (member name, media type, properties)."""
    spine: list[str] = field(default_factory=list)
    """Member names of the spine documents, in reading order."""
    toc_id: str = ""
    """The manifest id of the NCX named by the spine."""

    def first(self, name: str) -> str:
        """The first value of a Dublin Core element, or ''."""
        values = self.metadata.get(name)
        return values[0] if values else ""

    def stylesheets(self) -> list[str]:
        """Member names of the book's CSS files."""
        return [href for href, media, _ in self.manifest.values() if media == "text/css"]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(node: Element, name: str) -> str:
    for key, value in node.attrib.items():
        if _local(key) == name:
            return value
    return ""


def _text(node: Element) -> str:
    return " ".join("".join(node.itertext()).split())


def find_opf(book: Book) -> str:
    """The OPF's member name, from META-INF/container.xml.

    Raises:
        StoryError: The container or the OPF is missing.
    """
    if book.find(_CONTAINER) is None:
        raise StoryError("not a valid EPUB: META-INF/container.xml is missing")
    root = parse_xml(book.read(_CONTAINER), _CONTAINER)
    for node in root.iter():
        if _local(node.tag) == "rootfile":
            path = _attr(node, "full-path")
            media = _attr(node, "media-type")
            if path and media in ("", "application/oebps-package+xml"):
                found = book.find(resolve("", path))
                if found is None:
                    raise StoryError(f"not a valid EPUB: its package file {path!r} is missing")
                return found
    raise StoryError("not a valid EPUB: container.xml names no package file")


def read_package(book: Book) -> Package:
    """Read the OPF: metadata, manifest and spine.

    Raises:
        StoryError: The OPF is missing, malformed or has no spine.
    """
    opf = find_opf(book)
    root = parse_xml(book.read(opf), opf)
    package = Package(opf)
    refs: list[tuple[str, str]] = []
    for node in root.iter():
        name = _local(node.tag)
        parent_ns = node.tag.startswith("{http://purl.org/dc/elements/1.1/}")
        if parent_ns:
            value = _text(node)
            if value:
                package.metadata.setdefault(name, []).append(value)
                if name == "date":
                    package.dates.setdefault(_attr(node, "event"), value)
                if name == "identifier":
                    package.meta.setdefault(f"scheme:{_attr(node, 'scheme').lower()}", value)
        elif name == "meta":
            key = node.get("name") or node.get("property") or ""
            value = node.get("content") or _text(node)
            if key and value:
                package.meta.setdefault(key, value)
        elif name == "item":
            item_id, href = node.get("id", ""), node.get("href", "")
            if item_id and href:
                package.manifest[item_id] = (
                    resolve(opf, href),
                    node.get("media-type", ""),
                    node.get("properties", ""),
                )
        elif name == "spine":
            package.toc_id = node.get("toc", "")
            for ref in node:
                if _local(ref.tag) != "itemref":
                    continue
                refs.append((ref.get("idref", ""), ref.get("linear", "")))
    for idref, linear in refs:
        if idref not in package.manifest:
            raise StoryError(f"not a valid EPUB: spine item {idref!r} is not in the manifest")
        href, _, properties = package.manifest[idref]
        # The navigation page and non-linear extras are not part of the reading text.
        if "nav" in properties.split() or linear == "no":
            continue
        package.spine.append(href)
    if not package.spine:
        raise StoryError("not a valid EPUB: the package has no spine (no reading order)")
    for member in package.spine:
        if book.find(member) is None:
            raise StoryError(f"not a valid EPUB: spine item {member!r} is missing from the book")
    return package


def read_navigation(book: Book, package: Package) -> dict[str, str]:
    """Chapter titles from the navigation (EPUB 3 nav or NCX), by member name.

    The first title pointing into a file wins; a broken navigation file is
    ignored (titles then come from headings).
    """
    titles: dict[str, str] = {}
    nav = next((href for href, _, props in package.manifest.values() if "nav" in props.split()), "")
    ncx = package.manifest.get(package.toc_id, ("", "", ""))[0] or next(
        (href for href, media, _ in package.manifest.values() if media.endswith("dtbncx+xml")), ""
    )
    try:
        if ncx and book.find(ncx):
            _read_ncx(parse_xml(book.read(ncx), ncx), ncx, titles)
        if not titles and nav and book.find(nav):
            _read_nav(book.read(nav), nav, titles)
    except StoryError:
        return {}
    return titles


def _read_ncx(root: Element, base: str, titles: dict[str, str]) -> None:
    for point in root.iter():
        if _local(point.tag) != "navPoint":
            continue
        label = src = ""
        for child in point:
            if _local(child.tag) == "navLabel":
                label = _text(child)
            elif _local(child.tag) == "content":
                src = child.get("src", "")
        if src and label:
            titles.setdefault(resolve(base, src), label)


def _read_nav(data: bytes, base: str, titles: dict[str, str]) -> None:
    # The nav document is XHTML: read it with the HTML parser, which never
    # resolves entities or fetches anything.
    from fictui.formats.htmlblocks import node_text, parse_html

    tree = parse_html(data.decode("utf-8", "replace"))
    navs = tree.css("nav")
    toc = next((n for n in navs if "toc" in (n.attrs.get("epub:type") or "")), None)
    for link in (toc or tree).css("a[href]"):
        label = node_text(link)
        if label:
            titles.setdefault(resolve(base, link.attrs.get("href") or ""), label)
