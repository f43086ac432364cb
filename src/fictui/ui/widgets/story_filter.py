"""Filtering the story list's rows for a query, narrowing from the last result when it can."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fictui.library.entry import Entry
from fictui.library.filter_index import FilterIndex
from fictui.library.query import Query, UserFacts, filter_entries, parse_query


def matches(
    text: str,
    entries: Sequence[Entry],
    facts: Mapping[str, UserFacts],
    order: list[int],
    previous: Query,
    matched: list[int] | None,
    index: FilterIndex | None = None,
) -> tuple[Query, list[int] | None]:
    """The rows a query lets through, in list order.

    Args:
        text: The query as typed.
        entries: Every story.
        facts: The reader's own data by work identity.
        order: Every row index in the list's sort order.
        previous: The query shown now.
        matched: Its rows (None when it was empty).
        index: The filter index of the entries, when the list has one.

    Returns:
        The parsed query and its rows in list order, or None for an empty query.
        A query that only narrows the previous one is filtered within its rows.
    """
    query = parse_query(text)
    if query.is_empty:
        return query, None
    within, asked = order, query
    if matched is not None and not previous.is_empty and query.refines(previous):
        # The previous rows already pass every term typed before: only the new ones run.
        within = matched
        done = set(previous.terms)
        asked = Query(query.text, tuple(term for term in query.terms if term not in done))
    return query, filter_entries(entries, asked, facts, within, index)
