"""The filter language: parsing, matching entries and the reader's own data, highlights."""

from __future__ import annotations

from pathlib import Path

from fictui.library import Entry, UserFacts, filter_entries, parse_query


def make(name: str, **fields: object) -> Entry:
    return Entry(path=Path("/lib") / name, name=name, **fields)  # type: ignore[arg-type]


ENTRIES = [
    make(
        "a.html",
        title="The Dragon of Lantern Hill",
        authors=["Ashwyn Vale"],
        words=62_000,
        chapters=12,
        status="complete",
        tags={"freeform": ["Fluff", "Slow Burn"], "rating": ["Teen And Up Audiences"]},
        fandoms=["Lantern Keepers"],
        rating="Teen And Up Audiences",
        summary="A dragon learns to keep a lamp.",
        identity="ao3:1",
        format="html",
    ),
    make(
        "b.txt",
        title="Café Mornings",
        authors=["Bríd Ó Súilleabháin"],
        words=8_000,
        chapters=3,
        status="in-progress",
        tags={"freeform": ["Angst"]},
        summary="Two words about coffee.",
        identity="ao3:2",
        format="txt",
    ),
    make(
        "c.md",
        title="Harbour Letters",
        authors=["Mael Ash"],
        words=50_000,
        chapters=5,
        status="unknown",
        tags={"freeform": ["Letters", "Found Family"]},
        fandoms=["Harbour Lights"],
        identity="ao3:3",
        format="markdown",
    ),
    make(
        "broken.txt",
        title="broken.txt",
        error="the file is empty",
        identity="file:broken",
        format="txt",
    ),
]


def names(query: str, user: dict[str, UserFacts] | None = None) -> list[str]:
    return [ENTRIES[i].name for i in filter_entries(ENTRIES, parse_query(query), user)]


def test_empty_query_matches_everything_in_order() -> None:
    assert names("") == ["a.html", "b.txt", "c.md", "broken.txt"]
    assert parse_query("   ").is_empty


def test_plain_words_are_case_and_accent_insensitive_and_all_must_match() -> None:
    assert names("dragon") == ["a.html"]
    assert names("CAFE") == ["b.txt"]
    assert names("suilleabhain") == ["b.txt"]
    assert names("dragon lamp") == ["a.html"]
    assert names("dragon coffee") == []


def test_plain_words_search_title_authors_tags_and_summary() -> None:
    assert names("slow") == ["a.html"]  # a tag
    assert names("coffee") == ["b.txt"]  # the summary
    assert names("ash") == ["a.html", "c.md"]  # authors
    assert names("broken") == ["broken.txt"]  # an error row's title is its file name


def test_quoted_phrase_must_appear_as_written() -> None:
    assert names('"two words"') == ["b.txt"]
    assert names('"words two"') == []
    assert names('"lantern hill') == ["a.html"]  # an unclosed quote runs to the end


def test_field_terms() -> None:
    assert names("author:ash") == ["a.html", "c.md"]
    assert names("author:vale") == ["a.html"]
    assert names('author:"mael ash"') == ["c.md"]
    assert names("tag:fluff") == ["a.html"]
    assert names("tag:found") == ["c.md"]
    assert names("fandom:harbour") == ["c.md"]
    assert names("rating:teen") == ["a.html"]
    assert names("format:txt") == ["b.txt", "broken.txt"]


def test_status_terms() -> None:
    assert names("status:complete") == ["a.html"]
    assert names("status:in-progress") == ["b.txt"]
    assert names("status:wip") == ["b.txt"]
    assert names("-status:complete author:ash") == ["c.md"]


def test_word_counts_with_operators_and_suffixes() -> None:
    assert names("words:>50000") == ["a.html"]
    assert names("words:>=50k") == ["a.html", "c.md"]
    assert names("words:<10k") == ["b.txt"]
    assert names("words:<=8000") == ["b.txt"]
    assert names("words:=50000") == ["c.md"]
    assert names("words:50k") == ["c.md"]
    assert names("words:>1.5k words:<9k") == ["b.txt"]
    assert names("chapters:>=5") == ["a.html", "c.md"]


def test_invalid_or_unknown_terms_become_plain_words() -> None:
    query = parse_query("words:lots colour:blue status:sideways has:cats")
    assert [t.kind for t in query.terms] == ["word"] * 4
    assert [t.value for t in query.terms] == [
        "words:lots",
        "colour:blue",
        "status:sideways",
        "has:cats",
    ]
    assert names("colour:blue") == []


def test_a_field_without_a_value_yet_is_ignored_while_typing() -> None:
    assert names("author:") == names("")
    assert names("dragon tag:") == ["a.html"]


def test_negation() -> None:
    assert names("-dragon") == ["b.txt", "c.md", "broken.txt"]
    assert names("-tag:fluff -tag:angst") == ["c.md", "broken.txt"]


def test_parse_never_raises_on_odd_input() -> None:
    for text in ['"', "-", "::", 'a:"', "words:>", "\x00\x1b[31m", "tag:" * 50, "-" * 10]:
        parse_query(text)


def test_reading_status_and_notes_come_from_user_facts() -> None:
    user = {
        "ao3:1": UserFacts(status="finished", notes="Reread the lamp scene", has_notes=True),
        "ao3:2": UserFacts(status="reading", progress=0.4),
    }
    assert names("unread", user) == ["c.md", "broken.txt"]
    assert names("reading", user) == ["b.txt"]
    assert names("finished", user) == ["a.html"]
    assert names("has:notes", user) == ["a.html"]
    assert names("reread", user) == ["a.html"]  # the reader's own notes are searched
    assert names("reread") == []
    assert names("unread") == ["a.html", "b.txt", "c.md", "broken.txt"]


def test_within_narrows_a_previous_result() -> None:
    first = parse_query("a")
    previous = filter_entries(ENTRIES, first)
    second = parse_query("ash")
    assert second.refines(first)
    narrowed = filter_entries(ENTRIES, second, within=previous)
    assert narrowed == filter_entries(ENTRIES, second)
    assert filter_entries(ENTRIES, parse_query("dragon"), within=[1, 2]) == []


def test_refines_knows_what_only_narrows() -> None:
    assert parse_query("drag").refines(parse_query("dra"))
    assert parse_query("dragon author:a").refines(parse_query("dragon"))
    assert parse_query("words:>60000").refines(parse_query("words:>50000"))
    assert not parse_query("words:<60000").refines(parse_query("words:<50000"))
    assert not parse_query("-drag").refines(parse_query("-dra"))
    assert not parse_query("dog").refines(parse_query("dra"))
    assert parse_query("anything").refines(parse_query(""))


def test_highlights_find_words_ignoring_case_and_accents() -> None:
    query = parse_query("cafe morn author:ash")
    text = "Café Mornings at the café"
    assert query.highlights(text) == [(0, 4), (5, 9), (21, 25)]
    assert parse_query("dragon").highlights("no match here") == []
    assert parse_query("-dragon").highlights("dragon") == []


def test_highlights_merge_overlaps_and_map_expanding_folds() -> None:
    assert parse_query("lan ante").highlights("lantern") == [(0, 5)]
    # 'ß' folds to two letters: the span still covers the original character.
    assert parse_query("strasse").highlights("Große Straße") == [(6, 12)]


def test_large_libraries_take_the_storage_order_search_and_agree_with_the_small_path() -> None:
    from fictui.library import query as query_module

    library = [
        make(
            f"{n}.txt",
            title=f"Story {n}",
            summary="a dragon sleeps" if n % 7 == 0 else "quiet tea",
            authors=["Ash Vale" if n % 3 == 0 else "Rowan"],
            tags={"freeform": ["fluff"] if n % 5 == 0 else ["angst"]},
            status="complete" if n % 2 == 0 else "in-progress",
            words=n * 10,
            error="unreadable" if n % 11 == 0 else None,
        )
        for n in range(query_module.MASK_MIN + 50)
    ]
    order = list(reversed(range(len(library))))
    for text in (
        "dragon",
        "-dragon",
        "tea",
        "zzz",
        "d",
        "author:ash",
        "-tag:fluff",
        "status:complete dragon",
        "words:>20000",
        "-words:>20000",
        "format:txt",
    ):
        query = parse_query(text)
        big = filter_entries(library, query, within=order)
        small = [
            i
            for chunk in range(0, len(order), 1000)
            for i in filter_entries(library, query, within=order[chunk : chunk + 1000])
        ]
        assert big == small, text
    assert len(filter_entries(library, parse_query("dragon"), within=order)) == len(
        [n for n in range(len(library)) if n % 7 == 0]
    )
