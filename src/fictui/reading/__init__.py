"""The reader's pure document model: flattening, line counts, search, realms and progress."""
