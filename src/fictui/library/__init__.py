"""The library: scanning, the index cache, filtering and sorting, watching."""
