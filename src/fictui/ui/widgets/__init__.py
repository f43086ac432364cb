"""The widgets of the fictui app: story list, reader, notes panel, status line."""
