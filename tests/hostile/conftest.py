"""Fixtures for the hostile-corpus tests: the corpus itself, built once per test process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.make_corpus import Sample, build, remove


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[Sample]]]:
    """The hostile corpus in a temporary folder, and its samples."""
    root = tmp_path_factory.mktemp("hostile") / "library"
    samples = build(root)
    yield root, samples
    remove(root)


def sample_id(sample: Sample) -> str:
    """A printable, stable test id for a sample."""
    return ascii(sample.name.decode("utf-8", "backslashreplace"))[1:-1]
