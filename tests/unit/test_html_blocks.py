"""HTML to blocks: inline styles, breaks, quotes, dropped elements, entities and sanitizing."""

from __future__ import annotations

from pathlib import Path

from fictui.formats.read import parse_bytes
from fictui.model import Block, BlockKind, Span, Story, Style


def _story(body: str, head: str = "<title>Page</title>") -> Story:
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return parse_bytes(page.encode("utf-8"), Path("page.html"))


def _blocks(body: str) -> list[Block]:
    story = _story(body)
    return [block for chapter in story.chapters for block in chapter.blocks]


def test_inline_styles() -> None:
    (block,) = _blocks(
        "<p>a <i>i</i> <em>em</em> <cite>cite</cite> <span style='font-style: italic'>css</span>"
        " <b>b</b> <strong>s</strong> <u>u</u> <b><i>bi</i></b></p>"
    )
    styles = {word: span.style for span in block.spans for word in span.text.split()}
    assert styles["i"] == Style.ITALIC
    assert styles["em"] == Style.ITALIC
    assert styles["cite"] == Style.ITALIC
    assert styles["css"] == Style.ITALIC
    assert styles["b"] == Style.BOLD
    assert styles["s"] == Style.BOLD
    assert styles["u"] == Style.UNDERLINE
    assert styles["bi"] == Style.ITALIC | Style.BOLD
    assert block.text == "a i em cite css b s u bi"


def test_whitespace_collapses_between_spans() -> None:
    (block,) = _blocks("<p>\n   Hello,\n   <em>dear</em>\n  reader.  </p>")
    assert block.spans == [Span("Hello, "), Span("dear", Style.ITALIC), Span(" reader.")]


def test_breaks_scenes_and_quotes() -> None:
    blocks = _blocks(
        "<p>one</p><hr><p>line one<br>line two<br/>line three</p>"
        "<p style='text-align:center'>~o~</p><p align=center>oOo</p><p>* * *</p>"
        "<blockquote><p>quoted <i>words</i></p></blockquote><p>...</p>"
    )
    kinds = [b.kind for b in blocks]
    assert kinds == [
        BlockKind.PARAGRAPH,
        BlockKind.SCENE_BREAK,
        BlockKind.VERSE,
        BlockKind.SCENE_BREAK,
        BlockKind.SCENE_BREAK,
        BlockKind.SCENE_BREAK,
        BlockKind.QUOTE,
        BlockKind.PARAGRAPH,
    ]
    assert blocks[2].text == "line one\nline two\nline three"
    assert blocks[6].spans[-1] == Span("words", Style.ITALIC)


def test_hidden_elements_are_dropped() -> None:
    story = _story(
        "<nav>Home | Next</nav><header>Site header</header><p>Story <!-- hidden --> text</p>"
        "<script>alert('x')</script><style>p{}</style><form><input value='q'>"
        "<button>Go</button></form><footer>Footer links</footer><aside>Ads</aside>"
        "<noscript>enable js</noscript><p style='display: none'>secret</p>"
        "<div hidden>also hidden</div><p role='navigation'>Prev | Next</p>",
        head="<title>T</title><script>bad()</script>",
    )
    texts = [b.text for c in story.chapters for b in c.blocks]
    assert texts == ["Story text"]


def test_entities_decoded_then_sanitized() -> None:
    story = _story("<p>bell&#7; esc&#x1b;[31mred &amp; &lt;b&gt; caf&eacute;</p>")
    text = story.chapters[0].blocks[0].text
    assert "\x1b" not in text and "\x07" not in text
    assert "&" in text and "<b>" in text and "café" in text
    assert any("control" in problem for problem in story.problems)


def test_links_are_text_and_nothing_is_fetched() -> None:
    (block,) = _blocks(
        '<p>See <a href="http://127.0.0.1:9/x">the map</a>. '
        '<img src="http://127.0.0.1:9/y.png" alt="a gull"></p>'
    )
    assert block.text == "See the map. [a gull]"


def test_broken_markup_still_reads() -> None:
    blocks = _blocks("<p>one <i>two <b>three</p><p>four</i> five<div>six")
    assert [b.text for b in blocks] == ["one two three", "four five", "six"]
    assert blocks[0].spans[-1].style == Style.ITALIC | Style.BOLD


def test_deep_nesting_does_not_crash() -> None:
    blocks = _blocks("<div>" * 5000 + "<p>deep <i>text</i></p>" + "</div>" * 5000)
    assert [b.text for b in blocks] == ["deep text"]


def test_empty_paragraphs_skipped() -> None:
    assert [b.text for b in _blocks("<p>&nbsp;</p><p> </p><p>real</p><p><br></p>")] == ["real"]


def test_meta_charset_respected() -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head>'
        "<body><p>na\xefve \u201cquotes\u201d</p></body></html>"
    )
    story = parse_bytes(page.encode("cp1252"), Path("old.html"))
    assert story.title == "Café"
    assert story.chapters[0].blocks[0].text == "naïve “quotes”"
    assert story.encoding == "cp1252"


def test_lists_keep_their_marks() -> None:
    texts = [
        b.text
        for b in _blocks(
            "<ul><li>milk</li><li><i>eggs</i></li></ul><ol><li>one</li><li>two</li></ol>"
        )
    ]
    assert texts == ["• milk", "• eggs", "1. one", "2. two"]


def test_page_stylesheet_classes() -> None:
    story = _story(
        "<p class='thought'>Was that thunder?</p><p class='sep'>oOo</p><p>It was.</p>",
        head="<title>T</title><style>.thought { font-style: italic } .sep { text-align: center }"
        "</style>",
    )
    blocks = story.chapters[0].blocks
    assert [b.kind for b in blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.SCENE_BREAK,
        BlockKind.PARAGRAPH,
    ]
    assert blocks[0].is_italic and not blocks[2].is_italic
